/**
 * The cross-site guard (issue 14, point 2): the allowed origins come from
 * configuration only, so nothing a client sends (Host, X-Forwarded-Host)
 * can widen them; `Sec-Fetch-Site` other than same-origin/none is refused on
 * every method.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { allowedOrigins, crossSiteRefusal, refuseCrossSite } from '@/server/http-guards';

const req = (method: string, headers: Record<string, string>) => new Request('http://localhost:3000/api/trpc/queue.claim', { method, headers });
const json = { 'content-type': 'application/json' };

beforeEach(() => {
  vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
  vi.stubEnv('ALLOWED_ORIGINS', '');
});
afterEach(() => vi.unstubAllEnvs());

describe('cross-site guard', () => {
  it('accepts a same-origin JSON mutation and a request without browser headers', () => {
    expect(crossSiteRefusal(req('POST', { ...json, origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' }), { jsonMutations: true })).toBeNull();
    expect(crossSiteRefusal(req('POST', json), { jsonMutations: true })).toBeNull();
    expect(crossSiteRefusal(req('GET', {}))).toBeNull();
    expect(crossSiteRefusal(req('GET', { 'sec-fetch-site': 'none' }))).toBeNull();
  });

  it('refuses a foreign Origin, whatever Host and X-Forwarded-Host say', () => {
    const evil = { ...json, origin: 'http://evil.example' };
    expect(crossSiteRefusal(req('POST', evil), { jsonMutations: true })).toBe('foreign_origin');
    expect(crossSiteRefusal(req('POST', { ...evil, 'x-forwarded-host': 'evil.example' }), { jsonMutations: true })).toBe('foreign_origin');
    expect(
      crossSiteRefusal(req('POST', { ...evil, host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' }), {
        jsonMutations: true,
      }),
    ).toBe('foreign_origin');
    // Our host on another scheme or port is another origin; `null` (sandboxed frames) is never ours.
    for (const origin of ['https://localhost:3000', 'http://localhost:3001', 'http://localhost', 'null', 'http://localhost:3000.evil.example']) {
      expect(crossSiteRefusal(req('POST', { ...json, origin }), { jsonMutations: true }), origin).toBe('foreign_origin');
    }
  });

  it('refuses same-site and cross-site fetches on GET too (audit exports, attachments, tRPC queries)', () => {
    expect(crossSiteRefusal(req('GET', { origin: 'http://evil.example', 'sec-fetch-site': 'same-site' }))).toBe('cross_site');
    expect(crossSiteRefusal(req('GET', { 'sec-fetch-site': 'same-site' }))).toBe('cross_site');
    expect(crossSiteRefusal(req('GET', { 'sec-fetch-site': 'cross-site' }))).toBe('cross_site');
    expect(crossSiteRefusal(req('GET', { origin: 'http://evil.example' }))).toBe('foreign_origin');
  });

  it('refuses a tRPC mutation that is not JSON (a plain form needs no preflight)', () => {
    expect(crossSiteRefusal(req('POST', { 'content-type': 'text/plain', origin: 'http://localhost:3000' }), { jsonMutations: true })).toBe('not_json');
    expect(crossSiteRefusal(req('POST', { 'content-type': 'application/x-www-form-urlencoded' }), { jsonMutations: true })).toBe('not_json');
    // next-auth's own forms are urlencoded and guarded by its CSRF token: no JSON rule there.
    expect(crossSiteRefusal(req('POST', { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' }))).toBeNull();
  });

  it('answers 403 with the reason in the API error shape', async () => {
    const res = refuseCrossSite(req('POST', { ...json, origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' }), { jsonMutations: true });
    expect(res?.status).toBe(403);
    expect(await res?.json()).toEqual({ error: { code: 'FORBIDDEN', reason: 'foreign_origin', message: 'Cross-site request refused' } });
    expect(refuseCrossSite(req('POST', { ...json, origin: 'http://localhost:3000' }), { jsonMutations: true })).toBeNull();
  });
});

describe('allowed origins from configuration', () => {
  it('is the origin of NEXTAUTH_URL plus ALLOWED_ORIGINS', () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://layanan.example.go.id/console');
    vi.stubEnv('ALLOWED_ORIGINS', 'https://review.example.go.id, http://10.0.0.5:8080');
    expect([...allowedOrigins()]).toEqual(['https://layanan.example.go.id', 'https://review.example.go.id', 'http://10.0.0.5:8080']);
    expect(crossSiteRefusal(req('POST', { ...json, origin: 'https://review.example.go.id' }), { jsonMutations: true })).toBeNull();
    expect(crossSiteRefusal(req('POST', { ...json, origin: 'http://localhost:3000' }), { jsonMutations: true })).toBe('foreign_origin');
  });

  it('falls back to http://HOST:PORT when NEXTAUTH_URL is unset, never to the request', () => {
    vi.stubEnv('NEXTAUTH_URL', '');
    vi.stubEnv('HOST', 'localhost');
    vi.stubEnv('PORT', '3100');
    expect([...allowedOrigins()]).toEqual(['http://localhost:3100']);
    expect(crossSiteRefusal(req('POST', { ...json, origin: 'http://localhost:3000', host: 'localhost:3000' }), { jsonMutations: true })).toBe('foreign_origin');
  });

  it('names the variable when an entry is not an origin', () => {
    vi.stubEnv('ALLOWED_ORIGINS', 'https://ok.example, review.example.go.id');
    expect(() => allowedOrigins()).toThrow(
      /^ALLOWED_ORIGINS must be comma-separated origins .*, got "review.example.go.id" in "https:\/\/ok.example, review.example.go.id"$/,
    );
    vi.stubEnv('ALLOWED_ORIGINS', 'https://ok.example/path');
    expect(() => allowedOrigins()).toThrow(/^ALLOWED_ORIGINS must be .*scheme, host and port only.*, got "https:\/\/ok.example\/path"$/);
    vi.stubEnv('ALLOWED_ORIGINS', 'ftp://ok.example');
    expect(() => allowedOrigins()).toThrow(/^ALLOWED_ORIGINS must be .*, got "ftp:\/\/ok.example"$/);
  });
});
