import { getTranslations } from 'next-intl/server';
import { UnitOverview } from '@/components/supervisor/unit-overview';
import { requireRole } from '@/server/page-guards';

export default async function AdminHome() {
  await requireRole(['admin']);
  const t = await getTranslations('overview');
  return <UnitOverview heading={t('adminHeading')} intro={t('adminIntro')} />;
}
