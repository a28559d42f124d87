'use client';
import { useTranslations } from 'next-intl';
import type { Verdict } from '@/lib/decision-rules';
import { ConfidenceMeter, RecommendationBadge, VerdictBadge } from '@/components/ui/badges';
import type { Suggestion } from './types';

const VERDICTS: Verdict[] = ['valid', 'invalid', 'unreadable', 'missing'];

/** The AI's work: its recommendation, and per document the verdict with the checks behind it. */
export function AiPanel({
  suggestion,
  finalVerdicts,
  onVerdictChange,
  readOnly,
  docLabel,
}: {
  suggestion: Suggestion;
  finalVerdicts: Record<string, Verdict>;
  onVerdictChange: (docType: string, v: Verdict) => void;
  readOnly: boolean;
  docLabel: (t: string) => string;
}) {
  const t = useTranslations('review');
  const tv = useTranslations('verdict');
  const tf = useTranslations('flags');
  return (
    <section aria-labelledby="ai-heading" className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="ai-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
          {t('aiHeading')}
        </h2>
        <span className="text-sm">
          {t('recommends')} <RecommendationBadge value={suggestion.recommendation} />
        </span>
        <ConfidenceMeter value={suggestion.confidence} />
        <span className="ml-auto text-xs text-slate-500">
          {suggestion.modelName} {suggestion.modelVersion}
        </span>
      </div>
      {suggestion.flags.length > 0 && (
        <ul aria-label={t('flags')} className="flex flex-wrap gap-1">
          {suggestion.flags.map((f) => (
            <li key={f} className="rounded border border-amber-300 bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900">
              ⚑ {tf.has(f) ? tf(f) : f}
            </li>
          ))}
        </ul>
      )}
      <ul className="space-y-2">
        {suggestion.docVerdicts.map((v) => {
          const final = finalVerdicts[v.docType] ?? v.verdict;
          const overridden = final !== v.verdict;
          return (
            <li
              key={v.docType}
              className={`rounded-md border p-2 ${overridden ? 'border-amber-400 bg-amber-50/50' : 'border-slate-200 bg-white'}`}
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{docLabel(v.docType)}</span>
                <span className="text-xs text-slate-600">{t('aiSays')}</span>
                <VerdictBadge value={v.verdict} />
                <label className="ml-auto flex items-center gap-1 text-xs text-slate-700">
                  {t('yourVerdict', { doc: docLabel(v.docType) })}
                  <select
                    value={final}
                    disabled={readOnly}
                    onChange={(e) => onVerdictChange(v.docType, e.target.value as Verdict)}
                    className="rounded border border-slate-300 bg-white px-1 py-0.5 text-sm"
                  >
                    {VERDICTS.map((x) => (
                      <option key={x} value={x}>
                        {tv(x)}
                      </option>
                    ))}
                  </select>
                </label>
                {overridden && <span className="text-xs font-medium text-amber-900">{t('overridden')}</span>}
              </div>
              {v.checks.length > 0 && (
                <ul className="mt-1 space-y-0.5 text-xs">
                  {v.checks.map((c) => (
                    <li key={c.name} className="flex gap-1.5">
                      <span
                        aria-label={t(`check.${c.result}`)}
                        className={c.result === 'pass' ? 'text-emerald-700' : c.result === 'fail' ? 'text-red-700' : 'text-amber-700'}
                      >
                        {c.result === 'pass' ? '✓' : c.result === 'fail' ? '✗' : '!'}
                      </span>
                      <span className="text-slate-800">{c.detail}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
