'use client';
import { useLocale, useTranslations } from 'next-intl';
import { chooseLocale } from '@/app/actions/locale';
import { LOCALES } from '@/i18n/locales';

export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations('language');
  return (
    <form action={chooseLocale}>
      <div role="group" aria-label={t('label')} className="flex overflow-hidden rounded-md border border-slate-300 text-xs">
        {LOCALES.map((l) => (
          <button
            key={l}
            type="submit"
            name="locale"
            value={l}
            aria-pressed={l === locale}
            className={l === locale ? 'bg-slate-800 px-2 py-1 text-white' : 'bg-white px-2 py-1 text-slate-700 hover:bg-slate-100'}
          >
            {t(l)}
          </button>
        ))}
      </div>
    </form>
  );
}
