'use client';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, type ReactNode } from 'react';
import { ConfidenceMeter, RecommendationBadge, VerdictBadge } from '@/components/ui/badges';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useTRPC } from '@/lib/trpc';
import type { EventKey } from './event-table';
import { useActionLabel, useStreamLabel } from './format';

/** One event in full: stored values, hashes, and for a decision the decision and the AI suggestion behind it. */
export function EventDetail({
  eventKey,
  canLookUpCitizen,
  onClose,
  onFilterTicket,
  onCitizen,
}: {
  eventKey: EventKey;
  canLookUpCitizen: boolean;
  onClose: () => void;
  onFilterTicket: (ticket: string) => void;
  onCitizen: (submissionId: string) => void;
}) {
  const t = useTranslations('audit.detail');
  const to = useTranslations('outcome');
  const format = useFormatter();
  const trpc = useTRPC();
  const actionLabel = useActionLabel();
  const streamLabel = useStreamLabel();
  const q = useQuery(trpc.audit.event.queryOptions(eventKey));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [eventKey.stream, eventKey.seq]);
  const e = q.data?.event;
  let payload = '';
  if (e) {
    try {
      payload = JSON.stringify(JSON.parse(e.payloadText), null, 2);
    } catch {
      payload = e.payloadText;
    }
  }
  return (
    <aside
      aria-labelledby="event-detail-heading"
      className="rounded-lg border border-slate-200 bg-white p-3 text-sm xl:sticky xl:top-2 xl:max-h-[calc(100vh-1rem)] xl:overflow-auto"
    >
      <div className="mb-2 flex items-center">
        <h3 id="event-detail-heading" ref={heading} tabIndex={-1} className="mr-auto font-semibold">
          {t('heading', { seq: eventKey.seq })}
        </h3>
        <button type="button" onClick={onClose} className="rounded border border-slate-300 px-2 py-0.5 text-xs">
          {t('close')}
        </button>
      </div>
      <ErrorNotice error={q.error} />
      {e && (
        <>
          <p className="mb-2 font-medium">
            {actionLabel(e.action)} <span className="font-mono text-xs text-slate-600">{e.action}</span>
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
            <Row label={t('occurredAt')}>
              <span className="font-mono">{e.occurredAt}</span>
            </Row>
            <Row label={t('stream')}>
              {streamLabel(e.stream, e.unitName)} · <span className="font-mono">#{e.seq}</span>
            </Row>
            <Row label={t('actor')}>{e.actorName ?? '—'}</Row>
            <Row label={t('role')}>{e.actorRole ?? '—'}</Row>
            <Row label={t('entity')}>
              <span className="break-all font-mono">
                {e.entityType} · {e.entityId}
              </span>
            </Row>
            {e.ticket && (
              <Row label={t('ticket')}>
                <span className="font-mono">{e.ticket}</span>
              </Row>
            )}
            <Row label={t('hash')}>
              <span className="break-all font-mono">{e.hash}</span>
            </Row>
            <Row label={t('prevHash')}>
              <span className="break-all font-mono">{e.prevHash}</span>
            </Row>
          </dl>
          {e.ticket && (
            <div className="mt-2 flex flex-wrap gap-2">
              <button type="button" onClick={() => onFilterTicket(e.ticket!)} className="rounded border border-slate-300 px-2 py-0.5 text-xs text-brand-700">
                {t('filterTicket')}
              </button>
              {canLookUpCitizen && e.entityType === 'submission' && (
                <button type="button" onClick={() => onCitizen(e.entityId)} className="rounded border border-slate-300 px-2 py-0.5 text-xs text-brand-700">
                  {t('citizen')}
                </button>
              )}
            </div>
          )}
          {q.data?.decision && (
            <div className="mt-3 grid gap-3">
              <section aria-labelledby="detail-decision" className="rounded border border-slate-200 p-2">
                <h4 id="detail-decision" className="mb-1 font-semibold">
                  {t('decisionHeading')}
                </h4>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
                  <Row label={t('outcome')}>{to(q.data.decision.outcome)}</Row>
                  <Row label={t('decidedBy')}>
                    {q.data.decision.actorName ?? '—'} · {q.data.decision.kind}
                  </Row>
                  <Row label={t('agrees')}>{q.data.decision.agreesWithAi ? t('yes') : t('no')}</Row>
                  {q.data.decision.reasonCode && (
                    <Row label={t('reason')}>
                      <span className="font-mono">{q.data.decision.reasonCode}</span>
                    </Row>
                  )}
                  {q.data.decision.note && <Row label={t('note')}>{q.data.decision.note}</Row>}
                  <Row label={t('timeSpent')}>{t('seconds', { s: Math.round(q.data.decision.timeSpentMs / 1000) })}</Row>
                  {q.data.decision.verdictOverrides.length > 0 && (
                    <Row label={t('overrides')}>
                      {q.data.decision.verdictOverrides.map((o) => (
                        <span key={o.docType} className="mr-2 inline-flex items-center gap-1">
                          {o.docType}: <VerdictBadge value={o.from} /> → <VerdictBadge value={o.to} />
                        </span>
                      ))}
                    </Row>
                  )}
                </dl>
                <p className="mt-1 text-xs font-medium">
                  {t('answer')}
                  {q.data.decision.answerEdited && <span className="font-normal text-slate-600"> · {t('edited', { size: q.data.decision.editSize })}</span>}
                </p>
                <p className="whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs">{q.data.decision.finalAnswer}</p>
              </section>
              <section aria-labelledby="detail-suggestion" className="rounded border border-slate-200 p-2">
                <h4 id="detail-suggestion" className="mb-1 font-semibold">
                  {t('suggestionHeading')}
                </h4>
                {q.data.suggestion ? (
                  <>
                    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
                      <Row label={t('recommendation')}>
                        <RecommendationBadge value={q.data.suggestion.recommendation} />
                      </Row>
                      <Row label={t('confidence')}>
                        <ConfidenceMeter value={q.data.suggestion.confidence} />
                      </Row>
                      <Row label={t('model')}>
                        <span className="font-mono">
                          {q.data.suggestion.modelName} {q.data.suggestion.modelVersion} · v{q.data.suggestion.version}
                        </span>
                      </Row>
                      {q.data.suggestion.flags.length > 0 && <Row label={t('flags')}>{q.data.suggestion.flags.join(', ')}</Row>}
                      <Row label={t('documents')}>
                        {q.data.suggestion.docVerdicts.map((d) => (
                          <span key={d.docType} className="mr-2 inline-flex items-center gap-1">
                            {d.docType}: <VerdictBadge value={d.verdict} />
                          </span>
                        ))}
                      </Row>
                    </dl>
                    <p className="mt-1 text-xs font-medium">{t('draft')}</p>
                    <p className="whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs">{q.data.suggestion.draftAnswer}</p>
                    <p className="mt-1 text-[11px] text-slate-600">
                      {format.dateTime(new Date(q.data.suggestion.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
                    </p>
                  </>
                ) : (
                  <p className="text-xs text-slate-600">{t('noSuggestion')}</p>
                )}
              </section>
            </div>
          )}
          <details open={!q.data?.decision} className="mt-3">
            <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-600">{t('payload')}</summary>
            <pre tabIndex={0} className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] leading-snug">
              {payload}
            </pre>
          </details>
        </>
      )}
    </aside>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}
