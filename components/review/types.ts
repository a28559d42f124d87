import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers';

export type ReviewData = inferRouterOutputs<AppRouter>['review']['get'];
export type Suggestion = NonNullable<ReviewData['suggestion']>;
export type AttachmentMeta = ReviewData['attachments'][number];
