import { authedProcedure, router } from '../trpc';

export const meRouter = router({
  get: authedProcedure.query(({ ctx }) => ctx.actor),
});
