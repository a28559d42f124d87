'use client';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/supervisor', key: 'home', supervisorOnly: true },
  { href: '/supervisor/overrides', key: 'overrides' },
  { href: '/supervisor/analytics', key: 'analytics' },
  { href: '/supervisor/bias', key: 'bias' },
  { href: '/supervisor/qa', key: 'qa' },
  { href: '/supervisor/escalations', key: 'escalations' },
] as const;

/** Tabs between the oversight pages; the current page is marked for screen readers too. */
export function OversightNav({ role }: { role: 'supervisor' | 'admin' }) {
  const t = useTranslations('oversight.nav');
  const path = usePathname();
  const links = LINKS.filter((l) => role === 'supervisor' || !('supervisorOnly' in l));
  const current = [...links].sort((a, b) => b.href.length - a.href.length).find((l) => path === l.href || path.startsWith(`${l.href}/`));
  return (
    <nav aria-label={t('label')} className="border-b border-slate-200 bg-white px-4">
      <ul className="flex flex-wrap gap-1">
        {links.map((l) => {
          const active = current?.href === l.href;
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={active ? 'page' : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm ${active ? 'border-brand-700 font-semibold text-brand-800' : 'border-transparent text-slate-700 hover:text-slate-900'}`}
              >
                {t(l.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
