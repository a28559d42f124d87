import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { shouldRetryQuery } from '@/lib/query-retry';

/** A tRPC client error as the browser receives it from the server. */
const answered = (code: string, httpStatus: number) =>
  new TRPCClientError(code, { result: { error: { message: code, code: -32000, data: { code, httpStatus } } } as never });

describe('which failed queries are tried again', () => {
  it('never a refusal: the same request gets the same answer, so the page shows it at once', () => {
    for (const [code, status] of [
      ['UNAUTHORIZED', 401],
      ['FORBIDDEN', 403],
      ['NOT_FOUND', 404],
      ['BAD_REQUEST', 400],
      ['TOO_MANY_REQUESTS', 429],
    ] as const) {
      expect(shouldRetryQuery(0, answered(code, status)), code).toBe(false);
    }
  });

  it('once when the server could not answer (database away) or nothing answered at all', () => {
    expect(shouldRetryQuery(0, answered('SERVICE_UNAVAILABLE', 503))).toBe(true);
    expect(shouldRetryQuery(0, answered('INTERNAL_SERVER_ERROR', 500))).toBe(true);
    expect(shouldRetryQuery(0, new TRPCClientError('fetch failed'))).toBe(true);
    expect(shouldRetryQuery(1, answered('SERVICE_UNAVAILABLE', 503))).toBe(false);
  });
});
