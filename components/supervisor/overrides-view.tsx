'use client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { OVERRIDES_PAGE } from './initial-inputs';
import { useTRPC } from '@/lib/trpc';
import { RecommendationBadge, StatusBadge } from '@/components/ui/badges';
import { ErrorNotice } from '@/components/ui/error-notice';
import { UntilHydrated } from '@/components/ui/until-hydrated';
import { useServiceName } from '@/components/ui/use-service-name';
import { Field, inputClass, UnitPicker } from './format';
import type { OverrideFilterInput } from './types';

type Filter = Omit<NonNullable<OverrideFilterInput>, 'cursor' | 'limit'>;

export function OverridesView() {
  const t = useTranslations('oversight.overrides');
  const tc = useTranslations('oversight.common');
  const to = useTranslations('outcome');
  const locale = useLocale();
  const format = useFormatter();
  const serviceName = useServiceName();
  const trpc = useTRPC();
  const [filter, setFilter] = useState<Filter>({});
  const options = useQuery(trpc.supervisor.overrides.filters.queryOptions({ unitId: filter.unitId ?? null }));
  const list = useInfiniteQuery(
    trpc.supervisor.overrides.list.infiniteQueryOptions({ ...filter, limit: OVERRIDES_PAGE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const set = <K extends keyof Filter>(key: K, value: Filter[K] | '') => setFilter((f) => ({ ...f, [key]: value === '' ? undefined : value }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const o = options.data;

  return (
    <div className="mx-auto max-w-7xl p-4">
      <h1 className="text-lg font-semibold">{t('heading')}</h1>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <form className="mb-3 flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()} aria-label={t('heading')}>
        <UntilHydrated>
          <UnitPicker units={o?.units ?? []} value={filter.unitId ?? null} onChange={(v) => setFilter({ unitId: v })} />
          <Field label={tc('officer')}>
            <select value={filter.officerId ?? ''} onChange={(e) => set('officerId', e.target.value)} className={inputClass}>
              <option value="">{tc('all')}</option>
              {o?.officers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={tc('service')}>
            <select value={filter.serviceCode ?? ''} onChange={(e) => set('serviceCode', e.target.value)} className={inputClass}>
              <option value="">{tc('all')}</option>
              {o?.services.map((s) => (
                <option key={s.code} value={s.code}>
                  {serviceName(s)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('reason')}>
            <select value={filter.reasonCode ?? ''} onChange={(e) => set('reasonCode', e.target.value)} className={`${inputClass} max-w-56`}>
              <option value="">{tc('all')}</option>
              {o?.reasons.map((r) => (
                <option key={r.code} value={r.code}>
                  {locale === 'en' ? r.labelEn : r.labelId}
                </option>
              ))}
            </select>
          </Field>
          <Field label={tc('model')}>
            <select value={filter.model ?? ''} onChange={(e) => set('model', e.target.value)} className={inputClass}>
              <option value="">{tc('all')}</option>
              {o?.models.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('type')}>
            <select value={filter.type ?? ''} onChange={(e) => set('type', e.target.value as Filter['type'])} className={inputClass}>
              <option value="">{tc('all')}</option>
              <option value="outcome">{t('typeOutcome')}</option>
              <option value="verdict">{t('typeVerdict')}</option>
              <option value="answer">{t('typeAnswer')}</option>
            </select>
          </Field>
          <Field label={tc('from')}>
            <input type="date" value={filter.from ?? ''} onChange={(e) => set('from', e.target.value)} className={inputClass} />
          </Field>
          <Field label={tc('to')}>
            <input type="date" value={filter.to ?? ''} onChange={(e) => set('to', e.target.value)} className={inputClass} />
          </Field>
          <button
            type="button"
            onClick={() => setFilter({ unitId: filter.unitId })}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          >
            {tc('reset')}
          </button>
        </UntilHydrated>
      </form>
      <ErrorNotice error={list.error ?? options.error} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" aria-busy={list.isFetching}>
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {tc('ticket')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('decided')}
              </th>
              <th scope="col" className="px-3 py-2">
                {tc('service')}
              </th>
              <th scope="col" className="px-3 py-2">
                {tc('officer')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('aiVsFinal')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('changes')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('reason')}
              </th>
              <th scope="col" className="px-3 py-2">
                {tc('model')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.decisionId} className="border-t border-slate-100 hover:bg-slate-50">
                <td className="whitespace-nowrap px-3 py-2 font-mono">
                  <Link href={`/supervisor/overrides/${r.decisionId}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {r.ticket}
                  </Link>
                  <div className="mt-0.5 flex flex-wrap gap-1">
                    <StatusBadge value={r.status} />
                    {r.superseded && <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-800">{t('superseded')}</span>}
                  </div>
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">{format.dateTime(r.decidedAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                <td className="px-3 py-2">{serviceName(o?.services.find((s) => s.code === r.serviceCode)) || r.serviceCode}</td>
                <td className="px-3 py-2">{r.officerName ?? tc('auto')}</td>
                <td className="px-3 py-2">
                  <span className="inline-flex flex-wrap items-center gap-1">
                    <RecommendationBadge value={r.aiRecommendation} /> <span aria-hidden="true">→</span>
                    <span className={r.outcomeChanged ? 'font-semibold text-red-800' : ''}>{to(r.outcome)}</span>
                  </span>
                </td>
                <td className="px-3 py-2 text-xs">
                  <ul className="space-y-0.5">
                    {r.outcomeChanged && <li>{t('typeOutcome')}</li>}
                    {r.verdictChanges > 0 && <li>{t('verdictChanges', { n: r.verdictChanges })}</li>}
                    {r.answerEdited && <li>{t('edited', { n: r.editSize })}</li>}
                  </ul>
                </td>
                <td className="px-3 py-2 text-xs">{r.reasonCode ?? '—'}</td>
                <td className="px-3 py-2 font-mono text-xs">{r.model ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.isLoading && <p className="p-6 text-center text-slate-600">{tc('loading')}</p>}
        {list.data && items.length === 0 && <p className="p-6 text-center text-slate-600">{t('empty')}</p>}
      </div>
      <div className="mt-2 flex items-center gap-3 text-sm text-slate-700">
        <span role="status">{list.data ? t('count', { n: items.length }) : ''}</span>
        {list.hasNextPage && (
          <button
            type="button"
            onClick={() => list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 disabled:opacity-60"
          >
            {t('loadMore')}
          </button>
        )}
      </div>
    </div>
  );
}
