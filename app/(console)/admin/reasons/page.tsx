import { ReasonCodesAdmin } from '@/components/admin/reason-codes-admin';
import { requireRole } from '@/server/page-guards';

export default async function ReasonCodesPage() {
  await requireRole(['admin']);
  return <ReasonCodesAdmin />;
}
