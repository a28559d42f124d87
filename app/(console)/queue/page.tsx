import { QueueView } from '@/components/queue/queue-view';
import { queueFilterFromSearch } from '@/lib/queue-filter';
import { requireRole } from '@/server/page-guards';
import { HydrateClient, prefetch, serverTrpc } from '@/server/trpc-prefetch';

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole(['officer', 'supervisor']);
  const search = await searchParams;
  const done = search.done;
  const filter = queueFilterFromSearch(search);
  await prefetch(serverTrpc.review.services.queryOptions(), serverTrpc.queue.list.queryOptions(filter));
  return (
    <HydrateClient>
      <QueueView role={actor.role} doneTicket={typeof done === 'string' ? done.slice(0, 40) : null} initialFilter={filter} />
    </HydrateClient>
  );
}
