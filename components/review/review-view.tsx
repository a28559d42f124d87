'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { agreesWithAi, computeOverrides, requiresReason } from '@/lib/decision-rules';
import type { Outcome, Verdict } from '@/lib/vocabulary';
import { DEFAULT_QUEUE_FILTER } from '@/lib/queue-filter-search';
import { useTRPC } from '@/lib/trpc';
import { AiUnavailableNote } from '@/components/status/ai-unavailable-note';
import { StatusBadge } from '@/components/ui/badges';
import { ErrorNotice } from '@/components/ui/error-notice';
import { ShortcutHelp } from '@/components/ui/shortcut-help';
import { SlaDue } from '@/components/ui/sla';
import { useServiceName } from '@/components/ui/use-service-name';
import { useShortcuts } from '@/components/ui/use-shortcuts';
import { AiPanel } from './ai-panel';
import { AnswerEditor } from './answer-editor';
import { DocumentsNotReadNote } from './documents-not-read-note';
import { useContinueAfterDecide } from './use-continue-after-decide';
import { isRetryableDecisionError, useDecisionAttempt } from './use-decision-attempt';
import { DecisionBar } from './decision-bar';
import { ZOOM_STEPS } from './document-viewer';
import { HistoryPanel } from './history-panel';
import { LeaseTimer } from './lease-timer';
import type { Highlight } from './reading-types';
import { SubmissionPanel } from './submission-panel';
import type { ReviewData } from './types';
import { useAutosave } from './use-autosave';

const LEASE_RENEW_MS = 4 * 60_000;
const HEARTBEAT_MS = 20_000;

export function ReviewView({ submissionId, role }: { submissionId: string; role: 'officer' | 'supervisor' }) {
  const t = useTranslations('review');
  const trpc = useTRPC();
  const review = useQuery(trpc.review.get.queryOptions({ submissionId }));
  if (review.error) {
    return (
      <div className="p-4">
        <ErrorNotice error={review.error} />
        <Link href="/queue" className="mt-2 inline-block text-brand-700 underline">
          {t('backToQueue')}
        </Link>
      </div>
    );
  }
  if (!review.data) return <p className="p-4 text-slate-600">{t('loading')}</p>;
  // Keyed on the suggestion too: when the AI's view appears (evidence first) the form starts from it,
  // and the autosaved draft brings back whatever the officer already wrote.
  return <ReviewWorkspace key={`${submissionId}:${review.data.suggestion?.id ?? 'none'}`} data={review.data} role={role} />;
}

function initialForm(data: ReviewData) {
  const aiVerdicts = Object.fromEntries((data.suggestion?.docVerdicts ?? []).map((v) => [v.docType, v.verdict as Verdict]));
  return {
    answer: data.draft?.answer ?? data.suggestion?.draftAnswer ?? '',
    // Only types the AI judged: a draft saved against an earlier suggestion may name others, which the service refuses.
    verdicts: {
      ...aiVerdicts,
      ...Object.fromEntries(Object.entries((data.draft?.verdicts ?? {}) as Record<string, Verdict>).filter(([docType]) => docType in aiVerdicts)),
    },
    reasonCode: data.draft?.reasonCode ?? '',
    note: data.draft?.note ?? '',
  };
}

function ReviewWorkspace({ data, role }: { data: ReviewData; role: 'officer' | 'supervisor' }) {
  const submissionId = data.submission.id;
  const t = useTranslations('review');
  const td = useTranslations('docType');
  const ts = useTranslations('shortcuts');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const serviceName = useServiceName();
  const reviewKey = trpc.review.get.queryKey({ submissionId });
  const reasons = useQuery(trpc.review.reasonCodes.queryOptions());
  const queue = useQuery(trpc.queue.list.queryOptions(DEFAULT_QUEUE_FILTER));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: reviewKey });
  const claim = useMutation(trpc.queue.claim.mutationOptions({ onSuccess: invalidate }));
  const release = useMutation(trpc.queue.release.mutationOptions({ onSuccess: () => router.push('/queue') }));
  const takeNext = useMutation(trpc.queue.takeNext.mutationOptions({ onSuccess: (r) => router.push(`/review/${r.submissionId}`) }));
  const heartbeat = useMutation(trpc.review.heartbeat.mutationOptions());
  const [continueAfterDecide, setContinueAfterDecide] = useContinueAfterDecide();
  const attempt = useDecisionAttempt();
  const decide = useMutation(
    trpc.review.decide.mutationOptions({
      // The same variables, so the same idempotency key: a retry never records the decision twice.
      retry: (failures, error) => failures < 3 && isRetryableDecisionError(error),
      retryDelay: (failures) => 500 * 2 ** failures,
      onSuccess: (result) => {
        attempt.done();
        queryClient.invalidateQueries({ queryKey: trpc.queue.list.queryKey() });
        router.push(result.next ? `/review/${result.next.submissionId}` : `/queue?done=${encodeURIComponent(data.submission.ticket)}`);
      },
    }),
  );

  const [initial] = useState(() => initialForm(data));
  const [answer, setAnswer] = useState(initial.answer);
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>(initial.verdicts);
  const [reasonCode, setReasonCode] = useState(initial.reasonCode);
  const [note, setNote] = useState(initial.note);
  const [docIndex, setDocIndex] = useState(-1);
  const [zoom, setZoom] = useState(1);
  const [highlight, setHighlight] = useState<Highlight | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [openedAt] = useState(() => Date.now());
  const answerRef = useRef<HTMLTextAreaElement>(null);
  const decisionRef = useRef<{ attempt: (o: Outcome) => void }>(null);

  const s = data.submission;
  const suggestion = data.suggestion;
  const claimable = !s.holder && ['pending_review', 'escalated', 'in_review'].includes(s.status);
  const heldByMe = s.heldByMe;

  // Opening an item claims it; the lease is renewed while the page stays open.
  const claimMutate = claim.mutate;
  useEffect(() => {
    if (claimable && !claim.isPending && !claim.isError) claimMutate({ submissionId });
  }, [claimable, claim.isPending, claim.isError, claimMutate, submissionId]);
  useEffect(() => {
    if (!heldByMe) return;
    const id = setInterval(() => claimMutate({ submissionId }), LEASE_RENEW_MS);
    return () => clearInterval(id);
  }, [heldByMe, claimMutate, submissionId]);

  // Presence: colleagues see that this item is open here.
  const beat = heartbeat.mutate;
  useEffect(() => {
    beat({ submissionId });
    const id = setInterval(() => beat({ submissionId }), HEARTBEAT_MS);
    return () => clearInterval(id);
  }, [beat, submissionId]);

  const savedAt = useAutosave({
    submissionId,
    enabled: heldByMe,
    value: { answer, verdicts, reasonCode: reasonCode || null, note: note || null },
  });

  const queueIds = queue.data?.map((q) => q.id) ?? [];
  const position = queueIds.indexOf(submissionId);
  const goTo = (offset: number) => {
    const target = queueIds[position + offset];
    if (target) router.push(`/review/${target}`);
  };
  const attachmentsCount = data.attachments.length;

  useShortcuts({
    a: () => decisionRef.current?.attempt('approve'),
    r: () => decisionRef.current?.attempt('reject'),
    d: () => decisionRef.current?.attempt('request_info'),
    e: () => role === 'officer' && decisionRef.current?.attempt('escalate'),
    t: () => answerRef.current?.focus(),
    n: () => takeNext.mutate(),
    j: () => goTo(1),
    k: () => goTo(-1),
    '+': () => setZoom((z) => ZOOM_STEPS[Math.min(ZOOM_STEPS.length - 1, ZOOM_STEPS.indexOf(z) + 1)] ?? z),
    '-': () => setZoom((z) => ZOOM_STEPS[Math.max(0, ZOOM_STEPS.indexOf(z) - 1)] ?? z),
    '?': () => setHelpOpen(true),
    ...Object.fromEntries(Array.from({ length: Math.min(9, attachmentsCount) }, (_, i) => [String(i + 1), () => setDocIndex(i)])),
  });

  const docLabel = (d: string) => (td.has(d) ? td(d) : d);
  // "Show on image": the same audited open as a click on the document's tab, then the box is marked.
  const showOnImage = (h: Highlight) => {
    const i = data.attachments.findIndex((a) => a.id === h.attachmentId);
    if (i < 0) return;
    setDocIndex(i);
    setHighlight(h);
  };
  const documentsNotRead = s.aiUnavailableReason === 'documents_not_read';
  const finalVerdicts = Object.entries(verdicts).map(([docType, verdict]) => ({ docType, verdict }));
  const overrides = computeOverrides(suggestion?.docVerdicts ?? [], finalVerdicts);
  const needsReason = (o: Outcome) => requiresReason(o, agreesWithAi(suggestion?.recommendation, o), overrides);
  const readOnly = !s.heldByMe;

  function onDecide(outcome: Outcome) {
    decide.mutate(
      attempt.variables(
        {
          submissionId,
          version: s.version,
          suggestionId: suggestion?.id ?? null,
          outcome,
          answer,
          verdicts: finalVerdicts,
          reasonCode: reasonCode || null,
          note: note || null,
          takeNext: continueAfterDecide,
        },
        () => ({ timeSpentMs: Date.now() - openedAt }),
      ),
    );
  }

  const shortcutItems = [
    { keys: 'a', label: ts('approve') },
    { keys: 'd', label: ts('requestInfo') },
    { keys: 'r', label: ts('reject') },
    ...(role === 'officer' ? [{ keys: 'e', label: ts('escalate') }] : []),
    { keys: 't', label: ts('focusAnswer') },
    { keys: '1–9', label: ts('openDocument') },
    { keys: '+ / −', label: ts('zoom') },
    { keys: 'j / k', label: ts('nextPrevious') },
    { keys: 'n', label: ts('takeNext') },
    { keys: 'Esc', label: ts('leaveField') },
    { keys: '?', label: ts('help') },
  ];

  return (
    <div className="flex min-h-[calc(100vh-3rem)] flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <Link href="/queue" className="text-sm text-brand-700 underline">
          ← {t('backToQueue')}
        </Link>
        <h1 className="font-mono text-base font-semibold">{s.ticket}</h1>
        <span className="font-medium">{serviceName(data.service)}</span>
        <StatusBadge value={s.status} />
        <span className="text-sm text-slate-700">
          {t('slaDue')}: <SlaDue due={s.slaDueAt} />
        </span>
        {data.viewers.length > 0 && (
          <span className="rounded bg-sky-50 px-2 py-1 text-xs text-sky-900">{t('alsoViewing', { names: data.viewers.map((v) => v.name).join(', ') })}</span>
        )}
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
        <button type="button" onClick={() => setHelpOpen(true)} className="rounded-md border border-slate-300 px-2 py-1 text-sm" aria-keyshortcuts="?">
          {t('shortcutsButton')}
        </button>
      </div>
      <div className="space-y-2 px-4 pt-2">
        {documentsNotRead && <DocumentsNotReadNote />}
        <ErrorNotice error={decide.error ?? claim.error ?? release.error ?? takeNext.error} />
      </div>
      <div className="grid flex-1 gap-4 p-4 lg:grid-cols-2">
        <div className="min-w-0 rounded-lg border border-slate-200 bg-slate-50 p-3">
          <SubmissionPanel
            data={data}
            docLabel={docLabel}
            viewer={{
              selected: Math.min(docIndex, data.attachments.length - 1),
              onSelect: setDocIndex,
              zoom,
              onZoom: setZoom,
              onViewed: (id) => {
                if (data.attachments.find((a) => a.id === id)?.viewedAt === null) invalidate();
              },
              // While evidence comes first the reader's view is held back with the AI's: no panel then.
              readings: data.evidenceGate ? undefined : data.readings,
              highlight,
              onHighlight: setHighlight,
            }}
          />
        </div>
        <div className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-3">
          {data.evidenceGate ? (
            <p role="note" className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
              {t('evidenceFirst', { unviewed: data.evidenceGate.unviewed, total: data.evidenceGate.total })}
            </p>
          ) : suggestion ? (
            <AiPanel
              suggestion={suggestion}
              finalVerdicts={verdicts}
              onVerdictChange={(docType, v) => setVerdicts((m) => ({ ...m, [docType]: v }))}
              readOnly={readOnly}
              docLabel={docLabel}
              onShowEvidence={showOnImage}
            />
          ) : documentsNotRead ? null : data.submission.aiUnavailable ? (
            <AiUnavailableNote />
          ) : (
            <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">{t('noSuggestion')}</p>
          )}
          <AnswerEditor
            suggestion={suggestion}
            value={answer}
            onChange={setAnswer}
            readOnly={readOnly}
            templates={data.templates}
            savedAt={savedAt}
            textareaRef={answerRef}
          />
        </div>
      </div>
      {!readOnly && (
        <div className="sticky bottom-0">
          <DecisionBar
            ref={decisionRef}
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
            continueAfter={continueAfterDecide}
            onContinueAfterChange={setContinueAfterDecide}
          />
        </div>
      )}
      <div className="border-t border-slate-200 bg-slate-50 p-4">
        <HistoryPanel data={data} />
      </div>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} items={shortcutItems} />
    </div>
  );
}
