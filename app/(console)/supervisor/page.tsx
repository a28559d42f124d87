import { getTranslations } from 'next-intl/server';
import { OversightLinks } from '@/components/supervisor/oversight-links';
import { UnitOverview } from '@/components/supervisor/unit-overview';
import { requireRole } from '@/server/page-guards';

export default async function SupervisorHome() {
  await requireRole(['supervisor']);
  const t = await getTranslations('overview');
  return (
    <>
      <UnitOverview heading={t('supervisorHeading')} intro={t('supervisorIntro')} />
      <OversightLinks />
    </>
  );
}
