import { AdminConfigNav } from '@/components/admin/admin-config-nav';
import { PolicyEditor } from '@/components/admin/policy-editor';
import { requireRole } from '@/server/page-guards';

export default async function PolicyPage({ params }: { params: Promise<{ service: string }> }) {
  const actor = await requireRole(['admin']);
  const { service } = await params;
  return (
    <>
      <AdminConfigNav />
      <PolicyEditor serviceCode={decodeURIComponent(service)} actorId={actor.id} />
    </>
  );
}
