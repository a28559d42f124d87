/**
 * Sign-in rules: argon2id verification, back-off after failures (per address,
 * per account from one address, and mildly per account), and a record of
 * every attempt in the security stream of the audit trail.
 *
 * Nobody can lock an officer out: the strong limits are keyed by the
 * guesser's own address, and the account-wide one is capped at a minute and
 * does not apply to an address the officer has signed in from before
 * (rate-limit.ts, guardAttempt). Every refusal takes as long as a wrong
 * password (an argon2 verification always runs), so timing does not tell an
 * unknown email from a known one or from a throttled one.
 */
import { createHash } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from './actor';
import { appendAudit, recordRefusal, SECURITY_STREAM } from '../audit/audit';
import { guardAttempt, settleAttempt, type AttemptGuard, type BackoffPolicy } from './rate-limit';

/**
 * One address: 10 free failures over all accounts, then 1 s doubling up to
 * 15 minutes. One address at one account: 5 free, then the same. One account
 * from all addresses together: 20 free, then 1 s doubling up to one minute,
 * not for an address that signed in to it within 30 days. Failures are
 * forgotten after an hour without one.
 */
export const SIGN_IN_BACKOFF: { client: BackoffPolicy; pair: BackoffPolicy; account: BackoffPolicy } = {
  client: { free: 10, baseSeconds: 1, capSeconds: 15 * 60, resetSeconds: 3600 },
  pair: { free: 5, baseSeconds: 1, capSeconds: 15 * 60, resetSeconds: 3600 },
  account: { free: 20, baseSeconds: 1, capSeconds: 60, resetSeconds: 3600 },
};

// An unknown email, a throttled attempt and an inactive account are all
// verified against this hash: the same argon2 parameters as a real one
// (hashPassword's), so every path costs one verification.
let dummyHash: Promise<string> | null = null;
const getDummyHash = () => (dummyHash ??= hash('not-a-real-password-layanan'));

export const hashPassword = (password: string) => hash(password);

/**
 * `sessionGeneration` is the user's generation as read together with the
 * password hash: the session token carries it, so a reset or deactivation that
 * commits while the password is being verified still ends this session.
 */
export type SignInResult =
  | { ok: true; actor: Actor; sessionGeneration: number }
  | { ok: false; reason: 'invalid' | 'inactive' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** The account part of a throttle key: the email hashed, so a mistyped address (someone else's personal data) is not kept. */
const accountKey = (email: string) => createHash('sha256').update(email).digest('base64url').slice(0, 22);

/** The back-off keys of an attempt at `email` from `client` (null: address unknown, only the account's own back-off applies). */
export function signInGuard(email: string, client: string | null): AttemptGuard {
  const account = accountKey(email);
  return {
    client: client ? { key: `signin:client:${client}`, policy: SIGN_IN_BACKOFF.client } : null,
    pair: client ? { key: `signin:pair:${account}:${client}`, policy: SIGN_IN_BACKOFF.pair } : null,
    target: { key: `signin:account:${account}`, policy: SIGN_IN_BACKOFF.account },
  };
}

export async function authenticate(db: DbOrTx, emailRaw: string, password: string, opts: { client?: string | null } = {}): Promise<SignInResult> {
  const email = emailRaw.trim().toLowerCase();
  const dummy = getDummyHash();
  const guard = signInGuard(email, opts.client ?? null);
  const [[user], decision] = await Promise.all([db.select().from(users).where(eq(users.email, email)).limit(1), guardAttempt(db, guard)]);
  if (!decision.allowed) {
    // The password is not checked, but a hash is: a throttled answer takes as long as any other.
    await verify(await dummy, password).catch(() => false);
    await recordRefusal(db, securityEvent(user ?? null, 'auth.sign_in_failed', user?.id ?? 'unknown', { reason: 'throttled', by: decision.by }));
    return { ok: false, reason: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
  }
  const valid = await verify(user?.passwordHash ?? (await dummy), password).catch(() => false);
  if (!user || !valid || !user.active) {
    const reason = !user ? 'unknown_email' : !user.active ? 'inactive' : 'bad_password';
    await settleAttempt(db, guard, false);
    await recordRefusal(db, securityEvent(user ?? null, 'auth.sign_in_failed', user?.id ?? 'unknown', { reason }));
    return { ok: false, reason: user && !user.active ? 'inactive' : 'invalid' };
  }
  await settleAttempt(db, guard, true);
  await db.transaction(async (tx) => {
    // The columns of the old hard lock, kept at rest so an old record does not read as locked.
    if (user.failedLogins !== 0 || user.lockedUntil !== null) await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await appendAudit(tx, securityEvent(user, 'auth.sign_in', user.id, {}));
  });
  return {
    ok: true,
    actor: { id: user.id, name: user.name, email: user.email, role: user.role, unitId: user.unitId },
    sessionGeneration: user.sessionGeneration,
  };
}

function securityEvent(
  user: { id: string; role: Actor['role']; unitId: string | null } | null,
  action: string,
  entityId: string,
  payload: Record<string, unknown>,
) {
  return {
    stream: SECURITY_STREAM,
    actor: user ? { id: user.id, role: user.role } : null,
    unitId: user?.unitId ?? null,
    action,
    entityType: 'user',
    // An unknown email is not kept: a typo'd address can be someone else's personal data.
    entityId,
    payload,
  };
}
