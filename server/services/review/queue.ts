/**
 * The officer's work queue: listing, "take next" and claims with a lease.
 * Claims use FOR UPDATE SKIP LOCKED so two officers never hold the same item.
 */
import { and, asc, desc, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { env } from '@/lib/env';
import type { TQueueFilter } from '@/lib/queue-filter';
import { SUBMISSION_STATUSES, type SubmissionStatus } from '@/lib/vocabulary';
import { pipelined } from '@/db/pipelined';
import { aiSuggestions, submissions, users } from '@/db/schema';
import { requireUnit, type Actor } from '../core/actor';
import { appendAudit, unitStream, type AuditEventInput } from '../audit/audit';
import { isExcluded } from '../citizen/objections';
import { DomainError } from '../core/errors';
import { maskNik } from '../core/masking';
import { applyTransition } from './transition';
import { nextStatus } from './workflow';

// A claim lasts LEASE_MINUTES; one person holds at most MAX_HELD_ITEMS (holding more hides work from colleagues).

export type QueueItem = {
  id: string;
  ticket: string;
  serviceCode: string;
  channel: string;
  citizenName: string;
  nikMasked: string;
  status: SubmissionStatus;
  receivedAt: Date;
  slaDueAt: Date;
  recommendation: string | null;
  confidence: number | null;
  claimedByName: string | null;
  claimedByMe: boolean;
  leaseUntil: Date | null;
};

/**
 * Status filter written as literals, not parameters: with prepared statements
 * Postgres may plan generically, and only literals let it prove that the
 * partial open-queue index applies. The values come from a fixed list.
 */
function statusIn(statuses: SubmissionStatus[]): SQL {
  const literals = statuses.filter((s) => SUBMISSION_STATUSES.includes(s)).map((s) => `'${s}'`);
  return sql`${submissions.status} in (${sql.raw(literals.join(', '))})`;
}

function statusesFor(actor: Actor, status: TQueueFilter['status']): SubmissionStatus[] {
  if (status && status !== 'open') return [status];
  // Escalations are the supervisor's work; officers see what they can take.
  return actor.role === 'officer' ? ['pending_review', 'in_review'] : ['pending_review', 'in_review', 'escalated'];
}

/** The queue query itself, exposed so tests can EXPLAIN exactly what runs. */
export function queueQuery(db: DbOrTx, actor: Actor, filter: TQueueFilter) {
  const unitId = requireUnit(actor);
  const conditions: SQL[] = [eq(submissions.unitId, unitId), statusIn(statusesFor(actor, filter.status))];
  if (filter.serviceCode) conditions.push(eq(submissions.serviceCode, filter.serviceCode));
  if (filter.channel) conditions.push(eq(submissions.channel, filter.channel));
  const order = filter.sort === 'received' ? [desc(submissions.receivedAt)] : [asc(submissions.slaDueAt)];
  return db
    .select({
      id: submissions.id,
      ticket: submissions.ticket,
      serviceCode: submissions.serviceCode,
      channel: submissions.channel,
      citizenName: submissions.citizenName,
      nik: submissions.nik,
      status: submissions.status,
      receivedAt: submissions.receivedAt,
      slaDueAt: submissions.slaDueAt,
      recommendation: aiSuggestions.recommendation,
      confidence: aiSuggestions.confidence,
      claimedBy: submissions.claimedBy,
      claimedByName: users.name,
      leaseUntil: submissions.leaseUntil,
    })
    .from(submissions)
    .leftJoin(aiSuggestions, eq(aiSuggestions.id, submissions.latestSuggestionId))
    .leftJoin(users, eq(users.id, submissions.claimedBy))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(Math.min(filter.limit ?? 100, 500));
}

export async function listQueue(db: DbOrTx, actor: Actor, filter: TQueueFilter): Promise<QueueItem[]> {
  const rows = await queueQuery(db, actor, filter);
  const now = Date.now();
  return rows.map(({ nik, claimedBy, ...r }) => {
    const leaseLive = r.leaseUntil !== null && r.leaseUntil.getTime() > now;
    return {
      ...r,
      nikMasked: maskNik(nik),
      claimedByName: leaseLive ? r.claimedByName : null,
      claimedByMe: leaseLive && claimedBy === actor.id,
    };
  });
}

/**
 * Waiting, or held under a lease that ran out; escalations only for supervisors.
 * Written as "open and not held" rather than as an OR of statuses: with the OR,
 * Postgres may pick a bitmap scan and sort the whole open queue (150 ms for a
 * supervisor at 100,000 pending); this form walks the partial open-queue index
 * in SLA order and stops at the first row (tests/integration/scale.test.ts).
 */
const claimableNow = (actor: Actor) =>
  and(
    statusIn(actor.role === 'officer' ? ['pending_review', 'in_review'] : ['pending_review', 'in_review', 'escalated']),
    sql`(${submissions.status} <> 'in_review' or ${submissions.leaseUntil} < now())`,
  );

/** The officer whose decision a citizen objected to does not get the item again (server/services/citizen/objections.ts). */
const notExcluded = (actor: Actor) => sql`not exists (select 1 from review_exclusions e where e.submission_id = ${submissions.id} and e.user_id = ${actor.id})`;

export type ClaimResult = { submissionId: string; version: number; leaseUntil: Date };

/** Claims the most urgent item of the actor's unit, skipping rows another officer is claiming right now. */
export async function takeNext(db: DbOrTx, actor: Actor): Promise<ClaimResult> {
  const unitId = requireUnit(actor);
  return db.transaction(async (tx) => {
    const candidate = await nextCandidate(tx, actor, unitId);
    if (!candidate) throw new DomainError('QUEUE_EMPTY', 'No item is waiting in the queue');
    return claimLocked(tx, actor, unitId, candidate);
  });
}

export type ClaimCandidate = { id: string; status: SubmissionStatus; claimedBy: string | null };

/** The most urgent claimable item, locked (SKIP LOCKED: rows a colleague is claiming right now are passed over). */
export async function nextCandidate(tx: DbOrTx, actor: Actor, unitId: string): Promise<ClaimCandidate | null> {
  const [candidate] = await nextCandidateQuery(tx, actor, unitId);
  return candidate ?? null;
}

/** The query of nextCandidate, exposed so tests can EXPLAIN exactly what runs. */
export function nextCandidateQuery(tx: DbOrTx, actor: Actor, unitId: string) {
  return tx
    .select({ id: submissions.id, status: submissions.status, claimedBy: submissions.claimedBy })
    .from(submissions)
    .where(and(eq(submissions.unitId, unitId), claimableNow(actor), notExcluded(actor)))
    .orderBy(asc(submissions.slaDueAt))
    .limit(1)
    .for('update', { skipLocked: true });
}

/** Claims a specific item (opening it), renews the actor's own lease, or refuses when someone else holds it. */
export async function claim(db: DbOrTx, actor: Actor, submissionId: string): Promise<ClaimResult> {
  const unitId = requireUnit(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: submissions.id,
        unitId: submissions.unitId,
        status: submissions.status,
        claimedBy: submissions.claimedBy,
        leaseUntil: submissions.leaseUntil,
        version: submissions.version,
      })
      .from(submissions)
      .where(eq(submissions.id, submissionId))
      .for('update');
    if (!row || row.unitId !== unitId) throw new DomainError('NOT_FOUND', 'Submission not found');
    if (await isExcluded(tx, row.id, actor.id)) {
      throw new DomainError('FORBIDDEN', 'The citizen asked for a different officer to review your decision', { reason: 'excluded_reviewer' });
    }
    const leaseLive = row.leaseUntil !== null && row.leaseUntil.getTime() > Date.now();
    if (row.status === 'in_review' && row.claimedBy === actor.id) {
      const [renewed] = await tx
        .update(submissions)
        .set({ leaseUntil: sql`now() + make_interval(mins => ${env.LEASE_MINUTES})` })
        .where(eq(submissions.id, row.id))
        .returning({ version: submissions.version, leaseUntil: submissions.leaseUntil });
      return { submissionId: row.id, version: renewed.version, leaseUntil: renewed.leaseUntil! };
    }
    if (row.status === 'in_review' && leaseLive) {
      throw new DomainError('HELD_BY_OTHER', 'Another officer is reviewing this submission', { claimedBy: row.claimedBy });
    }
    if (row.status === 'escalated' && actor.role === 'officer') {
      throw new DomainError('FORBIDDEN', 'Escalated submissions are decided by a supervisor');
    }
    return claimLocked(tx, actor, unitId, row);
  });
}

async function claimLocked(tx: DbOrTx, actor: Actor, unitId: string, row: ClaimCandidate): Promise<ClaimResult> {
  // Count, claim and audit need nothing from each other: one round trip (db/pipelined.ts).
  // The event first: it checks the transition, and refuses before any statement is sent.
  const event = claimEvent(actor, unitId, row);
  const [{ claim }] = await pipelined([claimWrites(tx, actor, unitId, row), appendAudit(tx, event)]);
  return claim;
}

/**
 * The claim's writes without its audit event (claimEvent), for a caller that
 * appends its events last, together, just before commit: the stream's head
 * stays locked from the first append to the commit ("decide and next").
 * Too many held items throws and rolls the claim back. `releasing` is an item
 * the same transaction is giving up, which does not count as held.
 */
export async function claimWrites(
  tx: DbOrTx,
  actor: Actor,
  unitId: string,
  row: ClaimCandidate,
  releasing?: string,
): Promise<{ claim: ClaimResult; audit: AuditEventInput }> {
  const to = claimedStatus(row);
  const [[{ held }], [updated]] = await pipelined([
    tx
      .select({ held: sql<number>`count(*)::int` })
      .from(submissions)
      .where(
        and(
          eq(submissions.claimedBy, actor.id),
          eq(submissions.status, 'in_review'),
          sql`${submissions.leaseUntil} > now()`,
          notInArray(submissions.id, releasing ? [row.id, releasing] : [row.id]),
        ),
      ),
    tx
      .update(submissions)
      .set({
        status: to,
        claimedBy: actor.id,
        leaseUntil: sql`now() + make_interval(mins => ${env.LEASE_MINUTES})`,
        version: sql`${submissions.version} + 1`,
      })
      .where(eq(submissions.id, row.id))
      .returning({ version: submissions.version, leaseUntil: submissions.leaseUntil }),
  ]);
  if (held >= env.MAX_HELD_ITEMS) {
    throw new DomainError('TOO_MANY_HELD', `You already hold ${held} items; finish or release one first`, { held, max: env.MAX_HELD_ITEMS });
  }
  return { claim: { submissionId: row.id, version: updated.version, leaseUntil: updated.leaseUntil! }, audit: claimEvent(actor, unitId, row) };
}

/** A claim moves an item to in review; an expired claim taken over stays there. */
const claimedStatus = (row: ClaimCandidate): SubmissionStatus => (row.status === 'in_review' ? 'in_review' : nextStatus(row.status, 'claim'));

/** The audit event of a claim: who took the item, from which state, and whose expired lease it replaced. */
function claimEvent(actor: Actor, unitId: string, row: ClaimCandidate): AuditEventInput {
  const to = claimedStatus(row);
  return {
    stream: unitStream(unitId),
    actor,
    unitId,
    action: 'submission.claim',
    entityType: 'submission',
    entityId: row.id,
    payload: { from: row.status, to, previousHolder: row.status === 'in_review' ? row.claimedBy : null, leaseMinutes: env.LEASE_MINUTES },
  };
}

/** Gives an item back to the queue. */
export async function release(db: DbOrTx, actor: Actor, submissionId: string): Promise<void> {
  const unitId = requireUnit(actor);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: submissions.id, unitId: submissions.unitId, status: submissions.status, claimedBy: submissions.claimedBy })
      .from(submissions)
      .where(eq(submissions.id, submissionId))
      .for('update');
    if (!row || row.unitId !== unitId) throw new DomainError('NOT_FOUND', 'Submission not found');
    if (row.status !== 'in_review' || row.claimedBy !== actor.id) {
      throw new DomainError('NOT_CLAIMED', 'You do not hold this submission');
    }
    await applyTransition(tx, {
      submission: row,
      event: 'release',
      audit: (to) => ({ actor, action: 'submission.release', payload: { from: row.status, to } }),
    });
  });
}
