import { router } from '../trpc';
import { queueRouter } from './queue';
import { reviewRouter } from './review';
import { meRouter } from './me';
import { overviewRouter } from './overview';

export const appRouter = router({
  me: meRouter,
  queue: queueRouter,
  review: reviewRouter,
  overview: overviewRouter,
});

export type AppRouter = typeof appRouter;
