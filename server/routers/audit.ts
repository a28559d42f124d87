import { z } from 'zod';
import { zInstant, zNik, zString } from '@/lib/zod-text';
import { citizenRecord } from '../services/audit/citizen-record';
import { auditFilterOptions, getAuditEvent, listAuditEvents } from '../services/audit/explorer';
import { checkpointNow, integrityOverview, verifyNow } from '../services/audit/integrity';
import { router, supervisorProcedure } from '../trpc';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

/** The explorer's filter; also parsed from the export route's query string. */
export const ZAuditFilter = z.object({
  from: optional(zInstant('from')),
  to: optional(zInstant('to')),
  actorId: optional(z.guid()),
  action: optional(
    zString()
      .trim()
      .max(80)
      .regex(/^[a-z_]+(\.[a-z_]+|\.\*)?$/),
  ),
  entityType: optional(zString().trim().max(40)),
  entityId: optional(zString().trim().max(200)),
  ticket: optional(zString().trim().max(60)),
  unitId: optional(z.guid()),
  stream: optional(zString().trim().max(200)),
});

export const ZAuditExportQuery = ZAuditFilter.extend({
  kind: z.enum(['events', 'checkpoints']).default('events'),
  format: z.enum(['csv', 'jsonl']).default('csv'),
});

const ZStream = zString().trim().min(1).max(200);

export const auditRouter = router({
  overview: supervisorProcedure.query(({ ctx }) => integrityOverview(ctx.db, ctx.actor)),
  verify: supervisorProcedure.input(z.object({ stream: ZStream.optional() })).mutation(({ ctx, input }) => verifyNow(ctx.db, ctx.actor, input.stream)),
  checkpoint: supervisorProcedure.input(z.object({ stream: ZStream })).mutation(({ ctx, input }) => checkpointNow(ctx.db, ctx.actor, input.stream)),
  filterOptions: supervisorProcedure.query(({ ctx }) => auditFilterOptions(ctx.db, ctx.actor)),
  events: supervisorProcedure
    .input(z.object({ filter: ZAuditFilter, cursor: zString().max(400).nullish(), limit: z.number().int().min(1).max(200).optional() }))
    .query(({ ctx, input }) => listAuditEvents(ctx.db, ctx.actor, input.filter, { cursor: input.cursor, limit: input.limit })),
  event: supervisorProcedure
    .input(z.object({ stream: ZStream, seq: z.number().int().min(1) }))
    .query(({ ctx, input }) => getAuditEvent(ctx.db, ctx.actor, input.stream, input.seq)),
  /** A mutation, not a query: the NIK travels in the request body, never in a URL, and every lookup is audited. */
  citizen: supervisorProcedure
    .input(
      z
        .object({
          nik: zNik('nik').optional(),
          submissionId: z.guid().optional(),
          purpose: z.enum(['view', 'export']).default('view'),
        })
        .refine((v) => Boolean(v.nik) !== Boolean(v.submissionId), { error: 'Give either a NIK or a submission' }),
    )
    .mutation(({ ctx, input }) => citizenRecord(ctx.db, ctx.actor, input)),
});
