'use client';
import { useTranslations } from 'next-intl';
import type { FinalOutcome, SubmissionStatus, Verdict } from '@/lib/vocabulary';

const RECOMMENDATION_TONE: Record<string, string> = {
  approve: 'bg-emerald-50 text-emerald-800 border-emerald-200',
  reject: 'bg-red-50 text-red-800 border-red-200',
  request_info: 'bg-amber-50 text-amber-900 border-amber-200',
} satisfies Record<FinalOutcome, string>;

export function RecommendationBadge({ value }: { value: string | null }) {
  const t = useTranslations('recommendation');
  if (!value) return <span className="text-slate-600">—</span>;
  return <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${RECOMMENDATION_TONE[value] ?? ''}`}>{t(value)}</span>;
}

/** Confidence as a percentage with a bar; low confidence reads amber so it invites a closer look. */
export function ConfidenceMeter({ value }: { value: number | null }) {
  const t = useTranslations('review');
  if (value === null) return <span className="text-slate-600">—</span>;
  const pct = Math.round(value * 100);
  const tone = value >= 0.85 ? 'bg-emerald-600' : value >= 0.6 ? 'bg-amber-500' : 'bg-red-600';
  return (
    <span className="inline-flex items-center gap-1.5" title={t('confidence')}>
      <span className="h-1.5 w-12 overflow-hidden rounded bg-slate-200" aria-hidden="true">
        <span className={`block h-full ${tone}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="tabular-nums text-xs">{pct}%</span>
    </span>
  );
}

const STATUS_TONE: Record<string, string> = {
  pending_review: 'bg-sky-50 text-sky-800',
  in_review: 'bg-indigo-50 text-indigo-800',
  escalated: 'bg-purple-50 text-purple-800',
  awaiting_citizen: 'bg-amber-50 text-amber-900',
  approved: 'bg-emerald-50 text-emerald-800',
  auto_approved: 'bg-emerald-50 text-emerald-800',
  rejected: 'bg-red-50 text-red-800',
} satisfies Partial<Record<SubmissionStatus, string>>;

export function StatusBadge({ value }: { value: string }) {
  const t = useTranslations('status');
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_TONE[value] ?? 'bg-slate-100'}`}>{t(value)}</span>;
}

const VERDICT_TONE: Record<string, string> = {
  valid: 'bg-emerald-50 text-emerald-800 border-emerald-200',
  invalid: 'bg-red-50 text-red-800 border-red-200',
  unreadable: 'bg-amber-50 text-amber-900 border-amber-200',
  missing: 'bg-slate-100 text-slate-800 border-slate-300',
} satisfies Record<Verdict, string>;

export function VerdictBadge({ value }: { value: string }) {
  const t = useTranslations('verdict');
  return <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${VERDICT_TONE[value] ?? ''}`}>{t(value)}</span>;
}
