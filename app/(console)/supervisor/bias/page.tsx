import { BiasWatchView } from '@/components/supervisor/bias-watch-view';
import { ALL_UNITS } from '@/components/supervisor/initial-inputs';
import { requireRole } from '@/server/page-guards';
import { HydrateClient, prefetch, serverTrpc } from '@/server/trpc-prefetch';

export default async function BiasWatchPage() {
  await requireRole(['supervisor', 'admin']);
  await prefetch(serverTrpc.supervisor.bias.get.queryOptions(ALL_UNITS), serverTrpc.supervisor.overrides.filters.queryOptions(ALL_UNITS));
  return (
    <HydrateClient>
      <BiasWatchView />
    </HydrateClient>
  );
}
