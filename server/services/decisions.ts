/**
 * Recording an officer's decision on a submission. The decision row, the
 * status change and the audit event commit in one transaction or not at all.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { aiSuggestions, attachments, decisions, documentViews, reasonCodes, services, submissions, units } from '@/db/schema';
import { agreesWithAi as agreesWith, computeOverrides, requiresReason, type Outcome } from '@/lib/decision-rules';
import { requireUnit, type Actor } from './actor';
import { withDisclosure, editSize } from './answer';
import { appendAudit, unitStream } from './audit';
import { deleteDrafts } from './drafts';
import { DomainError } from './errors';
import { decisionEventType, enqueueOutbox } from './outbox';
import { sampleHumanDecision } from './qa';
import { supersededBy } from './reopen';
import { nextStatus, type TransitionEvent } from './workflow';

export type { Outcome };

export type DecideInput = {
  submissionId: string;
  /** The submission version the officer saw; a stale or replayed submit is refused. */
  version: number;
  suggestionId: string | null;
  outcome: Outcome;
  answer: string;
  /** Final verdict per document type, where the officer disagrees with the AI. */
  verdicts: { docType: string; verdict: 'valid' | 'invalid' | 'unreadable' | 'missing' }[];
  reasonCode: string | null;
  note: string | null;
  timeSpentMs: number;
};

export type DecideResult = { decisionId: string; status: string; auditSeq: number };

const MAX_TIME_SPENT_MS = 8 * 60 * 60 * 1000;

export async function decide(db: DbOrTx, actor: Actor, input: DecideInput): Promise<DecideResult> {
  const unitId = requireUnit(actor);
  if (actor.role === 'admin') throw new DomainError('FORBIDDEN', 'Admins do not decide submissions');
  if (input.outcome === 'escalate' && actor.role !== 'officer') {
    throw new DomainError('FORBIDDEN', 'Only officers escalate to a supervisor');
  }
  if (input.outcome === 'escalate' && !input.note?.trim()) {
    throw new DomainError('NOTE_REQUIRED', 'An escalation needs a note for the supervisor');
  }
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select({
        id: submissions.id,
        ticket: submissions.ticket,
        unitId: submissions.unitId,
        status: submissions.status,
        claimedBy: submissions.claimedBy,
        version: submissions.version,
        latestSuggestionId: submissions.latestSuggestionId,
        unitName: units.name,
        evidenceFirst: services.evidenceFirst,
      })
      .from(submissions)
      .innerJoin(units, eq(units.id, submissions.unitId))
      .innerJoin(services, eq(services.code, submissions.serviceCode))
      .where(eq(submissions.id, input.submissionId))
      .for('update', { of: submissions });
    if (!sub || sub.unitId !== unitId) throw new DomainError('NOT_FOUND', 'Submission not found');
    if (sub.version !== input.version) {
      throw new DomainError('STALE_VERSION', 'This submission changed since you opened it', {
        expected: input.version,
        actual: sub.version,
      });
    }
    if (sub.status !== 'in_review' || sub.claimedBy !== actor.id) {
      throw new DomainError('NOT_CLAIMED', 'You do not hold this submission');
    }
    const docs = await tx
      .select({ id: attachments.id, sha256: attachments.sha256, viewedAt: documentViews.firstViewedAt })
      .from(attachments)
      .leftJoin(documentViews, and(eq(documentViews.attachmentId, attachments.id), eq(documentViews.userId, actor.id)))
      .where(eq(attachments.submissionId, sub.id))
      .orderBy(attachments.id);
    if (sub.evidenceFirst && docs.some((d) => d.viewedAt === null)) {
      throw new DomainError('EVIDENCE_FIRST', 'Open every document before deciding this service');
    }
    if ((input.suggestionId ?? null) !== (sub.latestSuggestionId ?? null)) {
      throw new DomainError('STALE_SUGGESTION', 'A newer AI suggestion arrived; review it first');
    }
    const suggestion = sub.latestSuggestionId
      ? (
          await tx
            .select({
              id: aiSuggestions.id,
              version: aiSuggestions.version,
              draftAnswer: aiSuggestions.draftAnswer,
              recommendation: aiSuggestions.recommendation,
              docVerdicts: aiSuggestions.docVerdicts,
            })
            .from(aiSuggestions)
            .where(eq(aiSuggestions.id, sub.latestSuggestionId))
        )[0]
      : undefined;

    const overrides = computeOverrides(suggestion?.docVerdicts ?? [], input.verdicts);
    const agreesWithAi = agreesWith(suggestion?.recommendation, input.outcome);
    if (requiresReason(input.outcome, agreesWithAi, overrides)) {
      if (!input.reasonCode) {
        throw new DomainError('REASON_REQUIRED', 'A reason code is required when you reject or override the AI', {
          overrides,
        });
      }
    }
    if (input.reasonCode) {
      const [reason] = await tx
        .select({ code: reasonCodes.code })
        .from(reasonCodes)
        .where(and(eq(reasonCodes.code, input.reasonCode), eq(reasonCodes.active, true)));
      if (!reason) throw new DomainError('UNKNOWN_REASON', `Unknown reason code ${input.reasonCode}`);
    }

    const answer = input.answer.trim();
    const draft = suggestion?.draftAnswer.trim() ?? '';
    const event: TransitionEvent = input.outcome;
    const to = nextStatus(sub.status, event);
    // An escalation is a hand-over, not an answer: the citizen hears nothing yet.
    const finalAnswer = input.outcome === 'escalate' ? answer : withDisclosure(answer, actor.name, sub.unitName);
    // After a supervisor reopened the item, the next final decision replaces the reopened one.
    const supersedes = input.outcome === 'escalate' ? null : await supersededBy(tx, sub.id);

    const [decision] = await tx
      .insert(decisions)
      .values({
        submissionId: sub.id,
        unitId,
        suggestionId: suggestion?.id ?? null,
        actorId: actor.id,
        outcome: input.outcome,
        finalAnswer,
        agreesWithAi,
        answerEdited: answer !== draft,
        editSize: editSize(draft, answer),
        verdictOverrides: overrides,
        reasonCode: input.reasonCode,
        note: input.note?.trim() || null,
        timeSpentMs: Math.max(0, Math.min(MAX_TIME_SPENT_MS, Math.round(input.timeSpentMs))),
        kind: 'human',
        supersedes,
        submissionVersion: sub.version,
        snapshot: {
          suggestionVersion: suggestion?.version ?? null,
          documents: docs.map((d) => ({ id: d.id, sha256: d.sha256 })),
          policyVersion: null,
        },
      })
      .returning({ id: decisions.id });
    await deleteDrafts(tx, sub.id);
    // Blind QA: a keyed-hash sample of final decisions goes to a second reviewer (server/services/qa.ts).
    if (input.outcome !== 'escalate') await sampleHumanDecision(tx, { submissionId: sub.id, unitId, decisionId: decision.id });

    await tx
      .update(submissions)
      .set({
        status: to,
        claimedBy: null,
        leaseUntil: null,
        decidedAt: to === 'escalated' ? null : sql`now()`,
        version: sql`${submissions.version} + 1`,
      })
      .where(eq(submissions.id, sub.id));

    // The channel systems hear of it through the outbox, committed with the decision (server/services/outbox.ts).
    await enqueueOutbox(tx, {
      unitId,
      type: decisionEventType(input.outcome),
      submissionId: sub.id,
      payload: {
        ticket: sub.ticket,
        decisionId: decision.id,
        outcome: input.outcome,
        status: { from: sub.status, to },
        ...(input.outcome === 'escalate' ? {} : { finalAnswer, decidedBy: 'officer', officerName: actor.name }),
      },
    });
    const auditSeq = await appendAudit(tx, {
      stream: unitStream(unitId),
      actor,
      unitId,
      action: `decision.${input.outcome}`,
      entityType: 'submission',
      entityId: sub.id,
      payload: {
        ticket: sub.ticket,
        decisionId: decision.id,
        suggestionId: suggestion?.id ?? null,
        outcome: input.outcome,
        from: sub.status,
        to,
        agreesWithAi,
        verdictOverrides: overrides,
        reasonCode: input.reasonCode,
        answerEdited: answer !== draft,
        supersedes,
      },
    });
    return { decisionId: decision.id, status: to, auditSeq };
  });
}
