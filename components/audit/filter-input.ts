/**
 * The audit explorer's filter as the audit.events input. Not a client module:
 * the page prefetches the first page on the server with the very input the
 * explorer asks for.
 */
import { EMPTY_FILTER, type FilterForm } from './types';

export const AUDIT_PAGE_SIZE = 50;

const DAY_MS = 24 * 60 * 60 * 1000;
// The console keeps office time (Asia/Jakarta, UTC+7) for dates typed into filters.
const startOfDay = (d: string) => new Date(`${d}T00:00:00+07:00`);

/** The form as the audit.events filter: dates become instants, empty fields disappear. */
export function toFilterInput(f: FilterForm) {
  return {
    from: f.from ? startOfDay(f.from) : undefined,
    to: f.to ? new Date(startOfDay(f.to).getTime() + DAY_MS) : undefined,
    actorId: f.actorId || undefined,
    action: f.action.trim() || undefined,
    entityType: f.entityType || undefined,
    entityId: f.entityId.trim() || undefined,
    ticket: f.ticket.trim() || undefined,
    unitId: f.unitId || undefined,
  };
}

/** The form the explorer opens with: empty, or the ticket it was linked with. */
export const initialAuditFilter = (ticket: string): FilterForm => ({ ...EMPTY_FILTER, ticket });

/** The explorer's first page for that form. */
export const firstAuditPage = (ticket: string) => ({ filter: toFilterInput(initialAuditFilter(ticket)), cursor: null, limit: AUDIT_PAGE_SIZE });
