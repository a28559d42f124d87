'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { PolicySimulationChart, type SimulationChartPoint } from '@/components/charts/policy-simulation-chart';
import { useTRPC } from '@/lib/trpc';
import { AdminError } from './admin-error';
import { usePolicyFormat } from './policy-format';

const PERIODS = [30, 90, 180, 365] as const;

/**
 * The evidence for a threshold: coverage and estimated error over history for
 * every threshold 0.50–0.99, the current and candidate marked, the candidate
 * spelled out in a sentence, and all numbers in a table.
 */
export function PolicySimulationPanel({
  serviceCode,
  candidate,
  currentThreshold,
}: {
  serviceCode: string;
  candidate: { minConfidence: number; requireAllDocsValid: boolean; blockedFlags: string[] };
  currentThreshold: number | null;
}) {
  const t = useTranslations('policy.simulation');
  const f = usePolicyFormat();
  const trpc = useTRPC();
  const id = useId();
  const [days, setDays] = useState<number>(90);
  const q = useQuery({
    ...trpc.policies.simulate.queryOptions({
      serviceCode,
      days,
      requireAllDocsValid: candidate.requireAllDocsValid,
      blockedFlags: [...candidate.blockedFlags].sort(),
    }),
    placeholderData: keepPreviousData,
  });
  const candidatePct = Math.round(candidate.minConfidence * 100);
  const currentPct = currentThreshold === null ? null : Math.round(currentThreshold * 100);
  const data = q.data;
  const points: SimulationChartPoint[] =
    data?.points.map((p) => ({
      pct: Math.round(p.threshold * 100),
      coverage: p.coverage === null ? null : p.coverage * 100,
      error: p.error === null ? null : p.error * 100,
      errorBand: p.errorLo === null || p.errorHi === null ? null : [p.errorLo * 100, p.errorHi * 100],
    })) ?? [];
  const at = data?.points.find((p) => Math.round(p.threshold * 100) === candidatePct);
  return (
    <section aria-labelledby={`${id}-h`} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start gap-3">
        <div className="mr-auto max-w-2xl">
          <h2 id={`${id}-h`} className="font-semibold">
            {t('heading')}
          </h2>
          <p className="text-xs text-slate-600">{t('intro')}</p>
        </div>
        <label className="text-xs font-medium text-slate-700">
          {t('days')}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} className="ml-2 rounded border border-slate-300 bg-white px-2 py-1 text-sm">
            {PERIODS.map((n) => (
              <option key={n} value={n}>
                {t('daysOption', { n })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <AdminError error={q.error} />
      {q.isLoading && <p className="mt-2 text-sm text-slate-600">{t('loading')}</p>}
      {data && (
        <>
          <p className="mt-2 text-xs text-slate-600">
            {t('total', { n: f.integer(data.total), days: data.days })} {t('elapsed', { ms: data.elapsedMs })}
          </p>
          {data.total === 0 ? (
            <p className="mt-2 text-sm">{t('noData')}</p>
          ) : (
            <>
              <p className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-sm" aria-live="polite" data-testid="simulation-summary">
                {at && at.covered > 0
                  ? t('summary', {
                      threshold: f.threshold(candidatePct / 100),
                      coverage: f.percent(at.coverage),
                      covered: f.integer(at.covered),
                      total: f.integer(data.total),
                      error: f.percent(at.error),
                      lo: f.percent(at.errorLo),
                      hi: f.percent(at.errorHi),
                    })
                  : t('summaryNoCoverage', { threshold: f.threshold(candidatePct / 100) })}
              </p>
              <figure aria-labelledby={`${id}-cap`} className="mt-2">
                <figcaption id={`${id}-cap`} className="text-sm font-medium text-slate-800">
                  {t('chartTitle')}
                  <span className="block text-xs font-normal text-slate-600">{t('chartDescription')}</span>
                </figcaption>
                <PolicySimulationChart
                  points={points}
                  currentPct={currentPct}
                  candidatePct={candidatePct}
                  formatThreshold={(pct) => f.threshold(pct / 100)}
                  labels={{
                    xAxis: t('xAxis'),
                    yCoverage: t('yCoverage'),
                    yError: t('yError'),
                    coverage: t('coverage'),
                    error: t('error'),
                    errorBand: t('errorBand'),
                    current: t('current', { value: currentPct === null ? '' : f.threshold(currentPct / 100) }),
                    candidate: t('candidate', { value: f.threshold(candidatePct / 100) }),
                  }}
                />
              </figure>
              <details className="mt-2">
                <summary className="cursor-pointer text-xs text-brand-700 underline">{t('showTable')}</summary>
                <div className="mt-1 max-h-80 overflow-auto">
                  <table className="w-full text-xs">
                    <caption className="sr-only">{t('chartTitle')}</caption>
                    <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
                      <tr>
                        <th scope="col" className="px-2 py-1">
                          {t('threshold')}
                        </th>
                        <th scope="col" className="px-2 py-1 text-right">
                          {t('coverage')}
                        </th>
                        <th scope="col" className="px-2 py-1 text-right">
                          {t('covered')}
                        </th>
                        <th scope="col" className="px-2 py-1 text-right">
                          {t('wrong')}
                        </th>
                        <th scope="col" className="px-2 py-1 text-right">
                          {t('error')}
                        </th>
                        <th scope="col" className="px-2 py-1 text-right">
                          {t('ci')}
                        </th>
                        <th scope="col" className="px-2 py-1">
                          {t('marker')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.points.map((p) => {
                        const pct = Math.round(p.threshold * 100);
                        const marks = [pct === currentPct ? t('markerCurrent') : null, pct === candidatePct ? t('markerCandidate') : null]
                          .filter(Boolean)
                          .join(', ');
                        return (
                          <tr key={pct} className={`border-t border-slate-100 ${marks ? 'bg-amber-50 font-medium' : ''}`}>
                            <th scope="row" className="px-2 py-0.5 text-left font-normal tabular-nums">
                              {f.threshold(p.threshold)}
                            </th>
                            <td className="px-2 py-0.5 text-right tabular-nums">{f.percent(p.coverage)}</td>
                            <td className="px-2 py-0.5 text-right tabular-nums">{f.integer(p.covered)}</td>
                            <td className="px-2 py-0.5 text-right tabular-nums">{f.integer(p.wrong)}</td>
                            <td className="px-2 py-0.5 text-right tabular-nums">{f.percent(p.error)}</td>
                            <td className="whitespace-nowrap px-2 py-0.5 text-right tabular-nums">
                              {p.errorLo === null ? '—' : `${f.percent(p.errorLo)}–${f.percent(p.errorHi)}`}
                            </td>
                            <td className="px-2 py-0.5">{marks}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </details>
            </>
          )}
        </>
      )}
    </section>
  );
}
