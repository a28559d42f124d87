'use client';
import { useMutation } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { StatusBadge } from '@/components/ui/badges';
import { ErrorNotice } from '@/components/ui/error-notice';
import { NIK_INPUT_MAX, NIK_INPUT_PATTERN } from '@/lib/nik';
import { useTRPC } from '@/lib/trpc';
import { useActionLabel } from './format';
import type { CitizenRecord } from './types';

/**
 * A data-access request: everything about one citizen's submissions in this
 * unit. The NIK goes in a request body only, leaves the field after the
 * search, and is never written to the audit trail.
 */
export function CitizenPanel({ forSubmission }: { forSubmission: { id: string; nonce: number } | null }) {
  const t = useTranslations('audit.citizen');
  const to = useTranslations('outcome');
  const te = useTranslations('audit.events');
  const format = useFormatter();
  const trpc = useTRPC();
  const actionLabel = useActionLabel();
  const [nik, setNik] = useState('');
  const section = useRef<HTMLElement>(null);
  const lookup = useMutation(trpc.audit.citizen.mutationOptions({ onSuccess: () => setNik('') }));
  const exporter = useMutation(
    trpc.audit.citizen.mutationOptions({
      onSuccess: (record) => download(record),
    }),
  );

  const { mutate } = lookup;
  useEffect(() => {
    if (!forSubmission) return;
    mutate({ submissionId: forSubmission.id, purpose: 'view' });
    section.current?.scrollIntoView({ block: 'start' });
  }, [forSubmission, mutate]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The server normalises (lib/nik.ts): spaces, dots and dashes between digit groups are fine.
    lookup.mutate({ nik, purpose: 'view' });
  };
  const record = lookup.data;

  return (
    <section ref={section} aria-labelledby="citizen-heading" className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 id="citizen-heading" className="font-semibold">
        {t('heading')}
      </h2>
      <p className="mb-2 max-w-4xl text-sm text-slate-700">{t('intro')}</p>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="citizen-nik" className="mb-0.5 block text-xs font-medium text-slate-700">
            {t('nik')}
          </label>
          <input
            id="citizen-nik"
            value={nik}
            onChange={(e) => setNik(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            pattern={NIK_INPUT_PATTERN}
            maxLength={NIK_INPUT_MAX}
            required
            className="w-56 rounded border border-slate-300 px-2 py-1 font-mono text-sm"
          />
        </div>
        <button type="submit" disabled={lookup.isPending} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
          {lookup.isPending ? t('searching') : t('search')}
        </button>
        {record && lookup.variables && (
          <button
            type="button"
            disabled={exporter.isPending}
            onClick={() => lookup.variables && exporter.mutate({ ...lookup.variables, purpose: 'export' })}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-brand-700 disabled:opacity-60"
          >
            {t('export')}
          </button>
        )}
      </form>
      <div className="mt-2">
        <ErrorNotice error={lookup.error ?? exporter.error} />
      </div>
      {record && (
        <div className="mt-3 space-y-3" role="status" aria-live="polite">
          <p className="text-sm">
            {t('summary', {
              names: record.citizen.names.join(', ') || '—',
              nik: record.citizen.nikMasked,
              submissions: record.submissions.length,
              events: record.events.length,
            })}{' '}
            <span className="text-xs text-slate-600">{t('recorded')}</span>
          </p>
          {record.submissions.length === 0 ? (
            <p className="text-sm text-slate-600">{t('none')}</p>
          ) : (
            <div className="grid gap-3 xl:grid-cols-2">
              <table className="w-full text-sm">
                <caption className="mb-1 text-left text-xs font-semibold text-slate-700">{t('submissionsCaption')}</caption>
                <thead className="text-left text-xs text-slate-600">
                  <tr>
                    <th scope="col" className="px-2 py-1">
                      {t('ticket')}
                    </th>
                    <th scope="col" className="px-2 py-1">
                      {t('service')}
                    </th>
                    <th scope="col" className="px-2 py-1">
                      {t('status')}
                    </th>
                    <th scope="col" className="px-2 py-1">
                      {t('received')}
                    </th>
                    <th scope="col" className="px-2 py-1">
                      {t('decisions')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {record.submissions.map((s) => (
                    <tr key={s.id} className="border-t border-slate-100">
                      <td className="px-2 py-1 font-mono">{s.ticket}</td>
                      <td className="px-2 py-1">{s.serviceCode}</td>
                      <td className="px-2 py-1">
                        <StatusBadge value={s.status} />
                      </td>
                      <td className="px-2 py-1 text-xs">{format.dateTime(new Date(s.receivedAt), { dateStyle: 'medium' })}</td>
                      <td className="px-2 py-1 text-xs">{s.decisions.map((d) => to(d.outcome)).join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="max-h-64 overflow-auto">
                <table className="w-full text-sm">
                  <caption className="mb-1 text-left text-xs font-semibold text-slate-700">{t('eventsCaption')}</caption>
                  <thead className="text-left text-xs text-slate-600">
                    <tr>
                      <th scope="col" className="px-2 py-1">
                        {te('time')}
                      </th>
                      <th scope="col" className="px-2 py-1">
                        {te('action')}
                      </th>
                      <th scope="col" className="px-2 py-1">
                        {te('actor')}
                      </th>
                      <th scope="col" className="px-2 py-1">
                        {t('ticket')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {record.events.map((e) => (
                      <tr key={`${e.stream}:${e.seq}`} className="border-t border-slate-100">
                        <td className="whitespace-nowrap px-2 py-1 text-xs">
                          {format.dateTime(new Date(e.occurredAt), { dateStyle: 'short', timeStyle: 'short' })}
                        </td>
                        <td className="px-2 py-1 text-xs">{actionLabel(e.action)}</td>
                        <td className="px-2 py-1 text-xs">{e.actorName ?? '—'}</td>
                        <td className="px-2 py-1 font-mono text-xs">{e.ticket}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function download(record: CitizenRecord) {
  const blob = new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `citizen-record-${record.citizen.nikMasked.replace(/\*/g, 'x')}-${record.generatedAt.slice(0, 10)}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
