import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '@/components/layout/language-switch';

export const dynamic = 'force-dynamic';

/** The citizen's side: no login, no console navigation. */
export default async function StatusLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('statusPage');
  const tn = await getTranslations('nav');
  return (
    <div className="min-h-screen bg-slate-50">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        {tn('skip')}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center gap-3 px-4 py-3">
          <Link href="/status" className="mr-auto font-semibold text-brand-800">
            {tn('brand')} · {t('title')}
          </Link>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
