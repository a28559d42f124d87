/**
 * People who use the console, managed by admins: create (argon2id hash),
 * change name, role and unit, deactivate (out at once: loadActor re-reads
 * `active` on every request, and earlier sessions are revoked), reset a
 * password. A password reset, a deactivation and a change of role or unit end
 * every session of that person: they bump `users.session_generation` in the
 * same transaction as the change and its audit event, and a token issued under
 * another generation is refused everywhere (server/auth.ts). Every change is
 * audited in the security stream with the ids and the changed fields, never a
 * password or its hash.
 */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { submissions, units, users } from '@/db/schema';
import type { Role } from '@/lib/vocabulary';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM } from '../audit/audit';
import { DomainError } from '../core/errors';
import { hashPassword } from '../core/sign-in';
import { applyTransition } from '../review/transition';

export type AdminUserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  unitId: string | null;
  unitName: string | null;
  active: boolean;
  locked: boolean;
  createdAt: Date;
};

export async function listUsers(db: DbOrTx): Promise<AdminUserRow[]> {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      unitId: users.unitId,
      unitName: units.name,
      active: users.active,
      lockedUntil: users.lockedUntil,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .orderBy(asc(users.role), asc(units.name), asc(users.name));
  const now = Date.now();
  return rows.map(({ lockedUntil, ...r }) => ({ ...r, locked: lockedUntil !== null && lockedUntil.getTime() > now }));
}

/** Officers and supervisors belong to one unit; admins to none (they see all units). */
async function checkUnit(tx: DbOrTx, role: Role, unitId: string | null): Promise<string | null> {
  if (role === 'admin') return null;
  if (!unitId) throw new DomainError('INVALID_INPUT', 'Officers and supervisors belong to a unit', { reason: 'unit_required' });
  const [u] = await tx.select({ id: units.id }).from(units).where(eq(units.id, unitId));
  if (!u) throw new DomainError('NOT_FOUND', 'Unit not found');
  return unitId;
}

/** Ends every session of the user: tokens carry the generation they were issued under. */
const revokeSessions = { sessionGeneration: sql`${users.sessionGeneration} + 1`, sessionsValidAfter: sql`now()` };

const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && ((e as { code?: string }).code === '23505' || (e as { cause?: { code?: string } }).cause?.code === '23505');

export type CreateUserInput = { email: string; name: string; role: Role; unitId: string | null; password: string };

export async function createUser(db: DbOrTx, actor: Actor, input: CreateUserInput): Promise<{ id: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const unitId = await checkUnit(tx, input.role, input.unitId);
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (taken) throw new DomainError('INVALID_INPUT', 'An account with this email exists', { reason: 'email_taken' });
      const [u] = await tx.insert(users).values({ email, name: input.name.trim(), role: input.role, unitId, passwordHash }).returning({ id: users.id });
      await appendAudit(tx, {
        stream: SECURITY_STREAM,
        actor,
        unitId,
        action: 'user.create',
        entityType: 'user',
        entityId: u.id,
        payload: { email, name: input.name.trim(), role: input.role, unitId },
      });
      return { id: u.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('INVALID_INPUT', 'An account with this email exists', { reason: 'email_taken' });
    throw e;
  }
}

async function lockUser(tx: DbOrTx, userId: string) {
  const [u] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!u) throw new DomainError('NOT_FOUND', 'User not found');
  return u;
}

/** The console must always keep one active admin: nobody may remove the last one. */
async function assertAnotherActiveAdmin(tx: DbOrTx, userId: string) {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, userId)));
  if (n === 0) throw new DomainError('FORBIDDEN', 'The last active admin cannot be removed', { reason: 'last_admin' });
}

export type UpdateUserInput = { userId: string; name: string; role: Role; unitId: string | null };

export async function updateUser(db: DbOrTx, actor: Actor, input: UpdateUserInput): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const before = await lockUser(tx, input.userId);
    if (before.id === actor.id && input.role !== before.role) {
      throw new DomainError('FORBIDDEN', 'Admins do not change their own role', { reason: 'self' });
    }
    if (before.role === 'admin' && input.role !== 'admin' && before.active) await assertAnotherActiveAdmin(tx, before.id);
    const unitId = await checkUnit(tx, input.role, input.unitId);
    const next = { name: input.name.trim(), role: input.role, unitId };
    const changed = Object.fromEntries(
      (Object.keys(next) as (keyof typeof next)[]).filter((k) => before[k] !== next[k]).map((k) => [k, { from: before[k], to: next[k] }]),
    );
    if (Object.keys(changed).length === 0) return { id: before.id };
    // A new role or unit is a new set of permissions: sessions signed in under the old ones end.
    const sessionsRevoked = 'role' in changed || 'unitId' in changed;
    await tx
      .update(users)
      .set(sessionsRevoked ? { ...next, ...revokeSessions } : next)
      .where(eq(users.id, before.id));
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: unitId ?? before.unitId,
      action: 'user.update',
      entityType: 'user',
      entityId: before.id,
      payload: sessionsRevoked ? { changed, sessionsRevoked: true } : { changed },
    });
    return { id: before.id };
  });
}

/**
 * Deactivate: out at once, every session revoked, and the items the person
 * held go back to the queue instead of waiting for their leases to expire.
 * Reactivate: the account may sign in again (failed-login lock cleared).
 */
export async function setUserActive(
  db: DbOrTx,
  actor: Actor,
  input: { userId: string; active: boolean; reason: string },
): Promise<{ id: string; released: number }> {
  const reason = input.reason.trim();
  if (reason.length < 5) throw new DomainError('REASON_REQUIRED', 'Say why');
  return db.transaction(async (tx) => {
    const before = await lockUser(tx, input.userId);
    if (before.id === actor.id) throw new DomainError('FORBIDDEN', 'Admins do not deactivate themselves', { reason: 'self' });
    if (!input.active && before.role === 'admin') await assertAnotherActiveAdmin(tx, before.id);
    if (before.active === input.active) return { id: before.id, released: 0 };
    let released: { id: string; unitId: string; ticket: string; status: 'in_review'; version: number }[] = [];
    if (input.active) {
      await tx.update(users).set({ active: true, failedLogins: 0, lockedUntil: null }).where(eq(users.id, before.id));
    } else {
      await tx
        .update(users)
        .set({ active: false, ...revokeSessions })
        .where(eq(users.id, before.id));
      // At most MAX_HELD_ITEMS rows: each goes back to the queue through the one status write.
      released = (
        await tx
          .select({ id: submissions.id, unitId: submissions.unitId, ticket: submissions.ticket, status: submissions.status, version: submissions.version })
          .from(submissions)
          .where(and(eq(submissions.claimedBy, before.id), eq(submissions.status, 'in_review')))
          .for('update')
      ).map((s) => ({ ...s, status: 'in_review' as const }));
    }
    // The rows first, their events after them (appends last hold the units' stream heads the shortest time).
    const events = [];
    for (const s of released) {
      const moved = await applyTransition(tx, {
        submission: s,
        event: 'release',
        audit: (to) => ({
          actor,
          action: 'submission.release',
          payload: { ticket: s.ticket, from: s.status, to, heldBy: before.id, cause: 'user_deactivated' },
        }),
        deferAudit: true,
      });
      events.push(moved.deferredAudit!);
    }
    for (const event of events) await appendAudit(tx, event);
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: before.unitId,
      action: input.active ? 'user.reactivate' : 'user.deactivate',
      entityType: 'user',
      entityId: before.id,
      payload: { reason, releasedSubmissions: released.map((s) => s.id), ...(input.active ? {} : { sessionsRevoked: true }) },
    });
    return { id: before.id, released: released.length };
  });
}

/** A new password set by an admin; every existing session of that person ends. */
export async function resetPassword(db: DbOrTx, actor: Actor, input: { userId: string; password: string }): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const before = await lockUser(tx, input.userId);
    await tx
      .update(users)
      .set({ passwordHash, ...revokeSessions, failedLogins: 0, lockedUntil: null })
      .where(eq(users.id, before.id));
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: before.unitId,
      action: 'user.password_reset',
      entityType: 'user',
      entityId: before.id,
      payload: { sessionsRevoked: true },
    });
    return { id: before.id };
  });
}
