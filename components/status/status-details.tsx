import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { ReplyForm, type ReplyLimits } from './reply-form';
import type { DecidedBy } from '@/lib/vocabulary';

/** The status as the page may show it (server/services/citizen/status-page.ts StatusView). */
export type StatusView = {
  ticket: string;
  unitName: string;
  serviceNameId: string;
  serviceNameEn: string;
  status: string;
  receivedAt: string;
  slaDueAt: string;
  decision: {
    decidedBy: DecidedBy;
    officerName: string | null;
    policyVersion: number | null;
    finalAnswer: string;
    decidedAt: string;
  } | null;
  canObject: boolean;
  objectedAt: string | null;
  canReply: boolean;
  repliedAt: string | null;
};

const TONE: Record<string, string> = {
  approved: 'bg-emerald-100 text-emerald-900',
  auto_approved: 'bg-emerald-100 text-emerald-900',
  qa_review: 'bg-emerald-100 text-emerald-900',
  rejected: 'bg-red-100 text-red-900',
  awaiting_citizen: 'bg-amber-100 text-amber-900',
};

/** What the citizen sees once the NIK digits matched: status, the answer, who decided, and the right to a human review. */
export function StatusDetails({
  view,
  error,
  errorFile,
  objectAction,
  replyAction,
  replyLimits,
}: {
  view: StatusView;
  error?: string;
  /** Which file a refused reply named (1-based). */
  errorFile?: number;
  objectAction: (f: FormData) => Promise<void>;
  replyAction: (f: FormData) => Promise<void>;
  replyLimits: ReplyLimits;
}) {
  const t = useTranslations('statusPage');
  const format = useFormatter();
  const locale = useLocale();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'long', timeStyle: 'short' });
  const d = view.decision;
  return (
    <div className="space-y-4">
      <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="status-heading">
        <p className="font-mono text-sm text-slate-600">{view.ticket}</p>
        <h1 id="status-heading" className="mt-1 text-xl font-semibold">
          {t('currentStatus')}: <span className={`rounded px-2 py-0.5 ${TONE[view.status] ?? 'bg-sky-100 text-sky-900'}`}>{t(`states.${view.status}`)}</span>
        </h1>
        <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t('service')}</dt>
            <dd className="font-medium">{locale === 'en' ? view.serviceNameEn : view.serviceNameId}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t('unit')}</dt>
            <dd className="font-medium">{view.unitName}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t('received')}</dt>
            <dd>{when(view.receivedAt)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{d ? t('decided') : t('due')}</dt>
            <dd>{when(d ? d.decidedAt : view.slaDueAt)}</dd>
          </div>
        </dl>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="answer-heading">
        <h2 id="answer-heading" className="text-lg font-semibold">
          {view.canReply ? t('requestHeading') : t('answerHeading')}
        </h2>
        {d ? (
          <>
            <p className="mt-2 rounded-md bg-slate-100 p-3 text-sm text-slate-800" data-testid="decided-by">
              {d.decidedBy === 'officer'
                ? t('byOfficer', { officer: d.officerName ?? '—', unit: view.unitName })
                : d.policyVersion !== null
                  ? t('byPolicy', { version: d.policyVersion })
                  : t('byPolicyUnknown')}
            </p>
            <div className="mt-3 whitespace-pre-line text-sm leading-relaxed text-slate-900">{d.finalAnswer}</div>
          </>
        ) : (
          <p className="mt-2 text-sm text-slate-700">{t('pending')}</p>
        )}
      </section>

      {view.canReply && <ReplyForm ticket={view.ticket} action={replyAction} limits={replyLimits} error={error} errorFile={errorFile} />}
      {view.repliedAt && !view.canReply && !d && (
        <p role="status" className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900" data-testid="reply-received">
          {t('replied', { date: when(view.repliedAt) })}
        </p>
      )}
      {view.objectedAt && !view.canObject && (
        <p role="status" className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
          {t('objected', { date: when(view.objectedAt) })}
        </p>
      )}
      {view.canObject && d && (
        <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="object-heading">
          <h2 id="object-heading" className="text-lg font-semibold">
            {t('objectHeading')}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{d.decidedBy === 'automatic' ? t('objectIntroAuto') : t('objectIntroHuman')}</p>
          {error === 'short' && (
            <p role="alert" className="mt-2 text-sm text-red-800">
              {t('objectionTooShort')}
            </p>
          )}
          <form action={objectAction} className="mt-3 space-y-3">
            <input type="hidden" name="ticket" value={view.ticket} />
            <label className="block text-sm font-medium text-slate-800">
              {t('objectLabel')}
              <textarea
                name="message"
                required
                minLength={10}
                maxLength={2000}
                rows={4}
                className="mt-1 block w-full rounded border border-slate-400 px-2 py-1.5"
              />
            </label>
            <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white">
              {t('objectSubmit')}
            </button>
          </form>
        </section>
      )}
      <p className="text-sm">
        <Link href="/status" className="text-brand-700 underline">
          {t('otherTicket')}
        </Link>
      </p>
    </div>
  );
}
