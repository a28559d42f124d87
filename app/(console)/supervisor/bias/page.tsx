import { BiasWatchView } from '@/components/supervisor/bias-watch-view';
import { requireRole } from '@/server/page-guards';

export default async function BiasWatchPage() {
  await requireRole(['supervisor', 'admin']);
  return <BiasWatchView />;
}
