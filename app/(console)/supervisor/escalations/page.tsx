import { EscalationsView } from '@/components/supervisor/escalations-view';
import { requireRole } from '@/server/page-guards';

export default async function EscalationsPage() {
  await requireRole(['supervisor', 'admin']);
  return <EscalationsView />;
}
