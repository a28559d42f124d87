'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { LOCALE_COOKIE, LOCALES, type Locale } from '@/i18n/locales';

export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations('language');
  const router = useRouter();
  function choose(next: Locale) {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }
  return (
    <div role="group" aria-label={t('label')} className="flex overflow-hidden rounded-md border border-slate-300 text-xs">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          onClick={() => choose(l)}
          aria-pressed={l === locale}
          className={l === locale ? 'bg-slate-800 px-2 py-1 text-white' : 'bg-white px-2 py-1 text-slate-700 hover:bg-slate-100'}
        >
          {t(l)}
        </button>
      ))}
    </div>
  );
}
