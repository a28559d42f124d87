import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers';

export type ReviewData = inferRouterOutputs<AppRouter>['review']['get'];
export type Suggestion = NonNullable<ReviewData['suggestion']>;
export type AttachmentMeta = ReviewData['attachments'][number];
/** What the review page sends to decide: the input type of review.decide (server/services/review/decision-input.ts). */
export type DecideInput = inferRouterInputs<AppRouter>['review']['decide'];
