import { JobsAdmin } from '@/components/admin/jobs-admin';
import { requireRole } from '@/server/page-guards';

export default async function JobsPage() {
  await requireRole(['admin']);
  return <JobsAdmin />;
}
