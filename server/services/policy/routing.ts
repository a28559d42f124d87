/**
 * Where a freshly drafted suggestion goes: automatic approval under the
 * service's active policy, or a person's queue. Called by the drafting
 * pipeline inside its transaction, after the suggestion row is written.
 *
 * It gathers the inputs (active policy, kill switch read from the database,
 * automatic approvals of the unit today), lets evaluatePolicy decide, and
 * records the evaluation with its rule. An automatic approval writes the
 * decision (kind 'auto', the policy version), the status change, the QA
 * sample, the outbox event and the audit event, all in the caller's
 * transaction: either all of it commits with the suggestion or none does.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { aiSuggestions, attachments, decisions, policyEvaluations, submissions, units } from '@/db/schema';
import { killSwitchForEvaluation } from './kill-switch';
import { getActivePolicy, rulesOf } from './policies';
import { withAutoDisclosure } from './answer';
import { evaluatePolicy, type Evaluation } from './evaluation';
import { isSampledForQa } from '../oversight/sampling';
import { enqueueQa } from '../oversight/qa';
import type { SubmissionStatus } from '@/lib/vocabulary';
import { applyTransition } from '../review/transition';
import { canTransition, nextStatus } from '../review/workflow';

export type RouteInput = { submissionId: string; suggestionId: string; unitId: string; serviceCode: string; status: SubmissionStatus };
export type RouteResult = { result: 'auto_approve' | 'human_review'; rule: string; policyId: string | null };

/** Start of today in Asia/Jakarta (UTC+7, no daylight saving), as a timestamptz expression. */
const JAKARTA_TODAY = sql`(date_trunc('day', now() at time zone 'Asia/Jakarta') at time zone 'Asia/Jakarta')`;

/** Automatic approvals of this service in this unit since midnight Jakarta time. */
async function autoApprovedToday(tx: DbOrTx, unitId: string, serviceCode: string): Promise<number> {
  const rows = await tx.execute<{ n: string }>(sql`
    select count(*) as n from decisions d
    where d.unit_id = ${unitId} and d.kind = 'auto' and d.created_at >= ${JAKARTA_TODAY}
      and d.policy_id in (select id from policies where service_code = ${serviceCode})`);
  return Number(rows[0]?.n ?? 0);
}

export async function routeSuggestion(tx: DbOrTx, input: RouteInput): Promise<RouteResult> {
  const [suggestion] = await tx
    .select({
      id: aiSuggestions.id,
      version: aiSuggestions.version,
      draftAnswer: aiSuggestions.draftAnswer,
      recommendation: aiSuggestions.recommendation,
      confidence: aiSuggestions.confidence,
      docVerdicts: aiSuggestions.docVerdicts,
      flags: aiSuggestions.flags,
    })
    .from(aiSuggestions)
    .where(eq(aiSuggestions.id, input.suggestionId));
  const killSwitch = await killSwitchForEvaluation(tx);
  const policyRow = await getActivePolicy(tx, input.serviceCode);
  const policy = policyRow ? rulesOf(policyRow) : null;
  const mayAuto = policy?.autoApproveEnabled === true && !killSwitch && suggestion?.recommendation === 'approve';
  if (mayAuto) {
    // Auto-approvals of one unit queue up behind each other here, so two at once cannot both take the last slot of the cap.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`auto-cap:${input.unitId}`}))`);
  }
  const today = mayAuto ? await autoApprovedToday(tx, input.unitId, input.serviceCode) : 0;

  let evaluation: { result: Evaluation['result']; rule: string } = suggestion
    ? evaluatePolicy({
        policy,
        killSwitch,
        suggestion: {
          recommendation: suggestion.recommendation,
          confidence: suggestion.confidence,
          docVerdicts: suggestion.docVerdicts,
          flags: suggestion.flags,
        },
        autoApprovedTodayInUnit: today,
      })
    : { result: 'human_review', rule: 'no_suggestion' };
  // Only a submission the pipeline is drafting can be approved automatically; anything else goes to a person.
  if (evaluation.result === 'auto_approve' && !canTransition(input.status, 'auto_approve')) {
    evaluation = { result: 'human_review', rule: 'not_drafting' };
  }

  await tx.insert(policyEvaluations).values({
    submissionId: input.submissionId,
    suggestionId: input.suggestionId,
    policyId: policyRow?.id ?? null,
    result: evaluation.result,
    rule: evaluation.rule,
  });

  if (evaluation.result === 'human_review' || !policyRow || !policy || !suggestion) {
    // No outbox or audit event here: the drafting job records this move in its own (`submission.drafted`).
    await applyTransition(tx, { submission: { id: input.submissionId, unitId: input.unitId, status: input.status }, event: 'draft_ready' });
    return { result: 'human_review', rule: evaluation.rule, policyId: policyRow?.id ?? null };
  }

  const [sub] = await tx
    .select({ ticket: submissions.ticket, version: submissions.version, unitName: units.name })
    .from(submissions)
    .innerJoin(units, eq(units.id, submissions.unitId))
    .where(eq(submissions.id, input.submissionId))
    .for('update', { of: submissions });
  const docs = await tx
    .select({ id: attachments.id, sha256: attachments.sha256 })
    .from(attachments)
    .where(eq(attachments.submissionId, input.submissionId))
    .orderBy(asc(attachments.id));
  // Refused before the decision row is written; applyTransition asks the same table again.
  nextStatus(input.status, 'auto_approve');
  const finalAnswer = withAutoDisclosure(suggestion.draftAnswer, sub.unitName, policyRow.version);
  const [decision] = await tx
    .insert(decisions)
    .values({
      submissionId: input.submissionId,
      unitId: input.unitId,
      suggestionId: suggestion.id,
      actorId: null,
      outcome: 'approve',
      finalAnswer,
      agreesWithAi: true,
      answerEdited: false,
      editSize: 0,
      verdictOverrides: [],
      reasonCode: null,
      note: null,
      timeSpentMs: 0,
      kind: 'auto',
      submissionVersion: sub.version,
      snapshot: { suggestionVersion: suggestion.version, documents: docs, policyVersion: policyRow.version },
      policyId: policyRow.id,
    })
    .returning({ id: decisions.id });
  // Blind second review of a share of automatic approvals, by the keyed hash of the submission (auditors can recompute it).
  const qaItemId = isSampledForQa(input.submissionId, policy.qaSampleRate)
    ? await enqueueQa(tx, { submissionId: input.submissionId, unitId: input.unitId, firstDecisionId: decision.id, source: 'auto_sample' })
    : null;

  await applyTransition(tx, {
    submission: { id: input.submissionId, unitId: input.unitId, status: input.status, version: sub.version },
    event: 'auto_approve',
    decidedAt: 'now',
    outbox: (to) => ({
      type: 'submission.auto_approved',
      payload: {
        ticket: sub.ticket,
        decisionId: decision.id,
        outcome: 'approve',
        status: { from: input.status, to },
        finalAnswer,
        decidedBy: 'policy',
        policyVersion: policyRow.version,
      },
    }),
    audit: (to) => ({
      actor: null,
      action: 'decision.auto_approve',
      payload: {
        ticket: sub.ticket,
        decisionId: decision.id,
        suggestionId: suggestion.id,
        outcome: 'approve',
        from: input.status,
        to,
        policyId: policyRow.id,
        policyVersion: policyRow.version,
        serviceCode: input.serviceCode,
        rule: evaluation.rule,
        confidence: suggestion.confidence,
        autoApprovedTodayBefore: today,
        qaSampled: qaItemId !== null,
      },
    }),
  });
  return { result: 'auto_approve', rule: evaluation.rule, policyId: policyRow.id };
}
