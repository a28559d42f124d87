'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useNow, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useServiceName } from '@/components/ui/use-service-name';
import { inputClass, UnitPicker } from './format';
import { ALL_UNITS } from './initial-inputs';

export function QaQueueView({ role }: { role: 'supervisor' | 'admin' }) {
  const t = useTranslations('oversight.qa');
  const tc = useTranslations('oversight.common');
  const to = useTranslations('outcome');
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const serviceName = useServiceName();
  const trpc = useTRPC();
  const [unitId, setUnitId] = useState<string | null>(null);
  const queue = useQuery({ ...trpc.supervisor.qa.queue.queryOptions({ unitId }), refetchInterval: 30_000 });
  const done = useQuery(trpc.supervisor.qa.completed.queryOptions({ unitId }));
  const units = useQuery(trpc.supervisor.overrides.filters.queryOptions(ALL_UNITS));
  return (
    <div className="mx-auto max-w-7xl space-y-4 p-4">
      <div>
        <h1 className="text-lg font-semibold">{t('heading')}</h1>
        <p className="max-w-4xl text-sm text-slate-600">{t('intro')}</p>
      </div>
      <div className="flex flex-wrap items-end gap-4">
        <UnitPicker units={units.data?.units ?? []} value={unitId} onChange={setUnitId} />
        <SampleRate key={unitId ?? 'all'} unitId={unitId} />
      </div>
      <ErrorNotice error={queue.error ?? done.error} />
      <section aria-labelledby="qa-queue-h" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="qa-queue-h" className="px-3 pt-3 text-base font-semibold">
          {t('queue')} {queue.data && <span className="text-sm font-normal text-slate-600">({queue.data.length})</span>}
        </h2>
        <table className="w-full text-sm">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="bg-slate-50 text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {tc('ticket')}
              </th>
              <th scope="col" className="px-3 py-2">
                {tc('service')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('waiting')}
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t('review')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {queue.data?.map((q) => (
              <tr key={q.id} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 text-left font-mono font-normal">
                  {q.ticket}
                  <span className="ml-2 font-sans text-xs text-slate-600">{t(`source.${q.source as 'human_sample'}`)}</span>
                </th>
                <td className="px-3 py-2">{serviceName(units.data?.services.find((s) => s.code === q.serviceCode)) || q.serviceCode}</td>
                <td className="px-3 py-2 text-slate-700">{format.relativeTime(q.createdAt, now)}</td>
                <td className="px-3 py-2">
                  {q.ownDecision ? (
                    <span className="text-xs text-slate-600">{t('yours')}</span>
                  ) : q.heldBy && !q.heldByMe ? (
                    <span className="text-xs text-slate-600">{t('heldBy', { name: q.heldBy })}</span>
                  ) : role === 'supervisor' ? (
                    <Link href={`/supervisor/qa/${q.id}`} className="rounded-md bg-brand-700 px-3 py-1 text-sm font-medium text-white hover:bg-brand-800">
                      {t('review')}
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {queue.data?.length === 0 && <p className="p-4 text-sm text-slate-600">{t('empty')}</p>}
        {queue.isLoading && <p className="p-4 text-sm text-slate-600">{tc('loading')}</p>}
      </section>

      <section aria-labelledby="qa-done-h" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="qa-done-h" className="px-3 pt-3 text-base font-semibold">
          {t('completed')}
        </h2>
        <p className="px-3 text-xs text-slate-600">
          {t('statsLink')}{' '}
          <Link href="/supervisor/analytics" className="text-brand-700 underline">
            {t('stats')}
          </Link>
        </p>
        <table className="w-full text-sm">
          <caption className="sr-only">{t('completed')}</caption>
          <thead className="bg-slate-50 text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {tc('ticket')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('first')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('second')}
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t('agrees')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {done.data?.map((c) => (
              <tr key={c.id} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <Link href={`/supervisor/qa/${c.id}`} className="font-mono text-brand-700 underline">
                    {c.ticket}
                  </Link>
                  <span className="block text-xs text-slate-600">{format.dateTime(c.completedAt, { dateStyle: 'medium', timeStyle: 'short' })}</span>
                </th>
                <td className="px-3 py-2">
                  {to(c.firstOutcome)} · {c.firstActorName ?? tc('auto')}
                </td>
                <td className="px-3 py-2">
                  {to(c.secondOutcome)} · {c.secondActorName}
                </td>
                <td className="px-3 py-2">
                  <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${c.agrees ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}>
                    {c.agrees ? t('agrees') : t('disagrees')}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {done.data?.length === 0 && <p className="p-4 text-sm text-slate-600">{tc('noData')}</p>}
      </section>
    </div>
  );
}

function SampleRate({ unitId }: { unitId: string | null }) {
  const t = useTranslations('oversight.qa');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rate = useQuery(trpc.supervisor.qa.sampleRate.queryOptions({ unitId }));
  const [value, setValue] = useState<string | null>(null);
  const save = useMutation(
    trpc.supervisor.qa.saveSampleRate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.supervisor.qa.sampleRate.queryKey() }),
    }),
  );
  const shown = value ?? (rate.data ? String(Math.round(rate.data.value * 1000) / 10) : '');
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ unitId, rate: Number(shown) / 100 });
      }}
    >
      <label className="flex flex-col text-xs font-medium text-slate-700">
        {t('sampleRate')} ({t('percent')})
        <input
          type="number"
          min={0}
          max={100}
          step={0.1}
          required
          value={shown}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby="qa-rate-help"
          className={`mt-1 w-28 ${inputClass}`}
        />
      </label>
      <button type="submit" disabled={save.isPending} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm disabled:opacity-60">
        {t('saveRate')}
      </button>
      <p id="qa-rate-help" className="max-w-md text-xs text-slate-600">
        {t('sampleRateHelp')}
      </p>
      {save.isSuccess && (
        <p role="status" className="text-xs text-emerald-800">
          {t('rateSaved')}
        </p>
      )}
      <ErrorNotice error={save.error} />
    </form>
  );
}
