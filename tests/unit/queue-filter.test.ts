import { describe, expect, it } from 'vitest';
import { queueFilterFromSearch } from '@/lib/queue-filter';
import { DEFAULT_QUEUE_FILTER, queueFilterToSearch } from '@/lib/queue-filter-search';

describe('the queue filter in the address', () => {
  it('reads a bookmarked address back into the same filter', () => {
    const filter = queueFilterFromSearch({ service: 'ktp-el', channel: 'whatsapp', status: 'escalated', sort: 'received' });
    expect(filter).toEqual({ serviceCode: 'ktp-el', channel: 'whatsapp', status: 'escalated', sort: 'received' });
    expect(queueFilterToSearch(filter)).toBe('?service=ktp-el&channel=whatsapp&status=escalated&sort=received');
    expect(queueFilterFromSearch(Object.fromEntries(new URLSearchParams(queueFilterToSearch(filter))))).toEqual(filter);
  });

  it('keeps the plain queue at /queue and drops what the address cannot hold, without an error', () => {
    expect(queueFilterToSearch(DEFAULT_QUEUE_FILTER)).toBe('');
    expect(queueFilterFromSearch({})).toEqual(DEFAULT_QUEUE_FILTER);
    expect(queueFilterFromSearch({ channel: 'fax', status: ['open', 'escalated'], sort: '', service: 'x'.repeat(41) })).toEqual(DEFAULT_QUEUE_FILTER);
  });
});
