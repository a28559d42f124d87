import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, pageSecurityHeaders, servedOverHttps, STATIC_SECURITY_HEADERS } from '@/lib/security-headers';

const directive = (csp: string, name: string) =>
  csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.split(' ')[0] === name);

describe('security headers', () => {
  it('sends HSTS exactly when the configured public URL is https', () => {
    expect(servedOverHttps('https://review.example.go.id')).toBe(true);
    expect(servedOverHttps('https://review.example.go.id:8443/console')).toBe(true);
    expect(servedOverHttps('http://localhost:3000')).toBe(false);
    expect(servedOverHttps(undefined)).toBe(false);
    expect(servedOverHttps('not a url')).toBe(false);

    const https = pageSecurityHeaders({ nonce: 'n', https: servedOverHttps('https://review.example.go.id') });
    expect(https['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
    expect(directive(https['Content-Security-Policy'], 'upgrade-insecure-requests')).toBeDefined();

    const http = pageSecurityHeaders({ nonce: 'n', https: servedOverHttps('http://localhost:3000') });
    expect(http).not.toHaveProperty('Strict-Transport-Security');
    expect(directive(http['Content-Security-Policy'], 'upgrade-insecure-requests')).toBeUndefined();
  });

  it('lets scripts run only with the nonce, never inline or eval, and forbids framing', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123==', https: false });
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(directive(csp, 'style-src-elem')).toBe("style-src-elem 'self' 'nonce-abc123=='");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    // `next dev` alone gets eval (fast refresh).
    expect(directive(contentSecurityPolicy({ nonce: 'x', https: false, development: true }), 'script-src')).toContain("'unsafe-eval'");
  });

  it('makes a new, unguessable nonce every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('names referrer, permissions and framing rules for every response', () => {
    const byKey = Object.fromEntries(STATIC_SECURITY_HEADERS.map((h) => [h.key, h.value]));
    expect(byKey['Referrer-Policy']).toBe('same-origin');
    expect(byKey['X-Frame-Options']).toBe('DENY');
    expect(byKey['Permissions-Policy']).toContain('camera=()');
    expect(byKey['X-Content-Type-Options']).toBe('nosniff');
  });
});
