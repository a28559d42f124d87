import { router } from '../trpc';
import { adminRouter } from './admin';
import { queueRouter } from './queue';
import { reviewRouter } from './review';
import { meRouter } from './me';
import { overviewRouter } from './overview';

export const appRouter = router({
  me: meRouter,
  queue: queueRouter,
  review: reviewRouter,
  overview: overviewRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
