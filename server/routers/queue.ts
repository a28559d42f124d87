import { z } from 'zod';
import { zString } from '@/lib/zod-text';
import { claim, listQueue, release, takeNext } from '../services/queue';
import { reviewerProcedure, router } from '../trpc';

export const ZQueueFilter = z.object({
  serviceCode: zString().max(40).optional(),
  channel: z.enum(['portal', 'chatbot', 'whatsapp', 'counter']).optional(),
  status: z.enum(['open', 'pending_review', 'in_review', 'escalated', 'awaiting_citizen']).optional(),
  sort: z.enum(['sla', 'received']).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
export type TQueueFilter = z.infer<typeof ZQueueFilter>;
const ZSubmissionRef = z.object({ submissionId: z.guid() });

export const queueRouter = router({
  list: reviewerProcedure.input(ZQueueFilter).query(({ ctx, input }) => listQueue(ctx.db, ctx.actor, input)),
  takeNext: reviewerProcedure.mutation(({ ctx }) => takeNext(ctx.db, ctx.actor)),
  claim: reviewerProcedure.input(ZSubmissionRef).mutation(({ ctx, input }) => claim(ctx.db, ctx.actor, input.submissionId)),
  release: reviewerProcedure
    .input(ZSubmissionRef)
    .mutation(({ ctx, input }) => release(ctx.db, ctx.actor, input.submissionId)),
});
