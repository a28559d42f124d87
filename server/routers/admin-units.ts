import { z } from 'zod';
import { zString } from '@/lib/zod-text';
import { createUnit, listUnits, updateUnit } from '../services/admin/units';
import { adminProcedure, router } from '../trpc';

const ZUnitFields = z.object({
  name: zString().trim().min(3).max(200),
  /** Kemendagri kota/kabupaten code, e.g. 32.73 */
  regionCode: zString()
    .trim()
    .regex(/^\d{2}\.\d{2}$/),
  ticketPrefix: zString()
    .trim()
    .regex(/^[A-Z]{2,6}$/),
});

export const ZCreateUnit = ZUnitFields.extend({
  code: zString()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,39}$/),
});
export const ZUpdateUnit = ZUnitFields.extend({ id: z.guid() });

export const adminUnitsRouter = router({
  list: adminProcedure.query(({ ctx }) => listUnits(ctx.db)),
  create: adminProcedure.input(ZCreateUnit).mutation(({ ctx, input }) => createUnit(ctx.db, ctx.actor, input)),
  update: adminProcedure.input(ZUpdateUnit).mutation(({ ctx, input }) => updateUnit(ctx.db, ctx.actor, input)),
});
