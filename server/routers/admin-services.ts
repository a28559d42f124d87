import { z } from 'zod';
import { DOC_TYPES } from '@/lib/vocabulary';
import { zString } from '@/lib/zod-text';
import { listServicesForAdmin, saveService } from '../services/admin/services';
import { adminProcedure, router } from '../trpc';

export const ZService = z.object({
  code: zString()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,39}$/),
  nameId: zString().trim().min(3).max(200),
  nameEn: zString().trim().min(3).max(200),
  requiredDocs: z.array(z.enum(DOC_TYPES)).max(DOC_TYPES.length),
  slaHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  evidenceFirst: z.boolean(),
  create: z.boolean(),
});

export const adminServicesRouter = router({
  list: adminProcedure.query(({ ctx }) => listServicesForAdmin(ctx.db)),
  save: adminProcedure.input(ZService).mutation(({ ctx, input }) => saveService(ctx.db, ctx.actor, input)),
});
