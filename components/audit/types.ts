import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers';

type AuditOutputs = inferRouterOutputs<AppRouter>['audit'];
export type IntegrityOverview = AuditOutputs['overview'];
export type StreamStatus = IntegrityOverview['streams'][number];
export type VerifyResult = AuditOutputs['verify'][number];
export type AuditEvent = AuditOutputs['events']['events'][number];
export type CitizenRecord = AuditOutputs['citizen'];
export type FilterOptions = AuditOutputs['filterOptions'];

/** The filter form as the person typed it (dates as YYYY-MM-DD in Jakarta time). */
export type FilterForm = {
  from: string;
  to: string;
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  ticket: string;
  unitId: string;
};

export const EMPTY_FILTER: FilterForm = { from: '', to: '', actorId: '', action: '', entityType: '', entityId: '', ticket: '', unitId: '' };
