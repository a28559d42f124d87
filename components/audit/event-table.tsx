'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useActionLabel, useStreamLabel } from './format';
import type { AuditEvent } from './types';

export type EventKey = { stream: string; seq: number };

/** One page of events, newest first; a row opens its details. */
export function EventTable({
  events,
  showUnit,
  selected,
  onSelect,
}: {
  events: AuditEvent[];
  showUnit: boolean;
  selected: EventKey | null;
  onSelect: (e: EventKey) => void;
}) {
  const t = useTranslations('audit.events');
  const format = useFormatter();
  const actionLabel = useActionLabel();
  const streamLabel = useStreamLabel();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm" data-testid="audit-events-table">
        <caption className="sr-only">{t('caption')}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-2 py-1.5">
              {t('time')}
            </th>
            <th scope="col" className="px-2 py-1.5">
              {t('action')}
            </th>
            <th scope="col" className="px-2 py-1.5">
              {t('actor')}
            </th>
            <th scope="col" className="px-2 py-1.5">
              {t('entity')}
            </th>
            {showUnit && (
              <th scope="col" className="px-2 py-1.5">
                {t('unit')}
              </th>
            )}
            <th scope="col" className="px-2 py-1.5">
              {t('position')}
            </th>
            <th scope="col" className="px-2 py-1.5">
              <span className="sr-only">{t('details')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 && (
            <tr>
              <td colSpan={showUnit ? 7 : 6} className="px-2 py-4 text-center text-slate-600">
                {t('empty')}
              </td>
            </tr>
          )}
          {events.map((e) => {
            const isSelected = selected?.stream === e.stream && selected.seq === e.seq;
            return (
              <tr key={`${e.stream}:${e.seq}`} className={`border-t border-slate-100 ${isSelected ? 'bg-brand-50' : ''}`}>
                <td className="whitespace-nowrap px-2 py-1 tabular-nums" title={e.occurredAt}>
                  {format.dateTime(new Date(e.occurredAt), { dateStyle: 'short', timeStyle: 'medium' })}
                </td>
                <td className="px-2 py-1">
                  <span className={e.action.startsWith('access.') || e.action.endsWith('_failed') ? 'font-medium text-red-800' : ''}>
                    {actionLabel(e.action)}
                  </span>
                  <span className="block font-mono text-[11px] text-slate-600">{e.action}</span>
                </td>
                <td className="px-2 py-1">{e.actorName ?? <span className="text-slate-600">{t('system')}</span>}</td>
                <td className="max-w-48 truncate px-2 py-1" title={`${e.entityType} ${e.entityId}`}>
                  {e.ticket ? <span className="font-mono">{e.ticket}</span> : <span className="font-mono text-xs">{e.entityType}</span>}
                </td>
                {showUnit && <td className="max-w-40 truncate px-2 py-1 text-xs">{e.unitName ?? '—'}</td>}
                <td className="whitespace-nowrap px-2 py-1 text-xs">
                  {streamLabel(e.stream, e.unitName)} · <span className="font-mono">#{e.seq}</span>
                </td>
                <td className="px-2 py-1 text-right">
                  <button
                    type="button"
                    onClick={() => onSelect({ stream: e.stream, seq: e.seq })}
                    aria-label={t('openDetails', { seq: e.seq })}
                    aria-pressed={isSelected}
                    className="rounded border border-slate-300 px-2 py-0.5 text-xs text-brand-700 hover:bg-slate-50"
                  >
                    {t('details')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
