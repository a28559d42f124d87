import { ALL_UNITS, OVERRIDES_PAGE } from '@/components/supervisor/initial-inputs';
import { OverridesView } from '@/components/supervisor/overrides-view';
import { requireRole } from '@/server/page-guards';
import { HydrateClient, prefetch, prefetchFirstPage, serverTrpc } from '@/server/trpc-prefetch';

export default async function OverridesPage() {
  await requireRole(['supervisor', 'admin']);
  await Promise.all([
    prefetch(serverTrpc.supervisor.overrides.filters.queryOptions(ALL_UNITS)),
    prefetchFirstPage(
      serverTrpc.supervisor.overrides.list.infiniteQueryOptions({ limit: OVERRIDES_PAGE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    ),
  ]);
  return (
    <HydrateClient>
      <OverridesView />
    </HydrateClient>
  );
}
