import { z } from 'zod';
import { createUnit, listUnits, updateUnit } from '../services/admin-units';
import { adminProcedure, router } from '../trpc';

const ZUnitFields = z.object({
  name: z.string().trim().min(3).max(200),
  /** Kemendagri kota/kabupaten code, e.g. 32.73 */
  regionCode: z.string().trim().regex(/^\d{2}\.\d{2}$/),
  ticketPrefix: z.string().trim().regex(/^[A-Z]{2,6}$/),
});

export const ZCreateUnit = ZUnitFields.extend({ code: z.string().trim().regex(/^[a-z][a-z0-9-]{1,39}$/) });
export const ZUpdateUnit = ZUnitFields.extend({ id: z.guid() });
export type TCreateUnit = z.infer<typeof ZCreateUnit>;
export type TUpdateUnit = z.infer<typeof ZUpdateUnit>;

export const adminUnitsRouter = router({
  list: adminProcedure.query(({ ctx }) => listUnits(ctx.db)),
  create: adminProcedure.input(ZCreateUnit).mutation(({ ctx, input }) => createUnit(ctx.db, ctx.actor, input)),
  update: adminProcedure.input(ZUpdateUnit).mutation(({ ctx, input }) => updateUnit(ctx.db, ctx.actor, input)),
});
