import { z } from 'zod';
import { VERDICTS } from '@/lib/vocabulary';
import { zString } from '@/lib/zod-text';
import { ZDecideInput } from '../services/review/decision-input';
import { decide } from '../services/review/decisions';
import { saveDraft } from '../services/review/drafts';
import { REVEAL_REASONS, REVEALABLE_FIELDS, revealPersonalData } from '../services/review/personal-data';
import { heartbeat } from '../services/review/presence';
import { listReasonCodes, listServices } from '../services/core/reference';
import { getReview } from '../services/review/review';
import { authedProcedure, reviewerProcedure, router } from '../trpc';

const ZVerdict = z.enum(VERDICTS);

export const reviewRouter = router({
  get: reviewerProcedure.input(z.object({ submissionId: z.guid() })).query(({ ctx, input }) => getReview(ctx.db, ctx.actor, input.submissionId)),
  decide: reviewerProcedure.input(ZDecideInput).mutation(({ ctx, input }) => decide(ctx.db, ctx.actor, input)),
  heartbeat: reviewerProcedure.input(z.object({ submissionId: z.guid() })).mutation(({ ctx, input }) => heartbeat(ctx.db, ctx.actor, input.submissionId)),
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
