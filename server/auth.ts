/**
 * next-auth v4 options: Credentials with argon2id, JWT sessions. The JWT only
 * names the user; role and `active` are re-read from the database on every
 * request (server/trpc.ts, getActor) because claims in a JWT go stale.
 */
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { cookies } from 'next/headers';
import { getToken } from 'next-auth/jwt';
import { cache } from 'react';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { loadActor, type Actor } from './services/actor';
import { authenticate } from './services/users';
import { appendAudit, SECURITY_STREAM } from './services/audit';

const ZCredentials = z.object({ email: z.string().min(3).max(200), password: z.string().min(1).max(200) });

export const SESSION_MAX_AGE_S = 10 * 60 * 60; // one working day

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const result = await authenticate(getDb(), parsed.data.email, parsed.data.password);
        if (!result.ok) return null;
        return { id: result.actor.id, name: result.actor.name, email: result.actor.email };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === 'string') (session.user as { id?: string }).id = token.uid;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.uid !== 'string') return;
      await appendAudit(getDb(), {
        stream: SECURITY_STREAM,
        actor: null,
        unitId: null,
        action: 'auth.sign_out',
        entityType: 'user',
        entityId: token.uid,
        payload: {},
      }).catch(() => undefined);
    },
  },
};

type CookieSource = { getAll(): { name: string; value: string }[] };

/**
 * The actor behind a session cookie, read fresh from the database: a
 * deactivated user or a revoked session is out on the next request.
 */
export async function actorFromCookies(cookieStore: CookieSource): Promise<Actor | null> {
  const token = await getToken({
    req: { cookies: cookieStore, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'],
    secret: process.env.NEXTAUTH_SECRET,
  });
  if (!token || typeof token.uid !== 'string') return null;
  return loadActor(getDb(), token.uid, typeof token.iat === 'number' ? token.iat : undefined);
}

/** The actor for a server component (pages and layouts), cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => actorFromCookies(await cookies()));
