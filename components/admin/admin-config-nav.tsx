'use client';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/admin/policies', key: 'policies' },
  { href: '/admin/users', key: 'users' },
  { href: '/admin/units', key: 'units' },
  { href: '/admin/services', key: 'services' },
] as const;

/** Tabs between the admin configuration pages (policies, users, units, services). */
export function AdminConfigNav() {
  const t = useTranslations('nav');
  const path = usePathname();
  return (
    <nav aria-label={t('adminConfig')} className="border-b border-slate-200 bg-white px-4">
      <ul className="flex flex-wrap gap-1">
        {LINKS.map((l) => {
          const active = path === l.href || path.startsWith(`${l.href}/`);
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
