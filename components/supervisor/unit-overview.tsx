'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/lib/trpc';
import type { SubmissionStatus } from '@/lib/vocabulary';
import { ErrorNotice } from '@/components/ui/error-notice';

/** The statuses the overview counts, in the order a supervisor reads them (open work first). */
const STATUSES = [
  'pending_review',
  'in_review',
  'escalated',
  'awaiting_citizen',
  'approved',
  'rejected',
  'auto_approved',
] as const satisfies readonly SubmissionStatus[];

export function UnitOverview({ heading, intro }: { heading: string; intro: string }) {
  const t = useTranslations('overview');
  const ts = useTranslations('status');
  const trpc = useTRPC();
  const q = useQuery(trpc.overview.units.queryOptions());
  return (
    <div className="mx-auto max-w-6xl p-4">
      <h1 className="text-lg font-semibold">{heading}</h1>
      <p className="mb-4 text-sm text-slate-600">{intro}</p>
      {q.error && <ErrorNotice error={q.error} />}
      {q.isLoading && <p className="text-sm text-slate-600">{t('loading')}</p>}
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {q.data?.map((u) => (
          <section key={u.unitId} aria-labelledby={`unit-${u.unitId}`} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id={`unit-${u.unitId}`} className="font-medium">
              {u.unitName}
            </h2>
            <dl className="mt-3 grid grid-cols-3 gap-2 text-center">
              <Stat label={t('overdue')} value={u.overdue} tone={u.overdue > 0 ? 'bad' : 'neutral'} />
              <Stat label={t('decidedToday')} value={u.decidedToday} />
              <Stat label={t('overrides30d')} value={u.overridesLast30d} />
            </dl>
            <table className="mt-3 w-full text-sm">
              <caption className="sr-only">{t('byStatus')}</caption>
              <tbody>
                {STATUSES.map((s) => (
                  <tr key={s} className="border-t border-slate-100">
                    <th scope="row" className="py-1 text-left font-normal text-slate-700">
                      {ts(s)}
                    </th>
                    <td className="py-1 text-right tabular-nums">{u.byStatus[s] ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </div>
  );
}

function Stat({ label, value, tone = 'neutral' }: { label: string; value: number; tone?: 'neutral' | 'bad' }) {
  return (
    <div className="rounded-md bg-slate-50 p-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className={`text-xl font-semibold tabular-nums ${tone === 'bad' ? 'text-red-700' : 'text-slate-900'}`}>{value}</dd>
    </div>
  );
}
