'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useTRPC } from '@/lib/trpc';
import { Field, inputClass, IntakeAdminNav, primaryButton, secondaryButton } from './intake-admin-nav';

type Channel = 'portal' | 'chatbot' | 'whatsapp' | 'counter';

/** API keys of channel systems: create (shown once), list, revoke. */
export function ApiClientsAdmin() {
  const t = useTranslations('apiClients');
  const ta = useTranslations('intakeAdmin');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.intake.options.queryOptions());
  const list = useQuery(trpc.intake.apiClients.queryOptions());
  const [form, setForm] = useState<{ unitId: string; channel: Channel; name: string; rateLimitPerMinute: number } | null>(null);
  const [created, setCreated] = useState<{ key: string; keyPrefix: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.intake.apiClients.queryKey() });
  const create = useMutation(
    trpc.intake.createApiClient.mutationOptions({
      onSuccess: (r) => {
        setCreated({ key: r.key, keyPrefix: r.keyPrefix });
        setCopied(false);
        setForm(null);
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.intake.revokeApiClient.mutationOptions({ onSuccess: () => void refresh() }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (form) create.mutate(form);
  }

  return (
    <div className="mx-auto max-w-6xl p-4">
      <IntakeAdminNav />
      <div className="mb-3 flex items-start gap-3">
        <div className="mr-auto">
          <h1 className="text-lg font-semibold">{t('heading')}</h1>
          <p className="max-w-3xl text-sm text-slate-600">{t('intro')}</p>
          <a href="/api/v1/openapi.json" className="text-sm text-brand-700 underline">
            {t('docs')}
          </a>
        </div>
        <button
          type="button"
          className={primaryButton}
          onClick={() => setForm({ unitId: options.data?.units[0]?.id ?? '', channel: 'portal', name: '', rateLimitPerMinute: 60 })}
        >
          {t('add')}
        </button>
      </div>
      <ErrorNotice error={list.error ?? options.error} />
      {created && (
        <div role="status" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">{t('keyOnce')}</p>
          <div className="mt-2 flex items-center gap-2">
            <input readOnly aria-label={t('keyLabel')} value={created.key} className={`${inputClass} font-mono text-xs`} onFocus={(e) => e.currentTarget.select()} data-testid="new-api-key" />
            <button
              type="button"
              className={secondaryButton}
              onClick={() => {
                void navigator.clipboard?.writeText(created.key).then(() => setCopied(true));
              }}
            >
              {copied ? t('copied') : t('copy')}
            </button>
          </div>
        </div>
      )}
      {form && (
        <form onSubmit={submit} aria-label={t('formLabel')} className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4">
          <Field label={ta('unit')}>
            <select value={form.unitId} onChange={(e) => setForm({ ...form, unitId: e.target.value })} className={inputClass} required>
              {options.data?.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={ta('channel')}>
            <select value={form.channel} onChange={(e) => setForm({ ...form, channel: e.target.value as Channel })} className={inputClass}>
              {options.data?.channels.map((c) => (
                <option key={c} value={c}>
                  {ta(`channels.${c}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={ta('name')}>
            <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required minLength={3} maxLength={100} className={inputClass} />
          </Field>
          <Field label={t('rateLimit')}>
            <input
              type="number"
              min={1}
              max={10000}
              value={form.rateLimitPerMinute}
              onChange={(e) => setForm({ ...form, rateLimitPerMinute: Number(e.target.value) })}
              className={inputClass}
            />
          </Field>
          <div className="flex gap-2 md:col-span-4">
            <button type="submit" disabled={create.isPending} className={primaryButton}>
              {t('create')}
            </button>
            <button type="button" onClick={() => setForm(null)} className={secondaryButton}>
              {ta('cancel')}
            </button>
          </div>
          <div className="md:col-span-4">
            <ErrorNotice error={create.error} />
          </div>
        </form>
      )}
      <ErrorNotice error={revoke.error} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('heading')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{ta('name')}</th>
              <th scope="col" className="px-3 py-2">{ta('unit')}</th>
              <th scope="col" className="px-3 py-2">{ta('channel')}</th>
              <th scope="col" className="px-3 py-2">{t('prefix')}</th>
              <th scope="col" className="px-3 py-2">{t('rateLimit')}</th>
              <th scope="col" className="px-3 py-2">{t('lastUsed')}</th>
              <th scope="col" className="px-3 py-2">{t('status')}</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">{ta('actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {list.data?.length === 0 && (
              <tr>
                <td colSpan={8} className="px-3 py-4 text-slate-600">{ta('empty')}</td>
              </tr>
            )}
            {list.data?.map((c) => (
              <tr key={c.id} className={`border-t border-slate-100 ${c.revokedAt ? 'text-slate-600' : ''}`}>
                <td className="px-3 py-2">{c.name}</td>
                <td className="px-3 py-2">{c.unitName}</td>
                <td className="px-3 py-2">{ta(`channels.${c.channel}`)}</td>
                <td className="px-3 py-2 font-mono text-xs">lrv1_{c.keyPrefix}_…</td>
                <td className="px-3 py-2">{c.rateLimitPerMinute}</td>
                <td className="px-3 py-2 text-xs">{c.lastUsedAt ? format.dateTime(c.lastUsedAt, { dateStyle: 'medium', timeStyle: 'short' }) : ta('never')}</td>
                <td className="px-3 py-2">{c.revokedAt ? t('revoked', { date: format.dateTime(c.revokedAt, { dateStyle: 'medium' }) }) : t('active')}</td>
                <td className="px-3 py-2">
                  {!c.revokedAt && (
                    <button
                      type="button"
                      className="text-red-700 underline"
                      aria-label={`${t('revoke')} ${c.name}`}
                      onClick={() => {
                        if (window.confirm(t('revokeConfirm', { prefix: c.keyPrefix }))) revoke.mutate({ id: c.id });
                      }}
                    >
                      {t('revoke')}
                    </button>
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
