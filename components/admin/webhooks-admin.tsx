'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useTRPC } from '@/lib/trpc';
import { AdminForm, CheckboxGroup, inputClass, SelectField, TextField, useAdminForm, useRules } from './admin-form';
import { AdminPage } from './admin-page';
import { DataTable, type Column } from './data-table';
import { IntakeAdminNav } from './intake-admin-nav';
import type { Webhook, WebhookDelivery } from './types';

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
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.intake.webhooks.queryKey() });
  const toggle = useMutation(trpc.intake.setWebhookActive.mutationOptions({ onSuccess: () => void refresh() }));
  const statusLabel = (s: string) => (s === 'delivered' ? t('statusDelivered') : s === 'failed' ? t('statusFailed') : t('statusPending'));
  const events = (h: Webhook) => (h.eventTypes.includes('*') ? t('allEvents') : h.eventTypes.join(', '));

  const hookColumns: Column<Webhook>[] = [
    { id: 'name', header: ta('name'), value: (h) => h.name, cell: (h) => h.name },
    { id: 'unit', header: ta('unit'), value: (h) => h.unitName, cell: (h) => h.unitName },
    { id: 'url', header: t('url'), value: (h) => h.url, cell: (h) => h.url, className: 'max-w-xs truncate font-mono text-xs' },
    { id: 'events', header: t('events'), search: events, cell: events, className: 'text-xs' },
    { id: 'active', header: t('active'), value: (h) => h.active, cell: (h) => (h.active ? ta('yes') : ta('no')) },
    {
      id: 'actions',
      header: ta('actions'),
      srOnlyHeader: true,
      cell: (h) => (
        <button type="button" className="text-brand-700 underline" onClick={() => toggle.mutate({ id: h.id, active: !h.active })}>
          {h.active ? t('disable') : t('enable')}
        </button>
      ),
    },
  ];
  const deliveryColumns: Column<WebhookDelivery>[] = [
    {
      id: 'at',
      header: t('lastAttempt'),
      value: (d) => d.lastAttemptAt ?? d.createdAt,
      cell: (d) => format.dateTime(d.lastAttemptAt ?? d.createdAt, { dateStyle: 'short', timeStyle: 'medium' }),
      className: 'text-xs',
    },
    { id: 'name', header: ta('name'), value: (d) => d.webhookName, cell: (d) => d.webhookName },
    { id: 'event', header: t('event'), value: (d) => d.eventType, cell: (d) => d.eventType, className: 'font-mono text-xs' },
    { id: 'ticket', header: t('ticket'), value: (d) => d.ticket, cell: (d) => d.ticket, className: 'font-mono text-xs' },
    { id: 'attempts', header: t('attempts'), value: (d) => d.attempts, cell: (d) => d.attempts },
    {
      id: 'result',
      header: t('result'),
      value: (d) => statusLabel(d.status),
      cell: (d) => (
        <>
          <span className={d.status === 'delivered' ? 'text-emerald-800' : d.status === 'failed' ? 'text-red-800' : 'text-amber-800'}>
            {statusLabel(d.status)}
          </span>
          {(d.lastStatusCode || d.lastError) && (
            <span className="ml-2 text-xs text-slate-600">
              {d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : ''} {d.lastError && d.status !== 'delivered' ? d.lastError : ''}{' '}
              {d.lastDurationMs !== null ? `· ${d.lastDurationMs} ms` : ''}
            </span>
          )}
        </>
      ),
    },
  ];

  return (
    <AdminPage
      nav={<IntakeAdminNav />}
      heading={t('heading')}
      intro={t('intro')}
      about={<p className="mt-1 max-w-3xl font-mono text-xs text-slate-600">{t('signatureDoc')}</p>}
      add={{ label: t('add'), onClick: () => setAdding(true) }}
    >
      <ErrorNotice error={hooks.error ?? options.error} />
      {secret && (
        <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">{t('secretOnce')}</p>
          <input
            readOnly
            aria-label={t('secretOnce')}
            value={secret}
            className={`${inputClass} mt-2 font-mono text-xs`}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="new-webhook-secret"
          />
        </div>
      )}
      {adding && options.data && (
        <WebhookForm
          units={options.data.units}
          eventTypes={options.data.eventTypes}
          onCreated={(s) => {
            setSecret(s);
            setAdding(false);
            void refresh();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      <ErrorNotice error={toggle.error} />
      <DataTable
        caption={t('heading')}
        columns={hookColumns}
        rows={hooks.data}
        rowKey={(h) => h.id}
        loading={hooks.isPending}
        emptyText={ta('empty')}
        rowClassName={(h) => (h.active ? '' : 'text-slate-600')}
        search
        className="mb-6"
      />
      <div>
        <h2 className="text-base font-semibold">{t('deliveries')}</h2>
        <p className="mb-2 text-sm text-slate-600">{t('deliveriesIntro')}</p>
        <ErrorNotice error={deliveries.error} />
        <DataTable
          caption={t('deliveries')}
          columns={deliveryColumns}
          rows={deliveries.data}
          rowKey={(d) => d.id}
          loading={deliveries.isPending}
          emptyText={ta('empty')}
          search
        />
      </div>
    </AdminPage>
  );
}

type HookValues = { unitId: string; name: string; url: string; eventTypes: string[] };

function WebhookForm({
  units,
  eventTypes,
  onCreated,
  onCancel,
}: {
  units: { id: string; name: string }[];
  eventTypes: readonly string[];
  onCreated: (secret: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('webhooksAdmin');
  const ta = useTranslations('intakeAdmin');
  const r = useRules();
  const trpc = useTRPC();
  const form = useAdminForm<HookValues>({ unitId: units[0]?.id ?? '', name: '', url: 'https://', eventTypes: ['*'] });
  const create = useMutation(trpc.intake.createWebhook.mutationOptions({ onSuccess: (res) => onCreated(res.secret) }));
  return (
    <AdminForm
      form={form}
      onSubmit={(v) => create.mutate({ ...v, eventTypes: v.eventTypes as never })}
      label={t('formLabel')}
      submitLabel={t('create')}
      onCancel={onCancel}
      saves={[create]}
    >
      <SelectField name="unitId" label={ta('unit')} options={units.map((u) => ({ value: u.id, label: u.name }))} />
      <TextField name="name" label={ta('name')} rules={{ required: r.required, minLength: r.minLength(3) }} />
      <TextField name="url" label={t('url')} type="url" rules={{ required: r.required, pattern: r.pattern(/^https?:\/\/[^\s/]+/, 'url') }} />
      <CheckboxGroup
        name="eventTypes"
        label={t('events')}
        span={3}
        options={['*', ...eventTypes].map((type) => ({
          value: type,
          label: type === '*' ? t('allEvents') : <span className="font-mono text-xs">{type}</span>,
        }))}
      />
    </AdminForm>
  );
}
