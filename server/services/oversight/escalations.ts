/**
 * The escalation queue: items officers handed to a supervisor, oldest
 * escalation first, with how long each has waited and the officer's note.
 * Supervisors decide them on the review page (claim/decide accept them).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { Actor } from '../core/actor';
import { oversightUnit } from './scope';

export type EscalationRow = {
  submissionId: string;
  ticket: string;
  unitName: string;
  serviceCode: string;
  channel: string;
  escalatedAt: Date | null;
  ageMinutes: number | null;
  slaDueAt: Date;
  officerName: string | null;
  note: string | null;
  heldBy: string | null;
};

/** Age bands for the counts at the top of the page. */
export const AGE_BANDS = [
  { key: 'under4h', maxMinutes: 4 * 60 },
  { key: 'under24h', maxMinutes: 24 * 60 },
  { key: 'over24h', maxMinutes: Number.POSITIVE_INFINITY },
] as const;

export async function listEscalations(db: DbOrTx, actor: Actor, input: { unitId?: string | null }) {
  const unitId = oversightUnit(actor, input.unitId);
  // Served by submissions_open_queue_idx (unit_id, sla_due_at) where status in the open set.
  const rows = await db.execute<{
    id: string;
    ticket: string;
    unit_name: string;
    service_code: string;
    channel: string;
    escalated_at: Date | string | null;
    age_minutes: number | null;
    sla_due_at: Date | string;
    officer_name: string | null;
    note: string | null;
    held_by: string | null;
  }>(sql`
    select s.id, s.ticket, un.name as unit_name, s.service_code, s.channel, e.created_at as escalated_at,
           (extract(epoch from now() - e.created_at) / 60)::int as age_minutes, s.sla_due_at,
           u.name as officer_name, e.note,
           case when s.lease_until > now() then h.name end as held_by
    from submissions s
    join units un on un.id = s.unit_id
    left join lateral (
      select d.created_at, d.note, d.actor_id from decisions d
      where d.submission_id = s.id and d.kind = 'human' and d.outcome = 'escalate'
      order by d.created_at desc limit 1) e on true
    left join users u on u.id = e.actor_id
    left join users h on h.id = s.claimed_by
    where s.status = 'escalated' and ${unitId ? sql`s.unit_id = ${unitId}` : sql`true`}
    order by e.created_at asc nulls first
    limit 500`);
  const items: EscalationRow[] = rows.map((r) => ({
    submissionId: r.id,
    ticket: r.ticket,
    unitName: r.unit_name,
    serviceCode: r.service_code,
    channel: r.channel,
    escalatedAt: r.escalated_at ? new Date(r.escalated_at) : null,
    ageMinutes: r.age_minutes === null ? null : Number(r.age_minutes),
    slaDueAt: new Date(r.sla_due_at),
    officerName: r.officer_name,
    note: r.note,
    heldBy: r.held_by,
  }));
  const counts = {
    total: items.length,
    ...Object.fromEntries(
      AGE_BANDS.map((b, i) => [
        b.key,
        items.filter((x) => {
          const age = x.ageMinutes ?? 0;
          return age < b.maxMinutes && (i === 0 || age >= AGE_BANDS[i - 1].maxMinutes);
        }).length,
      ]),
    ),
  } as { total: number } & Record<(typeof AGE_BANDS)[number]['key'], number>;
  const oldestMinutes = items.reduce((m, x) => Math.max(m, x.ageMinutes ?? 0), 0);
  return { items, counts, oldestMinutes };
}
