'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { diffWords } from 'diff';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { ConfidenceMeter, RecommendationBadge, StatusBadge, VerdictBadge } from '@/components/ui/badges';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useServiceName } from '@/components/ui/use-service-name';
import { inputClass, useDuration } from './format';
import type { DecisionDetail } from './types';

/** One decision: the AI's work and the final decision side by side, why, and what the trail says. */
export function OverrideDetail({ decisionId }: { decisionId: string }) {
  const t = useTranslations('oversight.detail');
  const tc = useTranslations('oversight.common');
  const trpc = useTRPC();
  const q = useQuery(trpc.supervisor.overrides.get.queryOptions({ decisionId }));
  if (q.error)
    return (
      <div className="p-4">
        <ErrorNotice error={q.error} />
        <Link href="/supervisor/overrides" className="mt-2 inline-block text-brand-700 underline">
          {t('back')}
        </Link>
      </div>
    );
  if (!q.data) return <p className="p-4 text-slate-600">{tc('loading')}</p>;
  return <Detail data={q.data} />;
}

function Detail({ data }: { data: DecisionDetail }) {
  const t = useTranslations('oversight.detail');
  const tc = useTranslations('oversight.common');
  const to = useTranslations('outcome');
  const tv = useTranslations('docType');
  const tch = useTranslations('channel');
  const locale = useLocale();
  const format = useFormatter();
  const duration = useDuration();
  const serviceName = useServiceName();
  const d = data.decision;
  const s = data.submission;
  const diff = useMemo(() => (data.ai ? diffWords(data.ai.draftAnswer.trim(), d.finalAnswer.trim()) : []), [data.ai, d.finalAnswer]);
  const reasonLabel = locale === 'en' ? d.reasonLabelEn : d.reasonLabelId;
  const tr = useTranslations('oversight.reopen');
  const [reopened, setReopened] = useState(false);

  return (
    <div className="mx-auto max-w-7xl space-y-4 p-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/supervisor/overrides" className="text-sm text-brand-700 underline">
          ← {t('back')}
        </Link>
        <h1 className="text-lg font-semibold">{t('heading', { ticket: s.ticket })}</h1>
        <StatusBadge value={s.status} />
        <span className="text-sm text-slate-700">
          {serviceName({ nameId: s.serviceNameId, nameEn: s.serviceNameEn })} · {tch(s.channel)}
          {s.kecamatan ? ` · ${s.kecamatan}` : ''}
        </span>
        <Link href={`/review/${s.id}`} className="ml-auto text-sm text-brand-700 underline">
          {tc('reviewPage')}
        </Link>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="ai-side" className="rounded-lg border border-slate-200 bg-slate-50 p-3">
          <h2 id="ai-side" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">
            {t('aiSide')}
          </h2>
          {data.ai ? (
            <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-600">{t('recommendation')}</dt>
              <dd>
                <RecommendationBadge value={data.ai.recommendation} />
              </dd>
              <dt className="text-slate-600">{t('confidence')}</dt>
              <dd>
                <ConfidenceMeter value={data.ai.confidence} />
              </dd>
              <dt className="text-slate-600">{tc('model')}</dt>
              <dd className="font-mono text-xs">{data.ai.model}</dd>
            </dl>
          ) : (
            <p className="text-sm text-slate-700">{t('noSuggestion')}</p>
          )}
        </section>
        <section aria-labelledby="final-side" className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 id="final-side" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">
            {t('finalSide')}
          </h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-600">{t('outcome')}</dt>
            <dd className={d.agreesWithAi ? '' : 'font-semibold text-red-800'}>{to(d.outcome)}</dd>
            <dt className="text-slate-600">{tc('officer')}</dt>
            <dd>{t('decidedBy', { name: d.officerName ?? tc('auto'), time: format.dateTime(d.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</dd>
          </dl>
          <p className="mt-1 text-sm text-slate-700">{t('timeSpent', { time: duration(d.timeSpentMs) })}</p>
          {(d.supersededBy || d.supersedes) && (
            <p className="mt-2 rounded bg-slate-100 px-2 py-1 text-xs text-slate-800">{d.supersededBy ? t('supersededBy') : t('supersedes')}</p>
          )}
        </section>
      </div>

      {data.verdicts.length > 0 && (
        <section aria-labelledby="verdicts-h" className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 id="verdicts-h" className="mb-2 text-sm font-semibold text-slate-700">
            {t('verdicts')}
          </h2>
          <table className="w-full max-w-2xl text-sm">
            <caption className="sr-only">{t('verdicts')}</caption>
            <thead className="text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-1">
                  {t('document')}
                </th>
                <th scope="col" className="py-1">
                  {t('aiVerdict')}
                </th>
                <th scope="col" className="py-1">
                  {t('finalVerdict')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.verdicts.map((v) => (
                <tr key={v.docType} className={`border-t border-slate-100 ${v.ai !== v.final ? 'bg-amber-50' : ''}`}>
                  <th scope="row" className="py-1 text-left font-normal">
                    {tv.has(v.docType) ? tv(v.docType) : v.docType}
                  </th>
                  <td className="py-1">
                    <VerdictBadge value={v.ai} />
                  </td>
                  <td className="py-1">
                    <VerdictBadge value={v.final} />
                    {v.ai !== v.final && <span className="ml-2 text-xs font-medium text-amber-900">{t('changed')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {data.ai && (
        <section aria-labelledby="diff-h" className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 id="diff-h" className="text-sm font-semibold text-slate-700">
            {t('answerDiff')}
          </h2>
          <p className="mb-2 text-xs text-slate-600">{t('diffLegend')}</p>
          <div
            tabIndex={0}
            role="region"
            aria-labelledby="diff-h"
            className="max-h-72 overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 p-2 text-sm leading-relaxed"
          >
            {diff.map((p, i) =>
              p.added ? (
                <ins key={i} className="bg-emerald-100 text-emerald-900 underline decoration-emerald-700">
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
        </section>
      )}

      <div className="grid gap-4 lg:grid-cols-3">
        <section aria-labelledby="reason-h" className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 id="reason-h" className="mb-1 text-sm font-semibold text-slate-700">
            {t('reasonAndNote')}
          </h2>
          <p className="text-sm">
            {d.reasonCode ? (
              <>
                <span className="font-mono text-xs">{d.reasonCode}</span> — {reasonLabel}
              </>
            ) : (
              t('noReason')
            )}
          </p>
          <p className="mt-1 text-sm italic text-slate-800">{d.note ? `“${d.note}”` : t('noNote')}</p>
        </section>
        <section aria-labelledby="hist-h" className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 id="hist-h" className="mb-1 text-sm font-semibold text-slate-700">
            {t('history')}
          </h2>
          <ol className="space-y-1 text-sm">
            {data.history.map((h) => (
              <li key={h.id} className={`rounded border px-2 py-1 ${h.id === d.id ? 'border-brand-600' : 'border-slate-200'}`}>
                <span className="font-medium">{t(`kind.${h.kind}`)}</span>
                {h.kind !== 'reopen' && <> · {to(h.outcome)}</>} · {h.actorName ?? tc('auto')}
                <span className="block text-xs text-slate-600">
                  {format.dateTime(h.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                  {h.reasonCode ? ` · ${h.reasonCode}` : ''}
                  {data.history.some((x) => x.supersedes === h.id && x.kind === 'human') ? ` · ${t('supersededBy')}` : ''}
                </span>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="audit-h" className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 id="audit-h" className="mb-1 text-sm font-semibold text-slate-700">
            {t('audit')}
          </h2>
          <ol tabIndex={0} aria-labelledby="audit-h" className="max-h-56 space-y-1 overflow-auto text-xs" data-testid="override-audit">
            {data.events.map((e) => (
              <li key={`${e.stream}-${e.seq}`} className="rounded border border-slate-200 px-2 py-1">
                <span className="font-mono font-medium">{e.action}</span> · {e.actorName ?? tc('auto')} ·{' '}
                {format.dateTime(e.occurredAt, { dateStyle: 'short', timeStyle: 'medium' })}
                <span className="block font-mono text-[10px] text-slate-600">
                  #{e.seq} {e.hash.slice(0, 16)}…
                </span>
              </li>
            ))}
          </ol>
          <div className="mt-2 flex flex-wrap gap-3 text-xs">
            <Link href={`/audit?ticket=${encodeURIComponent(s.ticket)}`} className="text-brand-700 underline">
              {t('openExplorer')}
            </Link>
            <Link href={`/review/${s.id}`} className="text-brand-700 underline">
              {t('openReview')}
            </Link>
          </div>
        </section>
      </div>

      {reopened ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {tr('done')}
        </p>
      ) : data.canReopen ? (
        <ReopenForm submissionId={s.id} decisionId={d.id} onDone={() => setReopened(true)} />
      ) : (
        <p className="text-sm text-slate-600">{t('notFinal')}</p>
      )}
    </div>
  );
}

function ReopenForm({ submissionId, decisionId, onDone }: { submissionId: string; decisionId: string; onDone: () => void }) {
  const t = useTranslations('oversight.reopen');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reasons = useQuery(trpc.review.reasonCodes.queryOptions());
  const [reasonCode, setReasonCode] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState(false);
  const reopen = useMutation(
    trpc.supervisor.reopen.mutationOptions({
      onSuccess: () => {
        onDone();
        return queryClient.invalidateQueries({ queryKey: trpc.supervisor.overrides.get.queryKey({ decisionId }) });
      },
    }),
  );
  return (
    <form
      aria-labelledby="reopen-h"
      noValidate
      className="rounded-lg border border-amber-300 bg-amber-50/50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!reasonCode || reason.trim().length < 10) {
          setProblem(true);
          return;
        }
        setProblem(false);
        reopen.mutate({ submissionId, reasonCode, reason: reason.trim() });
      }}
    >
      <h2 id="reopen-h" className="text-sm font-semibold text-slate-800">
        {t('heading')}
      </h2>
      <p className="mb-2 text-xs text-slate-700">{t('intro')}</p>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-xs font-medium text-slate-700">
          {t('reasonCode')}
          <select
            value={reasonCode}
            onChange={(e) => setReasonCode(e.target.value)}
            required
            className={`mt-1 w-64 ${inputClass}`}
            aria-invalid={problem && !reasonCode}
          >
            <option value="">{t('choose')}</option>
            {reasons.data?.map((r) => (
              <option key={r.code} value={r.code}>
                {locale === 'en' ? r.labelEn : r.labelId}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-72 flex-1 flex-col text-xs font-medium text-slate-700">
          {t('reason')}
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            required
            minLength={10}
            maxLength={2000}
            aria-invalid={problem && reason.trim().length < 10}
            className={`mt-1 ${inputClass}`}
          />
        </label>
        <button
          type="submit"
          disabled={reopen.isPending}
          className="rounded-md bg-amber-700 px-4 py-2 text-sm font-medium text-white hover:bg-amber-800 disabled:opacity-60"
        >
          {t('submit')}
        </button>
      </div>
      {problem && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {t('tooShort')}
        </p>
      )}
      <div className="mt-2">
        <ErrorNotice error={reopen.error} />
      </div>
    </form>
  );
}
