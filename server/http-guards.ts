/**
 * Cross-site request guard for tRPC mutations: next-auth's CSRF token guards
 * only next-auth's own routes, so a mutation must be JSON from our own origin.
 */
export function isSameOriginJson(req: Request): boolean {
  if (req.method !== 'POST') return true;
  const contentType = req.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('application/json')) return false;
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.get('origin');
  if (origin) {
    const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
    try {
      if (new URL(origin).host !== host) return false;
    } catch {
      return false;
    }
  }
  return true;
}
