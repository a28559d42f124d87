import { AuditExplorer } from '@/components/audit/audit-explorer';
import { firstAuditPage } from '@/components/audit/filter-input';
import { requireRole } from '@/server/page-guards';
import { HydrateClient, prefetch, serverTrpc } from '@/server/trpc-prefetch';

/** The audit explorer: supervisors see their unit, admins every unit. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<{ ticket?: string | string[] }> }) {
  const actor = await requireRole(['supervisor', 'admin']);
  const { ticket } = await searchParams;
  const initialTicket = typeof ticket === 'string' ? ticket.slice(0, 60) : '';
  await prefetch(
    serverTrpc.audit.overview.queryOptions(),
    serverTrpc.audit.filterOptions.queryOptions(),
    serverTrpc.audit.events.queryOptions(firstAuditPage(initialTicket)),
  );
  return (
    <HydrateClient>
      <AuditExplorer role={actor.role} initialTicket={initialTicket} />
    </HydrateClient>
  );
}
