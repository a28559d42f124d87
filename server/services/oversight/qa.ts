/**
 * Blind QA second review. A sample of decisions (human ones here, automatic
 * ones from the auto-approve policy through enqueueQa) is decided again by a
 * second supervisor who sees the citizen's request, the documents and the AI
 * suggestion the first decider saw, but not the first decision. Then both are
 * compared; agreement and Cohen's kappa feed the analytics.
 *
 * The second decision is a `decisions` row of kind 'qa_second'. It changes
 * nothing about the submission (no status change, no version bump), so it
 * cannot disturb an officer working on the item. Its submission_version is
 * the negated version of the first decision: real versions are >= 1, so the
 * UNIQUE(submission_id, submission_version) stays meaningful and a first
 * decision can be QA'd once.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { aiSuggestions, decisions, qaItems, services, submissions, users, type DecisionSnapshot, type DocVerdict } from '@/db/schema';
import { computeOverrides, agreesWithAi, unjudgedDocTypes } from '@/lib/decision-rules';
import type { Actor } from '../core/actor';
import { attachmentsSeenBy } from '../review/attachments';
import type { QaDecideInput } from '../review/decision-input';
import { appendAudit, unitStream } from '../audit/audit';
import { DomainError } from '../core/errors';
import { maskAddress, maskDigits, maskNik, maskPhone } from '../core/masking';
import { assertOversightAccess, oversightUnit } from './scope';
import { getSetting } from './settings';

export type QaSource = 'human_sample' | 'auto_sample' | 'citizen_objection';
export const QA_LEASE_MINUTES = 15;

/** Puts a decision on the QA queue (idempotent: a decision is sampled at most once). Returns the item id or null. */
export async function enqueueQa(
  tx: DbOrTx,
  input: { submissionId: string; unitId: string; firstDecisionId: string; source: QaSource },
): Promise<string | null> {
  const [row] = await tx
    .insert(qaItems)
    .values({ submissionId: input.submissionId, unitId: input.unitId, firstDecisionId: input.firstDecisionId, source: input.source })
    .onConflictDoNothing({ target: qaItems.firstDecisionId })
    .returning({ id: qaItems.id });
  return row?.id ?? null;
}

/** The share of a unit's final decisions that goes to blind QA; read in the decision's transaction (server/services/review/decisions.ts). */
export async function qaSampleRate(tx: DbOrTx, unitId: string): Promise<number> {
  return (await getSetting(tx, 'qa_sample_rate', unitId)).value;
}

const firstDecision = alias(decisions, 'first_decision');
const secondDecision = alias(decisions, 'second_decision');
const holder = alias(users, 'holder');

export type QaQueueItem = {
  id: string;
  submissionId: string;
  ticket: string;
  serviceCode: string;
  source: string;
  createdAt: Date;
  /** The actor made the first decision and therefore may not review it. */
  ownDecision: boolean;
  heldBy: string | null;
  heldByMe: boolean;
};

/** Open QA items, oldest first. Nothing about the first decision is listed except whether it is the viewer's own. */
export async function listQaQueue(db: DbOrTx, actor: Actor, input: { unitId?: string | null }): Promise<QaQueueItem[]> {
  const unitId = oversightUnit(actor, input.unitId);
  const rows = await db
    .select({
      id: qaItems.id,
      submissionId: qaItems.submissionId,
      ticket: submissions.ticket,
      serviceCode: submissions.serviceCode,
      source: qaItems.source,
      createdAt: qaItems.createdAt,
      firstActorId: firstDecision.actorId,
      claimedBy: qaItems.claimedBy,
      holderName: holder.name,
      leaseUntil: qaItems.leaseUntil,
    })
    .from(qaItems)
    .innerJoin(submissions, eq(submissions.id, qaItems.submissionId))
    .innerJoin(firstDecision, eq(firstDecision.id, qaItems.firstDecisionId))
    .leftJoin(holder, eq(holder.id, qaItems.claimedBy))
    .where(and(isNull(qaItems.secondDecisionId), unitId ? eq(qaItems.unitId, unitId) : undefined))
    .orderBy(asc(qaItems.createdAt))
    .limit(200);
  const now = Date.now();
  return rows.map((r) => {
    const live = r.leaseUntil !== null && r.leaseUntil.getTime() > now;
    return {
      id: r.id,
      submissionId: r.submissionId,
      ticket: r.ticket,
      serviceCode: r.serviceCode,
      source: r.source,
      createdAt: r.createdAt,
      ownDecision: r.firstActorId === actor.id,
      heldBy: live ? r.holderName : null,
      heldByMe: live && r.claimedBy === actor.id,
    };
  });
}

export type QaCompleted = {
  id: string;
  submissionId: string;
  ticket: string;
  serviceCode: string;
  source: string;
  completedAt: Date;
  firstOutcome: string;
  secondOutcome: string;
  agrees: boolean;
  firstActorName: string | null;
  secondActorName: string | null;
};

export async function listQaCompleted(db: DbOrTx, actor: Actor, input: { unitId?: string | null; limit?: number }): Promise<QaCompleted[]> {
  const unitId = oversightUnit(actor, input.unitId);
  const firstActor = alias(users, 'first_actor');
  const secondActor = alias(users, 'second_actor');
  const rows = await db
    .select({
      id: qaItems.id,
      submissionId: qaItems.submissionId,
      ticket: submissions.ticket,
      serviceCode: submissions.serviceCode,
      source: qaItems.source,
      completedAt: qaItems.completedAt,
      firstOutcome: firstDecision.outcome,
      secondOutcome: secondDecision.outcome,
      agrees: qaItems.agrees,
      firstActorName: firstActor.name,
      secondActorName: secondActor.name,
    })
    .from(qaItems)
    .innerJoin(submissions, eq(submissions.id, qaItems.submissionId))
    .innerJoin(firstDecision, eq(firstDecision.id, qaItems.firstDecisionId))
    .innerJoin(secondDecision, eq(secondDecision.id, qaItems.secondDecisionId))
    .leftJoin(firstActor, eq(firstActor.id, firstDecision.actorId))
    .leftJoin(secondActor, eq(secondActor.id, secondDecision.actorId))
    .where(and(isNotNull(qaItems.secondDecisionId), unitId ? eq(qaItems.unitId, unitId) : undefined))
    .orderBy(desc(qaItems.completedAt))
    .limit(Math.min(input.limit ?? 50, 200));
  return rows.map((r) => ({ ...r, completedAt: r.completedAt!, agrees: r.agrees ?? false }));
}

async function loadItem(db: DbOrTx, qaItemId: string, lock = false) {
  const q = db
    .select({
      id: qaItems.id,
      unitId: qaItems.unitId,
      submissionId: qaItems.submissionId,
      firstDecisionId: qaItems.firstDecisionId,
      source: qaItems.source,
      claimedBy: qaItems.claimedBy,
      leaseUntil: qaItems.leaseUntil,
      secondDecisionId: qaItems.secondDecisionId,
      agrees: qaItems.agrees,
    })
    .from(qaItems)
    .where(eq(qaItems.id, qaItemId));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

function assertReviewer(actor: Actor) {
  // Admins configure and audit; they do not open citizens' documents or decide.
  if (actor.role !== 'supervisor') throw new DomainError('FORBIDDEN', 'QA second reviews are done by supervisors');
}

/** Verdicts a decision ended with: the AI's per document, replaced where the person overrode them. */
function finalVerdicts(ai: DocVerdict[], overrides: { docType: string; to: string }[]): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(ai.map((v) => [v.docType, v.verdict]));
  for (const o of overrides) out[o.docType] = o.to;
  return out;
}

/**
 * One QA item for the second reviewer. While open, it shows the case as the
 * first decider saw it (the documents in the first decision's snapshot and
 * the suggestion it was made on) and nothing of the first decision. Once
 * completed, it shows both decisions side by side.
 */
export async function getQaItem(db: DbOrTx, actor: Actor, qaItemId: string) {
  const item = await loadItem(db, qaItemId);
  if (!item) throw new DomainError('NOT_FOUND', 'QA item not found');
  assertOversightAccess(actor, item.unitId);
  const [first] = await db
    .select({ actorId: decisions.actorId, suggestionId: decisions.suggestionId, snapshot: decisions.snapshot })
    .from(decisions)
    .where(eq(decisions.id, item.firstDecisionId));
  const [row] = await db
    .select({ sub: submissions, service: services })
    .from(submissions)
    .innerJoin(services, eq(services.code, submissions.serviceCode))
    .where(eq(submissions.id, item.submissionId));
  const snapshotDocs = (first.snapshot as DecisionSnapshot | null)?.documents.map((d) => d.id) ?? null;
  const docs = await attachmentsSeenBy(db, actor, item.submissionId, snapshotDocs);
  const suggestion = first.suggestionId ? ((await db.select().from(aiSuggestions).where(eq(aiSuggestions.id, first.suggestionId)))[0] ?? null) : null;
  const s = row.sub;
  const leaseLive = item.leaseUntil !== null && item.leaseUntil.getTime() > Date.now();
  const base = {
    id: item.id,
    source: item.source,
    ownDecision: first.actorId === actor.id,
    canReview: actor.role === 'supervisor' && first.actorId !== actor.id && item.secondDecisionId === null,
    heldByMe: leaseLive && item.claimedBy === actor.id,
    heldByOther: leaseLive && item.claimedBy !== actor.id,
    submission: {
      id: s.id,
      ticket: s.ticket,
      serviceCode: s.serviceCode,
      channel: s.channel,
      citizenName: s.citizenName,
      nikMasked: maskNik(s.nik),
      kkMasked: maskDigits(s.kkNumber),
      phoneMasked: maskPhone(s.phone),
      addressMasked: maskAddress(s.address),
      kecamatan: s.kecamatan,
      message: s.message,
      receivedAt: s.receivedAt,
    },
    service: { code: row.service.code, nameId: row.service.nameId, nameEn: row.service.nameEn, requiredDocs: row.service.requiredDocs },
    attachments: actor.role === 'admin' ? [] : docs,
    suggestion: suggestion && {
      id: suggestion.id,
      version: suggestion.version,
      draftAnswer: suggestion.draftAnswer,
      citations: suggestion.citations,
      recommendation: suggestion.recommendation,
      confidence: suggestion.confidence,
      docVerdicts: suggestion.docVerdicts,
      flags: suggestion.flags,
      modelName: suggestion.modelName,
      modelVersion: suggestion.modelVersion,
      createdAt: suggestion.createdAt,
    },
  };
  if (item.secondDecisionId === null) return { ...base, comparison: null };

  const both = await db
    .select({
      id: decisions.id,
      outcome: decisions.outcome,
      verdictOverrides: decisions.verdictOverrides,
      note: decisions.note,
      reasonCode: decisions.reasonCode,
      timeSpentMs: decisions.timeSpentMs,
      createdAt: decisions.createdAt,
      kind: decisions.kind,
      actorName: users.name,
    })
    .from(decisions)
    .leftJoin(users, eq(users.id, decisions.actorId))
    .where(inArray(decisions.id, [item.firstDecisionId, item.secondDecisionId]));
  const view = (id: string) => {
    const d = both.find((x) => x.id === id)!;
    return {
      outcome: d.outcome,
      verdicts: finalVerdicts(suggestion?.docVerdicts ?? [], d.verdictOverrides),
      note: d.note,
      reasonCode: d.reasonCode,
      timeSpentMs: d.timeSpentMs,
      createdAt: d.createdAt,
      actorName: d.actorName,
      automatic: d.kind === 'auto',
    };
  };
  return {
    ...base,
    comparison: { agrees: item.agrees ?? false, firstDecisionId: item.firstDecisionId, first: view(item.firstDecisionId), second: view(item.secondDecisionId) },
  };
}

/** Takes (or renews) the QA item for the actor, so two supervisors do not review the same item at once. */
export async function claimQaItem(db: DbOrTx, actor: Actor, qaItemId: string): Promise<{ leaseUntil: Date }> {
  assertReviewer(actor);
  return db.transaction(async (tx) => {
    const item = await loadItem(tx, qaItemId, true);
    if (!item) throw new DomainError('NOT_FOUND', 'QA item not found');
    assertOversightAccess(actor, item.unitId);
    if (item.secondDecisionId) throw new DomainError('ILLEGAL_TRANSITION', 'This QA item is already reviewed');
    await assertNotFirstDecider(tx, actor, item.firstDecisionId);
    const live = item.leaseUntil !== null && item.leaseUntil.getTime() > Date.now();
    if (live && item.claimedBy !== actor.id) throw new DomainError('HELD_BY_OTHER', 'Another supervisor is reviewing this item');
    const [updated] = await tx
      .update(qaItems)
      .set({ claimedBy: actor.id, leaseUntil: sql`now() + make_interval(mins => ${QA_LEASE_MINUTES})` })
      .where(eq(qaItems.id, item.id))
      .returning({ leaseUntil: qaItems.leaseUntil });
    if (!live) {
      await appendAudit(tx, {
        stream: unitStream(item.unitId),
        actor,
        unitId: item.unitId,
        action: 'qa.claim',
        entityType: 'submission',
        entityId: item.submissionId,
        payload: { qaItemId: item.id, leaseMinutes: QA_LEASE_MINUTES },
      });
    }
    return { leaseUntil: updated.leaseUntil! };
  });
}

async function assertNotFirstDecider(tx: DbOrTx, actor: Actor, firstDecisionId: string) {
  const [first] = await tx.select({ actorId: decisions.actorId }).from(decisions).where(eq(decisions.id, firstDecisionId));
  if (first?.actorId === actor.id) throw new DomainError('FORBIDDEN', 'A decision is checked by someone other than its maker', { reason: 'own_decision' });
}

export async function decideQa(db: DbOrTx, actor: Actor, input: QaDecideInput): Promise<{ secondDecisionId: string; agrees: boolean }> {
  assertReviewer(actor);
  return db.transaction(async (tx) => {
    const item = await loadItem(tx, input.qaItemId, true);
    if (!item) throw new DomainError('NOT_FOUND', 'QA item not found');
    assertOversightAccess(actor, item.unitId);
    if (item.secondDecisionId) throw new DomainError('ILLEGAL_TRANSITION', 'This QA item is already reviewed');
    const [first] = await tx
      .select({
        id: decisions.id,
        actorId: decisions.actorId,
        outcome: decisions.outcome,
        suggestionId: decisions.suggestionId,
        submissionVersion: decisions.submissionVersion,
        snapshot: decisions.snapshot,
      })
      .from(decisions)
      .where(eq(decisions.id, item.firstDecisionId));
    if (first.actorId === actor.id) throw new DomainError('FORBIDDEN', 'A decision is checked by someone other than its maker', { reason: 'own_decision' });
    const live = item.leaseUntil !== null && item.leaseUntil.getTime() > Date.now();
    if (live && item.claimedBy !== actor.id) throw new DomainError('HELD_BY_OTHER', 'Another supervisor is reviewing this item');
    const suggestion = first.suggestionId
      ? (
          await tx
            .select({ recommendation: aiSuggestions.recommendation, docVerdicts: aiSuggestions.docVerdicts, draftAnswer: aiSuggestions.draftAnswer })
            .from(aiSuggestions)
            .where(eq(aiSuggestions.id, first.suggestionId))
        )[0]
      : undefined;
    const unjudged = unjudgedDocTypes(suggestion?.docVerdicts ?? [], input.verdicts);
    if (unjudged.length) {
      throw new DomainError('UNJUDGED_DOCUMENT', `The AI gave no verdict for ${unjudged.join(', ')}: there is nothing to override`, { docTypes: unjudged });
    }
    const overrides = computeOverrides(suggestion?.docVerdicts ?? [], input.verdicts);
    const agrees = input.outcome === first.outcome;
    const [second] = await tx
      .insert(decisions)
      .values({
        submissionId: item.submissionId,
        unitId: item.unitId,
        suggestionId: first.suggestionId,
        actorId: actor.id,
        outcome: input.outcome,
        // A QA review sends nothing to the citizen.
        finalAnswer: '',
        agreesWithAi: agreesWithAi(suggestion?.recommendation, input.outcome),
        answerEdited: false,
        verdictOverrides: overrides,
        note: input.note?.trim() || null,
        timeSpentMs: Math.max(0, Math.min(8 * 3600_000, Math.round(input.timeSpentMs))),
        kind: 'qa_second',
        submissionVersion: -first.submissionVersion,
        snapshot: first.snapshot,
      })
      .returning({ id: decisions.id });
    await tx
      .update(qaItems)
      .set({ secondDecisionId: second.id, agrees, completedAt: sql`now()`, claimedBy: null, leaseUntil: null })
      .where(eq(qaItems.id, item.id));
    await appendAudit(tx, {
      stream: unitStream(item.unitId),
      actor,
      unitId: item.unitId,
      action: 'qa.second_review',
      entityType: 'submission',
      entityId: item.submissionId,
      payload: {
        qaItemId: item.id,
        source: item.source,
        firstDecisionId: first.id,
        secondDecisionId: second.id,
        outcome: input.outcome,
        agrees,
        verdictOverrides: overrides,
      },
    });
    return { secondDecisionId: second.id, agrees };
  });
}
