import { OverridesView } from '@/components/supervisor/overrides-view';
import { requireRole } from '@/server/page-guards';

export default async function OverridesPage() {
  await requireRole(['supervisor', 'admin']);
  return <OverridesView />;
}
