/**
 * The queue filter ↔ the queue page's address, without zod: this module is
 * loaded in the browser, and zod 4 probes `new Function` when a schema is
 * built, which the page's CSP (no 'unsafe-eval') reports as a violation. The
 * schema and the parsing of an address live in lib/queue-filter.ts (server).
 */
import type { TQueueFilter } from './queue-filter';

export const DEFAULT_QUEUE_FILTER: TQueueFilter = { status: 'open', sort: 'sla' };

/** Address parameter → filter field. */
export const QUEUE_FILTER_PARAMS = { service: 'serviceCode', channel: 'channel', status: 'status', sort: 'sort' } as const;

/** The address query of a filter: the defaults are left out, so the plain queue stays `/queue`. */
export function queueFilterToSearch(filter: TQueueFilter): string {
  const params = new URLSearchParams();
  for (const [param, field] of Object.entries(QUEUE_FILTER_PARAMS)) {
    const value = filter[field];
    if (value !== undefined && value !== DEFAULT_QUEUE_FILTER[field]) params.set(param, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}
