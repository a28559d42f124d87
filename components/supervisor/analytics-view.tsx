'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useNow, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { ChartCard, type TableColumn } from '@/components/charts/chart-card';
import { PALETTE } from '@/components/charts/palette';
import { GroupBarChart, TrendChart } from '@/components/charts/trend-chart';
import { ErrorNotice } from '@/components/ui/error-notice';
import { UntilHydrated } from '@/components/ui/until-hydrated';
import { Field, inputClass, pct, RateCell, UnitPicker, useDuration } from './format';
import type { Dashboard, DimensionRow, QaGroup, Rate } from './types';

const DIMS = ['officer', 'service', 'model', 'channel', 'kecamatan'] as const;
type Dim = (typeof DIMS)[number];
type Week = Dashboard['weekly'][number];

const pctNum = (r: Rate) => (r.p === null ? null : Math.round(r.p * 1000) / 10);
const csvRate = (r: Rate) => (r.p === null ? '' : r.p.toFixed(4));

export function AnalyticsView() {
  const t = useTranslations('oversight.analytics');
  const tc = useTranslations('oversight.common');
  const format = useFormatter();
  // The data age ticks on its own, so a page left open says how old its figures are.
  const now = useNow({ updateInterval: 30_000 });
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const input = { unitId, ...range };
  const q = useQuery({ ...trpc.supervisor.analytics.queryOptions(input), placeholderData: keepPreviousData });
  const refresh = useMutation(
    trpc.supervisor.refreshAnalytics.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.supervisor.analytics.queryKey() }) }),
  );
  const d = q.data;
  return (
    <div className="mx-auto max-w-7xl space-y-4 p-4">
      <div>
        <h1 className="text-lg font-semibold">{t('heading')}</h1>
        <p className="max-w-4xl text-sm text-slate-600">{t('intro')}</p>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <UntilHydrated>
          <UnitPicker units={d?.units ?? []} value={unitId} onChange={setUnitId} />
          <Field label={tc('from')}>
            <input
              type="date"
              value={range.from ?? d?.period.from ?? ''}
              onChange={(e) => setRange((r) => ({ ...r, from: e.target.value || undefined }))}
              className={inputClass}
            />
          </Field>
          <Field label={tc('to')}>
            <input
              type="date"
              value={range.to ?? d?.period.to ?? ''}
              onChange={(e) => setRange((r) => ({ ...r, to: e.target.value || undefined }))}
              className={inputClass}
            />
          </Field>
        </UntilHydrated>
        {d?.refreshedAt && (
          <p className="text-xs text-slate-600" role="status">
            {tc('asOf', {
              time: format.dateTime(d.refreshedAt, { dateStyle: 'medium', timeStyle: 'short' }),
              age: format.relativeTime(d.refreshedAt, now),
            })}
          </p>
        )}
        <button
          type="button"
          onClick={() => refresh.mutate()}
          disabled={refresh.isPending}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm disabled:opacity-60"
        >
          {refresh.isPending ? tc('refreshing') : tc('refreshNow')}
        </button>
      </div>
      <ErrorNotice error={q.error ?? refresh.error} />
      {q.isLoading && <p className="text-slate-600">{tc('loading')}</p>}
      {d && <DashboardBody d={d} />}
    </div>
  );
}

function Kpi({ label, value, sub }: { label: string; value: React.ReactNode; sub?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {sub && <dd className="text-xs text-slate-600">{sub}</dd>}
    </div>
  );
}

function DashboardBody({ d }: { d: Dashboard }) {
  const t = useTranslations('oversight.analytics');
  const tc = useTranslations('oversight.common');
  const tch = useTranslations('channel');
  const locale = useLocale();
  const duration = useDuration();
  const [dim, setDim] = useState<Dim>('officer');
  const m = d.totals;
  const ci = (r: Rate) => (r.p === null ? undefined : `${pct(r.lo, 0)}–${pct(r.hi, 0)} · ${r.k}/${r.n}`);
  const stamp = `${d.period.from}_${d.period.to}`;

  const weekCols: TableColumn<Week>[] = [
    { key: 'week', label: tc('week'), value: (w) => w.isoWeek },
    { key: 'rated', label: t('cols.rated'), value: (w) => w.metrics.rated, numeric: true },
    {
      key: 'agreement',
      label: t('cols.agreement'),
      value: (w) => csvRate(w.metrics.agreement),
      render: (w) => <RateCell rate={w.metrics.agreement} />,
      numeric: true,
    },
    {
      key: 'override',
      label: t('cols.override'),
      value: (w) => csvRate(w.metrics.override),
      render: (w) => <RateCell rate={w.metrics.override} />,
      numeric: true,
    },
    { key: 'median_s', label: t('cols.median'), value: (w) => secs(w.metrics.timeMedianMs), render: (w) => duration(w.metrics.timeMedianMs), numeric: true },
    { key: 'p90_s', label: t('cols.p90'), value: (w) => secs(w.metrics.timeP90Ms), render: (w) => duration(w.metrics.timeP90Ms), numeric: true },
    { key: 'sla_met', label: t('series.slaMet'), value: (w) => w.metrics.slaMet, numeric: true },
    { key: 'sla_breached', label: t('series.slaBreached'), value: (w) => w.metrics.slaBreached, numeric: true },
    { key: 'auto', label: t('cols.auto'), value: (w) => w.metrics.autoApproved, numeric: true },
    {
      key: 'auto_qa_error',
      label: t('series.autoQaError'),
      value: (w) => csvRate(w.autoQaError),
      render: (w) => <RateCell rate={w.autoQaError} />,
      numeric: true,
    },
  ];
  const weekly = d.weekly.map((w) => ({
    week: w.isoWeek,
    agreement: pctNum(w.metrics.agreement),
    override: pctNum(w.metrics.override),
    median: w.metrics.timeMedianMs === null ? null : Math.round(w.metrics.timeMedianMs / 1000),
    p90: w.metrics.timeP90Ms === null ? null : Math.round(w.metrics.timeP90Ms / 1000),
    slaMet: w.metrics.slaMet,
    slaBreached: w.metrics.slaBreached,
    auto: w.metrics.autoApproved,
    autoQaError: pctNum(w.autoQaError),
  }));
  const weekTable = { columns: weekCols, rows: d.weekly, rowKey: (w: Week) => w.week };

  const groupLabel = (r: DimensionRow) =>
    dim === 'channel'
      ? tch.has(r.key)
        ? tch(r.key)
        : r.key
      : dim === 'kecamatan' && r.key === ''
        ? tc('unknownKecamatan')
        : dim === 'officer' && r.key === ''
          ? tc('auto')
          : locale === 'en' && r.labelEn
            ? r.labelEn
            : r.label;
  const groups = d.by[dim];
  const groupCols: TableColumn<DimensionRow>[] = [
    { key: 'group', label: t(`dims.${dim}`), value: groupLabel },
    { key: 'rated', label: t('cols.rated'), value: (r) => r.metrics.rated, numeric: true },
    {
      key: 'agreement',
      label: t('cols.agreement'),
      value: (r) => csvRate(r.metrics.agreement),
      render: (r) => <RateCell rate={r.metrics.agreement} />,
      numeric: true,
    },
    {
      key: 'override',
      label: t('cols.override'),
      value: (r) => csvRate(r.metrics.override),
      render: (r) => <RateCell rate={r.metrics.override} />,
      numeric: true,
    },
    {
      key: 'answer_edited',
      label: t('cols.answerEdited'),
      value: (r) => csvRate(r.metrics.answerEdited),
      render: (r) => <RateCell rate={r.metrics.answerEdited} withCi={false} />,
      numeric: true,
    },
    {
      key: 'rejection',
      label: t('cols.rejection'),
      value: (r) => csvRate(r.metrics.rejection),
      render: (r) => <RateCell rate={r.metrics.rejection} />,
      numeric: true,
    },
    { key: 'median_s', label: t('cols.median'), value: (r) => secs(r.metrics.timeMedianMs), render: (r) => duration(r.metrics.timeMedianMs), numeric: true },
    {
      key: 'sla_met',
      label: t('cols.sla'),
      value: (r) => csvRate(r.metrics.slaMetRate),
      render: (r) => <RateCell rate={r.metrics.slaMetRate} withCi={false} />,
      numeric: true,
    },
    { key: 'auto', label: t('cols.auto'), value: (r) => r.metrics.autoApproved, numeric: true },
  ];
  const rated = groups.filter((g) => g.metrics.rated > 0);

  const qaCols = (dimLabel: string, dimKey: 'service' | 'officer'): TableColumn<QaGroup>[] => [
    { key: 'group', label: dimLabel, value: (r) => (dimKey === 'officer' && r.key === '' ? tc('auto') : locale === 'en' && r.labelEn ? r.labelEn : r.label) },
    { key: 'n', label: t('cols.n'), value: (r) => r.stats.n, numeric: true },
    {
      key: 'agreement',
      label: t('cols.agreement'),
      value: (r) => csvRate(r.stats.agreement),
      render: (r) => <RateCell rate={r.stats.agreement} />,
      numeric: true,
    },
    {
      key: 'kappa',
      label: t('cols.kappa'),
      value: (r) => (r.stats.kappa === null ? '' : r.stats.kappa.toFixed(3)),
      render: (r) => (r.stats.kappa === null ? '—' : r.stats.kappa.toFixed(2)),
      numeric: true,
    },
  ];

  return (
    <>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8">
        <Kpi label={t('kpi.rated')} value={m.rated} />
        <Kpi label={t('kpi.agreement')} value={pct(m.agreement.p)} sub={ci(m.agreement)} />
        <Kpi label={t('kpi.override')} value={pct(m.override.p)} sub={ci(m.override)} />
        <Kpi label={t('kpi.medianTime')} value={duration(m.timeMedianMs)} />
        <Kpi label={t('kpi.p90Time')} value={duration(m.timeP90Ms)} />
        <Kpi label={t('kpi.sla')} value={pct(m.slaMetRate.p)} sub={ci(m.slaMetRate)} />
        <Kpi label={t('kpi.auto')} value={m.autoApproved} />
        <Kpi label={t('kpi.autoQaError')} value={pct(d.qa.autoErrorRate.p)} sub={ci(d.qa.autoErrorRate)} />
      </dl>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          title={t('trendRates')}
          {...weekTable}
          filename={`weekly-${stamp}.csv`}
          chart={
            <TrendChart
              data={weekly}
              xKey="week"
              xLabel={t('axisWeek')}
              yLabel={t('axisRate')}
              yDomain={[0, 100]}
              format={(v) => `${v}%`}
              series={[
                { key: 'agreement', label: t('series.agreement'), color: PALETTE.blue },
                { key: 'override', label: t('series.override'), color: PALETTE.vermillion },
              ]}
            />
          }
        />
        <ChartCard
          title={t('trendTime')}
          {...weekTable}
          filename={`weekly-time-${stamp}.csv`}
          chart={
            <TrendChart
              data={weekly}
              xKey="week"
              xLabel={t('axisWeek')}
              yLabel={t('axisSeconds')}
              series={[
                { key: 'median', label: t('series.median'), color: PALETTE.green },
                { key: 'p90', label: t('series.p90'), color: PALETTE.purple },
              ]}
            />
          }
        />
        <ChartCard
          title={t('trendSla')}
          {...weekTable}
          filename={`weekly-sla-${stamp}.csv`}
          chart={
            <TrendChart
              type="bar"
              data={weekly}
              xKey="week"
              xLabel={t('axisWeek')}
              yLabel={t('axisCount')}
              series={[
                { key: 'slaMet', label: t('series.slaMet'), color: PALETTE.sky, stack: 'sla' },
                { key: 'slaBreached', label: t('series.slaBreached'), color: PALETTE.vermillion, stack: 'sla' },
              ]}
            />
          }
        />
        <ChartCard
          title={t('trendAuto')}
          {...weekTable}
          filename={`weekly-auto-${stamp}.csv`}
          chart={
            <div className="grid grid-cols-2 gap-2">
              <TrendChart
                type="bar"
                data={weekly}
                xKey="week"
                xLabel={t('axisWeek')}
                yLabel={t('axisCount')}
                series={[{ key: 'auto', label: t('series.auto'), color: PALETTE.green }]}
              />
              <TrendChart
                data={weekly}
                xKey="week"
                xLabel={t('axisWeek')}
                yLabel={t('axisRate')}
                format={(v) => `${v}%`}
                series={[{ key: 'autoQaError', label: t('series.autoQaError'), color: PALETTE.vermillion }]}
              />
            </div>
          }
        />
      </div>

      <section aria-labelledby="compare-h" className="space-y-2">
        <div className="flex flex-wrap items-end gap-3">
          <h2 id="compare-h" className="mr-auto text-base font-semibold">
            {t('byHeading')}
          </h2>
          <div role="radiogroup" aria-label={t('by')} className="flex flex-wrap gap-1">
            {DIMS.map((x) => (
              <label
                key={x}
                className={`cursor-pointer rounded-md border px-2.5 py-1 text-sm ${dim === x ? 'border-brand-700 bg-brand-50 font-medium text-brand-800' : 'border-slate-300 bg-white'}`}
              >
                <input type="radio" name="dim" value={x} checked={dim === x} onChange={() => setDim(x)} className="sr-only" />
                {t(`dims.${x}`)}
              </label>
            ))}
          </div>
        </div>
        <ChartCard
          title={t('overrideBy', { dim: t(`dims.${dim}`).toLowerCase() })}
          columns={groupCols}
          rows={groups}
          rowKey={(r) => r.key || '-'}
          filename={`by-${dim}-${stamp}.csv`}
          tableOpen
          chart={
            rated.length > 0 ? (
              <GroupBarChart
                data={rated.map((g) => ({ label: groupLabel(g), override: pctNum(g.metrics.override) }))}
                labelKey="label"
                valueKey="override"
                valueLabel={`${t('series.override')} (%)`}
                color={PALETTE.vermillion}
                format={(v) => `${v}%`}
              />
            ) : undefined
          }
        />
      </section>

      <section aria-labelledby="qa-h" className="space-y-2">
        <h2 id="qa-h" className="text-base font-semibold">
          {t('qaHeading')}
        </h2>
        <p className="max-w-4xl text-sm text-slate-600">{t('qaIntro')}</p>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Kpi label={t('cols.n')} value={d.qa.overall.n} />
          <Kpi label={t('cols.agreement')} value={pct(d.qa.overall.agreement.p)} sub={ci(d.qa.overall.agreement)} />
          <Kpi label={t('cols.kappa')} value={d.qa.human.kappa === null ? '—' : d.qa.human.kappa.toFixed(2)} />
          <Kpi label={t('kpi.autoQaError')} value={pct(d.qa.autoErrorRate.p)} sub={ci(d.qa.autoErrorRate)} />
        </dl>
        <div className="grid gap-4 lg:grid-cols-2">
          <ChartCard
            title={t('qaByService')}
            columns={qaCols(tc('service'), 'service')}
            rows={d.qa.byService}
            rowKey={(r) => r.key}
            filename={`qa-by-service-${stamp}.csv`}
          />
          <ChartCard
            title={t('qaByOfficer')}
            columns={qaCols(tc('officer'), 'officer')}
            rows={d.qa.byOfficer}
            rowKey={(r) => r.key || '-'}
            filename={`qa-by-officer-${stamp}.csv`}
          />
        </div>
      </section>
    </>
  );
}

const secs = (ms: number | null) => (ms === null ? '' : Math.round(ms / 100) / 10);
