/**
 * The REST adapter of the services' DomainErrors (server/intake-http.ts): what
 * a channel system receives for each refusal the intake services throw — the
 * HTTP status and the exact error body the API documents (ZApiError in the
 * OpenAPI document), with `fields` where the service named them.
 */
import { describe, expect, it } from 'vitest';
import { restAnswer, restError, respond } from '@/server/intake-http';
import { DomainError, DOMAIN_ERROR_CODES, type DomainErrorCode } from '@/server/services/core/errors';
import { ZApiError } from '@/server/services/intake/schema';

describe('REST adapter: DomainError → HTTP status and the API error body', () => {
  it('answers each refusal of the intake with the status and body the API has always given', () => {
    const cases: [DomainError, number, Record<string, unknown>][] = [
      [
        new DomainError('VALIDATION_FAILED', 'The submission is not valid', { fields: { 'citizen.nik': 'nik must be 16 digits' } }),
        400,
        { error: { code: 'VALIDATION_FAILED', message: 'The submission is not valid', fields: { 'citizen.nik': 'nik must be 16 digits' } } },
      ],
      [
        new DomainError('ATTACHMENT_TOO_LARGE', 'An attachment exceeds 2097152 bytes', { fields: { 'attachments.0.contentBase64': 'too big' } }),
        413,
        { error: { code: 'ATTACHMENT_TOO_LARGE', message: 'An attachment exceeds 2097152 bytes', fields: { 'attachments.0.contentBase64': 'too big' } } },
      ],
      [
        new DomainError('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1–200 visible ASCII characters'),
        400,
        { error: { code: 'IDEMPOTENCY_KEY_INVALID', message: 'Idempotency-Key must be 1–200 visible ASCII characters' } },
      ],
      // 422 on REST (its contract since v1), although tRPC answers the same code with CONFLICT.
      [new DomainError('IDEMPOTENCY_KEY_REUSED', 'used before'), 422, { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'used before' } }],
      [
        new DomainError('NOT_FOUND', 'No submission with this ticket for your unit'),
        404,
        { error: { code: 'NOT_FOUND', message: 'No submission with this ticket for your unit' } },
      ],
      [new DomainError('INVALID_ENCODING', 'not UTF-8'), 400, { error: { code: 'INVALID_ENCODING', message: 'not UTF-8' } }],
    ];
    for (const [error, status, body] of cases) {
      const answer = restError(error);
      expect({ code: error.code, status: answer.status, body: answer.body }).toEqual({ code: error.code, status, body });
      // What the OpenAPI document promises a client it can parse.
      expect(ZApiError.safeParse(answer.body).success, error.code).toBe(true);
    }
  });

  it('asks a retry of a database outage after two seconds, and sends the answer uncached', async () => {
    const answer = restError(new DomainError('DATABASE_UNAVAILABLE', 'The database is not reachable right now; try again in a moment'));
    expect(answer).toMatchObject({ status: 503, headers: { 'Retry-After': '2' }, body: { error: { code: 'DATABASE_UNAVAILABLE' } } });
    const res = respond(answer);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual(answer.body);
  });

  it('gives every domain code a status of its class: client errors 4xx, an outage 503, never a 500', () => {
    for (const code of Object.keys(DOMAIN_ERROR_CODES) as DomainErrorCode[]) {
      const { status } = restError(new DomainError(code, 'x'));
      expect({ code, status: status >= 400 && status < 500 ? '4xx' : status }).toEqual({ code, status: code === 'DATABASE_UNAVAILABLE' ? 503 : '4xx' });
    }
  });

  it('passes a result through and a DomainError as the refusal; any other failure is thrown on, not turned into a refusal', async () => {
    expect(
      await restAnswer(
        async () => ({ ticket: 'A' }),
        (body) => ({ status: 201, body }),
      ),
    ).toEqual({ status: 201, body: { ticket: 'A' } });
    expect(
      await restAnswer(
        async () => Promise.reject(new DomainError('NOT_FOUND', 'gone')),
        () => ({ status: 200, body: {} }),
      ),
    ).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'gone' } },
    });
    await expect(
      restAnswer(
        async () => Promise.reject(new Error('bug')),
        () => ({ status: 200, body: {} }),
      ),
    ).rejects.toThrow('bug');
  });
});
