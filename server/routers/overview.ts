import { unitOverview } from '../services/review/overview';
import { router, supervisorProcedure } from '../trpc';

export const overviewRouter = router({
  units: supervisorProcedure.query(({ ctx }) => unitOverview(ctx.db, ctx.actor)),
});
