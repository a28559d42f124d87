'use client';
import { diffWords } from 'diff';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState, type Ref } from 'react';
import type { Suggestion } from './types';

/** The AI's draft, editable, with a word-level diff against what the officer will send. */
export function AnswerEditor({
  suggestion,
  value,
  onChange,
  readOnly,
  templates,
  savedAt,
  textareaRef,
}: {
  suggestion: Suggestion | null;
  value: string;
  onChange: (v: string) => void;
  readOnly: boolean;
  templates: { id: string; titleId: string; titleEn: string; body: string }[];
  savedAt: Date | null;
  textareaRef: Ref<HTMLTextAreaElement>;
}) {
  const t = useTranslations('review');
  const locale = useLocale();
  const [showDiff, setShowDiff] = useState(false);
  const draft = suggestion?.draftAnswer ?? '';
  const parts = useMemo(() => (showDiff ? diffWords(draft, value) : []), [showDiff, draft, value]);
  const edited = value.trim() !== draft.trim();
  return (
    <section aria-labelledby="answer-heading">
      <div className="mb-1 flex items-center gap-2">
        <h2 id="answer-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
          <label htmlFor="answer">{t('answerHeading')}</label>
        </h2>
        {edited && <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t('edited')}</span>}
        <label className="ml-auto flex items-center gap-1 text-xs text-slate-700">
          <input type="checkbox" checked={showDiff} onChange={(e) => setShowDiff(e.target.checked)} />
          {t('showDiff')}
        </label>
        {savedAt && (
          <span className="text-xs text-slate-600" role="status">
            {t('autosaved', { time: savedAt.toLocaleTimeString(locale === 'en' ? 'en-GB' : 'id-ID') })}
          </span>
        )}
        {templates.length > 0 && !readOnly && (
          <label className="text-xs text-slate-700">
            <span className="sr-only">{t('insertTemplate')}</span>
            <select
              value=""
              onChange={(e) => {
                const tpl = templates.find((x) => x.id === e.target.value);
                if (tpl) onChange(`${value.trimEnd()}\n\n${tpl.body}`);
              }}
              className="rounded border border-slate-300 bg-white px-1 py-0.5"
            >
              <option value="">{t('insertTemplate')}</option>
              {templates.map((x) => (
                <option key={x.id} value={x.id}>
                  {locale === 'en' ? x.titleEn : x.titleId}
                </option>
              ))}
            </select>
          </label>
        )}
        {edited && !readOnly && (
          <button type="button" onClick={() => onChange(draft)} className="text-xs text-brand-700 underline">
            {t('resetDraft')}
          </button>
        )}
      </div>
      {showDiff ? (
        <div
          tabIndex={0}
          role="region"
          aria-label={t('diffLabel')}
          className="max-h-64 overflow-auto whitespace-pre-wrap rounded-md border border-slate-300 bg-white p-2 text-sm"
        >
          {parts.map((p, i) =>
            p.added ? (
              <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline">
                {p.value}
              </ins>
            ) : p.removed ? (
              <del key={i} className="bg-red-100 text-red-900">
                {p.value}
              </del>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
        </div>
      ) : (
        <textarea
          ref={textareaRef}
          id="answer"
          value={value}
          readOnly={readOnly}
          onChange={(e) => onChange(e.target.value)}
          rows={9}
          className="w-full rounded-md border border-slate-300 bg-white p-2 text-sm leading-relaxed"
        />
      )}
      {suggestion && suggestion.citations.length > 0 && (
        <details className="mt-1 text-xs text-slate-700">
          <summary className="cursor-pointer">{t('citations', { n: suggestion.citations.length })}</summary>
          <ol className="mt-1 list-decimal space-y-1 pl-5">
            {suggestion.citations.map((c) => (
              <li key={c.articleId}>
                <span className="font-medium">{c.title}</span> — <q>{c.passage}</q>
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
