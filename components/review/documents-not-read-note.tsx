'use client';
import { useTranslations } from 'next-intl';

/**
 * Shown when the document reader failed for good: unlike "AI unavailable",
 * nothing about these documents was checked by a machine, so every one must
 * be looked at by the officer.
 */
export function DocumentsNotReadNote() {
  const t = useTranslations('reading');
  return (
    <div role="note" aria-labelledby="documents-not-read-title" className="rounded-md border-2 border-red-300 bg-red-50 p-2 text-sm text-red-900">
      <p id="documents-not-read-title" className="font-semibold">
        <span className="mr-2 rounded bg-red-200 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide">{t('notReadBadge')}</span>
        {t('notReadBanner')}
      </p>
      <p className="mt-0.5 text-xs">{t('notReadDetail')}</p>
    </div>
  );
}
