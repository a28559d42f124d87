/**
 * The drafting pipeline, run by the `drafting` job for each new submission:
 * received → drafting, the rule checks and the Drafter, then the suggestion,
 * the submission's pointer to it and the policy routing (auto-approve or a
 * person's queue) commit in one transaction. Safe to run twice: a submission
 * that is no longer waiting for a draft is left alone.
 *
 * The Drafter may be slow (a model behind HTTP), so it runs outside any
 * transaction; the status check is repeated before writing.
 */
import { and, asc, desc, eq, gte, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { aiSuggestions, attachments, deadLetters, services, submissions, units } from '@/db/schema';
import { capConfidenceByReading } from '@/server/ai/confidence';
import { createDrafter } from '@/server/ai/factory';
import { parseAiSettings } from '@/server/ai/settings';
import { documentReader } from '@/server/ai/reading/index';
import { RuleDocumentChecker } from '@/server/ai/rule-checker';
import type { DocumentChecker, DocumentReader, Drafter, SubmissionInput } from '@/server/ai/types';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM, unitStream } from '../audit/audit';
import { readingsOf, readSubmissionDocuments } from '../review/document-reading';
import { DomainError } from '../core/errors';
import { kbStamp, loadKbArticles } from '../admin/knowledge-base';
import { enqueueOutbox } from './outbox';
import { routeSuggestion } from '../policy/routing';
import type { SubmissionStatus } from '@/lib/vocabulary';
import { applyTransition } from '../review/transition';

export type PipelineDeps = { drafter?: Drafter; checker?: DocumentChecker; reader?: DocumentReader };
export type DraftingResult =
  | { outcome: 'skipped'; status: SubmissionStatus }
  | { outcome: 'drafted'; suggestionId: string; status: SubmissionStatus; routed: 'auto_approve' | 'human_review' | 'late_draft' | 'after_reply' };

const DUPLICATE_WINDOW_DAYS = 90;

let drafterCache: { stamp: string; env: string; drafter: Drafter } | null = null;

/** The configured Drafter over the current knowledge base, rebuilt only when an article changed. */
export async function currentDrafter(db: DbOrTx): Promise<Drafter> {
  const stamp = await kbStamp(db);
  const env = JSON.stringify(parseAiSettings());
  if (drafterCache && drafterCache.stamp === stamp && drafterCache.env === env) return drafterCache.drafter;
  const { articles } = await loadKbArticles(db);
  const drafter = createDrafter(articles);
  drafterCache = { stamp, env, drafter };
  return drafter;
}

/** A submission that got no suggestion because the AI was unavailable may still get a late one (admin retry). */
const lateDraftable = (s: { status: SubmissionStatus; aiUnavailable: boolean; latestSuggestionId: string | null }) =>
  s.status === 'pending_review' && s.aiUnavailable && s.latestSuggestionId === null;

/**
 * After a reply with new documents (citizen/replies.ts) the item is back with a person and has no suggestion:
 * its new files are read and it is drafted again, whether or not an officer took it meanwhile. It is not routed
 * again (an adverse request was made: a person decides). Told from the database, so an admin's retry of the dead letter works too.
 */
const redraftAfterReply = (s: { status: SubmissionStatus; latestSuggestionId: string | null; replyDocuments: boolean }) =>
  (s.status === 'pending_review' || s.status === 'in_review') && s.latestSuggestionId === null && s.replyDocuments;

async function lockSubmission(tx: Tx, id: string) {
  const [s] = await tx
    .select({
      id: submissions.id,
      ticket: submissions.ticket,
      unitId: submissions.unitId,
      serviceCode: submissions.serviceCode,
      status: submissions.status,
      version: submissions.version,
      aiUnavailable: submissions.aiUnavailable,
      latestSuggestionId: submissions.latestSuggestionId,
      // Qualified by hand: drizzle writes a one-table select's columns unqualified, which inside this subquery would name the attachment's own.
      replyDocuments: sql<boolean>`exists (select 1 from ${attachments} r where r.submission_id = ${submissions}.id and r.reply_id is not null)`,
    })
    .from(submissions)
    .where(eq(submissions.id, id))
    .for('update');
  return s ?? null;
}

export async function loadDraftingInput(db: DbOrTx, submissionId: string): Promise<SubmissionInput> {
  const [s] = await db
    .select({ sub: submissions, requiredDocs: services.requiredDocs, regionCode: units.regionCode })
    .from(submissions)
    .innerJoin(services, eq(services.code, submissions.serviceCode))
    .innerJoin(units, eq(units.id, submissions.unitId))
    .where(eq(submissions.id, submissionId));
  if (!s) throw new DomainError('NOT_FOUND', 'Submission not found');
  const docs = await db
    .select({ id: attachments.id, docType: attachments.docType, extracted: attachments.extracted })
    .from(attachments)
    .where(eq(attachments.submissionId, submissionId))
    // The checker judges the first file of each type: a citizen's reply brings the newer one, so replies come first,
    // the latest reply first; a submission without replies keeps its intake order.
    .orderBy(
      sql`${attachments.replyId} is null`,
      sql`case when ${attachments.replyId} is not null then ${attachments.createdAt} end desc nulls last`,
      asc(attachments.createdAt),
      asc(attachments.id),
    );
  const readings = await readingsOf(
    db,
    docs.map((d) => d.id),
  );
  const earlier = await db
    .select({ ticket: submissions.ticket })
    .from(submissions)
    .where(
      and(
        eq(submissions.nik, s.sub.nik),
        eq(submissions.serviceCode, s.sub.serviceCode),
        ne(submissions.id, submissionId),
        gte(submissions.receivedAt, sql`${s.sub.receivedAt.toISOString()}::timestamptz - make_interval(days => ${DUPLICATE_WINDOW_DAYS})`),
        sql`${submissions.receivedAt} <= ${s.sub.receivedAt.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(desc(submissions.receivedAt))
    .limit(10);
  return {
    serviceCode: s.sub.serviceCode,
    unitRegionCode: s.regionCode,
    requiredDocs: s.requiredDocs,
    citizenName: s.sub.citizenName,
    nik: s.sub.nik,
    kkNumber: s.sub.kkNumber,
    message: s.sub.message,
    form: s.sub.form,
    attachments: docs.map((d) => ({ id: d.id, docType: d.docType, extracted: d.extracted, reading: readings.get(d.id) ?? null })),
    earlierSameService: earlier.map((e) => e.ticket),
    receivedAt: s.sub.receivedAt,
  };
}

export async function runDrafting(db: Db, submissionId: string, deps: PipelineDeps = {}): Promise<DraftingResult> {
  // 1. Claim the work: received → drafting (a retry finds it already drafting).
  const start = await db.transaction(async (tx) => {
    const s = await lockSubmission(tx, submissionId);
    if (!s) throw new DomainError('NOT_FOUND', 'Submission not found');
    if (s.status === 'drafting' || lateDraftable(s) || redraftAfterReply(s)) return { go: true as const, status: s.status };
    if (s.status !== 'received') return { go: false as const, status: s.status };
    const { to } = await applyTransition(tx, {
      submission: s,
      event: 'start_drafting',
      audit: (to) => ({ actor: null, action: 'submission.drafting', payload: { ticket: s.ticket, from: s.status, to } }),
    });
    return { go: true as const, status: to };
  });
  if (!start.go) return { outcome: 'skipped', status: start.status };

  // 2. The AI's work, outside any transaction: read the documents (kept per attachment), check, draft.
  await readSubmissionDocuments(db, submissionId, deps.reader ?? documentReader());
  const input = await loadDraftingInput(db, submissionId);
  const checker = deps.checker ?? new RuleDocumentChecker();
  const drafter = deps.drafter ?? (await currentDrafter(db));
  const checks = checker.check(input);
  const drafted = await drafter.draft(input, checks);
  const draft = { ...drafted, confidence: capConfidenceByReading(drafted.confidence, checks.verdicts) };
  const flags = [...new Set([...checks.flags, ...(drafted.flags ?? [])])];

  // 3. Write the suggestion and route it, or leave it if someone else finished first.
  return db.transaction(async (tx): Promise<DraftingResult> => {
    const s = await lockSubmission(tx, submissionId);
    if (!s) throw new DomainError('NOT_FOUND', 'Submission not found');
    const late = lateDraftable(s);
    const afterReply = !late && redraftAfterReply(s);
    if (s.status !== 'drafting' && !late && !afterReply) return { outcome: 'skipped', status: s.status };
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${aiSuggestions.version}), 0)::int + 1` })
      .from(aiSuggestions)
      .where(eq(aiSuggestions.submissionId, s.id));
    const [suggestion] = await tx
      .insert(aiSuggestions)
      .values({
        submissionId: s.id,
        version: next,
        draftAnswer: draft.draftAnswer,
        citations: draft.citations,
        recommendation: draft.recommendation,
        confidence: draft.confidence,
        docVerdicts: checks.verdicts,
        flags,
        modelName: draft.modelName,
        modelVersion: draft.modelVersion,
        latencyMs: draft.latencyMs,
      })
      .returning({ id: aiSuggestions.id });
    await tx
      .update(submissions)
      .set({
        latestSuggestionId: suggestion.id,
        aiUnavailable: false,
        aiUnavailableReason: null,
        ...(late || afterReply ? { version: sql`${submissions.version} + 1` } : {}),
      })
      .where(eq(submissions.id, s.id));

    let routed: 'auto_approve' | 'human_review' | 'late_draft' | 'after_reply' = afterReply ? 'after_reply' : 'late_draft';
    let rule: string | null = null;
    if (!late && !afterReply) {
      const r = await routeSuggestion(tx, {
        submissionId: s.id,
        suggestionId: suggestion.id,
        unitId: s.unitId,
        serviceCode: s.serviceCode,
        status: 'drafting',
      });
      routed = r.result;
      rule = r.rule;
    }
    const [after] = await tx.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, s.id));
    if (after.status !== s.status) {
      await enqueueOutbox(tx, {
        unitId: s.unitId,
        type: 'submission.status_changed',
        submissionId: s.id,
        payload: { ticket: s.ticket, status: { from: s.status, to: after.status }, reason: routed },
      });
    }
    await appendAudit(tx, {
      stream: unitStream(s.unitId),
      actor: null,
      unitId: s.unitId,
      action: 'submission.drafted',
      entityType: 'submission',
      entityId: s.id,
      payload: {
        ticket: s.ticket,
        suggestionId: suggestion.id,
        version: next,
        model: `${draft.modelName} ${draft.modelVersion}`,
        recommendation: draft.recommendation,
        confidence: draft.confidence,
        flags,
        grounding: drafted.groundingProblems?.map((p) => p.code) ?? [],
        routed,
        rule,
        from: s.status,
        to: after.status,
      },
    });
    return { outcome: 'drafted', suggestionId: suggestion.id, status: after.status, routed };
  });
}

/**
 * The drafting job failed after its last retry: record the dead letter and
 * send the submission to a person, marked "AI unavailable", so it is never stuck.
 */
export async function markAiUnavailable(
  db: Db,
  input: { submissionId: string; jobId: string | null; error: string; attempts: number },
): Promise<{ status: SubmissionStatus | null }> {
  // A reader failure is not an AI outage: the officer must know the documents were never read by a machine.
  const reason = /DocumentReadError/.test(input.error) ? 'documents_not_read' : 'ai_unavailable';
  return db.transaction(async (tx) => {
    const s = await lockSubmission(tx, input.submissionId);
    if (!s) return { status: null };
    if (input.jobId) {
      const [seen] = await tx.select({ id: deadLetters.id }).from(deadLetters).where(eq(deadLetters.jobId, input.jobId));
      if (seen) return { status: s.status };
    }
    await tx.insert(deadLetters).values({
      queue: 'drafting',
      jobId: input.jobId,
      submissionId: s.id,
      unitId: s.unitId,
      error: input.error.slice(0, 2000),
      attempts: input.attempts,
    });
    if (redraftAfterReply(s)) {
      // The citizen's new files could not be read: the item stays with a person, marked so, without a suggestion.
      await tx.update(submissions).set({ aiUnavailable: true, aiUnavailableReason: reason }).where(eq(submissions.id, s.id));
      await appendAudit(tx, {
        stream: unitStream(s.unitId),
        actor: null,
        unitId: s.unitId,
        action: 'submission.ai_unavailable',
        entityType: 'submission',
        entityId: s.id,
        payload: { ticket: s.ticket, from: s.status, to: s.status, attempts: input.attempts, jobId: input.jobId, reason, afterReply: true },
      });
      return { status: s.status };
    }
    if (s.status !== 'received' && s.status !== 'drafting') return { status: s.status };
    const { to } = await applyTransition(tx, {
      submission: s,
      event: 'ai_unavailable',
      aiUnavailable: { reason },
      outbox: (to) => ({ type: 'submission.status_changed', payload: { ticket: s.ticket, status: { from: s.status, to }, reason } }),
      audit: (to) => ({
        actor: null,
        action: 'submission.ai_unavailable',
        payload: { ticket: s.ticket, from: s.status, to, attempts: input.attempts, jobId: input.jobId, reason },
      }),
    });
    return { status: to };
  });
}

export async function listDeadLetters(db: DbOrTx, opts: { includeResolved?: boolean } = {}) {
  return db
    .select({
      id: deadLetters.id,
      queue: deadLetters.queue,
      jobId: deadLetters.jobId,
      submissionId: deadLetters.submissionId,
      ticket: submissions.ticket,
      deliveryId: deadLetters.deliveryId,
      unitName: units.name,
      error: deadLetters.error,
      attempts: deadLetters.attempts,
      createdAt: deadLetters.createdAt,
      resolvedAt: deadLetters.resolvedAt,
    })
    .from(deadLetters)
    .leftJoin(submissions, eq(submissions.id, deadLetters.submissionId))
    .leftJoin(units, eq(units.id, deadLetters.unitId))
    .where(opts.includeResolved ? undefined : sql`${deadLetters.resolvedAt} is null`)
    .orderBy(desc(deadLetters.createdAt))
    .limit(200);
}

/**
 * An admin retries a dead letter: the job is scheduled again (in the same
 * transaction) and the dead letter is marked resolved. A drafting retry gives
 * the item a late suggestion while it still waits for a person.
 */
export async function retryDeadLetter(
  db: Db,
  actor: Actor,
  id: string,
  enqueue: { drafting: (tx: Tx, submissionId: string) => Promise<void>; delivery: (tx: Tx, deliveryId: string) => Promise<void> },
): Promise<void> {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins retry background jobs');
  await db.transaction(async (tx) => {
    const [dl] = await tx.select().from(deadLetters).where(eq(deadLetters.id, id)).for('update');
    if (!dl || dl.resolvedAt) throw new DomainError('NOT_FOUND', 'Open dead letter not found');
    if (dl.queue === 'drafting' && dl.submissionId) await enqueue.drafting(tx, dl.submissionId);
    else if (dl.deliveryId) await enqueue.delivery(tx, dl.deliveryId);
    await tx
      .update(deadLetters)
      .set({ resolvedAt: sql`now()`, resolvedBy: actor.id })
      .where(eq(deadLetters.id, id));
    await appendAudit(tx, {
      stream: dl.unitId ? unitStream(dl.unitId) : SECURITY_STREAM,
      actor,
      unitId: dl.unitId,
      action: 'job.retry',
      entityType: 'dead_letter',
      entityId: dl.id,
      payload: { queue: dl.queue, submissionId: dl.submissionId, deliveryId: dl.deliveryId },
    });
  });
}
