'use client';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/badges';
import type { ReviewData } from './types';

/** What happened before: earlier decisions, the citizen's other requests, and the audit trail of this item. */
export function HistoryPanel({ data }: { data: ReviewData }) {
  const t = useTranslations('review');
  const to = useTranslations('outcome');
  const tk = useTranslations('oversight.detail.kind');
  const tov = useTranslations('oversight.overrides');
  const format = useFormatter();
  // A reopened decision stays in the list, marked as replaced by the decision that followed the reopening.
  const superseded = new Set(data.decisions.filter((d) => d.kind === 'human' || d.kind === 'auto').map((d) => d.supersedes));
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading" className="mb-1 text-sm font-semibold text-slate-700">
          {t('decisionsHeading')}
        </h2>
        {data.decisions.length === 0 ? (
          <p className="text-sm text-slate-600">{t('noDecisions')}</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {data.decisions.map((d) => (
              <li key={d.id} className="rounded-md border border-slate-200 bg-white p-2">
                <div className="font-medium">
                  {d.kind === 'reopen' || d.kind === 'qa_second' ? tk(d.kind) : to(d.outcome)} · {d.actorName ?? t('automatic')}
                  {superseded.has(d.id) && (
                    <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-normal text-slate-800">{tov('superseded')}</span>
                  )}
                </div>
                <div className="text-xs text-slate-600">{format.dateTime(d.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</div>
                {d.reasonCode && (
                  <div className="text-xs">
                    {t('reasonShort')}: {d.reasonCode}
                  </div>
                )}
                {d.note && <div className="text-xs italic">“{d.note}”</div>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-1 text-sm font-semibold text-slate-700">
          {t('citizenHistory')}
        </h2>
        {data.history.length === 0 ? (
          <p className="text-sm text-slate-600">{t('noHistory')}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {data.history.map((h) => (
              <li key={h.id} className="flex items-center gap-2">
                <Link href={`/review/${h.id}`} className="font-mono text-brand-700 underline">
                  {h.ticket}
                </Link>
                <span className="text-xs text-slate-600">{h.serviceCode}</span>
                <StatusBadge value={h.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading" className="mb-1 text-sm font-semibold text-slate-700">
          {t('auditHeading')}
        </h2>
        <ol className="space-y-1 text-xs" data-testid="audit-events">
          {data.events.map((e) => (
            <li key={`${e.stream}-${e.seq}`} className="rounded border border-slate-200 bg-white px-2 py-1">
              <span className="font-mono font-medium">{e.action}</span> · {e.actorName ?? t('system')} ·{' '}
              {format.dateTime(e.occurredAt, { dateStyle: 'short', timeStyle: 'medium' })}
              {typeof e.payload.reasonCode === 'string' && (
                <span>
                  {' '}
                  · {t('reasonShort')}: {e.payload.reasonCode}
                </span>
              )}
              <span className="block font-mono text-[10px] text-slate-600">
                #{e.seq} {e.hash.slice(0, 16)}…
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
