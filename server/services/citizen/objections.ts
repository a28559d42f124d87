/**
 * A citizen's request for human review of a decision (UU 27/2022 Pasal 10:
 * the right to object to a decision based solely on automated processing, and
 * more broadly to have a person look again). The item goes back to the queue
 * through the state machine; the officer who decided may not take it again,
 * and an automatic approval goes to a person.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { citizenObjections, decisions, reviewExclusions, submissions } from '@/db/schema';
import { hasNul, NO_NUL_MESSAGE } from '@/lib/zod-text';
import { DomainError } from '../core/errors';
import { applyTransition } from '../review/transition';
import { canTransition, nextStatus } from '../review/workflow';

export const OBJECTION_MAX_LENGTH = 2000;

async function currentDecision(tx: DbOrTx, submissionId: string) {
  const [d] = await tx
    .select({
      id: decisions.id,
      kind: decisions.kind,
      actorId: decisions.actorId,
      outcome: decisions.outcome,
      suggestionId: decisions.suggestionId,
      agreesWithAi: decisions.agreesWithAi,
    })
    .from(decisions)
    .where(and(eq(decisions.submissionId, submissionId), inArray(decisions.kind, ['human', 'auto']), sql`${decisions.outcome} <> 'escalate'`))
    .orderBy(desc(decisions.createdAt))
    .limit(1);
  return d ?? null;
}

/** Whether the citizen may object now: a final decision, not yet objected to. */
export async function objectionState(db: DbOrTx, submissionId: string, status: string): Promise<{ canObject: boolean; objectedAt: Date | null }> {
  const [last] = await db
    .select({ createdAt: citizenObjections.createdAt, decisionId: citizenObjections.decisionId })
    .from(citizenObjections)
    .where(eq(citizenObjections.submissionId, submissionId))
    .orderBy(desc(citizenObjections.createdAt))
    .limit(1);
  if (!canTransition(status as never, 'citizen_objection')) return { canObject: false, objectedAt: last?.createdAt ?? null };
  const d = await currentDecision(db, submissionId);
  return { canObject: !!d && d.id !== last?.decisionId, objectedAt: last?.createdAt ?? null };
}

export async function fileObjection(
  db: DbOrTx,
  input: { submissionId: string; message: string },
): Promise<{ objectionId: string; excludedUserId: string | null }> {
  const message = input.message.trim().slice(0, OBJECTION_MAX_LENGTH);
  if (hasNul(message)) throw new DomainError('INVALID_INPUT', `The message ${NO_NUL_MESSAGE}`);
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select({ id: submissions.id, ticket: submissions.ticket, unitId: submissions.unitId, status: submissions.status, version: submissions.version })
      .from(submissions)
      .where(eq(submissions.id, input.submissionId))
      .for('update');
    if (!sub) throw new DomainError('NOT_FOUND', 'Submission not found');
    // Refused before anything is looked up or written; applyTransition asks the same table again.
    nextStatus(sub.status, 'citizen_objection');
    const decision = await currentDecision(tx, sub.id);
    if (!decision) throw new DomainError('ILLEGAL_TRANSITION', 'There is no decision to object to', { from: sub.status, event: 'citizen_objection' });
    const [dup] = await tx.select({ id: citizenObjections.id }).from(citizenObjections).where(eq(citizenObjections.decisionId, decision.id));
    if (dup) throw new DomainError('ILLEGAL_TRANSITION', 'This decision was already objected to', { from: sub.status, event: 'citizen_objection' });

    const excluded = decision.kind === 'human' ? decision.actorId : null;
    const [objection] = await tx
      .insert(citizenObjections)
      .values({ submissionId: sub.id, unitId: sub.unitId, decisionId: decision.id, decisionKind: decision.kind, excludedUserId: excluded, message })
      .returning({ id: citizenObjections.id });
    if (excluded) {
      await tx.insert(reviewExclusions).values({ submissionId: sub.id, userId: excluded, reason: 'citizen_objection' }).onConflictDoNothing();
    }
    // Recorded like a supervisor's reopen (a 'reopen' decision with no actor), so the next
    // final decision supersedes the one objected to and history shows all three.
    await tx.insert(decisions).values({
      submissionId: sub.id,
      unitId: sub.unitId,
      suggestionId: decision.suggestionId,
      actorId: null,
      outcome: decision.outcome,
      finalAnswer: '',
      agreesWithAi: decision.agreesWithAi,
      answerEdited: false,
      note: `Keberatan warga: ${message}`.slice(0, 2000),
      kind: 'reopen',
      supersedes: decision.id,
      submissionVersion: sub.version,
    });
    await applyTransition(tx, {
      submission: sub,
      event: 'citizen_objection',
      decidedAt: 'clear',
      outbox: (to) => ({
        type: 'submission.objection_received',
        payload: { ticket: sub.ticket, objectionId: objection.id, decisionId: decision.id, decisionKind: decision.kind, status: { from: sub.status, to } },
      }),
      audit: (to) => ({
        actor: null,
        action: 'submission.citizen_objection',
        payload: {
          ticket: sub.ticket,
          objectionId: objection.id,
          decisionId: decision.id,
          decisionKind: decision.kind,
          excludedUserId: excluded,
          from: sub.status,
          to,
        },
      }),
    });
    return { objectionId: objection.id, excludedUserId: excluded };
  });
}

/** True when `userId` may not take this submission (they made the decision a citizen objected to). */
export async function isExcluded(db: DbOrTx, submissionId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: reviewExclusions.userId })
    .from(reviewExclusions)
    .where(and(eq(reviewExclusions.submissionId, submissionId), eq(reviewExclusions.userId, userId)));
  return !!row;
}
