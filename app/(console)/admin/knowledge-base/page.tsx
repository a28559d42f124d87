import { KnowledgeBaseAdmin } from '@/components/admin/knowledge-base-admin';
import { requireRole } from '@/server/page-guards';

export default async function KnowledgeBasePage() {
  await requireRole(['admin']);
  return <KnowledgeBaseAdmin />;
}
