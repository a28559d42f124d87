'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useTRPC } from '@/lib/trpc';
import { AdminPage } from './admin-page';
import { DataTable, type Column } from './data-table';
import { IntakeAdminNav } from './intake-admin-nav';
import type { DeadLetter, QueueStat } from './types';

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
  const queueColumns: Column<QueueStat>[] = [
    { id: 'queue', header: t('queue'), value: (q) => q.name, cell: (q) => q.name, className: 'font-mono text-xs' },
    { id: 'queued', header: t('queued'), value: (q) => q.queued, cell: (q) => q.queued },
    { id: 'active', header: t('activeJobs'), value: (q) => q.active, cell: (q) => q.active },
    { id: 'failed', header: t('failed'), value: (q) => q.failed, cell: (q) => q.failed },
  ];
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'short', timeStyle: 'short' });
  const deadColumns: Column<DeadLetter>[] = [
    { id: 'created', header: ta('created'), value: (d) => d.createdAt, cell: (d) => when(d.createdAt), className: 'text-xs' },
    { id: 'queue', header: t('queue'), value: (d) => d.queue, cell: (d) => d.queue, className: 'font-mono text-xs' },
    {
      id: 'subject',
      header: t('subject'),
      value: (d) => d.ticket ?? d.unitName,
      search: (d) => d.unitName,
      className: 'text-xs',
      cell: (d) => (
        <>
          {d.ticket ? (
            <span className="font-mono">{d.ticket}</span>
          ) : d.deliveryId ? (
            <Link href="/admin/webhooks" className="text-brand-700 underline">
              {t('delivery')}
            </Link>
          ) : null}
          {d.unitName && <div className="text-slate-600">{d.unitName}</div>}
        </>
      ),
    },
    { id: 'attempts', header: t('attempts'), value: (d) => d.attempts, cell: (d) => d.attempts },
    { id: 'error', header: t('error'), value: (d) => d.error, cell: (d) => d.error, className: 'max-w-md font-mono text-xs break-words text-red-800' },
    {
      id: 'actions',
      header: ta('actions'),
      srOnlyHeader: true,
      cell: (d) =>
        d.resolvedAt ? (
          <span className="text-xs text-slate-600">{t('resolved', { date: when(d.resolvedAt) })}</span>
        ) : (
          <button type="button" className="text-brand-700 underline" disabled={retry.isPending} onClick={() => retry.mutate({ id: d.id })}>
            {t('retry')}
          </button>
        ),
    },
  ];
  const readingFigures: [string, string | number | undefined][] = [
    [t('readingWaiting'), reading.data?.waiting],
    [t('readingInProgress'), reading.data?.reading],
    [t('readLastDay'), reading.data?.readLastDay],
    [
      t('readTime'),
      reading.data?.p50Ms == null ? '–' : t('seconds', { p50: (reading.data.p50Ms / 1000).toFixed(2), p95: ((reading.data.p95Ms ?? 0) / 1000).toFixed(2) }),
    ],
    [t('unreadableLastDay'), reading.data?.unreadableLastDay],
    [t('unknownTypeLastDay'), reading.data?.wrongTypeLastDay],
  ];
  return (
    <AdminPage nav={<IntakeAdminNav />} heading={t('heading')} intro={t('intro')}>
      <ErrorNotice error={stats.error ?? reading.error ?? dead.error ?? retry.error} />
      <div>
        <h2 className="mb-1 text-base font-semibold">{t('queues')}</h2>
        <DataTable caption={t('queues')} columns={queueColumns} rows={stats.data} rowKey={(q) => q.name} loading={stats.isPending} className="mb-6" />
      </div>
      <div>
        <h2 className="mb-1 text-base font-semibold">{t('reading')}</h2>
        <p className="mb-2 max-w-3xl text-sm text-slate-600">{t('readingIntro')}</p>
        <dl className="mb-6 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="reading-stats">
          {readingFigures.map(([label, value]) => (
            <div key={label} className="rounded-lg border border-slate-200 bg-white px-3 py-2">
              <dt className="text-xs text-slate-600">{label}</dt>
              <dd className="font-semibold tabular-nums">{value ?? '…'}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div>
        <h2 className="mb-1 text-base font-semibold">{t('deadLetters')}</h2>
        <DataTable
          caption={t('deadLetters')}
          columns={deadColumns}
          rows={dead.data}
          rowKey={(d) => d.id}
          loading={dead.isPending}
          emptyText={t('noDeadLetters')}
          search
          toolbar={
            <label className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={includeResolved} onChange={(e) => setIncludeResolved(e.target.checked)} />
              {t('showResolved')}
            </label>
          }
        />
      </div>
    </AdminPage>
  );
}
