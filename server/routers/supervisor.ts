import { z } from 'zod';
import { zIsoDate, zString } from '@/lib/zod-text';
import { analyticsDashboard, refreshAnalyticsIfDue } from '../services/oversight/analytics';
import { biasWatch, saveBiasThresholds } from '../services/oversight/bias-watch';
import { listEscalations } from '../services/oversight/escalations';
import { getSetting, saveSetting, ZBiasThresholds, ZQaSampleRate } from '../services/oversight/settings';
import { oversightUnit } from '../services/oversight/scope';
import { getDecisionDetail, listOverrides, overrideFilters } from '../services/oversight/overrides';
import { claimQaItem, decideQa, getQaItem, listQaCompleted, listQaQueue } from '../services/oversight/qa';
import { reopenDecision } from '../services/oversight/reopen';
import { ZQaDecideInput } from '../services/review/decision-input';
import { router, supervisorProcedure } from '../trpc';

const ZDate = zIsoDate();
const ZUnitScope = z.object({ unitId: z.guid().nullish() });

export const ZOverrideFilter = ZUnitScope.extend({
  officerId: z.guid().optional(),
  serviceCode: zString().max(40).optional(),
  reasonCode: zString().max(60).optional(),
  model: zString().max(200).optional(),
  type: z.enum(['outcome', 'verdict', 'answer']).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  cursor: zString().max(200).nullish(),
  limit: z.number().int().min(1).max(200).optional(),
});

export const ZAnalyticsInput = ZUnitScope.extend({ from: ZDate.optional(), to: ZDate.optional() });

export const ZReopen = z.object({
  submissionId: z.guid(),
  reasonCode: zString().min(1).max(60),
  reason: zString().trim().min(10).max(2_000),
});

/** Supervisor oversight (issue 7): own unit for supervisors, all units (or one) for admins. */
export const supervisorRouter = router({
  overrides: router({
    list: supervisorProcedure.input(ZOverrideFilter).query(({ ctx, input }) => listOverrides(ctx.db, ctx.actor, input)),
    filters: supervisorProcedure.input(ZUnitScope).query(({ ctx, input }) => overrideFilters(ctx.db, ctx.actor, input)),
    get: supervisorProcedure.input(z.object({ decisionId: z.guid() })).query(({ ctx, input }) => getDecisionDetail(ctx.db, ctx.actor, input.decisionId)),
  }),
  reopen: supervisorProcedure.input(ZReopen).mutation(({ ctx, input }) => reopenDecision(ctx.db, ctx.actor, input)),
  analytics: supervisorProcedure.input(ZAnalyticsInput).query(({ ctx, input }) => analyticsDashboard(ctx.db, ctx.actor, input)),
  /** "Refresh now": at most every 15 seconds, and never two refreshes at once (advisory lock). */
  refreshAnalytics: supervisorProcedure.mutation(({ ctx }) => refreshAnalyticsIfDue(ctx.db, 15_000)),
  bias: router({
    get: supervisorProcedure.input(ZUnitScope).query(({ ctx, input }) => biasWatch(ctx.db, ctx.actor, input)),
    save: supervisorProcedure
      .input(ZUnitScope.extend({ thresholds: ZBiasThresholds }))
      .mutation(({ ctx, input }) => saveBiasThresholds(ctx.db, ctx.actor, input)),
  }),
  qa: router({
    queue: supervisorProcedure.input(ZUnitScope).query(({ ctx, input }) => listQaQueue(ctx.db, ctx.actor, input)),
    completed: supervisorProcedure.input(ZUnitScope).query(({ ctx, input }) => listQaCompleted(ctx.db, ctx.actor, input)),
    get: supervisorProcedure.input(z.object({ qaItemId: z.guid() })).query(({ ctx, input }) => getQaItem(ctx.db, ctx.actor, input.qaItemId)),
    claim: supervisorProcedure.input(z.object({ qaItemId: z.guid() })).mutation(({ ctx, input }) => claimQaItem(ctx.db, ctx.actor, input.qaItemId)),
    decide: supervisorProcedure.input(ZQaDecideInput).mutation(({ ctx, input }) => decideQa(ctx.db, ctx.actor, input)),
    sampleRate: supervisorProcedure.input(ZUnitScope).query(({ ctx, input }) => getSetting(ctx.db, 'qa_sample_rate', oversightUnit(ctx.actor, input.unitId))),
    saveSampleRate: supervisorProcedure
      .input(ZUnitScope.extend({ rate: ZQaSampleRate }))
      .mutation(({ ctx, input }) =>
        saveSetting(
          ctx.db,
          ctx.actor,
          'qa_sample_rate',
          ctx.actor.role === 'admin' ? (input.unitId ?? null) : oversightUnit(ctx.actor, input.unitId),
          input.rate,
        ),
      ),
  }),
  escalations: supervisorProcedure.input(ZUnitScope).query(({ ctx, input }) => listEscalations(ctx.db, ctx.actor, input)),
});
