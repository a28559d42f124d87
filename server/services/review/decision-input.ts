/**
 * What a person sends to decide an item, defined once: the tRPC procedures
 * parse with these schemas, the services take the inferred types, and the
 * review page builds the same type (through the router's input type; the
 * browser gets no zod).
 *
 * Shape only. When a reason code is required (lib/decision-rules.ts
 * requiresReason) depends on the AI's suggestion in the database, so the
 * decision service applies that rule, not this schema; likewise "an
 * escalation needs a note" and who may escalate (decisions.ts).
 */
import { z } from 'zod';
import { DECISION_OUTCOMES, FINAL_OUTCOMES, VERDICTS } from '@/lib/vocabulary';
import { zString } from '@/lib/zod-text';

/** The final verdict per document type, where the person disagrees with the AI. */
const ZFinalVerdicts = z.array(z.object({ docType: zString().max(40), verdict: z.enum(VERDICTS) })).max(20);

/** An officer's (or a supervisor's, on an escalated item) decision: review.decide. */
export const ZDecideInput = z.object({
  submissionId: z.guid(),
  /** The submission version the officer saw; a stale or replayed submit is refused. */
  version: z.number().int().min(1),
  suggestionId: z.guid().nullable(),
  outcome: z.enum(DECISION_OUTCOMES),
  answer: zString().trim().min(1).max(20_000),
  verdicts: ZFinalVerdicts,
  reasonCode: zString().max(60).nullable(),
  note: zString().max(4_000).nullable(),
  timeSpentMs: z.number().int().min(0),
  /** Claim the next item of the queue in the same transaction ("decide and next"): one commit per item, not two. */
  takeNext: z.boolean().optional(),
  /**
   * A UUID the client makes per decision attempt and sends again on every retry of it: a retry whose
   * first attempt committed (the answer was lost) gets the original result, not STALE_VERSION.
   */
  idempotencyKey: z.guid().optional(),
});
export type DecideInput = z.infer<typeof ZDecideInput>;

/** A blind QA second review's decision (supervisor.qa.decide): it settles the item, so it cannot escalate. */
export const ZQaDecideInput = z.object({
  qaItemId: z.guid(),
  outcome: z.enum(FINAL_OUTCOMES),
  verdicts: ZFinalVerdicts,
  note: zString().max(4_000).nullable(),
  timeSpentMs: z.number().int().min(0),
});
export type QaDecideInput = z.infer<typeof ZQaDecideInput>;
