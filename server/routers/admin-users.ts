import { z } from 'zod';
import { ROLES } from '@/lib/vocabulary';
import { zString } from '@/lib/zod-text';
import { createUser, listUsers, resetPassword, setUserActive, updateUser } from '../services/admin/users';
import { adminProcedure, router } from '../trpc';

/** At least 10 characters with a letter and a digit; argon2id does the rest. */
export const ZNewPassword = zString()
  .min(10)
  .max(200)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { error: 'a letter and a digit' });
const ZRole = z.enum(ROLES);

export const ZCreateUser = z.object({
  email: z.email().max(200),
  name: zString().trim().min(2).max(200),
  role: ZRole,
  unitId: z.guid().nullable(),
  password: ZNewPassword,
});

export const ZUpdateUser = z.object({ userId: z.guid(), name: zString().trim().min(2).max(200), role: ZRole, unitId: z.guid().nullable() });

export const adminUsersRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  create: adminProcedure.input(ZCreateUser).mutation(({ ctx, input }) => createUser(ctx.db, ctx.actor, input)),
  update: adminProcedure.input(ZUpdateUser).mutation(({ ctx, input }) => updateUser(ctx.db, ctx.actor, input)),
  setActive: adminProcedure
    .input(z.object({ userId: z.guid(), active: z.boolean(), reason: zString().trim().min(5).max(500) }))
    .mutation(({ ctx, input }) => setUserActive(ctx.db, ctx.actor, input)),
  resetPassword: adminProcedure
    .input(z.object({ userId: z.guid(), password: ZNewPassword }))
    .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.actor, input)),
});
