'use client';
import { useFormatter, useNow, useTranslations } from 'next-intl';

/** Due time with urgency: past due is red, due within 4 hours is amber. */
export function SlaDue({ due }: { due: Date }) {
  const t = useTranslations('queue');
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const msLeft = due.getTime() - now.getTime();
  const tone = msLeft < 0 ? 'text-red-700 font-semibold' : msLeft < 4 * 3600_000 ? 'text-amber-800 font-medium' : 'text-slate-700';
  return (
    <span className={tone}>
      {msLeft < 0 && <span className="mr-1 rounded bg-red-100 px-1 text-xs">{t('overdue')}</span>}
      {format.relativeTime(due, now)}
    </span>
  );
}
