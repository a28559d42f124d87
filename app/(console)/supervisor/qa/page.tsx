import { QaQueueView } from '@/components/supervisor/qa-queue-view';
import { requireRole } from '@/server/page-guards';

export default async function QaPage() {
  const actor = await requireRole(['supervisor', 'admin']);
  return <QaQueueView role={actor.role} />;
}
