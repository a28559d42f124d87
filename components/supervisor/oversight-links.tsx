'use client';
import { useTranslations } from 'next-intl';
import Link from 'next/link';

const PAGES = ['overrides', 'analytics', 'bias', 'qa', 'escalations'] as const;

/** The supervisor landing page's way into the oversight pages. */
export function OversightLinks() {
  const t = useTranslations('oversight');
  return (
    <section aria-labelledby="oversight-links" className="mx-auto max-w-6xl px-4 pb-6">
      <h2 id="oversight-links" className="mb-2 text-base font-semibold">
        {t('home.links')}
      </h2>
      <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-5">
        {PAGES.map((p) => (
          <li key={p}>
            <Link href={`/supervisor/${p}`} className="block h-full rounded-lg border border-slate-200 bg-white p-3 hover:border-brand-600 hover:bg-brand-50">
              <span className="font-medium text-brand-800">{t(`nav.${p}`)}</span>
              <span className="mt-1 block text-xs text-slate-600">{t(`home.${p}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
