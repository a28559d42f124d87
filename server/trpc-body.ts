/**
 * tRPC's fetch adapter reads a POST body with `req.json()`, which decodes
 * invalid UTF-8 as U+FFFD: a note with a broken byte would be saved silently
 * altered. The route hands tRPC a request whose `json()` decodes strictly and
 * refuses such a body; thrown from there, the refusal reaches every call of a
 * batch in tRPC's own error format (BAD_REQUEST, domainCode INVALID_ENCODING).
 */
import { TRPCError } from '@trpc/server';
import { decodeUtf8Strict } from '@/lib/utf8';
import { DomainError } from './services/core/errors';

export function withStrictJsonBody<R extends Request>(req: R): R {
  if (req.method !== 'POST') return req;
  Object.defineProperty(req, 'json', {
    configurable: true,
    value: async () => {
      const text = decodeUtf8Strict(new Uint8Array(await req.arrayBuffer()));
      if (text === null) {
        const cause = new DomainError('INVALID_ENCODING', 'The request body is not valid UTF-8');
        throw new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
      }
      // Otherwise exactly what Request.json() does (an empty body is a SyntaxError there too).
      return JSON.parse(text);
    },
  });
  return req;
}
