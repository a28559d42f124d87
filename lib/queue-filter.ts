/**
 * The queue's filter: the tRPC input of `queue.list` and the queue page's
 * address (`/queue?service=ktp-el&channel=whatsapp&status=escalated&sort=received`),
 * so a filtered queue survives a reload and can be bookmarked or sent to a
 * colleague. A value the address cannot hold is dropped, never an error.
 * Server side only (zod); the browser writes the address with
 * lib/queue-filter-search.ts.
 */
import { z } from 'zod';
import { DEFAULT_QUEUE_FILTER, QUEUE_FILTER_PARAMS } from './queue-filter-search';
import { CHANNELS, QUEUE_STATUS_FILTERS } from './vocabulary';
import { zString } from './zod-text';

export const ZQueueFilter = z.object({
  serviceCode: zString().max(40).optional(),
  channel: z.enum(CHANNELS).optional(),
  status: z.enum(QUEUE_STATUS_FILTERS).optional(),
  sort: z.enum(['sla', 'received']).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
export type TQueueFilter = z.infer<typeof ZQueueFilter>;

export function queueFilterFromSearch(search: Record<string, string | string[] | undefined>): TQueueFilter {
  const filter: TQueueFilter = { ...DEFAULT_QUEUE_FILTER };
  for (const [param, field] of Object.entries(QUEUE_FILTER_PARAMS)) {
    const raw = search[param];
    const parsed = ZQueueFilter.shape[field].safeParse(typeof raw === 'string' && raw !== '' ? raw : undefined);
    if (parsed.success && parsed.data !== undefined) Object.assign(filter, { [field]: parsed.data });
  }
  return filter;
}
