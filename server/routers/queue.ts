import { z } from 'zod';
import { ZQueueFilter } from '@/lib/queue-filter';
import { claim, listQueue, release, takeNext } from '../services/review/queue';
import { reviewerProcedure, router } from '../trpc';

const ZSubmissionRef = z.object({ submissionId: z.guid() });

export const queueRouter = router({
  list: reviewerProcedure.input(ZQueueFilter).query(({ ctx, input }) => listQueue(ctx.db, ctx.actor, input)),
  takeNext: reviewerProcedure.mutation(({ ctx }) => takeNext(ctx.db, ctx.actor)),
  claim: reviewerProcedure.input(ZSubmissionRef).mutation(({ ctx, input }) => claim(ctx.db, ctx.actor, input.submissionId)),
  release: reviewerProcedure.input(ZSubmissionRef).mutation(({ ctx, input }) => release(ctx.db, ctx.actor, input.submissionId)),
});
