import { notFound } from 'next/navigation';
import { z } from 'zod';
import { OverrideDetail } from '@/components/supervisor/override-detail';
import { requireRole } from '@/server/page-guards';

export default async function OverrideDetailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole(['supervisor', 'admin']);
  const { id } = await params;
  if (!z.guid().safeParse(id).success) notFound();
  return <OverrideDetail decisionId={id} />;
}
