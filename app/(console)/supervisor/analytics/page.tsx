import { AnalyticsView } from '@/components/supervisor/analytics-view';
import { requireRole } from '@/server/page-guards';

export default async function AnalyticsPage() {
  await requireRole(['supervisor', 'admin']);
  return <AnalyticsView />;
}
