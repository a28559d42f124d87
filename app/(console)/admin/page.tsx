import { getTranslations } from 'next-intl/server';
import { UnitOverview } from '@/components/supervisor/unit-overview';
import { requireRole } from '@/server/page-guards';
import { HydrateClient, prefetch, serverTrpc } from '@/server/trpc-prefetch';

export default async function AdminHome() {
  await requireRole(['admin']);
  const t = await getTranslations('overview');
  await prefetch(serverTrpc.overview.units.queryOptions());
  return (
    <HydrateClient>
      <UnitOverview heading={t('adminHeading')} intro={t('adminIntro')} />
    </HydrateClient>
  );
}
