import { getTranslations } from 'next-intl/server';
import { OversightLinks } from '@/components/supervisor/oversight-links';
import { UnitOverview } from '@/components/supervisor/unit-overview';
import { requireRole } from '@/server/page-guards';
import { HydrateClient, prefetch, serverTrpc } from '@/server/trpc-prefetch';

export default async function SupervisorHome() {
  await requireRole(['supervisor']);
  const t = await getTranslations('overview');
  await prefetch(serverTrpc.overview.units.queryOptions());
  return (
    <HydrateClient>
      <UnitOverview heading={t('supervisorHeading')} intro={t('supervisorIntro')} />
      <OversightLinks />
    </HydrateClient>
  );
}
