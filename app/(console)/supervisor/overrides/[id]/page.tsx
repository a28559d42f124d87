import { notFound } from 'next/navigation';
import { z } from 'zod';
import { OverrideDetail } from '@/components/supervisor/override-detail';
import { requireRole } from '@/server/page-guards';
import { HydrateClient, prefetch, serverTrpc } from '@/server/trpc-prefetch';

export default async function OverrideDetailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole(['supervisor', 'admin']);
  const { id } = await params;
  if (!z.guid().safeParse(id).success) notFound();
  await prefetch(serverTrpc.supervisor.overrides.get.queryOptions({ decisionId: id }), serverTrpc.review.reasonCodes.queryOptions());
  return (
    <HydrateClient>
      <OverrideDetail decisionId={id} />
    </HydrateClient>
  );
}
