import { AdminConfigNav } from '@/components/admin/admin-config-nav';
import { PoliciesOverview } from '@/components/admin/policies-overview';
import { requireRole } from '@/server/page-guards';

export default async function PoliciesPage() {
  await requireRole(['admin']);
  return (
    <>
      <AdminConfigNav />
      <PoliciesOverview />
    </>
  );
}
