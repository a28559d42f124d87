'use client';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useServiceName } from '@/components/ui/use-service-name';
import { useTRPC } from '@/lib/trpc';
import { AdminError } from './admin-error';
import { KillSwitchPanel } from './kill-switch-panel';
import { usePolicyFormat } from './policy-format';
import type { PolicyRulesView } from './types';

/** Every service's auto-approve policy at a glance, the kill switch, and the changes waiting for a second admin. */
export function PoliciesOverview() {
  const t = useTranslations('policy');
  const format = useFormatter();
  const trpc = useTRPC();
  const serviceName = useServiceName();
  const q = useQuery(trpc.policies.overview.queryOptions());
  const pending = q.data?.filter((r) => r.pending) ?? [];
  return (
    <div className="mx-auto max-w-6xl space-y-4 p-4">
      <div>
        <h1 className="text-lg font-semibold">{t('heading')}</h1>
        <p className="max-w-4xl text-sm text-slate-600">{t('intro')}</p>
      </div>
      <KillSwitchPanel />
      <AdminError error={q.error} />
      <section aria-labelledby="pending-h" className="rounded-lg border border-amber-200 bg-amber-50 p-4">
        <h2 id="pending-h" className="font-semibold">
          {t('pendingHeading')}
        </h2>
        {pending.length === 0 ? (
          <p className="text-sm text-slate-700">{t('noPending')}</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm">
            {pending.map((r) => (
              <li key={r.serviceCode} className="flex flex-wrap items-center gap-2">
                <Link href={`/admin/policies/${r.serviceCode}`} className="font-medium text-brand-700 underline">
                  {serviceName(r)}
                </Link>
                <span>
                  {t('pending.proposedBy', {
                    version: r.pending!.version,
                    name: r.pending!.createdBy,
                    time: format.dateTime(r.pending!.createdAt, { dateStyle: 'medium', timeStyle: 'short' }),
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('heading')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t('service')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('status')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('lastChange')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('last7d')}
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t('open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {q.isLoading && (
              <tr>
                <td colSpan={5} className="px-3 py-3 text-slate-600">
                  {t('loading')}
                </td>
              </tr>
            )}
            {q.data?.map((r) => (
              <tr key={r.serviceCode} className="border-t border-slate-100 align-top">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {serviceName(r)}
                  <span className="block font-mono text-xs font-normal text-slate-600">{r.serviceCode}</span>
                </th>
                <td className="px-3 py-2">
                  <PolicyStatus row={r} />
                </td>
                <td className="px-3 py-2 text-slate-700">
                  {r.active ? (
                    <>
                      {t('version', { version: r.active.version })}
                      <span className="block text-xs text-slate-600">
                        {format.dateTime(r.active.approvedAt ?? r.active.createdAt, { dateStyle: 'medium' })}
                      </span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="px-3 py-2 tabular-nums text-slate-700">{t('last7dValue', { auto: r.last7d.auto, human: r.last7d.human })}</td>
                <td className="px-3 py-2 text-right">
                  <Link
                    href={`/admin/policies/${r.serviceCode}`}
                    className="rounded-md border border-slate-300 px-2 py-1 text-brand-700 hover:bg-slate-50"
                    aria-label={t('openService', { service: serviceName(r) })}
                  >
                    {t('open')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function PolicyStatus({ row }: { row: { active: { rules: PolicyRulesView } | null; pending: { version: number } | null } }) {
  const t = useTranslations('policy');
  const f = usePolicyFormat();
  const a = row.active;
  return (
    <div className="space-y-1">
      {!a ? (
        <span className="inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-800">{t('statusNone')}</span>
      ) : a.rules.autoApproveEnabled ? (
        <>
          <span className="inline-block rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-900">
            {t('statusOn', { min: f.threshold(a.rules.minConfidence) })}
          </span>
          <span className="block text-xs text-slate-600">
            {t('summaryOn', { cap: f.cap(a.rules.dailyCapPerUnit), qa: f.percent(a.rules.qaSampleRate, 0) })}
          </span>
        </>
      ) : (
        <span className="inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-800">{t('statusOff')}</span>
      )}
      {row.pending && (
        <span className="block">
          <span className="inline-block rounded border border-amber-300 bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900">
            {t('pendingBadge', { version: row.pending.version })}
          </span>
        </span>
      )}
    </div>
  );
}
