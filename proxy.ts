/**
 * Per-request security headers (Next 16 proxy, formerly middleware): a fresh
 * CSP nonce for every page, handed to Next in the request's
 * Content-Security-Policy header (Next then puts it on its own scripts), and
 * HSTS when the configured public URL is https. The static headers are in
 * next.config.ts; the builder is lib/security-headers.ts.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { newNonce, pageSecurityHeaders, servedOverHttps, transportHeaders } from '@/lib/security-headers';

export function proxy(request: NextRequest) {
  // From configuration only: a client's X-Forwarded-Proto must not switch HSTS on or off.
  const https = servedOverHttps(process.env.NEXTAUTH_URL);
  // Documents keep their own, stricter policy (app/api/attachments): only HSTS is added.
  if (request.nextUrl.pathname.startsWith('/api/attachments/')) {
    const res = NextResponse.next();
    for (const [k, v] of Object.entries(transportHeaders(https))) res.headers.set(k, v);
    return res;
  }
  const nonce = newNonce();
  const headers = pageSecurityHeaders({ nonce, https, development: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export const config = {
  // Not the build's static files (hashed, immutable, no document of their own); prefetches need the nonce as much as full loads.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
