import { router } from '../trpc';
import { adminRouter } from './admin';
import { intakeAdminRouter } from './intake-admin';
import { auditRouter } from './audit';
import { queueRouter } from './queue';
import { reviewRouter } from './review';
import { meRouter } from './me';
import { overviewRouter } from './overview';
import { policiesRouter } from './policies';
import { supervisorRouter } from './supervisor';

export const appRouter = router({
  me: meRouter,
  queue: queueRouter,
  review: reviewRouter,
  overview: overviewRouter,
  admin: adminRouter,
  policies: policiesRouter,
  intake: intakeAdminRouter,
  audit: auditRouter,
  supervisor: supervisorRouter,
});

export type AppRouter = typeof appRouter;
