import { z } from 'zod';
import { CHANNELS } from '@/lib/vocabulary';
import { zString } from '@/lib/zod-text';
import { getBoss, jobSender, QUEUES, queueStats } from '../jobs/boss';
import { createApiClient, listApiClients, revokeApiClient } from '../services/intake/api-keys';
import { readingStats } from '../services/review/document-reading';
import { intakeAdminOptions } from '../services/intake/admin';
import { listDeadLetters, retryDeadLetter } from '../services/intake/drafting';
import { listKbArticles, saveKbArticle } from '../services/admin/knowledge-base';
import { EVENT_TYPES } from '../services/intake/outbox';
import { createWebhook, listDeliveries, listWebhooks, setWebhookActive } from '../services/intake/webhooks';
import { adminProcedure, router } from '../trpc';

export const ZApiClientInput = z.object({
  unitId: z.guid(),
  channel: z.enum(CHANNELS),
  name: zString().trim().min(3).max(100),
  rateLimitPerMinute: z.number().int().min(1).max(10_000),
});

export const ZWebhookInput = z.object({
  unitId: z.guid(),
  name: zString().trim().min(3).max(100),
  url: zString().trim().min(8).max(500),
  eventTypes: z.array(z.enum([...EVENT_TYPES, '*'])).min(1),
});

export const ZKbArticleInput = z.object({
  id: zString()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{2,79}$/, { error: 'lowercase letters, digits and -' }),
  title: zString().trim().min(5).max(200),
  serviceCode: zString().trim().min(2).max(60).nullable(),
  body: zString().trim().min(20).max(20_000),
  processingTime: zString().trim().max(60).nullable(),
  active: z.boolean(),
  create: z.boolean(),
});

/** Admin side of intake and notifications: API clients, webhooks and their delivery log, the knowledge base, dead letters. */
export const intakeAdminRouter = router({
  options: adminProcedure.query(({ ctx }) => intakeAdminOptions(ctx.db)),
  apiClients: adminProcedure.query(({ ctx }) => listApiClients(ctx.db)),
  createApiClient: adminProcedure.input(ZApiClientInput).mutation(async ({ ctx, input }) => {
    const { client, key } = await createApiClient(ctx.db, ctx.actor, input);
    return { id: client.id, keyPrefix: client.keyPrefix, key };
  }),
  revokeApiClient: adminProcedure.input(z.object({ id: z.guid() })).mutation(({ ctx, input }) => revokeApiClient(ctx.db, ctx.actor, input.id)),

  webhooks: adminProcedure.query(({ ctx }) => listWebhooks(ctx.db)),
  createWebhook: adminProcedure.input(ZWebhookInput).mutation(({ ctx, input }) => createWebhook(ctx.db, ctx.actor, input)),
  setWebhookActive: adminProcedure
    .input(z.object({ id: z.guid(), active: z.boolean() }))
    .mutation(({ ctx, input }) => setWebhookActive(ctx.db, ctx.actor, input.id, input.active)),
  deliveries: adminProcedure
    .input(z.object({ webhookId: z.guid().optional(), limit: z.number().int().min(1).max(500).optional() }))
    .query(({ ctx, input }) => listDeliveries(ctx.db, input)),

  kbArticles: adminProcedure.query(({ ctx }) => listKbArticles(ctx.db)),
  saveKbArticle: adminProcedure.input(ZKbArticleInput).mutation(({ ctx, input }) => {
    const { create, ...article } = input;
    return saveKbArticle(ctx.db, ctx.actor, article, create);
  }),

  deadLetters: adminProcedure.input(z.object({ includeResolved: z.boolean().optional() })).query(({ ctx, input }) => listDeadLetters(ctx.db, input)),
  queueStats: adminProcedure.query(async () => queueStats(await getBoss(), Object.values(QUEUES))),
  readingStats: adminProcedure.query(({ ctx }) => readingStats(ctx.db)),
  retryDeadLetter: adminProcedure.input(z.object({ id: z.guid() })).mutation(async ({ ctx, input }) => {
    const send = jobSender(await getBoss());
    await retryDeadLetter(ctx.db, ctx.actor, input.id, {
      drafting: async (tx, id) => void (await send.drafting(tx, id)),
      delivery: async (tx, id) => void (await send.delivery(tx, id)),
    });
  }),
});
