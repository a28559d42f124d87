'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { ErrorNotice } from '@/components/ui/error-notice';
import { SlaDue } from '@/components/ui/sla';
import { useServiceName } from '@/components/ui/use-service-name';
import { UnitPicker, useDuration } from './format';
import { ALL_UNITS } from './initial-inputs';

export function EscalationsView() {
  const t = useTranslations('oversight.escalations');
  const tc = useTranslations('oversight.common');
  const tch = useTranslations('channel');
  const duration = useDuration();
  const serviceName = useServiceName();
  const trpc = useTRPC();
  const [unitId, setUnitId] = useState<string | null>(null);
  const q = useQuery({ ...trpc.supervisor.escalations.queryOptions({ unitId }), refetchInterval: 30_000 });
  const filters = useQuery(trpc.supervisor.overrides.filters.queryOptions(ALL_UNITS));
  const d = q.data;
  const service = (code: string) => filters.data?.services.find((s) => s.code === code);
  return (
    <div className="mx-auto max-w-7xl space-y-4 p-4">
      <div>
        <h1 className="text-lg font-semibold">{t('heading')}</h1>
        <p className="text-sm text-slate-600">{t('intro')}</p>
      </div>
      <UnitPicker units={filters.data?.units ?? []} value={unitId} onChange={setUnitId} />
      <ErrorNotice error={q.error} />
      {d && (
        <dl className="grid max-w-3xl grid-cols-2 gap-3 md:grid-cols-4">
          {(['total', 'under4h', 'under24h', 'over24h'] as const).map((k) => (
            <div key={k} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-xs text-slate-600">{t(k)}</dt>
              <dd className={`text-xl font-semibold tabular-nums ${k === 'over24h' && d.counts[k] > 0 ? 'text-red-700' : ''}`}>{d.counts[k]}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {tc('ticket')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('age')}
              </th>
              <th scope="col" className="px-3 py-2">
                {tc('service')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('escalatedBy')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('note')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('slaDue')}
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t('decide')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {d?.items.map((e) => (
              <tr key={e.submissionId} className="border-t border-slate-100 align-top">
                <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-mono font-normal">
                  {e.ticket}
                  {(filters.data?.units.length ?? 0) > 1 && <span className="block font-sans text-xs text-slate-600">{e.unitName}</span>}
                </th>
                <td className={`px-3 py-2 tabular-nums ${(e.ageMinutes ?? 0) >= 24 * 60 ? 'font-semibold text-red-700' : ''}`}>
                  {duration((e.ageMinutes ?? 0) * 60_000)}
                </td>
                <td className="px-3 py-2">
                  {serviceName(service(e.serviceCode)) || e.serviceCode}
                  <span className="block text-xs text-slate-600">{tch(e.channel)}</span>
                </td>
                <td className="px-3 py-2">{e.officerName ?? '—'}</td>
                <td className="max-w-md px-3 py-2 italic text-slate-800">{e.note ? `“${e.note}”` : '—'}</td>
                <td className="px-3 py-2">
                  <SlaDue due={e.slaDueAt} />
                </td>
                <td className="px-3 py-2">
                  {e.heldBy ? <span className="text-xs text-slate-600">{t('heldBy', { name: e.heldBy })}</span> : null}
                  <Link href={`/review/${e.submissionId}`} className="ml-1 rounded-md bg-brand-700 px-3 py-1 text-sm font-medium text-white hover:bg-brand-800">
                    {t('decide')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {d?.items.length === 0 && <p className="p-6 text-center text-slate-600">{t('empty')}</p>}
        {q.isLoading && <p className="p-6 text-center text-slate-600">{tc('loading')}</p>}
      </div>
    </div>
  );
}
