import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers';

type Out = inferRouterOutputs<AppRouter>['supervisor'];
type In = inferRouterInputs<AppRouter>['supervisor'];

export type Dashboard = Out['analytics'];
export type Metrics = Dashboard['totals'];
export type Rate = Metrics['agreement'];
export type DimensionRow = Dashboard['by']['officer'][number];
export type QaGroup = Dashboard['qa']['byService'][number];
export type OverrideFilterInput = In['overrides']['list'];
export type DecisionDetail = Out['overrides']['get'];
export type BiasWatch = Out['bias']['get'];
export type QaItem = Out['qa']['get'];
