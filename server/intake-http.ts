/**
 * HTTP plumbing of the REST intake API (app/api/v1/**): API-key
 * authentication, the per-key rate limit, a bounded body read and one error
 * shape. The routes stay thin; the rules live in server/services/intake.ts.
 */
import { getDb } from '@/db/client';
import { authenticateApiKey, keyFromHeaders, type ApiClient } from './services/api-keys';
import { apiError, type ApiResponse } from './services/intake';
import { BODY_MAX_BYTES } from './services/intake-schema';
import { hitRateLimit } from './services/rate-limit';

export function respond(r: ApiResponse): Response {
  return Response.json(r.body, {
    status: r.status,
    headers: { 'Cache-Control': 'no-store', ...r.headers },
  });
}

/** The calling channel system, within its rate limit; or the response that refuses it. */
export async function apiClientFor(req: Request): Promise<{ client: ApiClient; headers: Record<string, string> } | { refused: Response }> {
  const db = getDb();
  const client = await authenticateApiKey(db, keyFromHeaders(req.headers));
  if (!client) {
    return { refused: respond(apiError(401, 'UNAUTHORIZED', 'A valid API key is required (Authorization: Bearer <key>)', undefined, { 'WWW-Authenticate': 'Bearer' })) };
  }
  const limit = await hitRateLimit(db, `api:${client.id}`, client.rateLimitPerMinute, 60);
  const headers = { 'X-RateLimit-Limit': String(limit.limit), 'X-RateLimit-Remaining': String(Math.max(0, limit.limit - limit.count)) };
  if (!limit.allowed) {
    return {
      refused: respond(
        apiError(429, 'RATE_LIMITED', `At most ${limit.limit} requests per minute for this key`, undefined, { ...headers, 'Retry-After': String(limit.retryAfterSeconds) }),
      ),
    };
  }
  return { client, headers };
}

/** The JSON body, read no further than the limit; or the response that refuses it. */
export async function readJsonBody(req: Request): Promise<{ body: unknown } | { refused: Response }> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return { refused: respond(apiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the submission as application/json')) };
  }
  const tooLarge = () => ({ refused: respond(apiError(413, 'PAYLOAD_TOO_LARGE', `The body exceeds ${BODY_MAX_BYTES} bytes`)) });
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > BODY_MAX_BYTES) return tooLarge();
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > BODY_MAX_BYTES) {
        await reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return { body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { refused: respond(apiError(400, 'INVALID_JSON', 'The body is not valid JSON')) };
  }
}
