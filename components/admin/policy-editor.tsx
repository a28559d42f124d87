'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useServiceName } from '@/components/ui/use-service-name';
import { useTRPC } from '@/lib/trpc';
import { classifyChange, KNOWN_FLAGS, type PolicyRules } from '@/lib/policy-rules';
import { AdminError } from './admin-error';
import { PolicyStatus } from './policies-overview';
import { usePolicyFormat } from './policy-format';
import { PolicyHistory } from './policy-history';
import { PolicyPending } from './policy-pending';
import { PolicySimulationPanel } from './policy-simulation-panel';
import type { PolicyDetail } from './types';

/** What a service starts from when it has no policy: off, strict, every known flag blocked. */
const NEW_POLICY: PolicyRules = {
  autoApproveEnabled: false,
  minConfidence: 0.95,
  requireAllDocsValid: true,
  blockedFlags: [...KNOWN_FLAGS].sort(),
  dailyCapPerUnit: 50,
  qaSampleRate: 0.1,
};

export function PolicyEditor({ serviceCode, actorId }: { serviceCode: string; actorId: string }) {
  const t = useTranslations('policy');
  const trpc = useTRPC();
  const serviceName = useServiceName();
  const q = useQuery(trpc.policies.detail.queryOptions({ serviceCode }));
  const d = q.data;
  // Kept here, not in the workbench: a saved or approved version re-keys the workbench, and the message must survive it.
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="mx-auto max-w-7xl space-y-4 p-4">
      <Link href="/admin/policies" className="text-sm text-brand-700 underline">
        ← {t('back')}
      </Link>
      <AdminError error={q.error} />
      {q.isLoading && <p className="text-sm text-slate-600">{t('loading')}</p>}
      {d && (
        <>
          <div className="flex flex-wrap items-start gap-3">
            <h1 className="mr-auto text-lg font-semibold">
              {serviceName(d.service)} <span className="font-mono text-sm font-normal text-slate-600">{d.service.code}</span>
            </h1>
            <PolicyStatus row={{ active: d.active, pending: d.pending }} />
          </div>
          {message && (
            <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
              {message}
            </p>
          )}
          {/* Keyed by the versions in play: a new active or pending version starts the form afresh. */}
          <PolicyWorkbench key={`${d.active?.id ?? 'none'}:${d.pending?.id ?? 'none'}`} detail={d} actorId={actorId} onMessage={setMessage} />
          <PolicyHistory history={d.history} />
        </>
      )}
    </div>
  );
}

function PolicyWorkbench({ detail, actorId, onMessage }: { detail: PolicyDetail; actorId: string; onMessage: (m: string | null) => void }) {
  const t = useTranslations('policy');
  const f = usePolicyFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const initial: PolicyRules = detail.active?.rules ?? NEW_POLICY;
  const [draft, setDraft] = useState<PolicyRules>(initial);
  const [reason, setReason] = useState('');
  const change = classifyChange(detail.active?.rules ?? null, draft);
  const unchanged = detail.active ? change.unchanged : false;
  const save = useMutation(
    trpc.policies.propose.mutationOptions({
      onSuccess: (r) => {
        onMessage(r.status === 'active' ? t('edit.savedActive', { version: r.version }) : t('edit.savedPending', { version: r.version }));
        void queryClient.invalidateQueries({ queryKey: trpc.policies.detail.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.policies.overview.queryKey() });
      },
    }),
  );
  const set = <K extends keyof PolicyRules>(k: K, v: PolicyRules[K]) => {
    onMessage(null);
    setDraft((prev) => ({ ...prev, [k]: v }));
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ serviceCode: detail.service.code, rules: draft, reason, basedOnVersion: detail.active?.version ?? null });
  }
  const toggleFlag = (flag: string, on: boolean) =>
    set('blockedFlags', on ? [...new Set([...draft.blockedFlags, flag])].sort() : draft.blockedFlags.filter((x) => x !== flag));

  return (
    <>
      {detail.pending && (
        <PolicyPending
          pending={detail.pending}
          stale={detail.pendingIsStale}
          actorId={actorId}
          onShowInSimulation={() => setDraft(detail.pending!.rules)}
          onDone={onMessage}
        />
      )}
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,400px)_minmax(0,1fr)]">
        <form onSubmit={submit} aria-labelledby="edit-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <div>
            <h2 id="edit-h" className="font-semibold">
              {t('edit.heading')}
            </h2>
            <p className="text-xs text-slate-600">{detail.active ? t('edit.current', { version: detail.active.version }) : t('edit.noneYet')}</p>
          </div>
          <Check
            label={t('fields.autoApproveEnabled')}
            hint={t('hints.autoApproveEnabled')}
            checked={draft.autoApproveEnabled}
            onChange={(v) => set('autoApproveEnabled', v)}
          />
          <Field label={t('fields.minConfidence')} hint={t('hints.minConfidence')} htmlFor="minConfidence">
            <div className="flex items-center gap-2">
              <input
                type="range"
                min={0.5}
                max={0.99}
                step={0.01}
                value={draft.minConfidence}
                onChange={(e) => set('minConfidence', Math.round(Number(e.target.value) * 100) / 100)}
                aria-label={t('fields.minConfidence')}
                aria-valuetext={f.threshold(draft.minConfidence)}
                className="flex-1 accent-brand-700"
              />
              <input
                id="minConfidence"
                type="number"
                min={0.5}
                max={0.99}
                step={0.01}
                value={draft.minConfidence}
                onChange={(e) => set('minConfidence', Math.round(Number(e.target.value) * 100) / 100)}
                className="w-20 rounded border border-slate-300 px-2 py-1 tabular-nums"
              />
            </div>
          </Field>
          <Check
            label={t('fields.requireAllDocsValid')}
            hint={t('hints.requireAllDocsValid')}
            checked={draft.requireAllDocsValid}
            onChange={(v) => set('requireAllDocsValid', v)}
          />
          <fieldset>
            <legend className="text-xs font-medium text-slate-700">{t('fields.blockedFlags')}</legend>
            <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-2">
              {KNOWN_FLAGS.map((flag) => (
                <label key={flag} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={draft.blockedFlags.includes(flag)} onChange={(e) => toggleFlag(flag, e.target.checked)} />
                  {f.flag(flag)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="grid grid-cols-2 gap-3">
            <Field label={t('fields.dailyCapPerUnit')} htmlFor="dailyCap">
              <input
                id="dailyCap"
                type="number"
                min={0}
                max={100000}
                step={1}
                value={draft.dailyCapPerUnit}
                onChange={(e) => set('dailyCapPerUnit', Math.max(0, Math.round(Number(e.target.value))))}
                className="w-full rounded border border-slate-300 px-2 py-1 tabular-nums"
              />
            </Field>
            <Field label={`${t('fields.qaSampleRate')} (%)`} htmlFor="qaRate">
              <input
                id="qaRate"
                type="number"
                min={0}
                max={100}
                step={1}
                value={Math.round(draft.qaSampleRate * 100)}
                onChange={(e) => set('qaSampleRate', Math.min(100, Math.max(0, Math.round(Number(e.target.value)))) / 100)}
                className="w-full rounded border border-slate-300 px-2 py-1 tabular-nums"
              />
            </Field>
          </div>
          <p className="text-xs text-slate-600">
            {t('hints.dailyCapPerUnit')} {t('hints.qaSampleRate')}
          </p>
          <Field label={t('edit.reason')} htmlFor="reason">
            <textarea
              id="reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              minLength={10}
              maxLength={2000}
              rows={3}
              placeholder={t('edit.reasonPlaceholder')}
              className="w-full rounded border border-slate-300 px-2 py-1"
            />
          </Field>
          <div aria-live="polite" className="text-sm">
            {unchanged ? (
              <p className="text-slate-600">{t('edit.unchanged')}</p>
            ) : change.loosening.length > 0 ? (
              <p className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-950" data-testid="four-eyes-note">
                {t('edit.needsApproval', { fields: change.loosening.map((k) => t(`fields.${k}`)).join(', ') })}
              </p>
            ) : (
              <p className="rounded border border-emerald-200 bg-emerald-50 px-2 py-1 text-emerald-900">{t('edit.immediate')}</p>
            )}
            {detail.pending && change.loosening.length > 0 && <p className="mt-1 text-amber-950">{t('edit.pendingExists')}</p>}
          </div>
          <div className="flex flex-wrap gap-2">
            <button
              type="submit"
              disabled={save.isPending || unchanged || reason.trim().length < 10}
              className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
            >
              {save.isPending ? t('edit.saving') : t('edit.save')}
            </button>
            <button type="button" onClick={() => setDraft(initial)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
              {t('edit.reset')}
            </button>
          </div>
          <AdminError error={save.error} />
        </form>
        <PolicySimulationPanel
          serviceCode={detail.service.code}
          candidate={{ minConfidence: draft.minConfidence, requireAllDocsValid: draft.requireAllDocsValid, blockedFlags: draft.blockedFlags }}
          currentThreshold={detail.active?.rules.minConfidence ?? null}
        />
      </div>
    </>
  );
}

function Field({ label, hint, htmlFor, children }: { label: string; hint?: string; htmlFor: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={htmlFor} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1 text-sm">{children}</div>
      {hint && <p className="mt-0.5 text-xs text-slate-600">{hint}</p>}
    </div>
  );
}

function Check({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      <p className="ml-6 text-xs text-slate-600">{hint}</p>
    </div>
  );
}
