'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/lib/trpc';
import { AdminError } from './admin-error';

/** The global stop for automatic approvals: state, who switched it and why, and the one action with its reason. */
export function KillSwitchPanel() {
  const t = useTranslations('killSwitch');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const q = useQuery(trpc.policies.killSwitch.queryOptions());
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const set = useMutation(
    trpc.policies.setKillSwitch.mutationOptions({
      onSuccess: (r) => {
        setReason('');
        setConfirming(false);
        setDone(r.on ? t('doneOn') : t('doneOff'));
        void queryClient.invalidateQueries({ queryKey: trpc.policies.killSwitch.queryKey() });
      },
    }),
  );
  const on = q.data?.on ?? false;

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    if (!confirming) {
      setConfirming(true);
      return;
    }
    set.mutate({ on: !on, reason });
  }

  return (
    <section id="kill-switch" aria-labelledby={`${id}-h`} className={`rounded-lg border p-4 ${on ? 'border-red-300 bg-red-50' : 'border-slate-200 bg-white'}`}>
      <div className="flex flex-wrap items-start gap-3">
        <div className="mr-auto max-w-2xl">
          <h2 id={`${id}-h`} className="font-semibold">
            {t('heading')}
          </h2>
          <p className="text-sm text-slate-700">{t('intro')}</p>
        </div>
        <p
          className={`rounded-md px-2 py-1 text-sm font-semibold ${on ? 'bg-red-700 text-white' : 'bg-emerald-50 text-emerald-900'}`}
          data-testid="kill-switch-state"
        >
          {on ? t('stateOn') : t('stateOff')}
        </p>
      </div>
      {q.data?.changedAt && q.data.changedBy && (
        <p className="mt-1 text-xs text-slate-700">
          {t('since', { time: format.dateTime(q.data.changedAt, { dateStyle: 'medium', timeStyle: 'short' }), name: q.data.changedBy })}
          {q.data.reason && <> · {t('lastReason', { reason: q.data.reason })}</>}
        </p>
      )}
      <form onSubmit={submit} className="mt-3 flex flex-wrap items-end gap-2">
        <label className="block min-w-80 flex-1 text-xs font-medium text-slate-700">
          {t('reason')}
          <input
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setConfirming(false);
            }}
            required
            minLength={5}
            maxLength={2000}
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal"
          />
        </label>
        {confirming ? (
          <>
            <span className="text-sm font-medium" role="alert">
              {on ? t('confirmOff') : t('confirmOn')}
            </span>
            <button
              type="submit"
              disabled={set.isPending}
              className={`rounded-md px-3 py-1.5 text-sm font-medium text-white ${on ? 'bg-brand-700' : 'bg-red-700'}`}
            >
              {t('confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
              {t('cancel')}
            </button>
          </>
        ) : (
          <button
            type="submit"
            disabled={reason.trim().length < 5 || q.isLoading}
            className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 ${on ? 'bg-brand-700' : 'bg-red-700'}`}
          >
            {on ? t('turnOff') : t('turnOn')}
          </button>
        )}
      </form>
      <div className="mt-2" aria-live="polite">
        {done && <p className="text-sm text-emerald-800">{done}</p>}
        <AdminError error={set.error ?? q.error} />
      </div>
    </section>
  );
}
