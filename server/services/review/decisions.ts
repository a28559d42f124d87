/**
 * Recording an officer's decision on a submission. The decision row, the
 * status change and the audit event commit in one transaction or not at all.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { pipelined } from '@/db/pipelined';
import { decisionRequests, type DocVerdict } from '@/db/schema';
import { agreesWithAi as agreesWith, computeOverrides, requiresReason, unjudgedDocTypes } from '@/lib/decision-rules';
import type { SubmissionStatus } from '@/lib/vocabulary';
import { requireUnit, type Actor } from '../core/actor';
import { withDisclosure, editSize } from './answer';
import { appendAudit } from '../audit/audit';
import { DomainError, isDomainError } from '../core/errors';
import { isDecisionKeyConflict, replayDecision, requestHash } from '../intake/idempotency';
import { decisionEventType } from '../intake/outbox';
import { isSampledForQa } from '../oversight/sampling';
import { enqueueQa, qaSampleRate } from '../oversight/qa';
import { claimWrites, nextCandidate, type ClaimResult } from './queue';
import { supersededBy } from '../oversight/reopen';
import type { DecideInput } from './decision-input';
import { applyTransition } from './transition';
import { nextStatus, type TransitionEvent } from './workflow';

/** `replayed`: the answer of an earlier attempt with the same idempotency key; nothing new was written. */
export type DecideResult = { decisionId: string; status: string; auditSeq: number; next: ClaimResult | null; replayed?: true };

/** What a decision's key row keeps; the audit sequence number is read back from the chain on a replay. */
type StoredDecision = { submissionId: string; decisionId: string; status: string; next: (Omit<ClaimResult, 'leaseUntil'> & { leaseUntil: string }) | null };

const MAX_TIME_SPENT_MS = 8 * 60 * 60 * 1000;

export async function decide(db: DbOrTx, actor: Actor, input: DecideInput): Promise<DecideResult> {
  if (!input.idempotencyKey) return decideOnce(db, actor, input, null);
  const key = { key: input.idempotencyKey, hash: requestHash({ ...input, idempotencyKey: undefined }) };
  try {
    return await decideOnce(db, actor, input, key);
  } catch (e) {
    // An attempt with a used key cannot pass the checks again (the version moved, the claim is gone)
    // or, racing the first attempt, hits the key's primary key: answer with what the key decided.
    if (!isDomainError(e) && !isDecisionKeyConflict(e)) throw e;
    const stored = await replayDecision<StoredDecision>(db, actor.id, key.key, key.hash);
    if (!stored) throw e;
    return replayedResult(db, stored);
  }
}

async function replayedResult(db: DbOrTx, stored: StoredDecision): Promise<DecideResult> {
  const [event] = await db.execute<{ seq: string }>(sql`
    select seq::text as seq from audit_events
    where entity_type = 'submission' and entity_id = ${stored.submissionId} and payload->>'decisionId' = ${stored.decisionId}
      and action like 'decision.%'`);
  return {
    decisionId: stored.decisionId,
    status: stored.status,
    auditSeq: Number(event?.seq),
    next: stored.next && { ...stored.next, leaseUntil: new Date(stored.next.leaseUntil) },
    replayed: true,
  };
}

async function decideOnce(db: DbOrTx, actor: Actor, input: DecideInput, key: { key: string; hash: string } | null): Promise<DecideResult> {
  const unitId = requireUnit(actor);
  if (actor.role === 'admin') throw new DomainError('FORBIDDEN', 'Admins do not decide submissions');
  if (input.outcome === 'escalate' && actor.role !== 'officer') {
    throw new DomainError('FORBIDDEN', 'Only officers escalate to a supervisor');
  }
  if (input.outcome === 'escalate' && !input.note?.trim()) {
    throw new DomainError('NOTE_REQUIRED', 'An escalation needs a note for the supervisor');
  }
  let appended: Promise<unknown[]> | undefined;
  const result = await db.transaction(async (tx) => {
    // The submission (locked), its suggestion, documents and reason check in one statement; the two
    // lookups owned by other services ride along in the same round trip (db/pipelined.ts).
    // With "decide and next", the next item is picked (and locked) in the same round trip.
    const [sub, supersededDecision, qaRate, candidate] = await pipelined([
      lockForDecision(tx, input.submissionId, actor.id, input.reasonCode),
      input.outcome === 'escalate' ? null : supersededBy(tx, input.submissionId),
      input.outcome === 'escalate' ? null : qaSampleRate(tx, unitId),
      input.takeNext ? nextCandidate(tx, actor, unitId) : null,
    ]);
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
    const docs = sub.docs;
    if (sub.evidenceFirst && docs.some((d) => !d.viewed)) {
      throw new DomainError('EVIDENCE_FIRST', 'Open every document before deciding this service');
    }
    if ((input.suggestionId ?? null) !== (sub.latestSuggestionId ?? null)) {
      throw new DomainError('STALE_SUGGESTION', 'A newer AI suggestion arrived; review it first');
    }
    const suggestion = sub.suggestion;

    const unjudged = unjudgedDocTypes(suggestion?.docVerdicts ?? [], input.verdicts);
    if (unjudged.length) {
      throw new DomainError('UNJUDGED_DOCUMENT', `The AI gave no verdict for ${unjudged.join(', ')}: there is nothing to override`, { docTypes: unjudged });
    }
    const overrides = computeOverrides(suggestion?.docVerdicts ?? [], input.verdicts);
    const agreesWithAi = agreesWith(suggestion?.recommendation, input.outcome);
    if (requiresReason(input.outcome, agreesWithAi, overrides)) {
      if (!input.reasonCode) {
        throw new DomainError('REASON_REQUIRED', 'A reason code is required when you reject or override the AI', {
          overrides,
        });
      }
    }
    if (input.reasonCode && !sub.reasonActive) throw new DomainError('UNKNOWN_REASON', `Unknown reason code ${input.reasonCode}`);

    const answer = input.answer.trim();
    const draft = suggestion?.draftAnswer.trim() ?? '';
    const event: TransitionEvent = input.outcome;
    // Asked here for the payloads; applyTransition asks the same table when it moves the row.
    const to = nextStatus(sub.status, event);
    // An escalation is a hand-over, not an answer: the citizen hears nothing yet.
    const finalAnswer = input.outcome === 'escalate' ? answer : withDisclosure(answer, actor.name, sub.unitName);
    // After a supervisor reopened the item, the next final decision replaces the reopened one.
    const supersedes = supersededDecision ?? null;
    const decisionId = randomUUID();
    const answerEdited = answer !== draft;
    const outbox = {
      type: decisionEventType(input.outcome),
      payload: {
        ticket: sub.ticket,
        decisionId,
        outcome: input.outcome,
        status: { from: sub.status, to },
        ...(input.outcome === 'escalate' ? {} : { finalAnswer, decidedBy: 'officer', officerName: actor.name }),
      },
    };
    const auditPayload = {
      ticket: sub.ticket,
      decisionId,
      suggestionId: suggestion?.id ?? null,
      outcome: input.outcome,
      from: sub.status,
      to,
      agreesWithAi,
      verdictOverrides: overrides,
      reasonCode: input.reasonCode,
      answerEdited,
      supersedes,
    };

    // Every write of the decision in one round trip (db/pipelined.ts): the decision row and the
    // autosaved draft gone in one statement, the status change and the outbox event for channel
    // systems (server/services/intake/outbox.ts) through applyTransition, and the claim of the next
    // item. The decision path is the one officers wait on all day; awaited one by one these would
    // cost a round trip each. The audit event is built there and appended last, below.
    const [, moved, nextClaim] = await pipelined([
      tx.execute(sql`
      with decision as (
        insert into decisions (id, submission_id, unit_id, suggestion_id, actor_id, outcome, final_answer, agrees_with_ai,
                               answer_edited, edit_size, verdict_overrides, reason_code, note, time_spent_ms, kind, supersedes,
                               submission_version, snapshot)
        values (${decisionId}, ${sub.id}, ${unitId}, ${suggestion?.id ?? null}, ${actor.id}, ${input.outcome}::decision_outcome,
                ${finalAnswer}, ${agreesWithAi}, ${answerEdited}, ${editSize(draft, answer)}, ${JSON.stringify(overrides)}::jsonb,
                ${input.reasonCode}, ${input.note?.trim() || null},
                ${Math.max(0, Math.min(MAX_TIME_SPENT_MS, Math.round(input.timeSpentMs)))}, 'human', ${supersedes}::uuid,
                ${sub.version},
                ${JSON.stringify({ suggestionVersion: suggestion?.version ?? null, documents: docs.map((d) => ({ id: d.id, sha256: d.sha256 })), policyVersion: null })}::jsonb)
      ),
      draft_gone as (delete from drafts where submission_id = ${sub.id})
      select 1`),
      applyTransition(tx, {
        submission: sub,
        event,
        // An escalation hands the item over undecided.
        decidedAt: to === 'escalated' ? 'clear' : 'now',
        outbox: () => outbox,
        audit: () => ({ actor, action: `decision.${input.outcome}`, payload: auditPayload }),
        deferAudit: true,
      }),
      candidate ? claimWrites(tx, actor, unitId, candidate, sub.id) : null,
    ]);
    // Blind QA: a keyed-hash sample of final decisions goes to a second reviewer (server/services/oversight/qa.ts).
    if (qaRate !== null && isSampledForQa(sub.id, qaRate)) {
      await enqueueQa(tx, { submissionId: sub.id, unitId, firstDecisionId: decisionId, source: 'human_sample' });
    }
    // The audit events last, together, in this order, and not awaited here: the COMMIT then goes
    // out right behind them in the same round trip. The unit's stream head is locked from the
    // first append to the commit and every officer of the unit waits for that lock, so this
    // keeps the wait to one statement and the flush. Should an append fail, Postgres answers the
    // COMMIT with a rollback, and the failure is thrown below: nothing of the decision is kept.
    appended = pipelined([
      appendAudit(tx, moved.deferredAudit!),
      nextClaim ? appendAudit(tx, nextClaim.audit) : null,
      // The key row commits with the decision or not at all (server/services/intake/idempotency.ts).
      key
        ? tx.insert(decisionRequests).values({
            actorId: actor.id,
            key: key.key,
            requestHash: key.hash,
            decisionId,
            result: { submissionId: sub.id, decisionId, status: to, next: nextClaim?.claim ?? null },
          })
        : null,
    ]);
    appended.catch(() => {}); // awaited below; this only keeps Node from calling it unhandled meanwhile
    return { decisionId, status: to, next: nextClaim?.claim ?? null };
  });
  const [auditSeq] = (await appended) as [number, number | null];
  return { ...result, auditSeq };
}

type LockedSubmission = {
  id: string;
  ticket: string;
  unitId: string;
  status: SubmissionStatus;
  claimedBy: string | null;
  version: number;
  latestSuggestionId: string | null;
  unitName: string;
  evidenceFirst: boolean;
  /** Documents with whether this reviewer opened each (evidence first) and their hashes (the decision's snapshot). */
  docs: { id: string; sha256: string; viewed: boolean }[];
  suggestion: { id: string; version: number; draftAnswer: string; recommendation: string; docVerdicts: DocVerdict[] } | null;
  reasonActive: boolean;
};

/** The submission locked for the decision, with everything the decision rules read. */
async function lockForDecision(tx: DbOrTx, submissionId: string, actorId: string, reasonCode: string | null): Promise<LockedSubmission | undefined> {
  const rows = await tx.execute<{
    id: string;
    ticket: string;
    unit_id: string;
    status: SubmissionStatus;
    claimed_by: string | null;
    version: number;
    latest_suggestion_id: string | null;
    unit_name: string;
    evidence_first: boolean;
    docs: LockedSubmission['docs'];
    suggestion: LockedSubmission['suggestion'];
    reason_active: boolean;
  }>(sql`
    select s.id, s.ticket, s.unit_id, s.status, s.claimed_by, s.version, s.latest_suggestion_id,
           u.name as unit_name, sv.evidence_first,
           (select coalesce(json_agg(json_build_object('id', a.id, 'sha256', a.sha256, 'viewed', v.first_viewed_at is not null)
                                     order by a.id), '[]'::json)
            from attachments a left join document_views v on v.attachment_id = a.id and v.user_id = ${actorId}
            where a.submission_id = s.id) as docs,
           (select json_build_object('id', g.id, 'version', g.version, 'draftAnswer', g.draft_answer,
                                     'recommendation', g.recommendation, 'docVerdicts', g.doc_verdicts)
            from ai_suggestions g where g.id = s.latest_suggestion_id) as suggestion,
           exists (select 1 from reason_codes r where r.code = ${reasonCode} and r.active) as reason_active
    from submissions s
    join units u on u.id = s.unit_id
    join services sv on sv.code = s.service_code
    where s.id = ${submissionId}
    for update of s`);
  const r = rows[0];
  return (
    r && {
      id: r.id,
      ticket: r.ticket,
      unitId: r.unit_id,
      status: r.status,
      claimedBy: r.claimed_by,
      version: r.version,
      latestSuggestionId: r.latest_suggestion_id,
      unitName: r.unit_name,
      evidenceFirst: r.evidence_first,
      docs: r.docs,
      suggestion: r.suggestion,
      reasonActive: r.reason_active,
    }
  );
}
