/**
 * Sessions as a browser holds them, without an HTTP server: next-auth's core
 * handler (what `app/api/auth/[...nextauth]` runs for /api/auth/csrf,
 * /callback/credentials and /session) with the console's own authOptions, a
 * cookie jar, and Requests for the console's route handlers.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AuthOptions } from 'next-auth';
import { NextRequest } from 'next/server';
import { inject, vi } from 'vitest';
import { authOptions } from '@/server/auth';

export const BASE_URL = 'http://localhost:3000';
export const SECRET = 'integration-test-secret-0123456789abcdef';
export const SESSION_COOKIE = 'next-auth.session-token';

/** The environment the console runs with: the test database, a secret and its public URL. */
export function stubConsoleEnv() {
  vi.stubEnv('DATABASE_URL', inject('databaseUrl'));
  vi.stubEnv('NEXTAUTH_SECRET', SECRET);
  vi.stubEnv('NEXTAUTH_URL', BASE_URL);
  vi.stubEnv('ALLOWED_ORIGINS', '');
}

type InternalCookie = { name: string; value: string; options?: { maxAge?: number; expires?: Date | string } };
type InternalResponse = { status?: number; body?: unknown; redirect?: string; cookies?: InternalCookie[] };
type InternalRequest = {
  action: string;
  method: string;
  providerId?: string;
  body?: Record<string, unknown>;
  query?: Record<string, unknown>;
  headers: Record<string, string>;
  cookies: Record<string, string>;
};

// next-auth/core is not in the package's exports map; it is what both of next-auth's Next handlers call.
const { AuthHandler } = createRequire(import.meta.url)(path.resolve('node_modules/next-auth/core/index.js')) as {
  AuthHandler: (p: { req: InternalRequest; options: AuthOptions }) => Promise<InternalResponse>;
};

/** One browser: its cookies, signing in and refreshing its session the way next-auth's client does. */
export class Browser {
  cookies = new Map<string, string>();

  async auth(action: string, init: { method?: string; providerId?: string; body?: Record<string, unknown> } = {}) {
    const res = await AuthHandler({
      req: {
        action,
        method: init.method ?? 'GET',
        providerId: init.providerId,
        body: init.body,
        query: {},
        headers: { host: 'localhost:3000' },
        cookies: Object.fromEntries(this.cookies),
      },
      options: { ...authOptions, secret: SECRET },
    });
    for (const c of res.cookies ?? []) {
      if (c.value === '' || c.options?.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  /** POST /api/auth/callback/credentials with the CSRF token from /api/auth/csrf. */
  async signIn(email: string, password: string) {
    const csrf = await this.auth('csrf');
    const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
    const res = await this.auth('callback', {
      method: 'POST',
      providerId: 'credentials',
      body: { email, password, csrfToken, callbackUrl: `${BASE_URL}/` },
    });
    if (!this.token) throw new Error(`sign-in failed: ${res.redirect ?? res.status}`);
    return this.token;
  }

  /** GET /api/auth/session: what useSession() polls; it re-issues the token when the session is good. */
  async refresh(): Promise<{ body: Record<string, unknown>; reissued: string | undefined; cleared: boolean }> {
    const before = this.token;
    const res = await this.auth('session');
    const set = (res.cookies ?? []).find((c) => c.name === SESSION_COOKIE);
    return {
      body: res.body as Record<string, unknown>,
      reissued: set && set.value !== '' ? set.value : undefined,
      cleared: before !== undefined && set?.value === '' && this.token === undefined,
    };
  }

  get token(): string | undefined {
    return this.cookies.get(SESSION_COOKIE);
  }

  /** A browser holding someone else's session token (a stolen cookie). */
  static holding(token: string): Browser {
    const b = new Browser();
    b.cookies.set(SESSION_COOKIE, token);
    return b;
  }
}

/** A request to one of the console's route handlers, sent with a session token and headers. */
export function request(pathAndQuery: string, init: { token?: string; method?: string; headers?: Record<string, string>; body?: unknown } = {}): NextRequest {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('cookie', `${SESSION_COOKIE}=${init.token}`);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return new NextRequest(`${BASE_URL}${pathAndQuery}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}
