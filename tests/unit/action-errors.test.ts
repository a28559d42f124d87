/**
 * The server actions' adapter (server/action-errors.ts): an action gets back
 * the refusals it named and handles them its own way; any other failure
 * reaches Next's error page and the log instead of vanishing in a blanket catch.
 */
import { describe, expect, it } from 'vitest';
import { expectDomainErrors } from '@/server/action-errors';
import { DomainError } from '@/server/services/core/errors';

describe('server actions: only the expected DomainErrors are caught', () => {
  it('returns the value, or the expected refusal for the action to answer', async () => {
    expect(await expectDomainErrors(['ILLEGAL_TRANSITION'], async () => 'filed')).toEqual({ ok: true, value: 'filed' });
    const refused = await expectDomainErrors(['ILLEGAL_TRANSITION'], async () => {
      throw new DomainError('ILLEGAL_TRANSITION', 'This decision was already objected to');
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
  });

  it('throws on another code, a database outage and a bug', async () => {
    await expect(expectDomainErrors(['ILLEGAL_TRANSITION'], async () => Promise.reject(new DomainError('FORBIDDEN', 'no')))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(expectDomainErrors(['ILLEGAL_TRANSITION'], async () => Promise.reject(new DomainError('DATABASE_UNAVAILABLE', 'away')))).rejects.toMatchObject(
      {
        code: 'DATABASE_UNAVAILABLE',
      },
    );
    await expect(expectDomainErrors(['ILLEGAL_TRANSITION'], async () => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });
});
