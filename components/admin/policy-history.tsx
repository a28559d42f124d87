'use client';
import { useFormatter, useTranslations } from 'next-intl';
import type { PolicyStatus } from '@/lib/vocabulary';
import { PolicyDiff } from './policy-diff';
import type { PolicyVersion } from './types';

const STATUS_TONE: Record<string, string> = {
  active: 'bg-emerald-50 text-emerald-900 border-emerald-200',
  superseded: 'bg-slate-100 text-slate-800 border-slate-300',
  pending_approval: 'bg-amber-50 text-amber-900 border-amber-300',
  rejected: 'bg-red-50 text-red-800 border-red-200',
} satisfies Record<PolicyStatus, string>;

/** Every version of the service's policy, newest first: who, when, why, who approved, and what changed. */
export function PolicyHistory({ history }: { history: PolicyVersion[] }) {
  const t = useTranslations('policy.history');
  const format = useFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="history-h" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="history-h" className="mb-2 font-semibold">
        {t('heading')}
      </h2>
      {history.length === 0 && <p className="text-sm text-slate-600">{t('noHistory')}</p>}
      <ol className="space-y-3">
        {history.map((v) => (
          <li key={v.id} className="border-t border-slate-100 pt-3 first:border-t-0 first:pt-0">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
              <span className="font-semibold">v{v.version}</span>
              <span className={`rounded border px-1.5 py-0.5 text-xs font-medium ${STATUS_TONE[v.status]}`}>{t(`status.${v.status}`)}</span>
              <span className="text-slate-700">
                {when(v.createdAt)} · {t('by', { name: v.createdBy.name })}
              </span>
              <span className="text-xs text-slate-600">{v.previousVersion ? t('basedOn', { version: v.previousVersion }) : t('first')}</span>
              {v.loosening.length > 0 && <span className="text-xs font-medium text-amber-900">{t('fourEyes')}</span>}
            </div>
            {v.decidedBy && v.decidedAt && (
              <p className="text-xs text-slate-700">
                {v.status === 'rejected'
                  ? t('rejectedBy', { name: v.decidedBy.name, time: when(v.decidedAt) })
                  : t('approvedBy', { name: v.decidedBy.name, time: when(v.decidedAt) })}
                {v.decisionNote && <> — “{v.decisionNote}”</>}
              </p>
            )}
            <p className="mt-1 text-sm">
              <span className="text-xs font-medium text-slate-600">{t('reason')}: </span>
              {v.reason}
            </p>
            <div className="mt-1">
              <p className="sr-only">{t('changes')}</p>
              <PolicyDiff changes={v.changes} loosening={v.loosening} />
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
