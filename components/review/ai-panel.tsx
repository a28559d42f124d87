'use client';
import { useTranslations } from 'next-intl';
import { VERDICTS, type Verdict } from '@/lib/vocabulary';
import { ConfidenceMeter, RecommendationBadge, VerdictBadge } from '@/components/ui/badges';
import { fieldLabeller, LOW_READ_CONFIDENCE, percent, type Highlight } from './reading-types';
import type { Suggestion } from './types';

/** The AI's work: its recommendation, and per document the verdict with the checks behind it. */
export function AiPanel({
  suggestion,
  finalVerdicts,
  onVerdictChange,
  readOnly,
  docLabel,
  onShowEvidence,
}: {
  suggestion: Suggestion;
  finalVerdicts: Record<string, Verdict>;
  onVerdictChange: (docType: string, v: Verdict) => void;
  readOnly: boolean;
  docLabel: (t: string) => string;
  /** Opens the document (the audited path) and marks where a check's evidence was read. */
  onShowEvidence?: (h: Highlight) => void;
}) {
  const t = useTranslations('review');
  const tv = useTranslations('verdict');
  const tf = useTranslations('flags');
  const tr = useTranslations('reading');
  const fieldLabel = fieldLabeller(tr);
  const reasonText = (r: string, detectedType: string | undefined) => {
    if (r === 'wrong_document_type') {
      return detectedType && detectedType !== 'unknown' ? tr('wrongType', { type: docLabel(detectedType) }) : tr('wrongTypeUnknown');
    }
    if (r === 'tampered') return tr('tampered');
    if (r === 'not_read') return tr('notReadReason');
    return tr('unreadable', { reason: tr.has(`reason.${r}`) ? tr(`reason.${r}`) : r });
  };
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
        <span className="ml-auto text-xs text-slate-600">
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
            <li key={v.docType} className={`rounded-md border p-2 ${overridden ? 'border-amber-400 bg-amber-50/50' : 'border-slate-200 bg-white'}`}>
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
              {(v.readConfidence !== undefined && v.verdict !== 'missing') || (v.reasons?.length ?? 0) > 0 ? (
                <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs">
                  {v.readConfidence !== undefined && v.verdict !== 'missing' && (
                    <span className={v.readConfidence < LOW_READ_CONFIDENCE ? 'font-medium text-amber-800' : 'text-slate-600'}>
                      {v.readConfidence < LOW_READ_CONFIDENCE && <span aria-hidden="true">⚠ </span>}
                      {tr('readConfidenceValue', { pct: percent(v.readConfidence) })}
                    </span>
                  )}
                  {v.reasons?.map((r) => (
                    <span
                      key={r}
                      className={`rounded border px-1.5 py-px ${r === 'tampered' || r === 'wrong_document_type' ? 'border-red-200 bg-red-50 text-red-800' : 'border-amber-300 bg-amber-50 text-amber-900'}`}
                    >
                      {reasonText(r, v.detectedType)}
                    </span>
                  ))}
                </div>
              ) : null}
              {v.checks.length > 0 && (
                <ul className="mt-1 space-y-0.5 text-xs">
                  {v.checks.map((c, ci) => (
                    <li key={`${c.name}:${ci}`}>
                      <div className="flex gap-1.5">
                        <span
                          aria-label={t(`check.${c.result}`)}
                          className={c.result === 'pass' ? 'text-emerald-700' : c.result === 'fail' ? 'text-red-700' : 'text-amber-700'}
                        >
                          {c.result === 'pass' ? '✓' : c.result === 'fail' ? '✗' : '!'}
                        </span>
                        <span className="text-slate-800">{c.detail}</span>
                      </div>
                      {c.evidence && c.evidence.length > 0 && (
                        <ul aria-label={tr('evidence')} className="ml-4 mt-px space-y-px text-[11px] leading-4">
                          {c.evidence.map((e, ei) => {
                            const low = e.source === 'document' && e.confidence < LOW_READ_CONFIDENCE;
                            const label = fieldLabel(e.field);
                            const box = e.box;
                            return (
                              <li key={ei} className="flex flex-wrap items-center gap-x-1.5 text-slate-600">
                                <span className="rounded-sm bg-slate-100 px-1 text-slate-700">{tr(`source.${e.source}`)}</span>
                                <span>{label}:</span>
                                <span className={`font-mono text-slate-900 ${low ? 'rounded-sm bg-amber-100 px-0.5' : ''}`}>{e.value}</span>
                                {e.source === 'document' && (
                                  <span className={`tabular-nums ${low ? 'font-semibold text-amber-800' : ''}`}>
                                    {low && <span aria-hidden="true">⚠</span>}
                                    {percent(e.confidence)}
                                    {low && <span className="sr-only"> {tr('lowConfidence')}</span>}
                                  </span>
                                )}
                                {box && v.attachmentId && onShowEvidence && (
                                  <button
                                    type="button"
                                    aria-label={tr('showOnImageField', { field: label })}
                                    onClick={() => onShowEvidence({ attachmentId: v.attachmentId!, key: `evidence:${v.docType}:${ci}:${ei}`, label, box })}
                                    className="rounded border border-brand-600 px-1 text-brand-700 hover:bg-brand-50"
                                  >
                                    {tr('showOnImage')}
                                  </button>
                                )}
                              </li>
                            );
                          })}
                        </ul>
                      )}
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
