import { z } from 'zod';
import { zString } from '@/lib/zod-text';
import { decide } from '../services/review/decisions';
import { saveDraft } from '../services/review/drafts';
import { REVEAL_REASONS, REVEALABLE_FIELDS, revealPersonalData } from '../services/review/personal-data';
import { heartbeat } from '../services/review/presence';
import { listReasonCodes, listServices } from '../services/core/reference';
import { getReview } from '../services/review/review';
import { authedProcedure, reviewerProcedure, router } from '../trpc';

const ZVerdict = z.enum(['valid', 'invalid', 'unreadable', 'missing']);

export const ZDecideInput = z.object({
  submissionId: z.guid(),
  version: z.number().int().min(1),
  suggestionId: z.guid().nullable(),
  outcome: z.enum(['approve', 'reject', 'request_info', 'escalate']),
  answer: zString().trim().min(1).max(20_000),
  verdicts: z.array(z.object({ docType: zString().max(40), verdict: ZVerdict })).max(20),
  reasonCode: zString().max(60).nullable(),
  note: zString().max(4_000).nullable(),
  timeSpentMs: z.number().int().min(0),
  takeNext: z.boolean().optional(),
  /** One per decision attempt, the same on its retries (server/services/review/decisions.ts). */
  idempotencyKey: z.guid().optional(),
});
export type TDecideInput = z.infer<typeof ZDecideInput>;

export const reviewRouter = router({
  get: reviewerProcedure
    .input(z.object({ submissionId: z.guid() }))
    .query(({ ctx, input }) => getReview(ctx.db, ctx.actor, input.submissionId)),
  decide: reviewerProcedure.input(ZDecideInput).mutation(({ ctx, input }) => decide(ctx.db, ctx.actor, input)),
  heartbeat: reviewerProcedure
    .input(z.object({ submissionId: z.guid() }))
    .mutation(({ ctx, input }) => heartbeat(ctx.db, ctx.actor, input.submissionId)),
  saveDraft: reviewerProcedure
    .input(
      z.object({
        submissionId: z.guid(),
        answer: zString().max(20_000),
        verdicts: z.record(zString().max(40), ZVerdict),
        reasonCode: zString().max(60).nullable(),
        note: zString().max(4_000).nullable(),
      }),
    )
    .mutation(({ ctx, input }) => saveDraft(ctx.db, ctx.actor, input)),
  reveal: reviewerProcedure
    .input(
      z.object({
        submissionId: z.guid(),
        field: z.enum(REVEALABLE_FIELDS),
        reason: z.enum(REVEAL_REASONS),
        note: zString().max(200).nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => revealPersonalData(ctx.db, ctx.actor, input)),
  reasonCodes: authedProcedure.query(({ ctx }) => listReasonCodes(ctx.db)),
  services: authedProcedure.query(({ ctx }) => listServices(ctx.db)),
});
