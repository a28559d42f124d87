'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { Outcome } from '@/lib/vocabulary';

type ReasonOption = { code: string; labelId: string; labelEn: string; legalBasis: string | null };

const OUTCOME_STYLE: Record<Outcome, string> = {
  approve: 'bg-emerald-700 hover:bg-emerald-800 text-white',
  reject: 'bg-red-700 hover:bg-red-800 text-white',
  request_info: 'bg-amber-700 hover:bg-amber-800 text-white',
  escalate: 'bg-white hover:bg-slate-100 text-slate-800 border border-slate-300',
};

export const SHORTCUT_KEY: Record<Outcome, string> = { approve: 'a', reject: 'r', request_info: 'd', escalate: 'e' };

/** The actions. A reason is asked for exactly when the rules need one (see lib/decision-rules). */
export function DecisionBar({
  reasons,
  reasonCode,
  onReasonChange,
  note,
  onNoteChange,
  needsReason,
  aiRecommendation,
  onDecide,
  pending,
  canEscalate,
  continueAfter,
  onContinueAfterChange,
  ref,
}: {
  reasons: ReasonOption[];
  reasonCode: string;
  onReasonChange: (v: string) => void;
  note: string;
  onNoteChange: (v: string) => void;
  needsReason: (o: Outcome) => boolean;
  aiRecommendation: string | null;
  onDecide: (o: Outcome) => void;
  pending: boolean;
  canEscalate: boolean;
  /** Open the next queue item right after deciding (its claim commits with the decision). */
  continueAfter: boolean;
  onContinueAfterChange: (v: boolean) => void;
  /** Lets keyboard shortcuts go through the same checks as the buttons. */
  ref?: Ref<{ attempt: (o: Outcome) => void }>;
}) {
  const t = useTranslations('decision');
  const locale = useLocale();
  const reasonRef = useRef<HTMLSelectElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const outcomes: Outcome[] = canEscalate ? ['approve', 'request_info', 'reject', 'escalate'] : ['approve', 'request_info', 'reject'];

  useImperativeHandle(ref, () => ({ attempt }));

  function attempt(o: Outcome) {
    if (pending) return;
    if (needsReason(o) && !reasonCode) {
      setProblem(t('reasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    if (o === 'escalate' && !note.trim()) {
      setProblem(t('noteRequired'));
      noteRef.current?.focus();
      return;
    }
    setProblem(null);
    onDecide(o);
  }

  return (
    <div className="border-t border-slate-200 bg-white px-4 py-2 shadow-[0_-2px_6px_rgba(0,0,0,0.04)]">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-xs font-medium text-slate-700">
          {t('reason')}
          <select
            ref={reasonRef}
            value={reasonCode}
            onChange={(e) => onReasonChange(e.target.value)}
            aria-invalid={problem === t('reasonRequired')}
            className="mt-1 w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal"
          >
            <option value="">{t('noReason')}</option>
            {reasons.map((r) => (
              <option key={r.code} value={r.code}>
                {locale === 'en' ? r.labelEn : r.labelId}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-1 flex-col text-xs font-medium text-slate-700">
          {t('note')}
          <textarea
            ref={noteRef}
            value={note}
            onChange={(e) => onNoteChange(e.target.value)}
            rows={1}
            className="mt-1 min-w-48 rounded-md border border-slate-300 px-2 py-1.5 text-sm font-normal"
          />
        </label>
        <label className="flex items-center gap-1.5 self-center text-xs text-slate-700">
          <input type="checkbox" checked={continueAfter} onChange={(e) => onContinueAfterChange(e.target.checked)} />
          {t('continueAfter')}
        </label>
        <div className="flex gap-2">
          {outcomes.map((o) => (
            <button
              key={o}
              type="button"
              disabled={pending}
              onClick={() => attempt(o)}
              className={`rounded-md px-3 py-2 text-sm font-medium disabled:opacity-60 ${OUTCOME_STYLE[o]}`}
            >
              {t(`do.${o}`)}
              <kbd className="ml-1.5 rounded bg-black/10 px-1 font-mono text-[10px]">{SHORTCUT_KEY[o]}</kbd>
              {/* Full white: dimmed text on the amber button falls below 4.5:1. */}
              {aiRecommendation === o && <span className="ml-1 text-xs">({t('asAi')})</span>}
            </button>
          ))}
        </div>
      </div>
      {problem && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}
