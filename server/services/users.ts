/**
 * Sign-in rules: argon2id verification, a lock after repeated failures, and a
 * record of every attempt in the security stream of the audit trail.
 */
import { hash, verify } from '@node-rs/argon2';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from './actor';
import { appendAudit, recordRefusal, SECURITY_STREAM } from './audit';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

// Verifying against a fixed hash when the email is unknown keeps the response
// time the same, so timing does not reveal which emails have accounts.
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
  | { ok: false; reason: 'invalid' | 'locked' | 'inactive' };

export async function authenticate(db: DbOrTx, emailRaw: string, password: string): Promise<SignInResult> {
  const email = emailRaw.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user) {
    await verify(await getDummyHash(), password).catch(() => false);
    await recordRefusal(db, securityEvent(null, 'auth.sign_in_failed', 'unknown', { reason: 'unknown_email' }));
    return { ok: false, reason: 'invalid' };
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    await recordRefusal(db, securityEvent(user, 'auth.sign_in_failed', user.id, { reason: 'locked' }));
    return { ok: false, reason: 'locked' };
  }
  const valid = await verify(user.passwordHash, password).catch(() => false);
  if (!valid || !user.active) {
    await db
      .update(users)
      .set({
        failedLogins: sql`${users.failedLogins} + 1`,
        lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${MAX_FAILED_LOGINS}
                         then now() + make_interval(mins => ${LOCK_MINUTES}) else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, user.id));
    await recordRefusal(
      db,
      securityEvent(user, 'auth.sign_in_failed', user.id, { reason: user.active ? 'bad_password' : 'inactive' }),
    );
    return { ok: false, reason: user.active ? 'invalid' : 'inactive' };
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
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
