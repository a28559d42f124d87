import { AuditExplorer } from '@/components/audit/audit-explorer';
import { requireRole } from '@/server/page-guards';

/** The audit explorer: supervisors see their unit, admins every unit. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<{ ticket?: string | string[] }> }) {
  const actor = await requireRole(['supervisor', 'admin']);
  const { ticket } = await searchParams;
  return <AuditExplorer role={actor.role} initialTicket={typeof ticket === 'string' ? ticket.slice(0, 60) : ''} />;
}
