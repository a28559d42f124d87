/**
 * Which units an oversight view covers: a supervisor their own unit, an admin
 * every unit or the one they pick. Officers never get here (the procedure
 * refuses them), but the service refuses them too.
 */
import { asc } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { units } from '@/db/schema';
import { requireUnit, type Actor } from '../core/actor';
import { DomainError } from '../core/errors';

/** The unit the view is restricted to, or null for all units (admins only). */
export function oversightUnit(actor: Actor, requested?: string | null): string | null {
  if (actor.role === 'admin') return requested ?? null;
  if (actor.role !== 'supervisor') throw new DomainError('FORBIDDEN', 'Oversight is for supervisors and admins');
  const own = requireUnit(actor);
  if (requested && requested !== own) throw new DomainError('FORBIDDEN', 'Supervisors see their own unit only');
  return own;
}

/** Throws NOT_FOUND when a row of another unit is asked for by id: its existence must not leak. */
export function assertOversightAccess(actor: Actor, unitId: string) {
  if (actor.role === 'admin') return;
  if (actor.role !== 'supervisor' || actor.unitId !== unitId) throw new DomainError('NOT_FOUND', 'Not found');
}

/** Units an admin can filter by; a supervisor gets only their own. */
export async function oversightUnits(db: DbOrTx, actor: Actor): Promise<{ id: string; name: string }[]> {
  const rows = await db.select({ id: units.id, name: units.name }).from(units).orderBy(asc(units.name));
  return actor.role === 'admin' ? rows : rows.filter((u) => u.id === actor.unitId);
}
