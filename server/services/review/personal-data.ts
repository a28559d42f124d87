/**
 * Revealing a masked identifier on purpose (UU 27/2022 PDP): the officer
 * gives a reason, sees the value for this item only, and the look is audited.
 *
 * A reason alone is not enough. An officer may reveal only on an item they
 * have a part in: held by them now (a live claim or a QA review they hold),
 * decided by them, or handed to them for QA. Supervisors reveal within their
 * unit, as they oversee all of it; admins never see personal data. And nobody
 * reveals more than REVEAL_LIMIT values per REVEAL_WINDOW_MINUTES: the reveal
 * that reaches the limit, and every one refused past it, are marked as a
 * burst, which the supervisor sees on the bias watch page (revealWatch).
 * Refusals are audited in their own transaction, like every refused access.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { env } from '@/lib/env';
import { assertUnitAccess, type Actor } from '../core/actor';
import { appendAudit, recordRefusal, SECURITY_STREAM } from '../audit/audit';
import { DomainError } from '../core/errors';
import { hitRateLimit } from '../core/rate-limit';

export const REVEALABLE_FIELDS = ['nik', 'kk', 'phone', 'address'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];
export const REVEAL_REASONS = ['verify_document', 'contact_citizen', 'match_records', 'citizen_request'] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];

/** What ties an officer to an item, in the order it is checked; recorded with each reveal. */
export type RevealRelation = 'supervisor' | 'held' | 'qa' | 'decided';

type RevealRow = {
  unit_id: string;
  nik: string | null;
  kk_number: string | null;
  phone: string | null;
  address: string | null;
  held: boolean;
  qa: boolean;
  decided: boolean;
};

export async function revealPersonalData(
  db: DbOrTx,
  actor: Actor,
  input: { submissionId: string; field: RevealableField; reason: RevealReason; note?: string | null },
): Promise<{ value: string }> {
  if (actor.role === 'admin') throw new DomainError('FORBIDDEN', 'Admins do not see citizens’ personal data');
  const [sub] = await db.execute<RevealRow>(sql`
    select s.unit_id, s.nik, s.kk_number, s.phone, s.address,
           (s.claimed_by = ${actor.id} and s.lease_until > now()) as held,
           exists (select 1 from qa_items q where q.submission_id = s.id and q.claimed_by = ${actor.id}
                   and (q.second_decision_id is not null or q.lease_until > now())) as qa,
           exists (select 1 from decisions d where d.submission_id = s.id and d.actor_id = ${actor.id}) as decided
    from submissions s where s.id = ${input.submissionId}`);
  if (!sub) throw new DomainError('NOT_FOUND', 'Submission not found');
  assertUnitAccess(actor, sub.unit_id);
  const relation: RevealRelation | null = actor.role === 'supervisor' ? 'supervisor' : sub.held ? 'held' : sub.qa ? 'qa' : sub.decided ? 'decided' : null;
  const base = { stream: SECURITY_STREAM, actor, unitId: sub.unit_id, entityType: 'submission', entityId: input.submissionId };
  if (!relation) {
    await recordRefusal(db, { ...base, action: 'pii.reveal_refused', payload: { field: input.field, reason: input.reason, refusal: 'not_related' } });
    throw new DomainError('REVEAL_NOT_RELATED', 'You may reveal personal data only of items you hold, decided or review');
  }
  const limit = await hitRateLimit(db, `reveal:${actor.id}`, env.REVEAL_LIMIT, env.REVEAL_WINDOW_MINUTES * 60);
  if (!limit.allowed) {
    await recordRefusal(db, {
      ...base,
      action: 'pii.reveal_refused',
      payload: { field: input.field, reason: input.reason, refusal: 'rate_limited', burst: true, windowCount: limit.count },
    });
    throw new DomainError('REVEAL_RATE_LIMITED', 'Too many reveals in a short time', { retryAfterMinutes: Math.ceil(limit.retryAfterSeconds / 60) });
  }
  await appendAudit(db, {
    ...base,
    action: 'pii.reveal',
    // The field name and the reason, never the value. `burst`: this reveal used up the window's allowance.
    payload: {
      field: input.field,
      reason: input.reason,
      note: input.note?.slice(0, 200) ?? null,
      relation,
      ...(limit.count >= limit.limit ? { burst: true, windowCount: limit.count } : {}),
    },
  });
  const values: Record<RevealableField, string | null> = { nik: sub.nik, kk: sub.kk_number, phone: sub.phone, address: sub.address };
  return { value: values[input.field] ?? '' };
}

export type RevealWatchRow = {
  officerId: string;
  name: string;
  reveals: number;
  /** Reveals that used up the window's allowance, plus those refused past it. */
  bursts: number;
  refusedNotRelated: number;
  refusedRateLimited: number;
  lastAt: Date;
  flagged: boolean;
};

/**
 * Who revealed personal data since `from`, in one unit (or all, for an admin):
 * counts from the security stream, flagged when there was a burst or a
 * refused reveal. Served by audit_events_unit_time_idx for one unit.
 */
export async function revealWatch(db: DbOrTx, unitId: string | null, from: Date): Promise<RevealWatchRow[]> {
  const rows = await db.execute<{
    actor_id: string;
    name: string | null;
    reveals: number;
    bursts: number;
    not_related: number;
    rate_limited: number;
    last_at: Date | string;
  }>(sql`
    select e.actor_id, u.name,
           count(*) filter (where e.action = 'pii.reveal')::int as reveals,
           count(*) filter (where e.payload->>'burst' = 'true')::int as bursts,
           count(*) filter (where e.action = 'pii.reveal_refused' and e.payload->>'refusal' = 'not_related')::int as not_related,
           count(*) filter (where e.action = 'pii.reveal_refused' and e.payload->>'refusal' = 'rate_limited')::int as rate_limited,
           max(e.occurred_at) as last_at
    from audit_events e left join users u on u.id = e.actor_id
    where e.stream = ${SECURITY_STREAM} and e.action in ('pii.reveal', 'pii.reveal_refused') and e.actor_id is not null
      and e.occurred_at >= ${from.toISOString()}::timestamptz and ${unitId ? sql`e.unit_id = ${unitId}` : sql`true`}
    group by e.actor_id, u.name
    order by count(*) filter (where e.payload->>'burst' = 'true' or e.action = 'pii.reveal_refused') desc, count(*) desc
    limit 200`);
  return rows.map((r) => {
    const bursts = Number(r.bursts);
    const refusedNotRelated = Number(r.not_related);
    return {
      officerId: r.actor_id,
      name: r.name ?? r.actor_id,
      reveals: Number(r.reveals),
      bursts,
      refusedNotRelated,
      refusedRateLimited: Number(r.rate_limited),
      lastAt: new Date(r.last_at),
      flagged: bursts > 0 || refusedNotRelated > 0,
    };
  });
}
