import { notFound } from 'next/navigation';
import { z } from 'zod';
import { ReviewView } from '@/components/review/review-view';
import { DEFAULT_QUEUE_FILTER } from '@/lib/queue-filter-search';
import { requireRole } from '@/server/page-guards';
import { HydrateClient, prefetch, serverTrpc } from '@/server/trpc-prefetch';

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireRole(['officer', 'supervisor']);
  const { id } = await params;
  if (!z.guid().safeParse(id).success) notFound();
  await prefetch(
    serverTrpc.review.get.queryOptions({ submissionId: id }),
    serverTrpc.review.reasonCodes.queryOptions(),
    serverTrpc.review.services.queryOptions(),
    serverTrpc.queue.list.queryOptions(DEFAULT_QUEUE_FILTER),
  );
  return (
    <HydrateClient>
      <ReviewView submissionId={id} role={actor.role} />
    </HydrateClient>
  );
}
