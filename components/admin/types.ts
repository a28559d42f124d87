import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers';

type Out = inferRouterOutputs<AppRouter>;

export type PolicyOverview = Out['policies']['overview'][number];
export type PolicyDetail = Out['policies']['detail'];
export type PolicyVersion = PolicyDetail['history'][number];
export type PolicyRulesView = PolicyVersion['rules'];
export type FieldChangeView = PolicyVersion['changes'][number];
export type Simulation = Out['policies']['simulate'];
export type KillSwitch = Out['policies']['killSwitch'];
export type AdminUser = Out['admin']['users']['list'][number];
export type AdminUnit = Out['admin']['units']['list'][number];
export type AdminService = Out['admin']['services']['list'][number];
