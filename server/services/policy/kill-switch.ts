/**
 * The global kill switch: one admin action stops every automatic approval.
 * It lives in the `settings` table and is read from the database at every
 * evaluation, so all server instances obey it on their next evaluation; no
 * cache, no message to propagate.
 *
 * Evaluations read it FOR SHARE, and switching takes the row FOR UPDATE: the
 * switch waits for evaluations already in flight, and once it returns no
 * transaction that saw the old state can still commit an auto-approval.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { settings, users } from '@/db/schema';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM } from '../audit/audit';
import { DomainError } from '../core/errors';

export const KILL_SWITCH_KEY = 'auto_approve_kill_switch';

const ZStored = z.object({ on: z.boolean(), reason: z.string() });

export type KillSwitchState = { on: boolean; reason: string | null; changedAt: Date | null; changedBy: string | null };

/** For routeSuggestion, inside the drafting transaction. Anything unreadable counts as ON: fail closed. */
export async function killSwitchForEvaluation(tx: DbOrTx): Promise<boolean> {
  const rows = await tx.execute<{ value: unknown }>(sql`select value from settings where key = ${KILL_SWITCH_KEY} for share`);
  if (rows.length === 0) return false;
  const parsed = ZStored.safeParse(rows[0].value);
  return parsed.success ? parsed.data.on : true;
}

/** For the banner and the admin page. */
export async function getKillSwitch(db: DbOrTx): Promise<KillSwitchState> {
  const [row] = await db
    .select({ value: settings.value, updatedAt: settings.updatedAt, by: users.name })
    .from(settings)
    .leftJoin(users, eq(users.id, settings.updatedBy))
    .where(eq(settings.key, KILL_SWITCH_KEY));
  if (!row) return { on: false, reason: null, changedAt: null, changedBy: null };
  const parsed = ZStored.safeParse(row.value);
  if (!parsed.success) return { on: true, reason: null, changedAt: row.updatedAt, changedBy: row.by };
  return { on: parsed.data.on, reason: parsed.data.reason, changedAt: row.updatedAt, changedBy: row.by };
}

/**
 * Turns the switch on (stop all auto-approval) or off (policies apply again),
 * with a required reason; audited in the security stream. Turning it off
 * restores only what policies approved under four eyes already allow.
 */
export async function setKillSwitch(db: DbOrTx, actor: Actor, input: { on: boolean; reason: string }): Promise<KillSwitchState> {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins use the kill switch');
  const reason = input.reason.trim();
  if (reason.length < 5) throw new DomainError('REASON_REQUIRED', 'Say why the kill switch changes');
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, KILL_SWITCH_KEY)).for('update');
    const wasOn = before ? (ZStored.safeParse(before.value).data?.on ?? true) : false;
    const value = { on: input.on, reason };
    await tx
      .insert(settings)
      .values({ key: KILL_SWITCH_KEY, value, updatedBy: actor.id })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: actor.id, updatedAt: sql`now()` } });
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: null,
      action: input.on ? 'kill_switch.on' : 'kill_switch.off',
      entityType: 'setting',
      entityId: KILL_SWITCH_KEY,
      payload: { from: wasOn, to: input.on, reason },
    });
    return { on: input.on, reason, changedAt: new Date(), changedBy: actor.name };
  });
}
