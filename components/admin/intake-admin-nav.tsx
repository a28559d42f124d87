'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';

const TABS = [
  { href: '/admin/api-clients', key: 'apiClients' },
  { href: '/admin/webhooks', key: 'webhooks' },
  { href: '/admin/knowledge-base', key: 'knowledgeBase' },
  { href: '/admin/jobs', key: 'jobs' },
] as const;

/** Tabs across the intake and background-work admin pages. */
export function IntakeAdminNav() {
  const t = useTranslations('intakeAdmin');
  const path = usePathname();
  return (
    <nav aria-label={t('subnav')} className="mb-4 flex flex-wrap gap-1 border-b border-slate-200 text-sm">
      {TABS.map((tab) => {
        const current = path === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? 'page' : undefined}
            className={`-mb-px rounded-t-md border px-3 py-1.5 ${current ? 'border-slate-200 border-b-white bg-white font-medium text-slate-900' : 'border-transparent text-brand-700 hover:bg-slate-50'}`}
          >
            {t(`tabs.${tab.key}`)}
          </Link>
        );
      })}
    </nav>
  );
}
