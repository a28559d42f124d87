'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useTRPC } from '@/lib/trpc';
import { CitizenPanel } from './citizen-panel';
import { EventDetail } from './event-detail';
import { EventFilters } from './event-filters';
import { EventTable, type EventKey } from './event-table';
import { AUDIT_PAGE_SIZE, initialAuditFilter, toFilterInput } from './filter-input';
import { exportHref } from './format';
import { IntegrityPanel } from './integrity-panel';
import { EMPTY_FILTER, type FilterForm } from './types';

/** The audit explorer: integrity per stream, filtered events with keyset pages, details, exports, per citizen. */
export function AuditExplorer({ role, initialTicket }: { role: 'supervisor' | 'admin'; initialTicket: string }) {
  const t = useTranslations('audit');
  const trpc = useTRPC();
  const initial = initialAuditFilter(initialTicket);
  const [form, setForm] = useState<FilterForm>(initial);
  const [applied, setApplied] = useState<FilterForm>(initial);
  // Keyset pages: the cursors of the pages visited so far, so "newer" goes back without offsets.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<EventKey | null>(null);
  const [citizenFor, setCitizenFor] = useState<{ id: string; nonce: number } | null>(null);

  const filter = useMemo(() => toFilterInput(applied), [applied]);
  const cursor = cursors[cursors.length - 1];
  const options = useQuery(trpc.audit.filterOptions.queryOptions());
  const page = useQuery({
    ...trpc.audit.events.queryOptions({ filter, cursor, limit: AUDIT_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const apply = (next: FilterForm) => {
    setForm(next);
    setApplied(next);
    setCursors([null]);
    setSelected(null);
  };

  return (
    <div className="mx-auto max-w-[1400px] space-y-3 p-3">
      <div>
        <h1 className="text-lg font-semibold">{t('heading')}</h1>
        <p className="text-sm text-slate-600">{t('intro')}</p>
      </div>
      <IntegrityPanel role={role} />
      <section aria-labelledby="events-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="events-heading" className="mr-auto font-semibold">
            {t('events.heading')}
          </h2>
          <span className="text-xs text-slate-600">{t('export.note')}</span>
          <nav aria-label={t('export.label')} className="flex gap-2">
            <a href={exportHref(applied, 'csv')} className="rounded-md border border-slate-300 px-2 py-1 text-sm text-brand-700 hover:bg-slate-50">
              {t('export.csv')}
            </a>
            <a href={exportHref(applied, 'jsonl')} className="rounded-md border border-slate-300 px-2 py-1 text-sm text-brand-700 hover:bg-slate-50">
              {t('export.jsonl')}
            </a>
          </nav>
        </div>
        <EventFilters value={form} options={options.data} role={role} onChange={setForm} onApply={() => apply(form)} onReset={() => apply(EMPTY_FILTER)} />
        <ErrorNotice error={page.error ?? options.error} />
        <div className={`grid gap-3 ${selected ? 'xl:grid-cols-[minmax(0,1fr)_420px]' : ''}`}>
          <div className="min-w-0 space-y-2">
            {page.isLoading ? (
              <p className="text-sm text-slate-600">{t('loading')}</p>
            ) : (
              <EventTable events={page.data?.events ?? []} showUnit={role === 'admin'} selected={selected} onSelect={setSelected} />
            )}
            <div className="flex items-center gap-2 text-sm">
              <button
                type="button"
                disabled={cursors.length <= 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
                className="rounded-md border border-slate-300 px-2 py-1 disabled:opacity-50"
              >
                {t('events.previous')}
              </button>
              <span className="text-slate-600">{t('events.page', { page: cursors.length })}</span>
              <button
                type="button"
                disabled={!page.data?.nextCursor}
                onClick={() => page.data?.nextCursor && setCursors((c) => [...c, page.data!.nextCursor])}
                className="rounded-md border border-slate-300 px-2 py-1 disabled:opacity-50"
              >
                {t('events.next')}
              </button>
            </div>
          </div>
          {selected && (
            <EventDetail
              eventKey={selected}
              canLookUpCitizen={role === 'supervisor'}
              onClose={() => setSelected(null)}
              onFilterTicket={(ticket) => apply({ ...EMPTY_FILTER, ticket })}
              onCitizen={(id) => setCitizenFor({ id, nonce: Date.now() })}
            />
          )}
        </div>
      </section>
      {role === 'supervisor' && <CitizenPanel forSubmission={citizenFor} />}
    </div>
  );
}
