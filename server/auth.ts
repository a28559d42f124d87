/**
 * next-auth v4 options: Credentials with argon2id, JWT sessions. The JWT names
 * the user and the session generation it was issued under; role and `active`
 * are re-read from the database on every request (server/trpc.ts, getActor)
 * because claims in a JWT go stale. A token whose generation is not the user's
 * current one (`users.session_generation`, bumped by a password reset, a
 * deactivation, a role or unit change) is refused on every path: the tRPC
 * context, page guards and route handlers (actorFromCookies) and next-auth's
 * own refresh (`GET /api/auth/session` runs the `jwt` and `session` callbacks:
 * they throw, next-auth answers `{}` and clears the cookie instead of issuing
 * a fresh token).
 */
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { cookies } from 'next/headers';
import { getToken, type JWT } from 'next-auth/jwt';
import { cache } from 'react';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { THROTTLED_PREFIX } from '@/lib/sign-in';
import { clientAddress } from './client-address';
import { loadActor, type Actor } from './services/core/actor';
import { authenticate } from './services/core/sign-in';
import { appendAudit, SECURITY_STREAM } from './services/audit/audit';

declare module 'next-auth' {
  interface User {
    /** Set by `authorize`: the generation read together with the password hash. */
    sessionGeneration?: number;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    /** users.session_generation when the session was issued. */
    gen?: number;
  }
}

const ZCredentials = z.object({ email: z.string().min(3).max(200), password: z.string().min(1).max(200) });

export const SESSION_MAX_AGE_S = 10 * 60 * 60; // one working day

/** Thrown by the callbacks for a revoked session; next-auth then clears the cookie. */
export class SessionRevokedError extends Error {
  constructor() {
    super('Session revoked');
    this.name = 'SessionRevokedError';
  }
}

/** The claims that name a session, or null for a token without them (older tokens included). */
function sessionClaims(token: JWT | null | undefined): { uid: string; generation: number } | null {
  if (!token || typeof token.uid !== 'string' || !Number.isSafeInteger(token.gen)) return null;
  return { uid: token.uid, generation: token.gen as number };
}

/** The actor behind a token, or null when the token is malformed, the user inactive or the session revoked. */
export async function actorForToken(token: JWT | null | undefined): Promise<Actor | null> {
  const claims = sessionClaims(token);
  if (!claims) return null;
  return loadActor(getDb(), claims.uid, { generation: claims.generation });
}

// Tokens the `jwt` callback has just checked against the database, so the
// `session` callback that follows in the same request does not query again.
const checkedTokens = new WeakSet<object>();

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, req) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const client = clientAddress(req?.headers ?? {});
        const result = await authenticate(getDb(), parsed.data.email, parsed.data.password, { client });
        // next-auth hands a thrown message to the sign-in form as `error`: the form says how long to wait.
        if (!result.ok && result.reason === 'throttled') throw new Error(`${THROTTLED_PREFIX}${result.retryAfterSeconds}`);
        if (!result.ok) return null;
        return { id: result.actor.id, name: result.actor.name, email: result.actor.email, sessionGeneration: result.sessionGeneration };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        // Sign-in: the generation was read with the password hash. A revocation
        // that commits after it is caught on the token's first use.
        token.uid = user.id;
        token.gen = user.sessionGeneration;
        if (!sessionClaims(token)) throw new SessionRevokedError();
        return token;
      }
      // Refresh (`GET /api/auth/session`, getServerSession): never re-issue a revoked session.
      if (!(await actorForToken(token))) throw new SessionRevokedError();
      checkedTokens.add(token);
      return token;
    },
    async session({ session, token }) {
      if (!checkedTokens.has(token) && !(await actorForToken(token))) throw new SessionRevokedError();
      if (session.user) (session.user as { id?: string }).id = token.uid;
      return session;
    },
  },
  logger: {
    // A revoked session is expected (and audited where it was revoked), not a server error.
    error(code, metadata) {
      if (metadata instanceof SessionRevokedError) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
    debug() {},
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.uid !== 'string') return;
      const userId = token.uid;
      const record = () =>
        appendAudit(getDb(), {
          stream: SECURITY_STREAM,
          actor: null,
          unitId: null,
          action: 'auth.sign_out',
          entityType: 'user',
          entityId: userId,
          payload: {},
        });
      // Signing out never fails for the officer (the cookie is cleared either way). If the database is
      // away, the event is tried again in the background and, failing that, logged by name: not dropped silently.
      await record().catch(() => void retrySignOutAudit(record, userId));
    },
  },
};

const SIGN_OUT_AUDIT_RETRY_MS = [1_000, 5_000, 30_000];

/** Exported for its test. */
export async function retrySignOutAudit(record: () => Promise<unknown>, userId: string, delaysMs = SIGN_OUT_AUDIT_RETRY_MS): Promise<boolean> {
  for (const ms of delaysMs) {
    await new Promise((r) => setTimeout(r, ms));
    try {
      await record();
      return true;
    } catch {
      // the next attempt, or the log line below
    }
  }
  console.error(`[audit] the sign-out of user ${userId} could not be recorded (database unavailable); it is missing from the security stream`);
  return false;
}

type CookieSource = { getAll(): { name: string; value: string }[] };

/**
 * The actor behind a session cookie, read fresh from the database: a
 * deactivated user or a revoked session (another generation) is out on the
 * next request. Every cookie-authenticated path goes through here: the tRPC
 * context, page guards (getActor) and the route handlers.
 */
export async function actorFromCookies(cookieStore: CookieSource): Promise<Actor | null> {
  const token = await getToken({
    req: { cookies: cookieStore, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'],
    secret: env.NEXTAUTH_SECRET,
  });
  return actorForToken(token);
}

/** The actor for a server component (pages and layouts), cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => actorFromCookies(await cookies()));
