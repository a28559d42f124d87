import { EscalationsView } from '@/components/supervisor/escalations-view';
import { ALL_UNITS } from '@/components/supervisor/initial-inputs';
import { requireRole } from '@/server/page-guards';
import { HydrateClient, prefetch, serverTrpc } from '@/server/trpc-prefetch';

export default async function EscalationsPage() {
  await requireRole(['supervisor', 'admin']);
  await prefetch(serverTrpc.supervisor.escalations.queryOptions(ALL_UNITS), serverTrpc.supervisor.overrides.filters.queryOptions(ALL_UNITS));
  return (
    <HydrateClient>
      <EscalationsView />
    </HydrateClient>
  );
}
