'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useNow, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { agreesWithAi, computeOverrides, requiresReason, type Outcome, type Verdict } from '@/lib/decision-rules';
import { useTRPC } from '@/lib/trpc';
import { StatusBadge } from '@/components/ui/badges';
import { ErrorNotice } from '@/components/ui/error-notice';
import { SlaDue } from '@/components/ui/sla';
import { useServiceName } from '@/components/ui/use-service-name';
import { AiPanel } from './ai-panel';
import { AnswerEditor } from './answer-editor';
import { DecisionBar } from './decision-bar';
import { HistoryPanel } from './history-panel';
import { SubmissionPanel } from './submission-panel';

const LEASE_RENEW_MS = 4 * 60_000;

export function ReviewView({ submissionId, role }: { submissionId: string; actorId: string; role: 'officer' | 'supervisor' }) {
  const t = useTranslations('review');
  const td = useTranslations('docType');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const serviceName = useServiceName();
  const review = useQuery(trpc.review.get.queryOptions({ submissionId }));
  const reasons = useQuery(trpc.review.reasonCodes.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.review.get.queryKey({ submissionId }) });
  const claim = useMutation(trpc.queue.claim.mutationOptions({ onSuccess: invalidate }));
  const release = useMutation(trpc.queue.release.mutationOptions({ onSuccess: () => router.push('/queue') }));
  const decide = useMutation(
    trpc.review.decide.mutationOptions({
      onSuccess: () => {
        queryClient.invalidateQueries({ queryKey: trpc.queue.list.queryKey() });
        router.push(`/queue?done=${encodeURIComponent(review.data?.submission.ticket ?? '')}`);
      },
    }),
  );

  const [answer, setAnswer] = useState('');
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({});
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const openedAt = useRef(0);
  const initialisedFor = useRef<string | null>(null);

  const data = review.data;
  const s = data?.submission;
  const suggestion = data?.suggestion ?? null;
  const claimable = s && !s.holder && ['pending_review', 'escalated', 'in_review'].includes(s.status);

  // Opening an item claims it; the lease is renewed while the page stays open.
  const claimMutate = claim.mutate;
  useEffect(() => {
    if (claimable && !claim.isPending && !claim.isError) claimMutate({ submissionId });
  }, [claimable, claim.isPending, claim.isError, claimMutate, submissionId]);
  const heldByMe = s?.heldByMe ?? false;
  useEffect(() => {
    if (!heldByMe) return;
    const id = setInterval(() => claimMutate({ submissionId }), LEASE_RENEW_MS);
    return () => clearInterval(id);
  }, [heldByMe, claimMutate, submissionId]);

  useEffect(() => {
    if (!data || initialisedFor.current === data.submission.id) return;
    initialisedFor.current = data.submission.id;
    // Time spent counts from the moment the officer could see the item.
    openedAt.current = Date.now();
    setAnswer(data.suggestion?.draftAnswer ?? '');
    setVerdicts(Object.fromEntries((data.suggestion?.docVerdicts ?? []).map((v) => [v.docType, v.verdict as Verdict])));
  }, [data]);

  if (review.error) {
    return (
      <div className="p-4">
        <ErrorNotice error={review.error} />
        <Link href="/queue" className="mt-2 inline-block text-brand-700 underline">{t('backToQueue')}</Link>
      </div>
    );
  }
  if (!data || !s) return <p className="p-4 text-slate-600">{t('loading')}</p>;

  const docLabel = (d: string) => (td.has(d) ? td(d) : d);
  const finalVerdicts = Object.entries(verdicts).map(([docType, verdict]) => ({ docType, verdict }));
  const overrides = computeOverrides(suggestion?.docVerdicts ?? [], finalVerdicts);
  const needsReason = (o: Outcome) => requiresReason(o, agreesWithAi(suggestion?.recommendation, o), overrides);
  const readOnly = !s.heldByMe;

  function onDecide(outcome: Outcome) {
    decide.mutate({
      submissionId,
      version: s!.version,
      suggestionId: suggestion?.id ?? null,
      outcome,
      answer,
      verdicts: finalVerdicts,
      reasonCode: reasonCode || null,
      note: note || null,
      timeSpentMs: Date.now() - openedAt.current,
    });
  }

  return (
    <div className="flex min-h-[calc(100vh-3rem)] flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <Link href="/queue" className="text-sm text-brand-700 underline">← {t('backToQueue')}</Link>
        <h1 className="font-mono text-base font-semibold">{s.ticket}</h1>
        <span className="font-medium">{serviceName(data.service)}</span>
        <StatusBadge value={s.status} />
        <span className="text-sm text-slate-700">
          {t('slaDue')}: <SlaDue due={s.slaDueAt} />
        </span>
        <span className="ml-auto text-sm">
          {s.heldByMe && s.leaseUntil ? (
            <LeaseTimer until={s.leaseUntil} />
          ) : s.holder ? (
            <span className="rounded bg-indigo-50 px-2 py-1 text-indigo-900">{t('heldBy', { name: s.holder.name })}</span>
          ) : null}
        </span>
        {s.heldByMe && (
          <button type="button" onClick={() => release.mutate({ submissionId })} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            {t('release')}
          </button>
        )}
      </div>
      <div className="px-4 pt-2">
        <ErrorNotice error={decide.error ?? claim.error ?? release.error} />
      </div>
      <div className="grid flex-1 gap-4 p-4 lg:grid-cols-2">
        <div className="min-w-0 rounded-lg border border-slate-200 bg-slate-50 p-3">
          <SubmissionPanel data={data} docLabel={docLabel} />
        </div>
        <div className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-3">
          {suggestion ? (
            <AiPanel
              suggestion={suggestion}
              finalVerdicts={verdicts}
              onVerdictChange={(docType, v) => setVerdicts((m) => ({ ...m, [docType]: v }))}
              readOnly={readOnly}
              docLabel={docLabel}
            />
          ) : (
            <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">{t('noSuggestion')}</p>
          )}
          <AnswerEditor suggestion={suggestion} value={answer} onChange={setAnswer} readOnly={readOnly} />
        </div>
      </div>
      {!readOnly && (
        <div className="sticky bottom-0">
          <DecisionBar
            reasons={reasons.data ?? []}
            reasonCode={reasonCode}
            onReasonChange={setReasonCode}
            note={note}
            onNoteChange={setNote}
            needsReason={needsReason}
            aiRecommendation={suggestion?.recommendation ?? null}
            onDecide={onDecide}
            pending={decide.isPending}
            canEscalate={role === 'officer'}
          />
        </div>
      )}
      <div className="border-t border-slate-200 bg-slate-50 p-4">
        <HistoryPanel data={data} />
      </div>
    </div>
  );
}

function LeaseTimer({ until }: { until: Date }) {
  const t = useTranslations('review');
  const now = useNow({ updateInterval: 1000 });
  const format = useFormatter();
  const secs = Math.max(0, Math.round((until.getTime() - now.getTime()) / 1000));
  const mm = String(Math.floor(secs / 60)).padStart(2, '0');
  const ss = String(secs % 60).padStart(2, '0');
  return (
    <span className={`rounded px-2 py-1 tabular-nums ${secs < 60 ? 'bg-red-50 text-red-800' : 'bg-emerald-50 text-emerald-900'}`} title={format.dateTime(until, { timeStyle: 'medium' })}>
      {t('leaseLeft', { time: `${mm}:${ss}` })}
    </span>
  );
}
