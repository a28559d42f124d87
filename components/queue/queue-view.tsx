'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useFormatter, useNow, useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import type { TQueueFilter } from '@/lib/queue-filter';
import { queueFilterToSearch } from '@/lib/queue-filter-search';
import { CHANNELS, QUEUE_STATUS_FILTERS } from '@/lib/vocabulary';
import { ConfidenceMeter, RecommendationBadge, StatusBadge } from '@/components/ui/badges';
import { ErrorNotice } from '@/components/ui/error-notice';
import { ShortcutHelp } from '@/components/ui/shortcut-help';
import { SlaDue } from '@/components/ui/sla';
import { useHydrated } from '@/components/ui/use-hydrated';
import { useShortcuts } from '@/components/ui/use-shortcuts';
import { useServiceName } from '@/components/ui/use-service-name';

export function QueueView({ role, doneTicket, initialFilter }: { role: 'officer' | 'supervisor'; doneTicket: string | null; initialFilter: TQueueFilter }) {
  const t = useTranslations('queue');
  const tc = useTranslations('channel');
  const ts = useTranslations('status');
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const trpc = useTRPC();
  const router = useRouter();
  const serviceName = useServiceName();
  const pathname = usePathname();
  const [filter, setFilter] = useState<TQueueFilter>(initialFilter);
  const services = useQuery(trpc.review.services.queryOptions());
  const queue = useQuery({ ...trpc.queue.list.queryOptions(filter), refetchInterval: 15_000 });
  const takeNext = useMutation(trpc.queue.takeNext.mutationOptions({ onSuccess: (r) => router.push(`/review/${r.submissionId}`) }));

  const tk = useTranslations('shortcuts');
  const [helpOpen, setHelpOpen] = useState(false);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  // j/k move the focus between ticket links; Enter opens the focused one (a native link).
  const moveFocus = (dir: 1 | -1) => {
    const links = Array.from(tableRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-ticket]') ?? []);
    if (links.length === 0) return;
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    links[Math.min(links.length - 1, Math.max(0, i < 0 ? 0 : i + dir))].focus();
  };
  useShortcuts({ n: () => takeNext.mutate(), j: () => moveFocus(1), k: () => moveFocus(-1), '?': () => setHelpOpen(true) });

  // The filter lives in the address too (replace, not push: a filter change is no page of its own).
  const set = <K extends keyof TQueueFilter>(key: K, value: TQueueFilter[K] | '') => {
    const next = { ...filter, [key]: value === '' ? undefined : value };
    setFilter(next);
    router.replace(`${pathname}${queueFilterToSearch(next)}`, { scroll: false });
  };

  return (
    <div className="p-4">
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <h1 className="mr-auto text-lg font-semibold">{t('heading')}</h1>
        <Select label={t('service')} value={filter.serviceCode ?? ''} onChange={(v) => set('serviceCode', v)}>
          <option value="">{t('all')}</option>
          {services.data?.map((s) => (
            <option key={s.code} value={s.code}>
              {serviceName(s)}
            </option>
          ))}
        </Select>
        <Select label={t('channel')} value={filter.channel ?? ''} onChange={(v) => set('channel', v as TQueueFilter['channel'])}>
          <option value="">{t('all')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {tc(c)}
            </option>
          ))}
        </Select>
        <Select label={t('status')} value={filter.status ?? 'open'} onChange={(v) => set('status', v as TQueueFilter['status'])}>
          {QUEUE_STATUS_FILTERS.filter((s) => role === 'supervisor' || s !== 'escalated').map((s) => (
            <option key={s} value={s}>
              {s === 'open' ? t('open') : ts(s)}
            </option>
          ))}
        </Select>
        <Select label={t('sort')} value={filter.sort ?? 'sla'} onChange={(v) => set('sort', v as TQueueFilter['sort'])}>
          <option value="sla">{t('sortSla')}</option>
          <option value="received">{t('sortReceived')}</option>
        </Select>
        <button
          type="button"
          onClick={() => takeNext.mutate()}
          disabled={takeNext.isPending}
          className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t('takeNext')} <kbd className="ml-1 rounded bg-white/20 px-1 font-mono text-[10px]">n</kbd>
        </button>
        <button type="button" onClick={() => setHelpOpen(true)} className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm" aria-keyshortcuts="?">
          ?
        </button>
      </div>
      {doneTicket && (
        <p role="status" className="mb-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {t('done', { ticket: doneTicket })}
        </p>
      )}
      <ErrorNotice error={takeNext.error ?? queue.error} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('heading')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t('ticket')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('service')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('channel')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('citizen')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('received')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('slaDue')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('ai')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('status')}
              </th>
            </tr>
          </thead>
          <tbody ref={tableRef}>
            {queue.data?.map((item) => (
              <tr key={item.id} className="border-t border-slate-100 hover:bg-slate-50">
                <td className="px-3 py-2 font-mono">
                  <Link href={`/review/${item.id}`} data-ticket className="text-brand-700 underline-offset-2 hover:underline">
                    {item.ticket}
                  </Link>
                </td>
                <td className="px-3 py-2">{serviceName(services.data?.find((s) => s.code === item.serviceCode)) || item.serviceCode}</td>
                <td className="px-3 py-2">{tc(item.channel)}</td>
                <td className="px-3 py-2">
                  <div>{item.citizenName}</div>
                  <div className="font-mono text-xs text-slate-600" aria-label={t('nikMasked')}>
                    {item.nikMasked}
                  </div>
                </td>
                <td className="px-3 py-2 text-slate-700">{format.relativeTime(item.receivedAt, now)}</td>
                <td className="px-3 py-2">
                  <SlaDue due={item.slaDueAt} />
                </td>
                <td className="px-3 py-2">
                  <div className="flex items-center gap-2">
                    <RecommendationBadge value={item.recommendation} />
                    <ConfidenceMeter value={item.confidence} />
                  </div>
                </td>
                <td className="px-3 py-2">
                  <StatusBadge value={item.status} />
                  {item.claimedByName && (
                    <div className="text-xs text-slate-600">{item.claimedByMe ? t('heldByYou') : t('heldBy', { name: item.claimedByName })}</div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {queue.data?.length === 0 && <p className="p-6 text-center text-slate-600">{t('empty')}</p>}
        {queue.isLoading && <p className="p-6 text-center text-slate-600">{t('loading')}</p>}
      </div>
      <ShortcutHelp
        open={helpOpen}
        onClose={() => setHelpOpen(false)}
        items={[
          { keys: 'n', label: tk('takeNext') },
          { keys: 'j / k', label: tk('queueMove') },
          { keys: 'Enter', label: tk('queueOpen') },
          { keys: '?', label: tk('help') },
        ]}
      />
    </div>
  );
}

function Select({ label, value, onChange, children }: { label: string; value: string; onChange: (v: string) => void; children: React.ReactNode }) {
  // Disabled until hydrated: the prefetched queue paints before the filter works (components/ui/use-hydrated.ts).
  const hydrated = useHydrated();
  return (
    <label className="flex flex-col text-xs font-medium text-slate-700">
      {label}
      <select
        value={value}
        disabled={!hydrated}
        onChange={(e) => onChange(e.target.value)}
        className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900"
      >
        {children}
      </select>
    </label>
  );
}
