'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { setLocale } from '@/app/actions/locale';
import { LOCALES, type Locale } from '@/i18n/locales';

export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations('language');
  const router = useRouter();
  async function choose(next: Locale) {
    await setLocale(next);
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
