'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useTRPC } from '@/lib/trpc';
import type { Channel } from '@/lib/vocabulary';
import { AdminForm, inputClass, secondaryButton, SelectField, TextField, useAdminForm, useRules } from './admin-form';
import { AdminPage } from './admin-page';
import { DataTable, type Column } from './data-table';
import { IntakeAdminNav } from './intake-admin-nav';
import type { ApiClient } from './types';

/** API keys of channel systems: create (shown once), list, revoke. */
export function ApiClientsAdmin() {
  const t = useTranslations('apiClients');
  const ta = useTranslations('intakeAdmin');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.intake.options.queryOptions());
  const list = useQuery(trpc.intake.apiClients.queryOptions());
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ key: string; keyPrefix: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.intake.apiClients.queryKey() });
  const revoke = useMutation(trpc.intake.revokeApiClient.mutationOptions({ onSuccess: () => void refresh() }));
  const columns: Column<ApiClient>[] = [
    { id: 'name', header: ta('name'), value: (c) => c.name, cell: (c) => c.name },
    { id: 'unit', header: ta('unit'), value: (c) => c.unitName, cell: (c) => c.unitName },
    { id: 'channel', header: ta('channel'), value: (c) => ta(`channels.${c.channel}`), cell: (c) => ta(`channels.${c.channel}`) },
    { id: 'prefix', header: t('prefix'), value: (c) => c.keyPrefix, cell: (c) => `lrv1_${c.keyPrefix}_…`, className: 'font-mono text-xs' },
    { id: 'rate', header: t('rateLimit'), value: (c) => c.rateLimitPerMinute, cell: (c) => c.rateLimitPerMinute },
    {
      id: 'lastUsed',
      header: t('lastUsed'),
      value: (c) => c.lastUsedAt,
      cell: (c) => (c.lastUsedAt ? format.dateTime(c.lastUsedAt, { dateStyle: 'medium', timeStyle: 'short' }) : ta('never')),
      className: 'text-xs',
    },
    {
      id: 'status',
      header: t('status'),
      value: (c) => (c.revokedAt ? 1 : 0),
      search: (c) => (c.revokedAt ? t('revoked', { date: '' }) : t('active')),
      cell: (c) => (c.revokedAt ? t('revoked', { date: format.dateTime(c.revokedAt, { dateStyle: 'medium' }) }) : t('active')),
    },
    {
      id: 'actions',
      header: ta('actions'),
      srOnlyHeader: true,
      cell: (c) =>
        !c.revokedAt && (
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
        ),
    },
  ];

  return (
    <AdminPage
      nav={<IntakeAdminNav />}
      heading={t('heading')}
      intro={t('intro')}
      about={
        <a href="/api/v1/openapi.json" className="text-sm text-brand-700 underline">
          {t('docs')}
        </a>
      }
      add={{ label: t('add'), onClick: () => setAdding(true) }}
    >
      <ErrorNotice error={list.error ?? options.error} />
      {created && (
        <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">{t('keyOnce')}</p>
          <div className="mt-2 flex items-center gap-2">
            <input
              readOnly
              aria-label={t('keyLabel')}
              value={created.key}
              className={`${inputClass} font-mono text-xs`}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="new-api-key"
            />
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
      {adding && options.data && (
        <ApiClientForm
          units={options.data.units}
          channels={options.data.channels}
          onCreated={(r) => {
            setCreated(r);
            setCopied(false);
            setAdding(false);
            void refresh();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      <ErrorNotice error={revoke.error} />
      <DataTable
        caption={t('heading')}
        columns={columns}
        rows={list.data}
        rowKey={(c) => c.id}
        loading={list.isPending}
        emptyText={ta('empty')}
        rowClassName={(c) => (c.revokedAt ? 'text-slate-600' : '')}
        search
      />
    </AdminPage>
  );
}

type KeyValues = { unitId: string; channel: Channel; name: string; rateLimitPerMinute: number };

function ApiClientForm({
  units,
  channels,
  onCreated,
  onCancel,
}: {
  units: { id: string; name: string }[];
  channels: readonly Channel[];
  onCreated: (r: { key: string; keyPrefix: string }) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('apiClients');
  const ta = useTranslations('intakeAdmin');
  const r = useRules();
  const trpc = useTRPC();
  const form = useAdminForm<KeyValues>({ unitId: units[0]?.id ?? '', channel: 'portal', name: '', rateLimitPerMinute: 60 });
  const create = useMutation(trpc.intake.createApiClient.mutationOptions({ onSuccess: (res) => onCreated({ key: res.key, keyPrefix: res.keyPrefix }) }));
  return (
    <AdminForm form={form} onSubmit={(v) => create.mutate(v)} label={t('formLabel')} columns={4} submitLabel={t('create')} onCancel={onCancel} saves={[create]}>
      <SelectField name="unitId" label={ta('unit')} options={units.map((u) => ({ value: u.id, label: u.name }))} rules={{ required: r.required }} />
      <SelectField name="channel" label={ta('channel')} options={channels.map((c) => ({ value: c, label: ta(`channels.${c}`) }))} />
      <TextField name="name" label={ta('name')} rules={{ required: r.required, minLength: r.minLength(3), maxLength: r.maxLength(100) }} />
      <TextField name="rateLimitPerMinute" label={t('rateLimit')} type="number" rules={{ min: r.min(1), max: r.max(10000) }} />
    </AdminForm>
  );
}
