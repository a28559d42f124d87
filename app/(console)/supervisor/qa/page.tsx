import { ALL_UNITS } from '@/components/supervisor/initial-inputs';
import { QaQueueView } from '@/components/supervisor/qa-queue-view';
import { requireRole } from '@/server/page-guards';
import { HydrateClient, prefetch, serverTrpc } from '@/server/trpc-prefetch';

export default async function QaPage() {
  const actor = await requireRole(['supervisor', 'admin']);
  await prefetch(
    serverTrpc.supervisor.qa.queue.queryOptions(ALL_UNITS),
    serverTrpc.supervisor.qa.completed.queryOptions(ALL_UNITS),
    serverTrpc.supervisor.qa.sampleRate.queryOptions(ALL_UNITS),
    serverTrpc.supervisor.overrides.filters.queryOptions(ALL_UNITS),
  );
  return (
    <HydrateClient>
      <QaQueueView role={actor.role} />
    </HydrateClient>
  );
}
