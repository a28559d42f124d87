import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers';

type Out = inferRouterOutputs<AppRouter>;

export type PolicyDetail = Out['policies']['detail'];
export type PolicyVersion = PolicyDetail['history'][number];
export type PolicyRulesView = PolicyVersion['rules'];
export type FieldChangeView = PolicyVersion['changes'][number];
export type AdminUser = Out['admin']['users']['list'][number];
export type AdminUnit = Out['admin']['units']['list'][number];
export type AdminService = Out['admin']['services']['list'][number];
export type ApiClient = Out['intake']['apiClients'][number];
export type Webhook = Out['intake']['webhooks'][number];
export type WebhookDelivery = Out['intake']['deliveries'][number];
export type QueueStat = Out['intake']['queueStats'][number];
export type DeadLetter = Out['intake']['deadLetters'][number];
export type KbArticle = Out['intake']['kbArticles'][number];
