import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import type { Role } from '@/lib/vocabulary';
import { DomainError } from './errors';

/** The signed-in person, re-read from the database on every request (roles and `active` can change). */
export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  unitId: string | null;
};

/**
 * Loads the actor behind a session; null when the user is gone or inactive,
 * or when `session` is given and its generation is not the user's current one
 * (the session was revoked: password reset, deactivation, role or unit change).
 * Without `session` only `active` is checked (services and tests that hold an
 * actor, never a token).
 */
export async function loadActor(db: DbOrTx, userId: string, session?: { generation: number }): Promise<Actor | null> {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      unitId: users.unitId,
      active: users.active,
      sessionGeneration: users.sessionGeneration,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || !row.active) return null;
  if (session && row.sessionGeneration !== session.generation) return null;
  return { id: row.id, name: row.name, email: row.email, role: row.role, unitId: row.unitId };
}

/** Officers and supervisors work inside their unit; admins see all units. */
export function assertUnitAccess(actor: Actor, unitId: string) {
  if (actor.role === 'admin') return;
  if (actor.unitId !== unitId) {
    // NOT_FOUND: the existence of another unit's submission must not leak.
    throw new DomainError('NOT_FOUND', 'Submission not found');
  }
}

export function requireUnit(actor: Actor): string {
  if (!actor.unitId) throw new DomainError('FORBIDDEN', 'This account belongs to no unit');
  return actor.unitId;
}
