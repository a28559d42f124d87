'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { AdminError } from './admin-error';
import { PolicyDiff } from './policy-diff';
import { usePolicyFormat } from './policy-format';
import type { PolicyVersion } from './types';

/**
 * A change waiting for four eyes: what it changes, why, and the second
 * admin's approve or reject. Its author sees only "withdraw".
 */
export function PolicyPending({
  pending,
  stale,
  actorId,
  onShowInSimulation,
  onDone,
}: {
  pending: PolicyVersion;
  stale: boolean;
  actorId: string;
  onShowInSimulation: () => void;
  onDone: (message: string) => void;
}) {
  const t = useTranslations('policy');
  const format = useFormatter();
  const f = usePolicyFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [rejectReason, setRejectReason] = useState('');
  const own = pending.createdBy.id === actorId;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.policies.detail.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.policies.overview.queryKey() });
  };
  const approve = useMutation(trpc.policies.approve.mutationOptions({ onSuccess: (r) => (refresh(), onDone(t('pending.approved', { version: r.version }))) }));
  const reject = useMutation(trpc.policies.reject.mutationOptions({ onSuccess: (r) => (refresh(), onDone(t('pending.rejected', { version: r.version }))) }));
  const r = pending.rules;
  return (
    <section aria-labelledby="pending-card-h" className="rounded-lg border-2 border-amber-300 bg-amber-50 p-4">
      <h2 id="pending-card-h" className="font-semibold">
        {t('pending.heading')}
      </h2>
      <p className="text-sm text-slate-800">
        {t('pending.proposedBy', {
          version: pending.version,
          name: pending.createdBy.name,
          time: format.dateTime(pending.createdAt, { dateStyle: 'medium', timeStyle: 'short' }),
        })}
      </p>
      <p className="mt-1 text-sm">
        <span className="text-xs font-medium text-slate-700">{t('history.reason')}: </span>
        {pending.reason}
      </p>
      <div className="mt-2 grid gap-3 md:grid-cols-2">
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-700">{t('history.changes')}</h3>
          <PolicyDiff changes={pending.changes} loosening={pending.loosening} />
        </div>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
          <dt className="font-medium text-slate-700">{t('fields.autoApproveEnabled')}</dt>
          <dd>{r.autoApproveEnabled ? t('on') : t('off')}</dd>
          <dt className="font-medium text-slate-700">{t('fields.minConfidence')}</dt>
          <dd>{f.threshold(r.minConfidence)}</dd>
          <dt className="font-medium text-slate-700">{t('fields.requireAllDocsValid')}</dt>
          <dd>{r.requireAllDocsValid ? t('yes') : t('no')}</dd>
          <dt className="font-medium text-slate-700">{t('fields.blockedFlags')}</dt>
          <dd>{f.flags(r.blockedFlags)}</dd>
          <dt className="font-medium text-slate-700">{t('fields.dailyCapPerUnit')}</dt>
          <dd>{f.cap(r.dailyCapPerUnit)}</dd>
          <dt className="font-medium text-slate-700">{t('fields.qaSampleRate')}</dt>
          <dd>{f.percent(r.qaSampleRate, 0)}</dd>
        </dl>
      </div>
      <button type="button" onClick={onShowInSimulation} className="mt-2 text-sm text-brand-700 underline">
        {t('pending.simulate')}
      </button>
      {stale && (
        <p role="alert" className="mt-2 rounded border border-red-200 bg-white px-2 py-1 text-sm text-red-800">
          {pending.previousVersion ? t('pending.stale', { version: pending.previousVersion }) : t('pending.staleNone')}
        </p>
      )}
      {own && <p className="mt-2 text-sm font-medium text-amber-950">{t('pending.ownChange')}</p>}
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        {!own && !stale && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              approve.mutate({ policyId: pending.id, note: note.trim() || null });
            }}
            className="space-y-2"
          >
            <label className="block text-xs font-medium text-slate-700">
              {t('pending.approveNote')}
              <input
                value={note}
                onChange={(e) => setNote(e.target.value)}
                maxLength={2000}
                className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm font-normal"
              />
            </label>
            <button type="submit" disabled={approve.isPending} className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white">
              {t('pending.approve')}
            </button>
          </form>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            reject.mutate({ policyId: pending.id, reason: rejectReason });
          }}
          className="space-y-2"
        >
          <label className="block text-xs font-medium text-slate-700">
            {t('pending.rejectReason')}
            <input
              value={rejectReason}
              onChange={(e) => setRejectReason(e.target.value)}
              required
              minLength={5}
              maxLength={2000}
              className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm font-normal"
            />
          </label>
          <button type="submit" disabled={reject.isPending} className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800">
            {own ? t('pending.withdraw') : t('pending.reject')}
          </button>
        </form>
      </div>
      <div className="mt-2">
        <AdminError error={approve.error ?? reject.error} />
      </div>
    </section>
  );
}
