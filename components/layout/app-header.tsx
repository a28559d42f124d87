'use client';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { LanguageSwitch } from './language-switch';

export type NavItem = { href: string; label: string };

export function AppHeader({ items, userName, roleLabel }: { items: NavItem[]; userName: string; roleLabel: string }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t('skip')}
      </a>
      <div className="flex h-12 items-center gap-6 px-4">
        <Link href="/" className="font-semibold text-brand-800">
          {t('brand')}
        </Link>
        <nav aria-label={t('main')} className="flex gap-1">
          {items.map((item) => {
            // The most specific matching entry is the current page (/admin/reasons, not /admin).
            const matches = items.filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`));
            const active = matches.sort((a, b) => b.href.length - a.href.length)[0]?.href === item.href;
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={`rounded-md px-3 py-1.5 text-sm ${active ? 'bg-brand-50 font-medium text-brand-800' : 'text-slate-700 hover:bg-slate-100'}`}
              >
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="text-slate-700">
            <span className="font-medium text-slate-900">{userName}</span> · {roleLabel}
          </span>
          <LanguageSwitch />
          <button
            type="button"
            onClick={() => signOut({ callbackUrl: '/login' })}
            className="rounded-md border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-100"
          >
            {t('signOut')}
          </button>
        </div>
      </div>
    </header>
  );
}
