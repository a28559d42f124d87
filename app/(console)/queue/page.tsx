import { QueueView } from '@/components/queue/queue-view';
import { requireRole } from '@/server/page-guards';

export default async function QueuePage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const actor = await requireRole(['officer', 'supervisor']);
  const { done } = await searchParams;
  return <QueueView role={actor.role} doneTicket={typeof done === 'string' ? done.slice(0, 40) : null} />;
}
