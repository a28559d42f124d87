'use client';
import { useFormatter, useNow, useTranslations } from 'next-intl';

/** Countdown of the officer's claim on the item; red in the last minute. */
export function LeaseTimer({ until }: { until: Date }) {
  const t = useTranslations('review');
  const now = useNow({ updateInterval: 1000 });
  const format = useFormatter();
  const secs = Math.max(0, Math.round((until.getTime() - now.getTime()) / 1000));
  const mm = String(Math.floor(secs / 60)).padStart(2, '0');
  const ss = String(secs % 60).padStart(2, '0');
  return (
    <span
      className={`rounded px-2 py-1 tabular-nums ${secs < 60 ? 'bg-red-50 text-red-800' : 'bg-emerald-50 text-emerald-900'}`}
      title={format.dateTime(until, { timeStyle: 'medium' })}
    >
      {t('leaseLeft', { time: `${mm}:${ss}` })}
    </span>
  );
}
