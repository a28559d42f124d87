'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { Verdict } from '@/lib/vocabulary';
import { useTRPC } from '@/lib/trpc';
import { AiPanel } from '@/components/review/ai-panel';
import { DocumentViewer } from '@/components/review/document-viewer';
import { VerdictBadge } from '@/components/ui/badges';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useServiceName } from '@/components/ui/use-service-name';
import { inputClass, useDuration } from './format';
import type { QaItem } from './types';

const OUTCOMES = ['approve', 'request_info', 'reject'] as const;
const STYLE: Record<(typeof OUTCOMES)[number], string> = {
  approve: 'bg-emerald-700 hover:bg-emerald-800',
  request_info: 'bg-amber-700 hover:bg-amber-800',
  reject: 'bg-red-700 hover:bg-red-800',
};

export function QaReviewView({ qaItemId }: { qaItemId: string }) {
  const t = useTranslations('oversight.qaReview');
  const tc = useTranslations('oversight.common');
  const trpc = useTRPC();
  const q = useQuery(trpc.supervisor.qa.get.queryOptions({ qaItemId }));
  if (q.error)
    return (
      <div className="p-4">
        <ErrorNotice error={q.error} />
        <Link href="/supervisor/qa" className="mt-2 inline-block text-brand-700 underline">
          {t('back')}
        </Link>
      </div>
    );
  if (!q.data) return <p className="p-4 text-slate-600">{tc('loading')}</p>;
  return <QaWorkspace key={`${qaItemId}:${q.data.comparison ? 'done' : 'open'}`} data={q.data} />;
}

function QaWorkspace({ data }: { data: QaItem }) {
  const t = useTranslations('oversight.qaReview');
  const tr = useTranslations('review');
  const td = useTranslations('docType');
  const tch = useTranslations('channel');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const serviceName = useServiceName();
  const s = data.submission;
  const docLabel = (d: string) => (td.has(d) ? td(d) : d);
  const [docIndex, setDocIndex] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>(() =>
    Object.fromEntries((data.suggestion?.docVerdicts ?? []).map((v) => [v.docType, v.verdict as Verdict])),
  );
  const [note, setNote] = useState('');
  const [openedAt] = useState(() => Date.now());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.supervisor.qa.get.queryKey({ qaItemId: data.id }) });
  const claim = useMutation(trpc.supervisor.qa.claim.mutationOptions());
  const decide = useMutation(trpc.supervisor.qa.decide.mutationOptions({ onSuccess: invalidate }));
  const open = data.comparison === null;
  const canWork = open && data.canReview && !data.heldByOther;

  // Opening the item takes it, so two supervisors do not review it at once.
  const claimMutate = claim.mutate;
  useEffect(() => {
    if (canWork) claimMutate({ qaItemId: data.id });
  }, [canWork, claimMutate, data.id]);

  return (
    <div className="flex flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <Link href="/supervisor/qa" className="text-sm text-brand-700 underline">
          ← {t('back')}
        </Link>
        <h1 className="font-mono text-base font-semibold">{t('heading', { ticket: s.ticket })}</h1>
        <span className="text-sm">{serviceName(data.service)}</span>
        {open && <span className="rounded bg-sky-50 px-2 py-1 text-xs text-sky-900">{t('blindNote')}</span>}
      </div>
      <div className="px-4 pt-2">
        <ErrorNotice error={claim.error ?? decide.error} />
        {open && data.ownDecision && (
          <p role="note" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
            {t('own')}
          </p>
        )}
        {open && data.heldByOther && (
          <p role="note" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
            {t('heldByOther')}
          </p>
        )}
        {open && !data.ownDecision && !data.canReview && (
          <p role="note" className="rounded-md bg-slate-100 p-2 text-sm text-slate-800">
            {t('adminView')}
          </p>
        )}
      </div>
      {data.comparison && <Comparison data={data} comparison={data.comparison} />}
      <div className="grid gap-4 p-4 lg:grid-cols-2">
        <section aria-labelledby="qa-citizen-h" className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3">
          <h2 id="qa-citizen-h" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
            {t('citizen')}
          </h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-sm">
            <dt className="text-slate-600">{t('name')}</dt>
            <dd className="font-medium">{s.citizenName}</dd>
            <dt className="text-slate-600">NIK</dt>
            <dd className="font-mono">{s.nikMasked}</dd>
            <dt className="text-slate-600">{t('address')}</dt>
            <dd>{s.addressMasked}</dd>
            <dt className="text-slate-600">{tr('channel')}</dt>
            <dd>
              {tch(s.channel)}
              {s.kecamatan ? ` · ${s.kecamatan}` : ''}
            </dd>
          </dl>
          <div>
            <h3 className="text-xs font-medium text-slate-600">{t('message')}</h3>
            <p className="mt-0.5 whitespace-pre-wrap rounded-md bg-white p-2 text-sm ring-1 ring-slate-200">{s.message}</p>
          </div>
          <h3 className="text-xs font-medium text-slate-600">{t('documents')}</h3>
          <DocumentViewer
            attachments={data.attachments}
            docLabel={docLabel}
            selected={Math.min(docIndex, Math.max(0, data.attachments.length - 1))}
            onSelect={setDocIndex}
            zoom={zoom}
            onZoom={setZoom}
            onViewed={() => undefined}
          />
        </section>
        <div className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-3">
          {data.suggestion ? (
            <AiPanel
              suggestion={data.suggestion}
              finalVerdicts={verdicts}
              onVerdictChange={(docType, v) => setVerdicts((m) => ({ ...m, [docType]: v }))}
              readOnly={!canWork}
              docLabel={docLabel}
            />
          ) : (
            <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">{tr('noSuggestion')}</p>
          )}
          {data.suggestion && (
            <details className="text-sm">
              <summary className="cursor-pointer text-xs font-medium text-slate-700">{tr('answerHeading')}</summary>
              <p className="mt-1 whitespace-pre-wrap rounded-md border border-slate-200 p-2">{data.suggestion.draftAnswer}</p>
            </details>
          )}
          {canWork && (
            <form aria-labelledby="qa-decide-h" className="space-y-2 border-t border-slate-200 pt-3" onSubmit={(e) => e.preventDefault()}>
              <h2 id="qa-decide-h" className="text-sm font-semibold text-slate-700">
                {t('yourOutcome')}
              </h2>
              <label className="flex flex-col text-xs font-medium text-slate-700">
                {t('note')}
                <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={4000} className={`mt-1 ${inputClass}`} />
              </label>
              <div className="flex flex-wrap gap-2">
                {OUTCOMES.map((o) => (
                  <button
                    key={o}
                    type="button"
                    disabled={decide.isPending}
                    onClick={() =>
                      decide.mutate({
                        qaItemId: data.id,
                        outcome: o,
                        verdicts: Object.entries(verdicts).map(([docType, verdict]) => ({ docType, verdict })),
                        note: note.trim() || null,
                        timeSpentMs: Date.now() - openedAt,
                      })
                    }
                    className={`rounded-md px-4 py-2 text-sm font-medium text-white disabled:opacity-60 ${STYLE[o]}`}
                  >
                    {t(`submit.${o}`)}
                  </button>
                ))}
              </div>
            </form>
          )}
        </div>
      </div>
    </div>
  );
}

function Comparison({ data, comparison }: { data: QaItem; comparison: NonNullable<QaItem['comparison']> }) {
  const t = useTranslations('oversight.qaReview');
  const tq = useTranslations('oversight.qa');
  const tc = useTranslations('oversight.common');
  const to = useTranslations('outcome');
  const td = useTranslations('docType');
  const tdl = useTranslations('oversight.detail');
  const duration = useDuration();
  const sides = [
    { key: 'first', title: tq('first'), d: comparison.first },
    { key: 'second', title: tq('second'), d: comparison.second },
  ] as const;
  const docTypes = [...new Set([...Object.keys(comparison.first.verdicts), ...Object.keys(comparison.second.verdicts)])];
  return (
    <section aria-labelledby="cmp-h" className="mx-4 mt-3 rounded-lg border border-slate-300 bg-white p-3">
      <h2 id="cmp-h" className="text-base font-semibold">
        {t('comparison')}
      </h2>
      <p role="status" className={`my-2 rounded-md px-2 py-1 text-sm ${comparison.agrees ? 'bg-emerald-50 text-emerald-900' : 'bg-red-50 text-red-900'}`}>
        {comparison.agrees ? t('agree') : t('differ')}{' '}
        {!comparison.agrees && (
          <Link href={`/supervisor/overrides/${comparison.firstDecisionId}`} className="underline">
            {t('openDecision')}
          </Link>
        )}
      </p>
      <table className="w-full max-w-3xl text-sm">
        <caption className="sr-only">
          {t('comparison')} · {data.submission.ticket}
        </caption>
        <thead className="text-left text-xs text-slate-600">
          <tr>
            <td />
            {sides.map((x) => (
              <th key={x.key} scope="col" className="py-1">
                {x.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="border-t border-slate-100">
            <th scope="row" className="py-1 text-left font-normal text-slate-600">
              {tc('officer')}
            </th>
            {sides.map((x) => (
              <td key={x.key}>
                {x.d.actorName ?? tc('auto')} · {duration(x.d.timeSpentMs)}
              </td>
            ))}
          </tr>
          <tr className="border-t border-slate-100">
            <th scope="row" className="py-1 text-left font-normal text-slate-600">
              {tdl('outcome')}
            </th>
            {sides.map((x) => (
              <td key={x.key} className="font-medium">
                {to(x.d.outcome)}
              </td>
            ))}
          </tr>
          {docTypes.map((doc) => (
            <tr key={doc} className="border-t border-slate-100">
              <th scope="row" className="py-1 text-left font-normal text-slate-600">
                {td.has(doc) ? td(doc) : doc}
              </th>
              {sides.map((x) => (
                <td key={x.key}>{x.d.verdicts[doc] ? <VerdictBadge value={x.d.verdicts[doc]} /> : '—'}</td>
              ))}
            </tr>
          ))}
          <tr className="border-t border-slate-100">
            <th scope="row" className="py-1 text-left font-normal text-slate-600">
              {t('noteLabel')}
            </th>
            {sides.map((x) => (
              <td key={x.key} className="italic">
                {x.d.note ?? '—'}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
