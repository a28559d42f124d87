'use client';
import { useFormatter, useTranslations } from 'next-intl';
import type { ComponentProps } from 'react';
import { DocumentViewer } from './document-viewer';
import { RevealField } from './reveal-field';
import type { ReviewData } from './types';

type ViewerControls = Omit<ComponentProps<typeof DocumentViewer>, 'attachments' | 'docLabel'>;

/** The citizen's side: who asked, what for, and the documents they sent. */
export function SubmissionPanel({ data, docLabel, viewer }: { data: ReviewData; docLabel: (t: string) => string; viewer: ViewerControls }) {
  const t = useTranslations('review');
  const tc = useTranslations('channel');
  const format = useFormatter();
  const s = data.submission;
  const missing = data.service.requiredDocs.filter((d) => !data.attachments.some((a) => a.docType === d));
  return (
    <section aria-labelledby="citizen-heading" className="space-y-3">
      <h2 id="citizen-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
        {t('citizenHeading')}
      </h2>
      {data.possibleDuplicateTickets.length > 0 && (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-900">
          {t('possibleDuplicate', { tickets: data.possibleDuplicateTickets.join(', ') })}
        </p>
      )}
      <div className="grid gap-3 xl:grid-cols-2">
        <dl className="grid min-w-0 grid-cols-[max-content_minmax(0,1fr)] content-start gap-x-3 gap-y-0.5 text-sm">
          <dt className="text-slate-600">{t('name')}</dt>
          <dd className="font-medium">{s.citizenName}</dd>
          <dt className="text-slate-600">NIK</dt>
          <dd>
            <RevealField submissionId={s.id} field="nik" masked={s.nikMasked} label="NIK" />
          </dd>
          {s.kkMasked && (
            <>
              <dt className="text-slate-600">{t('kk')}</dt>
              <dd>
                <RevealField submissionId={s.id} field="kk" masked={s.kkMasked} label={t('kk')} />
              </dd>
            </>
          )}
          {s.phoneMasked && (
            <>
              <dt className="text-slate-600">{t('phone')}</dt>
              <dd>
                <RevealField submissionId={s.id} field="phone" masked={s.phoneMasked} label={t('phone')} />
              </dd>
            </>
          )}
          <dt className="text-slate-600">{t('address')}</dt>
          <dd>
            <RevealField submissionId={s.id} field="address" masked={s.addressMasked} label={t('address')} />
          </dd>
          <dt className="text-slate-600">{t('channel')}</dt>
          <dd>
            {tc(s.channel)} · {format.dateTime(s.receivedAt, { dateStyle: 'medium', timeStyle: 'short' })}
          </dd>
        </dl>
        {Object.keys(s.form).length > 0 && (
          <div>
            <h3 className="sr-only">{t('formFields')}</h3>
            <dl
              className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 rounded-md bg-white p-2 text-xs ring-1 ring-slate-200"
              aria-label={t('formFields')}
            >
              {Object.entries(s.form).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-slate-600">{k.replaceAll('_', ' ')}</dt>
                  <dd className="font-mono text-xs leading-5">{v}</dd>
                </div>
              ))}
            </dl>
          </div>
        )}
      </div>
      <div>
        <h3 className="text-xs font-medium text-slate-600">{t('message')}</h3>
        <p className="mt-0.5 whitespace-pre-wrap rounded-md bg-white p-2 text-sm ring-1 ring-slate-200">{s.message}</p>
      </div>
      {data.replies.map((r) => (
        <div key={r.id}>
          <h3 className="text-xs font-medium text-sky-800">
            {t('citizenReply', { when: format.dateTime(r.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
          </h3>
          <p className="mt-0.5 whitespace-pre-wrap rounded-md bg-sky-50 p-2 text-sm ring-1 ring-sky-200">{r.message}</p>
        </div>
      ))}
      <div>
        <h3 className="mb-1 text-xs font-medium text-slate-600">
          {t('documents')} ({data.attachments.length}/{data.service.requiredDocs.length})
          {missing.length > 0 && <span className="ml-2 text-red-700">{t('missingDocs', { docs: missing.map(docLabel).join(', ') })}</span>}
        </h3>
        <DocumentViewer attachments={data.attachments} docLabel={docLabel} {...viewer} />
      </div>
    </section>
  );
}
