import { z } from 'zod';
import { zString } from '@/lib/zod-text';
import { getKillSwitch, setKillSwitch } from '../services/policy/kill-switch';
import { approvePolicy, getPolicyDetail, listPolicyOverview, proposePolicy, rejectPolicy } from '../services/policy/policies';
import { simulateThresholds } from '../services/policy/simulation';
import { adminProcedure, router, supervisorProcedure } from '../trpc';

const onHundredths = (x: number) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6;

export const ZServiceCode = zString()
  .trim()
  .regex(/^[a-z][a-z0-9-]{1,39}$/);
export const ZFlag = zString().regex(/^[a-z][a-z0-9_]{1,40}$/);

export const ZPolicyRules = z.object({
  autoApproveEnabled: z.boolean(),
  minConfidence: z.number().min(0.5).max(0.99).refine(onHundredths, { error: 'steps of 0.01' }),
  requireAllDocsValid: z.boolean(),
  blockedFlags: z.array(ZFlag).max(20),
  dailyCapPerUnit: z.number().int().min(0).max(100_000),
  qaSampleRate: z.number().min(0).max(1).refine(onHundredths, { error: 'steps of 0.01' }),
});

export const ZPolicyProposal = z.object({
  serviceCode: ZServiceCode,
  rules: ZPolicyRules,
  reason: zString().trim().min(10).max(2_000),
  basedOnVersion: z.number().int().min(1).nullable(),
});

export const ZSimulation = z.object({
  serviceCode: ZServiceCode,
  days: z.number().int().min(7).max(365),
  requireAllDocsValid: z.boolean(),
  blockedFlags: z.array(ZFlag).max(20),
});

export const ZKillSwitch = z.object({ on: z.boolean(), reason: zString().trim().min(5).max(2_000) });

/** Auto-approve policies and the kill switch (issue 6). Admins only, except reading the kill switch (banner for supervisors). */
export const policiesRouter = router({
  overview: adminProcedure.query(({ ctx }) => listPolicyOverview(ctx.db)),
  detail: adminProcedure.input(z.object({ serviceCode: ZServiceCode })).query(({ ctx, input }) => getPolicyDetail(ctx.db, input.serviceCode)),
  propose: adminProcedure.input(ZPolicyProposal).mutation(({ ctx, input }) => proposePolicy(ctx.db, ctx.actor, input)),
  approve: adminProcedure
    .input(z.object({ policyId: z.guid(), note: zString().trim().max(2_000).nullable() }))
    .mutation(({ ctx, input }) => approvePolicy(ctx.db, ctx.actor, input)),
  reject: adminProcedure
    .input(z.object({ policyId: z.guid(), reason: zString().trim().min(5).max(2_000) }))
    .mutation(({ ctx, input }) => rejectPolicy(ctx.db, ctx.actor, input)),
  simulate: adminProcedure.input(ZSimulation).query(({ ctx, input }) => simulateThresholds(ctx.db, input)),
  killSwitch: supervisorProcedure.query(({ ctx }) => getKillSwitch(ctx.db)),
  setKillSwitch: adminProcedure.input(ZKillSwitch).mutation(({ ctx, input }) => setKillSwitch(ctx.db, ctx.actor, input)),
});
