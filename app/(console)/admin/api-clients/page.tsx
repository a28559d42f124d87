import { ApiClientsAdmin } from '@/components/admin/api-clients-admin';
import { requireRole } from '@/server/page-guards';

export default async function ApiClientsPage() {
  await requireRole(['admin']);
  return <ApiClientsAdmin />;
}
