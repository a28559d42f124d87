/**
 * Service offices (units), managed by admins. The code is the unit's stable
 * handle and is not edited; name, region and ticket prefix are. A unit's
 * changes are audited in its own stream, so its history reads in one place.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { units } from '@/db/schema';
import { regencyByCode } from '@/server/ai/regions';
import type { Actor } from '../core/actor';
import { appendAudit, unitStream } from '../audit/audit';
import { DomainError } from '../core/errors';

export type AdminUnitRow = {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  ticketPrefix: string;
  people: number;
  open: number;
};

export async function listUnits(db: DbOrTx): Promise<AdminUnitRow[]> {
  const rows = await db.execute<{ id: string; code: string; name: string; region_code: string; ticket_prefix: string; people: number; open: number }>(sql`
    select u.id, u.code, u.name, u.region_code, u.ticket_prefix,
           (select count(*)::int from users p where p.unit_id = u.id and p.active) as people,
           (select count(*)::int from submissions s where s.unit_id = u.id and s.status in ('pending_review', 'in_review', 'escalated')) as open
    from units u
    order by u.name`);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    regionCode: r.region_code,
    regionName: regencyByCode(r.region_code)?.name ?? null,
    ticketPrefix: r.ticket_prefix,
    people: r.people,
    open: r.open,
  }));
}

/** A kota/kabupaten code that exists in the Kemendagri list (e.g. 32.73). */
function checkRegion(regionCode: string) {
  if (!regencyByCode(regionCode)) throw new DomainError('INVALID_INPUT', 'Unknown region code', { reason: 'unknown_region' });
}

export type UnitInput = { name: string; regionCode: string; ticketPrefix: string };

export async function createUnit(db: DbOrTx, actor: Actor, input: UnitInput & { code: string }): Promise<{ id: string }> {
  checkRegion(input.regionCode);
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: units.id })
      .from(units)
      .where(sql`${units.code} = ${input.code} or ${units.ticketPrefix} = ${input.ticketPrefix}`);
    if (taken) throw new DomainError('INVALID_INPUT', 'Code or ticket prefix already in use', { reason: 'unit_taken' });
    const [u] = await tx
      .insert(units)
      .values({ code: input.code, name: input.name.trim(), regionCode: input.regionCode, ticketPrefix: input.ticketPrefix })
      .returning({ id: units.id });
    await appendAudit(tx, {
      stream: unitStream(u.id),
      actor,
      unitId: u.id,
      action: 'unit.create',
      entityType: 'unit',
      entityId: u.id,
      payload: { code: input.code, name: input.name.trim(), regionCode: input.regionCode, ticketPrefix: input.ticketPrefix },
    });
    return { id: u.id };
  });
}

export async function updateUnit(db: DbOrTx, actor: Actor, input: UnitInput & { id: string }): Promise<{ id: string }> {
  checkRegion(input.regionCode);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(units).where(eq(units.id, input.id)).for('update');
    if (!before) throw new DomainError('NOT_FOUND', 'Unit not found');
    if (input.ticketPrefix !== before.ticketPrefix) {
      const [taken] = await tx.select({ id: units.id }).from(units).where(eq(units.ticketPrefix, input.ticketPrefix));
      if (taken) throw new DomainError('INVALID_INPUT', 'Ticket prefix already in use', { reason: 'unit_taken' });
    }
    const next = { name: input.name.trim(), regionCode: input.regionCode, ticketPrefix: input.ticketPrefix };
    const changed = Object.fromEntries(
      (Object.keys(next) as (keyof typeof next)[]).filter((k) => before[k] !== next[k]).map((k) => [k, { from: before[k], to: next[k] }]),
    );
    if (Object.keys(changed).length === 0) return { id: before.id };
    await tx.update(units).set(next).where(eq(units.id, before.id));
    await appendAudit(tx, {
      stream: unitStream(before.id),
      actor,
      unitId: before.id,
      action: 'unit.update',
      entityType: 'unit',
      entityId: before.id,
      payload: { changed },
    });
    return { id: before.id };
  });
}
