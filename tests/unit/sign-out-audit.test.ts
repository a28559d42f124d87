import { afterEach, describe, expect, it, vi } from 'vitest';
import { retrySignOutAudit } from '@/server/auth';

describe('the sign-out audit event while the database is away', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is tried again until it is recorded', async () => {
    let calls = 0;
    const record = async () => {
      if (++calls < 3) throw new Error('connect ECONNREFUSED');
    };
    expect(await retrySignOutAudit(record, 'u-1', [1, 1, 1])).toBe(true);
    expect(calls).toBe(3);
  });

  it('is logged by user when every attempt fails, never dropped silently', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await retrySignOutAudit(() => Promise.reject(new Error('down')), 'u-2', [1, 1])).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('sign-out of user u-2 could not be recorded'));
  });
});
