import { notFound } from 'next/navigation';
import { z } from 'zod';
import { QaReviewView } from '@/components/supervisor/qa-review-view';
import { requireRole } from '@/server/page-guards';
import { HydrateClient, prefetch, serverTrpc } from '@/server/trpc-prefetch';

export default async function QaReviewPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole(['supervisor', 'admin']);
  const { id } = await params;
  if (!z.guid().safeParse(id).success) notFound();
  await prefetch(serverTrpc.supervisor.qa.get.queryOptions({ qaItemId: id }));
  return (
    <HydrateClient>
      <QaReviewView qaItemId={id} />
    </HydrateClient>
  );
}
