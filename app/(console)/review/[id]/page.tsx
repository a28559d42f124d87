import { notFound } from 'next/navigation';
import { z } from 'zod';
import { ReviewView } from '@/components/review/review-view';
import { requireRole } from '@/server/page-guards';

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireRole(['officer', 'supervisor']);
  const { id } = await params;
  if (!z.guid().safeParse(id).success) notFound();
  return <ReviewView submissionId={id} role={actor.role} />;
}
