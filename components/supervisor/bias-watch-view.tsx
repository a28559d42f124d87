'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { ErrorNotice } from '@/components/ui/error-notice';
import { inputClass, RateCell, UnitPicker, useDuration } from './format';
import type { BiasWatch } from './types';
import { ALL_UNITS } from './initial-inputs';

type Thresholds = BiasWatch['thresholds'];

export function BiasWatchView() {
  const t = useTranslations('oversight.bias');
  const tc = useTranslations('oversight.common');
  const trpc = useTRPC();
  const [unitId, setUnitId] = useState<string | null>(null);
  const q = useQuery(trpc.supervisor.bias.get.queryOptions({ unitId }));
  const units = useQuery(trpc.supervisor.overrides.filters.queryOptions(ALL_UNITS));
  const d = q.data;
  return (
    <div className="mx-auto max-w-7xl space-y-4 p-4">
      <div>
        <h1 className="text-lg font-semibold">{t('heading')}</h1>
        <p className="max-w-4xl text-sm text-slate-600">{t('intro')}</p>
      </div>
      <UnitPicker units={units.data?.units ?? []} value={unitId} onChange={setUnitId} />
      <ErrorNotice error={q.error} />
      {q.isLoading && <p className="text-slate-600">{tc('loading')}</p>}
      {d && (
        <>
          <p className="text-sm text-slate-700">
            {t('period', { from: d.periods.current.fromWeek, to: d.periods.current.to, prevFrom: d.periods.previous.fromWeek, prevTo: d.periods.previous.to })}
          </p>
          <Officers d={d} />
          <Reveals d={d} />
          <Models d={d} />
          <ThresholdForm key={`${unitId ?? 'all'}:${String(d.thresholdsUpdatedAt ?? '')}`} unitId={unitId} d={d} />
        </>
      )}
    </div>
  );
}

function Officers({ d }: { d: BiasWatch }) {
  const t = useTranslations('oversight.bias');
  const tc = useTranslations('oversight.common');
  const tcol = useTranslations('oversight.analytics.cols');
  const format = useFormatter();
  const duration = useDuration();
  return (
    <section aria-labelledby="officers-h" className="rounded-lg border border-slate-200 bg-white">
      <h2 id="officers-h" className="px-3 pt-3 text-base font-semibold">
        {t('officers')}
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('officerCaption')}</caption>
          <thead className="bg-slate-50 text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {tc('officer')}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {tcol('rated')}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {tcol('agreement')}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {tcol('median')}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t('unopened')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('evidence')}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.officers.map((o) => (
              <tr key={o.officerId} className={`border-t border-slate-100 align-top ${o.flags.length ? 'bg-amber-50/60' : ''}`}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {o.name}
                  <ul className="mt-1 space-y-0.5">
                    {o.flags.map((f) => (
                      <li key={f} className="inline-block rounded border border-amber-400 bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-950">
                        ⚑ {t(`flag.${f}`)}
                      </li>
                    ))}
                    {o.flags.length === 0 && <li className="text-xs font-normal text-slate-600">{o.judged ? t('noFlags') : t('notJudged')}</li>}
                  </ul>
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{o.metrics.rated}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  <RateCell rate={o.metrics.agreement} />
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{duration(o.metrics.timeMedianMs)}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  <RateCell rate={o.metrics.unopened} />
                </td>
                <td className="px-3 py-2 text-xs">
                  {o.samples.fast.length > 0 && (
                    <Samples
                      title={t('fastSamples')}
                      items={o.samples.fast}
                      render={(s) => `${duration(s.timeSpentMs)} · ${format.dateTime(s.decidedAt, { dateStyle: 'short' })}`}
                    />
                  )}
                  {o.samples.unopened.length > 0 && (
                    <Samples
                      title={t('unopenedSamples')}
                      items={o.samples.unopened}
                      render={(s) => format.dateTime(s.decidedAt, { dateStyle: 'short', timeStyle: 'short' })}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {d.officers.length === 0 && <p className="p-3 text-sm text-slate-600">{tc('noData')}</p>}
      </div>
    </section>
  );
}

/** Personal-data reveals in the period: a burst or a refused reveal is flagged (server/services/review/personal-data.ts). */
function Reveals({ d }: { d: BiasWatch }) {
  const t = useTranslations('oversight.bias');
  const tc = useTranslations('oversight.common');
  const format = useFormatter();
  return (
    <section aria-labelledby="reveals-h" className="rounded-lg border border-slate-200 bg-white" data-testid="reveal-watch">
      <h2 id="reveals-h" className="px-3 pt-3 text-base font-semibold">
        {t('reveals')}
      </h2>
      <p className="max-w-4xl px-3 text-xs text-slate-600">{t('revealsIntro', { limit: d.revealLimit.limit, minutes: d.revealLimit.windowMinutes })}</p>
      {d.reveals.length === 0 ? (
        <p className="p-3 text-sm text-slate-600">{t('noReveals')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{t('revealCaption')}</caption>
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {tc('officer')}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t('revealCount')}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t('revealBursts')}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t('revealRateLimited')}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t('revealNotRelated')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('revealLast')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.reveals.map((r) => (
                <tr key={r.officerId} className={`border-t border-slate-100 align-top ${r.flagged ? 'bg-amber-50/60' : ''}`}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {r.name}
                    <ul className="mt-1 space-y-0.5">
                      {r.bursts > 0 && (
                        <li className="inline-block rounded border border-amber-400 bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-950">
                          ⚑ {t('revealBurstFlag')}
                        </li>
                      )}
                      {r.refusedNotRelated > 0 && (
                        <li className="inline-block rounded border border-amber-400 bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-950">
                          ⚑ {t('revealNotRelatedFlag')}
                        </li>
                      )}
                    </ul>
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{r.reveals}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.bursts}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.refusedRateLimited}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.refusedNotRelated}</td>
                  <td className="px-3 py-2 text-xs">{format.dateTime(new Date(r.lastAt), { dateStyle: 'short', timeStyle: 'short' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Samples<S extends { submissionId: string; ticket: string }>({ title, items, render }: { title: string; items: S[]; render: (s: S) => string }) {
  return (
    <div className="mb-1">
      <div className="font-medium text-slate-700">{title}</div>
      <ul>
        {items.map((s) => (
          <li key={s.submissionId}>
            <Link href={`/review/${s.submissionId}`} className="font-mono text-brand-700 underline">
              {s.ticket}
            </Link>{' '}
            <span className="text-slate-600">{render(s)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Models({ d }: { d: BiasWatch }) {
  const t = useTranslations('oversight.bias');
  const tc = useTranslations('oversight.common');
  return (
    <section aria-labelledby="models-h" className="rounded-lg border border-slate-200 bg-white">
      <h2 id="models-h" className="px-3 pt-3 text-base font-semibold">
        {t('models')}
      </h2>
      <table className="w-full text-sm">
        <caption className="sr-only">{t('modelCaption')}</caption>
        <thead className="bg-slate-50 text-left text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              {tc('model')}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t('overridePrev')}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t('overrideNow')}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t('rise')}
            </th>
          </tr>
        </thead>
        <tbody>
          {d.models.map((m) => (
            <tr key={m.model} className={`border-t border-slate-100 ${m.flagged ? 'bg-amber-50/60' : ''}`}>
              <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-normal">
                {m.model}
                {m.flagged && (
                  <span className="ml-2 rounded border border-amber-400 bg-amber-100 px-1.5 py-0.5 font-sans font-medium text-amber-950">⚑ {t('flagged')}</span>
                )}
                {!m.judged && <span className="ml-2 font-sans text-slate-600">{t('notJudged')}</span>}
              </th>
              <td className="px-3 py-2 text-right tabular-nums">
                <RateCell rate={m.previous} /> <span className="text-xs text-slate-600">n={m.previous.n}</span>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                <RateCell rate={m.current} /> <span className="text-xs text-slate-600">n={m.current.n}</span>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{m.rise === null ? '—' : `${m.rise >= 0 ? '+' : ''}${(m.rise * 100).toFixed(1)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.models.length === 0 && <p className="p-3 text-sm text-slate-600">{tc('noData')}</p>}
    </section>
  );
}

/** Percentages on screen, shares in storage. */
function ThresholdForm({ unitId, d }: { unitId: string | null; d: BiasWatch }) {
  const t = useTranslations('oversight.bias');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const init = d.thresholds;
  const [v, setV] = useState({
    periodWeeks: String(init.periodWeeks),
    minDecisions: String(init.minDecisions),
    agreementAtLeast: String(Math.round(init.agreementAtLeast * 1000) / 10),
    medianSecondsBelow: String(init.medianSecondsBelow),
    unopenedShareAtLeast: String(Math.round(init.unopenedShareAtLeast * 1000) / 10),
    modelRiseAtLeast: String(Math.round(init.modelRiseAtLeast * 1000) / 10),
  });
  const save = useMutation(
    trpc.supervisor.bias.save.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.supervisor.bias.get.queryKey() }) }),
  );
  const fields: { key: keyof typeof v; step: string; min: number; max: number }[] = [
    { key: 'periodWeeks', step: '1', min: 1, max: 26 },
    { key: 'minDecisions', step: '1', min: 1, max: 100000 },
    { key: 'agreementAtLeast', step: '0.1', min: 0, max: 100 },
    { key: 'medianSecondsBelow', step: '1', min: 1, max: 3600 },
    { key: 'unopenedShareAtLeast', step: '0.1', min: 0, max: 100 },
    { key: 'modelRiseAtLeast', step: '0.1', min: 0, max: 100 },
  ];
  const toThresholds = (): Thresholds => ({
    periodWeeks: Math.round(Number(v.periodWeeks)),
    minDecisions: Math.round(Number(v.minDecisions)),
    agreementAtLeast: Number(v.agreementAtLeast) / 100,
    medianSecondsBelow: Number(v.medianSecondsBelow),
    unopenedShareAtLeast: Number(v.unopenedShareAtLeast) / 100,
    modelRiseAtLeast: Number(v.modelRiseAtLeast) / 100,
  });
  return (
    <form
      aria-labelledby="thr-h"
      className="rounded-lg border border-slate-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ unitId, thresholds: toThresholds() });
      }}
    >
      <h2 id="thr-h" className="text-base font-semibold">
        {t('thresholds')}
      </h2>
      <p className="mb-2 text-xs text-slate-600">{t(`thresholdScope.${d.thresholdScope}`)}</p>
      <div className="flex flex-wrap items-end gap-3">
        {fields.map((f) => (
          <label key={f.key} className="flex w-44 flex-col text-xs font-medium text-slate-700">
            {t(f.key)}
            <input
              type="number"
              inputMode="decimal"
              required
              step={f.step}
              min={f.min}
              max={f.max}
              value={v[f.key]}
              onChange={(e) => setV((x) => ({ ...x, [f.key]: e.target.value }))}
              className={`mt-1 ${inputClass}`}
            />
          </label>
        ))}
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t('save')}
        </button>
      </div>
      {save.isSuccess && (
        <p role="status" className="mt-2 text-sm text-emerald-800">
          {t('saved')}
        </p>
      )}
      <div className="mt-2">
        <ErrorNotice error={save.error} />
      </div>
    </form>
  );
}
