/**
 * Reopening a decided submission. The old decision is never changed: the
 * reopening itself is recorded as a decision of kind 'reopen' (who, why,
 * which decision it reopens, in `supersedes`), the item returns to the queue
 * through the state machine, and the next final decision names the reopened
 * decision in its own `supersedes`. History therefore shows all three.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { decisions, reasonCodes, submissions } from '@/db/schema';
import type { Actor } from '../core/actor';
import { DomainError } from '../core/errors';
import { assertOversightAccess } from './scope';
import { applyTransition } from '../review/transition';
import { nextStatus } from '../review/workflow';

export type ReopenInput = { submissionId: string; reasonCode: string; reason: string };
export type ReopenResult = { reopenDecisionId: string; reopenedDecisionId: string; status: string; auditSeq: number };

export const MIN_REOPEN_REASON = 10;

/** The decision a reopen replaces: the latest final decision (human or automatic) of the submission. */
async function currentFinalDecision(tx: DbOrTx, submissionId: string) {
  const [row] = await tx
    .select({ id: decisions.id, outcome: decisions.outcome, agreesWithAi: decisions.agreesWithAi, suggestionId: decisions.suggestionId })
    .from(decisions)
    .where(and(eq(decisions.submissionId, submissionId), inArray(decisions.kind, ['human', 'auto']), sql`${decisions.outcome} <> 'escalate'`))
    .orderBy(desc(decisions.createdAt))
    .limit(1);
  return row ?? null;
}

export async function reopenDecision(db: DbOrTx, actor: Actor, input: ReopenInput): Promise<ReopenResult> {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only supervisors reopen decisions');
  const reason = input.reason.trim();
  if (reason.length < MIN_REOPEN_REASON) throw new DomainError('NOTE_REQUIRED', 'Say why the decision is reopened');
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select({ id: submissions.id, ticket: submissions.ticket, unitId: submissions.unitId, status: submissions.status, version: submissions.version })
      .from(submissions)
      .where(eq(submissions.id, input.submissionId))
      .for('update');
    if (!sub) throw new DomainError('NOT_FOUND', 'Submission not found');
    assertOversightAccess(actor, sub.unitId);
    // Refused before the reason is looked up; applyTransition asks the same table again.
    nextStatus(sub.status, 'reopen');
    const [reasonRow] = await tx
      .select({ code: reasonCodes.code })
      .from(reasonCodes)
      .where(and(eq(reasonCodes.code, input.reasonCode), eq(reasonCodes.active, true)));
    if (!reasonRow) throw new DomainError('UNKNOWN_REASON', `Unknown reason code ${input.reasonCode}`);
    const reopened = await currentFinalDecision(tx, sub.id);
    if (!reopened) throw new DomainError('ILLEGAL_TRANSITION', 'This submission has no decision to reopen', { from: sub.status, event: 'reopen' });

    const [marker] = await tx
      .insert(decisions)
      .values({
        submissionId: sub.id,
        unitId: sub.unitId,
        suggestionId: reopened.suggestionId,
        actorId: actor.id,
        // The outcome being reopened; a reopen sends nothing to the citizen.
        outcome: reopened.outcome,
        finalAnswer: '',
        agreesWithAi: reopened.agreesWithAi,
        answerEdited: false,
        reasonCode: input.reasonCode,
        note: reason,
        kind: 'reopen',
        supersedes: reopened.id,
        submissionVersion: sub.version,
      })
      .returning({ id: decisions.id });
    const moved = await applyTransition(tx, {
      submission: sub,
      event: 'reopen',
      decidedAt: 'clear',
      // Channel systems (and the citizen's status page) learn the item is under review again.
      outbox: (to) => ({ type: 'submission.status_changed', payload: { ticket: sub.ticket, status: { from: sub.status, to }, reopened: true } }),
      audit: (to) => ({
        actor,
        action: 'submission.reopen',
        payload: {
          ticket: sub.ticket,
          decisionId: marker.id,
          reopenedDecisionId: reopened.id,
          from: sub.status,
          to,
          reasonCode: input.reasonCode,
        },
      }),
    });
    return { reopenDecisionId: marker.id, reopenedDecisionId: reopened.id, status: moved.to, auditSeq: moved.auditSeq! };
  });
}

/**
 * For a new final decision: the decision it supersedes, i.e. the one named by
 * the latest reopen when no final decision came after that reopen; else null.
 */
export async function supersededBy(tx: DbOrTx, submissionId: string): Promise<string | null> {
  const [last] = await tx
    .select({ kind: decisions.kind, supersedes: decisions.supersedes })
    .from(decisions)
    .where(
      and(
        eq(decisions.submissionId, submissionId),
        inArray(decisions.kind, ['human', 'auto', 'reopen']),
        sql`not (${decisions.kind} = 'human' and ${decisions.outcome} = 'escalate')`,
      ),
    )
    .orderBy(desc(decisions.createdAt))
    .limit(1);
  return last?.kind === 'reopen' ? last.supersedes : null;
}
