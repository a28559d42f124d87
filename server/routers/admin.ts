import { z } from 'zod';
import { listAllReasonCodes, upsertReasonCode } from '../services/reason-codes';
import { adminProcedure, router } from '../trpc';
import { adminServicesRouter } from './admin-services';
import { adminUnitsRouter } from './admin-units';
import { adminUsersRouter } from './admin-users';

export const ZReasonCode = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{2,59}$/, { error: 'lowercase letters, digits and _' }),
  labelId: z.string().trim().min(3).max(200),
  labelEn: z.string().trim().min(3).max(200),
  legalBasis: z.string().trim().max(300).nullable(),
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
