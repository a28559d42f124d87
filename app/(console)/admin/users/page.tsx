import { AdminConfigNav } from '@/components/admin/admin-config-nav';
import { UsersAdmin } from '@/components/admin/users-admin';
import { requireRole } from '@/server/page-guards';

export default async function AdminUsersPage() {
  const actor = await requireRole(['admin']);
  return (
    <>
      <AdminConfigNav />
      <UsersAdmin actorId={actor.id} />
    </>
  );
}
