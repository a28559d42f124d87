'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useTRPC } from '@/lib/trpc';
import { Field, inputClass, IntakeAdminNav, primaryButton, secondaryButton } from './intake-admin-nav';

type EventType = string;

/** Webhooks per unit and the delivery log. */
export function WebhooksAdmin() {
  const t = useTranslations('webhooksAdmin');
  const ta = useTranslations('intakeAdmin');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.intake.options.queryOptions());
  const hooks = useQuery(trpc.intake.webhooks.queryOptions());
  const deliveries = useQuery({ ...trpc.intake.deliveries.queryOptions({ limit: 100 }), refetchInterval: 5000 });
  const [form, setForm] = useState<{ unitId: string; name: string; url: string; eventTypes: EventType[] } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.intake.webhooks.queryKey() });
  const create = useMutation(
    trpc.intake.createWebhook.mutationOptions({
      onSuccess: (r) => {
        setSecret(r.secret);
        setForm(null);
        void refresh();
      },
    }),
  );
  const toggle = useMutation(trpc.intake.setWebhookActive.mutationOptions({ onSuccess: () => void refresh() }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (form) create.mutate({ ...form, eventTypes: form.eventTypes as never });
  }
  const toggleType = (type: string) =>
    form && setForm({ ...form, eventTypes: form.eventTypes.includes(type) ? form.eventTypes.filter((x) => x !== type) : [...form.eventTypes, type] });
  const statusLabel = (s: string) => (s === 'delivered' ? t('statusDelivered') : s === 'failed' ? t('statusFailed') : t('statusPending'));

  return (
    <div className="mx-auto max-w-6xl p-4">
      <IntakeAdminNav />
      <div className="mb-3 flex items-start gap-3">
        <div className="mr-auto">
          <h1 className="text-lg font-semibold">{t('heading')}</h1>
          <p className="max-w-3xl text-sm text-slate-600">{t('intro')}</p>
          <p className="mt-1 max-w-3xl font-mono text-xs text-slate-600">{t('signatureDoc')}</p>
        </div>
        <button type="button" className={primaryButton} onClick={() => setForm({ unitId: options.data?.units[0]?.id ?? '', name: '', url: 'https://', eventTypes: ['*'] })}>
          {t('add')}
        </button>
      </div>
      <ErrorNotice error={hooks.error ?? options.error} />
      {secret && (
        <div role="status" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">{t('secretOnce')}</p>
          <input readOnly aria-label={t('secretOnce')} value={secret} className={`${inputClass} mt-2 font-mono text-xs`} onFocus={(e) => e.currentTarget.select()} data-testid="new-webhook-secret" />
        </div>
      )}
      {form && (
        <form onSubmit={submit} aria-label={t('formLabel')} className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-3">
          <Field label={ta('unit')}>
            <select value={form.unitId} onChange={(e) => setForm({ ...form, unitId: e.target.value })} className={inputClass}>
              {options.data?.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={ta('name')}>
            <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required minLength={3} className={inputClass} />
          </Field>
          <Field label={t('url')}>
            <input type="url" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} required className={inputClass} />
          </Field>
          <fieldset className="md:col-span-3">
            <legend className="text-xs font-medium text-slate-700">{t('events')}</legend>
            <div className="mt-1 flex flex-wrap gap-3 text-sm">
              {['*', ...(options.data?.eventTypes ?? [])].map((type) => (
                <label key={type} className="flex items-center gap-1">
                  <input type="checkbox" checked={form.eventTypes.includes(type)} onChange={() => toggleType(type)} />
                  {type === '*' ? t('allEvents') : <span className="font-mono text-xs">{type}</span>}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex gap-2 md:col-span-3">
            <button type="submit" disabled={create.isPending} className={primaryButton}>
              {t('create')}
            </button>
            <button type="button" onClick={() => setForm(null)} className={secondaryButton}>
              {ta('cancel')}
            </button>
          </div>
          <div className="md:col-span-3">
            <ErrorNotice error={create.error} />
          </div>
        </form>
      )}
      <div className="mb-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('heading')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{ta('name')}</th>
              <th scope="col" className="px-3 py-2">{ta('unit')}</th>
              <th scope="col" className="px-3 py-2">{t('url')}</th>
              <th scope="col" className="px-3 py-2">{t('events')}</th>
              <th scope="col" className="px-3 py-2">{t('active')}</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">{ta('actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {hooks.data?.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-4 text-slate-600">{ta('empty')}</td>
              </tr>
            )}
            {hooks.data?.map((h) => (
              <tr key={h.id} className={`border-t border-slate-100 ${h.active ? '' : 'text-slate-600'}`}>
                <td className="px-3 py-2">{h.name}</td>
                <td className="px-3 py-2">{h.unitName}</td>
                <td className="max-w-xs truncate px-3 py-2 font-mono text-xs">{h.url}</td>
                <td className="px-3 py-2 text-xs">{h.eventTypes.includes('*') ? t('allEvents') : h.eventTypes.join(', ')}</td>
                <td className="px-3 py-2">{h.active ? ta('yes') : ta('no')}</td>
                <td className="px-3 py-2">
                  <button type="button" className="text-brand-700 underline" onClick={() => toggle.mutate({ id: h.id, active: !h.active })}>
                    {h.active ? t('disable') : t('enable')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="text-base font-semibold">{t('deliveries')}</h2>
      <p className="mb-2 text-sm text-slate-600">{t('deliveriesIntro')}</p>
      <ErrorNotice error={deliveries.error} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('deliveries')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t('lastAttempt')}</th>
              <th scope="col" className="px-3 py-2">{ta('name')}</th>
              <th scope="col" className="px-3 py-2">{t('event')}</th>
              <th scope="col" className="px-3 py-2">{t('ticket')}</th>
              <th scope="col" className="px-3 py-2">{t('attempts')}</th>
              <th scope="col" className="px-3 py-2">{t('result')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data?.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-4 text-slate-600">{ta('empty')}</td>
              </tr>
            )}
            {deliveries.data?.map((d) => (
              <tr key={d.id} className="border-t border-slate-100">
                <td className="px-3 py-2 text-xs">{format.dateTime(d.lastAttemptAt ?? d.createdAt, { dateStyle: 'short', timeStyle: 'medium' })}</td>
                <td className="px-3 py-2">{d.webhookName}</td>
                <td className="px-3 py-2 font-mono text-xs">{d.eventType}</td>
                <td className="px-3 py-2 font-mono text-xs">{d.ticket}</td>
                <td className="px-3 py-2">{d.attempts}</td>
                <td className="px-3 py-2">
                  <span className={d.status === 'delivered' ? 'text-emerald-800' : d.status === 'failed' ? 'text-red-800' : 'text-amber-800'}>{statusLabel(d.status)}</span>
                  {(d.lastStatusCode || d.lastError) && (
                    <span className="ml-2 text-xs text-slate-600">
                      {d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : ''} {d.lastError && d.status !== 'delivered' ? d.lastError : ''} {d.lastDurationMs !== null ? `· ${d.lastDurationMs} ms` : ''}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
