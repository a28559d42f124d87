/**
 * The console's security headers, in one place: the static ones go out with
 * every response (next.config.ts), the Content-Security-Policy with a fresh
 * nonce and HSTS per request (proxy.ts). Pure functions, so a unit test reads
 * exactly what the server sends.
 */

/** A fresh nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** True when the console's configured public URL (NEXTAUTH_URL) is https; never decided from request headers a client can set. */
export function servedOverHttps(publicUrl: string | undefined): boolean {
  if (!publicUrl) return false;
  try {
    return new URL(publicUrl).protocol === 'https:';
  } catch {
    return false;
  }
}

export type PolicyOptions = { nonce: string; https: boolean; development?: boolean };

/**
 * The pages' policy. Scripts: only those carrying this response's nonce
 * (Next puts it on its own inline and chunk scripts when it finds it in the
 * request's CSP header) and what they load ('strict-dynamic'); never inline
 * or eval. Style elements need the nonce too; style *attributes* stay
 * allowed (`style-src-attr 'unsafe-inline'`): React renders `style={…}` props
 * (chart sizes in recharts, progress bars) as attributes in the server HTML,
 * and an attribute can neither run script nor carry a selector, while a URL
 * inside one is still held by img-src/font-src to this origin. Frames: only
 * our own documents (the PDF viewer), and nobody may frame the console.
 */
export function contentSecurityPolicy({ nonce, https, development = false }: PolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'self' is for browsers without 'strict-dynamic' (they ignore the nonce's reach otherwise); `next dev` needs eval for fast refresh.
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", `'nonce-${nonce}'`],
    ['style-src-elem', "'self'", `'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    // data: for small inline icons and the QR codes drawn as data URLs; blob: for the CSV and JSON downloads made in the page.
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'"],
    ['frame-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  if (https) directives.push(['upgrade-insecure-requests']);
  return directives.map((d) => d.join(' ')).join('; ');
}

/** HSTS for two years once the console is served over https; nothing over http (a browser would then refuse the plain-http demo). */
export function transportHeaders(https: boolean): Record<string, string> {
  return https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {};
}

/** The per-request headers of a page or API response. */
export function pageSecurityHeaders(opts: PolicyOptions): Record<string, string> {
  return { 'Content-Security-Policy': contentSecurityPolicy(opts), ...transportHeaders(opts.https) };
}

/**
 * Headers every response gets, whatever produced it (next.config.ts `headers()`).
 * @public knip reads next.config.ts as the Next plugin's configuration, not as an importer
 */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Links to other sites carry no path (review URLs name submissions); same-origin navigation keeps it.
  { key: 'Referrer-Policy', value: 'same-origin' },
  // For browsers that predate frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), display-capture=(), browsing-topics=()',
  },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];
