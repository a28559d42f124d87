import { AdminConfigNav } from '@/components/admin/admin-config-nav';
import { UnitsAdmin } from '@/components/admin/units-admin';
import { requireRole } from '@/server/page-guards';

export default async function AdminUnitsPage() {
  await requireRole(['admin']);
  return (
    <>
      <AdminConfigNav />
      <UnitsAdmin />
    </>
  );
}
