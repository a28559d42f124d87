'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useTRPC } from '@/lib/trpc';
import { useStreamLabel } from './format';
import type { StreamStatus, VerifyResult } from './types';

/** Per stream: is the chain intact, when was it last verified, what was last signed. */
export function IntegrityPanel({ role }: { role: 'supervisor' | 'admin' }) {
  const t = useTranslations('audit.integrity');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const streamLabel = useStreamLabel();
  const overview = useQuery(trpc.audit.overview.queryOptions());
  const [messages, setMessages] = useState<string[]>([]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.audit.overview.queryKey() });

  const describe = (r: VerifyResult) => {
    const label = streamLabel(r.stream, overview.data?.streams.find((s) => s.stream === r.stream)?.unitName);
    return r.firstBroken
      ? t('resultBroken', { stream: label, seq: r.firstBroken.seq, kind: t(`kind.${r.firstBroken.kind}`), detail: r.firstBroken.detail })
      : t('resultOk', { stream: label, count: r.checked, ms: r.ms });
  };
  const verify = useMutation(
    trpc.audit.verify.mutationOptions({
      onSuccess: (results) => {
        setMessages(results.map(describe));
        void refresh();
      },
    }),
  );
  const sign = useMutation(
    trpc.audit.checkpoint.mutationOptions({
      onSuccess: (cp) => {
        setMessages([cp ? t('signed', { seq: cp.seq }) : t('nothingToSign')]);
        void refresh();
      },
    }),
  );
  const busy = verify.isPending || sign.isPending;

  return (
    <section aria-labelledby="integrity-heading" className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="integrity-heading" className="mr-auto font-semibold">
          {t('heading')}
        </h2>
        {overview.data && <span className="font-mono text-xs text-slate-600">{t('keyId', { keyId: overview.data.keyId })}</span>}
        <a href="/api/audit/export?kind=checkpoints" className="rounded-md border border-slate-300 px-2 py-1 text-sm text-brand-700 hover:bg-slate-50">
          {t('downloadCheckpoints')}
        </a>
        {role === 'admin' && (
          <button
            type="button"
            disabled={busy}
            onClick={() => verify.mutate({})}
            className="rounded-md bg-brand-700 px-3 py-1 text-sm font-medium text-white disabled:opacity-60"
          >
            {verify.isPending ? t('verifying') : t('verifyAll')}
          </button>
        )}
      </div>
      <ErrorNotice error={overview.error ?? verify.error ?? sign.error} />
      {overview.data && !overview.data.guards.ok && (
        <p role="alert" className="mb-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t('guardsBroken', { problems: overview.data.guards.problems.join('; ') })}
        </p>
      )}
      <div role="status" aria-live="polite" className="text-sm">
        {messages.map((m) => (
          <p key={m} className="mb-1 rounded bg-slate-50 px-2 py-1">
            {m}
          </p>
        ))}
      </div>
      {overview.isLoading && <p className="text-sm text-slate-600">{t('verifying')}</p>}
      {overview.data && (
        <div className="max-h-64 overflow-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{t('caption')}</caption>
            <thead className="text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1">
                  {t('stream')}
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  {t('events')}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t('lastVerified')}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t('lastCheckpoint')}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t('actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.data.streams.map((s) => (
                <StreamRow
                  key={s.stream}
                  status={s}
                  label={streamLabel(s.stream, s.unitName)}
                  busy={busy}
                  onVerify={() => verify.mutate({ stream: s.stream })}
                  onSign={() => sign.mutate({ stream: s.stream })}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function StreamRow({
  status: s,
  label,
  busy,
  onVerify,
  onSign,
}: {
  status: StreamStatus;
  label: string;
  busy: boolean;
  onVerify: () => void;
  onSign: () => void;
}) {
  const t = useTranslations('audit.integrity');
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const v = s.lastVerification;
  return (
    <tr className="border-t border-slate-100 align-top" data-testid="stream-row">
      <th scope="row" className="px-2 py-1.5 text-left font-medium">
        {label}
      </th>
      <td className="px-2 py-1.5 text-right tabular-nums">{format.number(s.headSeq)}</td>
      <td className="px-2 py-1.5">
        {v ? (
          <>
            <span
              className={`mr-1 inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${v.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}
              data-testid="verification-status"
            >
              {v.ok ? t('ok') : t('broken')}
            </span>
            <span className="text-xs text-slate-700">
              {when(v.at)} · {t('by', { name: v.byName ?? t('system') })} ·{' '}
              {v.firstBroken ? t('brokenAt', { seq: v.firstBroken.seq, kind: t(`kind.${v.firstBroken.kind}`) }) : t('checkedCount', { count: v.checked })}
            </span>
          </>
        ) : (
          <span className="text-xs text-slate-600">{t('never')}</span>
        )}
      </td>
      <td className="px-2 py-1.5 text-xs">
        {s.lastCheckpoint ? (
          <span title={s.lastCheckpoint.headHash}>{t('checkpointAt', { seq: s.lastCheckpoint.seq, time: when(s.lastCheckpoint.signedAt) })}</span>
        ) : (
          <span className="text-slate-600">{t('noCheckpoint')}</span>
        )}
      </td>
      <td className="px-2 py-1.5">
        <div className="flex flex-wrap gap-1">
          <button
            type="button"
            disabled={busy}
            onClick={onVerify}
            aria-label={t('verifyStream', { stream: label })}
            className="rounded-md bg-brand-700 px-2 py-1 text-xs font-medium text-white disabled:opacity-60"
          >
            {t('verify')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={onSign}
            aria-label={t('signStream', { stream: label })}
            className="rounded-md border border-slate-300 px-2 py-1 text-xs text-slate-800 hover:bg-slate-50 disabled:opacity-60"
          >
            {t('sign')}
          </button>
        </div>
      </td>
    </tr>
  );
}
