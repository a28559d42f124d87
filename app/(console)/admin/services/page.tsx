import { AdminConfigNav } from '@/components/admin/admin-config-nav';
import { ServicesAdmin } from '@/components/admin/services-admin';
import { requireRole } from '@/server/page-guards';

export default async function AdminServicesPage() {
  await requireRole(['admin']);
  return (
    <>
      <AdminConfigNav />
      <ServicesAdmin />
    </>
  );
}
