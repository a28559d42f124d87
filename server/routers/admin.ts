import { z } from 'zod';
import { zString } from '@/lib/zod-text';
import { listAllReasonCodes, upsertReasonCode } from '../services/admin/reason-codes';
import { adminProcedure, router } from '../trpc';
import { adminServicesRouter } from './admin-services';
import { adminUnitsRouter } from './admin-units';
import { adminUsersRouter } from './admin-users';

export const ZReasonCode = z.object({
  code: zString()
    .trim()
    .regex(/^[a-z][a-z0-9_]{2,59}$/, { error: 'lowercase letters, digits and _' }),
  labelId: zString().trim().min(3).max(200),
  labelEn: zString().trim().min(3).max(200),
  legalBasis: zString().trim().max(300).nullable(),
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(10_000),
});

export const adminRouter = router({
  reasonCodes: adminProcedure.query(({ ctx }) => listAllReasonCodes(ctx.db)),
  saveReasonCode: adminProcedure.input(ZReasonCode).mutation(({ ctx, input }) => upsertReasonCode(ctx.db, ctx.actor, input)),
  users: adminUsersRouter,
  units: adminUnitsRouter,
  services: adminServicesRouter,
});
