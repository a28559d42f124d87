/**
 * One way to move a submission's status: applyTransition(), inside the
 * caller's transaction. It asks the state machine (workflow.ts) whether the
 * move is allowed before anything is sent (ILLEGAL_TRANSITION), updates the
 * row only if it is still the one the caller read (compare-and-set on status
 * and version: STALE_VERSION otherwise), gives up the claim, bumps the
 * version and writes the outbox event for channel systems, then appends the
 * audit event (last: it holds the unit's stream head until commit; a caller
 * that appends its events together just before commit, as a decision does,
 * takes the built event back with `deferAudit`). Each caller builds its own
 * payloads from the status it moves to, so what webhooks and the audit chain
 * carry is the caller's.
 *
 * The one move this does not make: a claim (queue.ts claimWrites: the lease
 * and the holder's count of held items, in one round trip; taking over an
 * expired lease keeps the item in review, a move the state machine has no
 * event for). It asks the same table (nextStatus).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { submissions } from '@/db/schema';
import type { SubmissionStatus } from '@/lib/vocabulary';
import { pipelined } from '@/db/pipelined';
import type { Actor } from '../core/actor';
import { appendAudit, unitStream, type AuditEventInput } from '../audit/audit';
import { DomainError } from '../core/errors';
import { enqueueOutbox, type EventType } from '../intake/outbox';
import { nextStatus, type TransitionEvent } from './workflow';

export type TransitionInput = {
  /** The submission as the caller read it in this transaction (locked FOR UPDATE). */
  submission: { id: string; unitId: string; status: SubmissionStatus; version?: number };
  event: TransitionEvent;
  /**
   * `now` when the move decides the item, `clear` when it goes back to a person; omitted, decided_at is left as it is.
   * (Not derived from the event: an item claimed from QA review keeps its decision time when released.)
   */
  decidedAt?: 'now' | 'clear';
  /** The pipeline's "no suggestion" marker, set with the move to a person (ai_unavailable). */
  aiUnavailable?: { reason: string };
  /** Channel systems' event (server/services/intake/outbox.ts); omitted for moves they are not told about. */
  outbox?: (to: SubmissionStatus) => { type: EventType; payload: Record<string, unknown> };
  /** The audit event on the unit's stream; omitted only where the caller records the move in an event of its own (draft_ready: `submission.drafted`). */
  audit?: (to: SubmissionStatus) => { actor: Actor | null; action: string; payload: Record<string, unknown> };
  /** Build the audit event but leave appending it to the caller (returned as `deferredAudit`), which must append it before commit. */
  deferAudit?: boolean;
};

export type TransitionResult = {
  from: SubmissionStatus;
  to: SubmissionStatus;
  version: number;
  /** Sequence number of the appended audit event; null when there was none or it was deferred. */
  auditSeq: number | null;
  deferredAudit: AuditEventInput | null;
};

export async function applyTransition(tx: DbOrTx, input: TransitionInput): Promise<TransitionResult> {
  const { submission: sub } = input;
  const to = nextStatus(sub.status, input.event);
  // A claim needs its lease and the holder's count of held items: queue.ts claimWrites does that move.
  if (to === 'in_review') throw new Error(`applyTransition does not claim (${input.event}); use claimWrites`);
  const outbox = input.outbox?.(to);
  // The row and the outbox event in one round trip (db/pipelined.ts): neither needs the other's answer.
  // Should the compare-and-set find the row changed, the error below rolls the event back with the
  // caller's transaction.
  const [[moved]] = await pipelined([
    tx
      .update(submissions)
      .set({
        status: to,
        // Only a claim leaves an item held: every other move gives the claim up.
        claimedBy: null,
        leaseUntil: null,
        ...(input.decidedAt ? { decidedAt: input.decidedAt === 'now' ? sql`now()` : null } : {}),
        ...(input.aiUnavailable ? { aiUnavailable: true, aiUnavailableReason: input.aiUnavailable.reason } : {}),
        version: sql`${submissions.version} + 1`,
      })
      .where(and(eq(submissions.id, sub.id), eq(submissions.status, sub.status), sub.version === undefined ? undefined : eq(submissions.version, sub.version)))
      .returning({ version: submissions.version }),
    outbox ? enqueueOutbox(tx, { unitId: sub.unitId, type: outbox.type, submissionId: sub.id, payload: outbox.payload }) : null,
  ]);
  if (!moved) {
    const [now] = await tx.select({ status: submissions.status, version: submissions.version }).from(submissions).where(eq(submissions.id, sub.id));
    if (!now) throw new DomainError('NOT_FOUND', 'Submission not found');
    throw new DomainError('STALE_VERSION', 'This submission changed since it was read', {
      expected: sub.version ?? null,
      actual: now.version,
      status: now.status,
    });
  }
  const built = input.audit?.(to);
  const audit: AuditEventInput | null = built
    ? {
        stream: unitStream(sub.unitId),
        actor: built.actor,
        unitId: sub.unitId,
        action: built.action,
        entityType: 'submission',
        entityId: sub.id,
        payload: built.payload,
      }
    : null;
  if (audit && input.deferAudit) return { from: sub.status, to, version: moved.version, auditSeq: null, deferredAudit: audit };
  const auditSeq = audit ? await appendAudit(tx, audit) : null;
  return { from: sub.status, to, version: moved.version, auditSeq, deferredAudit: null };
}
