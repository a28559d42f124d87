/**
 * HTTP plumbing of the REST intake API (app/api/v1/**): API-key
 * authentication, the per-key rate limit, a bounded body read, one error
 * shape, and the REST adapter of the services' DomainErrors (restError). The
 * routes stay thin; the rules live in server/services/intake/intake.ts, which
 * knows nothing of HTTP.
 */
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { getDb, type Db, type DbOrTx } from '@/db/client';
import { databaseOutage } from '@/db/errors';
import { jsonTextTooDeep } from '@/lib/json-limits';
import { decodeUtf8Strict } from '@/lib/utf8';
import { authenticateApiKey, keyFromHeaders, type ApiClient } from './services/intake/api-keys';
import { intakeSubmission, submissionStatusForClient, type EnqueueDrafting } from './services/intake/intake';
import { channelReply } from './services/citizen/replies';
import { env } from '@/lib/env';
import { JSON_MAX_DEPTH, type ApiErrorCode } from './services/intake/schema';
import { hitRateLimit } from './services/core/rate-limit';
import { DOMAIN_ERROR_CODES, isDomainError, type DomainError, type DomainErrorCode } from './services/core/errors';

export type ApiResponse = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

/** The API's one error body, `{ error: { code, message, fields? } }` (ZApiError in the OpenAPI document), with its status. */
export const apiError = (
  status: number,
  code: ApiErrorCode | DomainErrorCode,
  message: string,
  fields?: Record<string, string>,
  headers?: Record<string, string>,
): ApiResponse => ({
  status,
  body: { error: fields ? { code, message, fields } : { code, message } },
  headers,
});

/**
 * Where the REST contract answers a domain error with another status than
 * its class in DOMAIN_ERROR_CODES gives (through tRPC's own table of codes to
 * HTTP statuses, so both transports read one mapping).
 */
const REST_STATUS: Partial<Record<DomainErrorCode, number>> = {
  // The API has answered a reused key with 422 since v1 (its class, CONFLICT, would be 409 as on tRPC).
  IDEMPOTENCY_KEY_REUSED: 422,
};

export const restStatus = (code: DomainErrorCode): number => REST_STATUS[code] ?? getHTTPStatusCodeFromError(new TRPCError({ code: DOMAIN_ERROR_CODES[code] }));

/** A DomainError in the API's error format: the domain code is the API code, details.fields its `fields`. */
export function restError(e: DomainError): ApiResponse {
  const fields = e.details?.fields as Record<string, string> | undefined;
  return apiError(restStatus(e.code), e.code, e.message, fields, e.code === 'DATABASE_UNAVAILABLE' ? { 'Retry-After': '2' } : undefined);
}

/** Runs a service call: its result through `ok`, a DomainError as the API's refusal; anything else is thrown on (apiRoute answers it). */
export async function restAnswer<T>(call: () => Promise<T>, ok: (result: T) => ApiResponse): Promise<ApiResponse> {
  let result: T;
  try {
    result = await call();
  } catch (e) {
    if (isDomainError(e)) return restError(e);
    throw e;
  }
  return ok(result);
}

/** POST /api/v1/submissions: the receipt with 201 (on a replay of the same key and body too, marked Idempotency-Replayed), or the refusal. */
export const intakeAnswer = (db: Db, deps: { enqueueDrafting: EnqueueDrafting }, client: ApiClient, body: unknown, idempotencyKey: string | null) =>
  restAnswer(
    () => intakeSubmission(db, deps, client, body, idempotencyKey),
    ({ receipt, replayed }) => ({ status: 201, body: receipt, ...(replayed ? { headers: { 'Idempotency-Replayed': 'true' } } : {}) }),
  );

/** POST /api/v1/submissions/{ticket}/replies: 201 with the reply's receipt (a replay of the same key and body too, marked Idempotency-Replayed), or the refusal. */
export const replyAnswer = (
  db: Db,
  deps: { enqueueDrafting: EnqueueDrafting },
  client: ApiClient,
  ticket: string,
  body: unknown,
  idempotencyKey: string | null,
) =>
  restAnswer(
    () => channelReply(db, deps, client, ticket, body, idempotencyKey),
    ({ receipt, replayed }) => ({ status: 201, body: receipt, ...(replayed ? { headers: { 'Idempotency-Replayed': 'true' } } : {}) }),
  );

/** GET /api/v1/submissions/{ticket}: the status of the key's own unit's ticket, or 404. */
export const statusAnswer = (db: DbOrTx, client: ApiClient, ticket: string) =>
  restAnswer(
    () => submissionStatusForClient(db, client, ticket),
    (body) => ({ status: 200, body }),
  );

export function respond(r: ApiResponse): Response {
  return Response.json(r.body, {
    status: r.status,
    headers: { 'Cache-Control': 'no-store', ...r.headers },
  });
}

/**
 * Every intake route runs inside this: a failure nobody foresaw still answers
 * in the API's error format (never an empty 500), and while the database is
 * away the channel gets 503 DATABASE_UNAVAILABLE with Retry-After, which its
 * retry (same Idempotency-Key) can act on.
 */
export function apiRoute<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (e) {
      if (databaseOutage(e)) {
        return respond(
          apiError(503, 'DATABASE_UNAVAILABLE', 'The database is not reachable right now; retry with the same Idempotency-Key', undefined, {
            'Retry-After': '2',
          }),
        );
      }
      // A service's refusal that a route did not answer itself: still the API's format and status.
      if (isDomainError(e)) return respond(restError(e));
      console.error('intake API:', e);
      return respond(apiError(500, 'INTERNAL', 'Internal error; nothing was saved'));
    }
  };
}

/** A ticket from the path: decoded once more when it still holds escapes (a malformed one such as `%E0%A4` is kept as it is), trimmed, upper case. */
export function ticketParam(raw: string): string {
  let value = raw;
  try {
    value = decodeURIComponent(raw);
  } catch {
    // Not a valid escape sequence: look it up as written (it matches no ticket and answers 404).
  }
  return value.trim().toUpperCase();
}

/** The calling channel system, within its rate limit; or the response that refuses it. */
export async function apiClientFor(req: Request): Promise<{ client: ApiClient; headers: Record<string, string> } | { refused: Response }> {
  const db = getDb();
  const client = await authenticateApiKey(db, keyFromHeaders(req.headers));
  if (!client) {
    return {
      refused: respond(apiError(401, 'UNAUTHORIZED', 'A valid API key is required (Authorization: Bearer <key>)', undefined, { 'WWW-Authenticate': 'Bearer' })),
    };
  }
  const limit = await hitRateLimit(db, `api:${client.id}`, client.rateLimitPerMinute, 60);
  const headers = { 'X-RateLimit-Limit': String(limit.limit), 'X-RateLimit-Remaining': String(Math.max(0, limit.limit - limit.count)) };
  if (!limit.allowed) {
    return {
      refused: respond(
        apiError(429, 'RATE_LIMITED', `At most ${limit.limit} requests per minute for this key`, undefined, {
          ...headers,
          'Retry-After': String(limit.retryAfterSeconds),
        }),
      ),
    };
  }
  return { client, headers };
}

type BodyRead = { bytes: Buffer } | { refused: ApiResponse };

/**
 * Reads the raw body: never more than the limit (and never more than the
 * declared Content-Length, plus one byte to notice a longer body), stops at
 * the stream's real end, and refuses a length that disagrees with the
 * header, a broken stream and a stall, instead of hanging or throwing.
 */
export async function readBodyBytes(req: Request, limits: { maxBytes?: number; idleTimeoutMs?: number } = {}): Promise<BodyRead> {
  const maxBytes = limits.maxBytes ?? env.INTAKE_BODY_MAX_BYTES;
  // How long the body may stall (no bytes at all) before the request is refused with 408.
  const idleTimeoutMs = limits.idleTimeoutMs ?? env.INTAKE_BODY_IDLE_TIMEOUT_MS;
  const tooLarge = (): BodyRead => ({ refused: apiError(413, 'PAYLOAD_TOO_LARGE', `The body exceeds ${maxBytes} bytes`) });
  const header = req.headers.get('content-length');
  let declared: number | null = null;
  if (header !== null) {
    if (!/^\d{1,16}$/.test(header.trim())) {
      return { refused: apiError(400, 'CONTENT_LENGTH_MISMATCH', 'Content-Length must be a whole number of bytes') };
    }
    declared = Number(header.trim());
    if (declared > maxBytes) return tooLarge();
  }
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    const stop = () => void reader.cancel().catch(() => undefined);
    for (;;) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<'stalled'>((resolve) => {
        timer = setTimeout(() => resolve('stalled'), idleTimeoutMs);
      });
      let step: ReadableStreamReadResult<Uint8Array> | 'stalled';
      try {
        step = await Promise.race([reader.read(), stalled]);
      } catch {
        // The client went away or the connection broke in the middle of the body.
        stop();
        return { refused: apiError(400, 'BODY_INCOMPLETE', 'The body ended before it was complete (connection closed or aborted)') };
      } finally {
        clearTimeout(timer);
      }
      if (step === 'stalled') {
        stop();
        return {
          refused: apiError(
            408,
            'REQUEST_TIMEOUT',
            `No part of the body arrived for ${idleTimeoutMs} ms${declared !== null ? ` (${size} of ${declared} bytes received)` : ''}`,
            undefined,
            {
              Connection: 'close',
            },
          ),
        };
      }
      if (step.done) break;
      size += step.value.byteLength;
      if (size > maxBytes) {
        stop();
        return tooLarge();
      }
      if (declared !== null && size > declared) {
        stop();
        return { refused: apiError(400, 'CONTENT_LENGTH_MISMATCH', `The body is longer than its Content-Length (${declared} bytes)`) };
      }
      chunks.push(step.value);
    }
  }
  if (declared !== null && size !== declared) {
    return { refused: apiError(400, 'CONTENT_LENGTH_MISMATCH', `The body has ${size} bytes, its Content-Length says ${declared}`) };
  }
  return { bytes: Buffer.concat(chunks) };
}

/** The JSON body, read no further than the limit and no deeper than JSON_MAX_DEPTH; or the response that refuses it. */
export async function readJsonBody(
  req: Request,
  limits: { maxBytes?: number; idleTimeoutMs?: number } = {},
): Promise<{ body: unknown } | { refused: Response }> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return { refused: respond(apiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the submission as application/json')) };
  }
  const read = await readBodyBytes(req, limits);
  if ('refused' in read) return { refused: respond(read.refused) };
  // Checked on the bytes, before JSON.parse builds millions of nested objects.
  if (jsonTextTooDeep(read.bytes, JSON_MAX_DEPTH)) {
    return { refused: respond(apiError(400, 'VALIDATION_FAILED', 'The submission is not valid', { '(body)': `nested deeper than ${JSON_MAX_DEPTH} levels` })) };
  }
  const text = decodeUtf8Strict(read.bytes);
  if (text === null) {
    return { refused: respond(apiError(400, 'INVALID_ENCODING', 'The body is not valid UTF-8; send JSON encoded as UTF-8')) };
  }
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { refused: respond(apiError(400, 'INVALID_JSON', 'The body is not valid JSON')) };
  }
}
