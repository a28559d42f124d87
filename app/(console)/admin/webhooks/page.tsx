import { WebhooksAdmin } from '@/components/admin/webhooks-admin';
import { requireRole } from '@/server/page-guards';

export default async function WebhooksPage() {
  await requireRole(['admin']);
  return <WebhooksAdmin />;
}
