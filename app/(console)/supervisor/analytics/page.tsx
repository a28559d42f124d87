import { AnalyticsView } from '@/components/supervisor/analytics-view';
import { ALL_UNITS } from '@/components/supervisor/initial-inputs';
import { requireRole } from '@/server/page-guards';
import { HydrateClient, prefetch, serverTrpc } from '@/server/trpc-prefetch';

export default async function AnalyticsPage() {
  await requireRole(['supervisor', 'admin']);
  await prefetch(serverTrpc.supervisor.analytics.queryOptions(ALL_UNITS));
  return (
    <HydrateClient>
      <AnalyticsView />
    </HydrateClient>
  );
}
