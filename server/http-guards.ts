/**
 * The one cross-site guard for every route a session cookie authenticates
 * (tRPC, next-auth, audit exports, attachments). next-auth's CSRF token guards
 * only next-auth's own forms, and SameSite=Lax still sends the cookie from a
 * sibling subdomain (same-site), so each of these routes refuses:
 *
 * - `Sec-Fetch-Site` other than `same-origin` or `none` (a user typing the
 *   address): `same-site` is refused too, a sibling host is not us;
 * - an `Origin` that is not one of the configured origins (`null` included);
 * - for tRPC, a mutation that is not JSON (a plain form cannot send JSON, and
 *   a cross-site `fetch` with JSON needs a CORS preflight we never answer).
 *
 * The allowed origins come from configuration only: `NEXTAUTH_URL` (the
 * public URL, which next-auth needs anyway) plus `ALLOWED_ORIGINS`. Nothing
 * the client sends (`Host`, `X-Forwarded-Host`, `X-Forwarded-Proto`) is
 * compared against, because a route handler cannot tell a proxy's header from
 * the client's: Next passes a client's `X-Forwarded-*` through unchanged and
 * only fills them in when absent, and exposes no socket address to check
 * against a list of trusted proxies. Behind a proxy, set `NEXTAUTH_URL` to the
 * public URL.
 *
 * Requests with neither header (curl, server-to-server) pass: they carry no
 * browser's ambient cookie on someone else's behalf.
 */

import { env, publicUrl } from '@/lib/env';

export type CrossSiteRefusal = 'cross_site' | 'foreign_origin' | 'not_json';

let cached: { base: string; extra: readonly string[]; origins: ReadonlySet<string> } | null = null;

/**
 * The origins a browser may send cookie-authenticated requests from: that of NEXTAUTH_URL (or
 * http://HOST:PORT) plus ALLOWED_ORIGINS. lib/env.ts refuses an entry that is not an origin, naming the variable.
 */
export function allowedOrigins(): ReadonlySet<string> {
  const base = new URL(publicUrl()).origin;
  const extra = env.ALLOWED_ORIGINS;
  if (cached?.base === base && cached.extra === extra) return cached.origins;
  cached = { base, extra, origins: new Set([base, ...extra]) };
  return cached.origins;
}

const isSafeMethod = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

/** Why a cookie-authenticated request is refused as cross-site, or null when it may go on. */
export function crossSiteRefusal(req: Request, opts: { jsonMutations?: boolean } = {}): CrossSiteRefusal | null {
  const site = req.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return 'cross_site';
  const origin = req.headers.get('origin');
  // Browsers serialise Origin exactly as URL.origin does; `null` and anything else never matches.
  if (origin !== null && !allowedOrigins().has(origin)) return 'foreign_origin';
  if (opts.jsonMutations && !isSafeMethod(req.method)) {
    const contentType = req.headers.get('content-type') ?? '';
    if (!contentType.toLowerCase().startsWith('application/json')) return 'not_json';
  }
  return null;
}

/** The guard as a route handler uses it: a 403 to return, or null. */
export function refuseCrossSite(req: Request, opts: { jsonMutations?: boolean } = {}): Response | null {
  const refusal = crossSiteRefusal(req, opts);
  if (!refusal) return null;
  const message = refusal === 'not_json' ? 'Non-JSON request refused' : 'Cross-site request refused';
  return Response.json({ error: { code: 'FORBIDDEN', reason: refusal, message } }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
}
