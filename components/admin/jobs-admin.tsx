'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useTRPC } from '@/lib/trpc';
import { IntakeAdminNav } from './intake-admin-nav';

/** Queue counts and the dead-letter list, with a retry per failed job. */
export function JobsAdmin() {
  const t = useTranslations('jobsAdmin');
  const ta = useTranslations('intakeAdmin');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [includeResolved, setIncludeResolved] = useState(false);
  const stats = useQuery({ ...trpc.intake.queueStats.queryOptions(), refetchInterval: 5000 });
  const reading = useQuery({ ...trpc.intake.readingStats.queryOptions(), refetchInterval: 5000 });
  const dead = useQuery({ ...trpc.intake.deadLetters.queryOptions({ includeResolved }), refetchInterval: 10_000 });
  const retry = useMutation(
    trpc.intake.retryDeadLetter.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.intake.deadLetters.queryKey() }) }),
  );
  return (
    <div className="mx-auto max-w-6xl p-4">
      <IntakeAdminNav />
      <h1 className="text-lg font-semibold">{t('heading')}</h1>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <ErrorNotice error={stats.error ?? reading.error ?? dead.error ?? retry.error} />
      <h2 className="mb-1 text-base font-semibold">{t('queues')}</h2>
      <div className="mb-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('queues')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t('queue')}</th>
              <th scope="col" className="px-3 py-2">{t('queued')}</th>
              <th scope="col" className="px-3 py-2">{t('activeJobs')}</th>
              <th scope="col" className="px-3 py-2">{t('failed')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.data?.map((q) => (
              <tr key={q.name} className="border-t border-slate-100">
                <td className="px-3 py-2 font-mono text-xs">{q.name}</td>
                <td className="px-3 py-2">{q.queued}</td>
                <td className="px-3 py-2">{q.active}</td>
                <td className="px-3 py-2">{q.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="mb-1 text-base font-semibold">{t('reading')}</h2>
      <p className="mb-2 max-w-3xl text-sm text-slate-600">{t('readingIntro')}</p>
      <dl className="mb-6 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="reading-stats">
        {[
          [t('readingWaiting'), reading.data?.waiting],
          [t('readingInProgress'), reading.data?.reading],
          [t('readLastDay'), reading.data?.readLastDay],
          [t('readTime'), reading.data?.p50Ms == null ? '–' : t('seconds', { p50: (reading.data.p50Ms / 1000).toFixed(2), p95: ((reading.data.p95Ms ?? 0) / 1000).toFixed(2) })],
          [t('unreadableLastDay'), reading.data?.unreadableLastDay],
          [t('unknownTypeLastDay'), reading.data?.wrongTypeLastDay],
        ].map(([label, value]) => (
          <div key={String(label)} className="rounded-lg border border-slate-200 bg-white px-3 py-2">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="font-semibold tabular-nums">{value ?? '…'}</dd>
          </div>
        ))}
      </dl>
      <div className="mb-1 flex items-center gap-3">
        <h2 className="mr-auto text-base font-semibold">{t('deadLetters')}</h2>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={includeResolved} onChange={(e) => setIncludeResolved(e.target.checked)} />
          {t('showResolved')}
        </label>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('deadLetters')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{ta('created')}</th>
              <th scope="col" className="px-3 py-2">{t('queue')}</th>
              <th scope="col" className="px-3 py-2">{t('subject')}</th>
              <th scope="col" className="px-3 py-2">{t('attempts')}</th>
              <th scope="col" className="px-3 py-2">{t('error')}</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">{ta('actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {dead.data?.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-4 text-slate-600">{t('noDeadLetters')}</td>
              </tr>
            )}
            {dead.data?.map((d) => (
              <tr key={d.id} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2 text-xs">{format.dateTime(d.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</td>
                <td className="px-3 py-2 font-mono text-xs">{d.queue}</td>
                <td className="px-3 py-2 text-xs">
                  {d.ticket ? <span className="font-mono">{d.ticket}</span> : d.deliveryId ? <Link href="/admin/webhooks" className="text-brand-700 underline">{t('delivery')}</Link> : null}
                  {d.unitName && <div className="text-slate-600">{d.unitName}</div>}
                </td>
                <td className="px-3 py-2">{d.attempts}</td>
                <td className="max-w-md px-3 py-2 font-mono text-xs break-words text-red-800">{d.error}</td>
                <td className="px-3 py-2">
                  {d.resolvedAt ? (
                    <span className="text-xs text-slate-600">{t('resolved', { date: format.dateTime(d.resolvedAt, { dateStyle: 'short', timeStyle: 'short' }) })}</span>
                  ) : (
                    <button type="button" className="text-brand-700 underline" disabled={retry.isPending} onClick={() => retry.mutate({ id: d.id })}>
                      {t('retry')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
