'use client';
import { useTranslations } from 'next-intl';

/** Shown on the review page when the AI pipeline gave up on this submission (dead letter). */
export function AiUnavailableNote() {
  const t = useTranslations('aiUnavailable');
  return (
    <div role="note" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
      <span className="mr-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide">{t('badge')}</span>
      {t('note')}
    </div>
  );
}
