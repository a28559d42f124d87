'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { AdminError } from './admin-error';
import { AdminForm, TextField, useAdminForm, useRules } from './admin-form';
import { AdminPage } from './admin-page';
import { DataTable, type Column } from './data-table';
import type { AdminUnit } from './types';

export function UnitsAdmin() {
  const t = useTranslations('adminUnits');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.units.list.queryOptions());
  const [editing, setEditing] = useState<AdminUnit | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const open = (u: AdminUnit | 'new') => (setSaved(null), setEditing(u));
  const done = () => {
    setEditing(null);
    setSaved(t('saved'));
    void queryClient.invalidateQueries({ queryKey: trpc.admin.units.list.queryKey() });
  };
  const columns: Column<AdminUnit>[] = [
    { id: 'name', header: t('name'), value: (u) => u.name, cell: (u) => u.name, rowHeader: true },
    { id: 'code', header: t('code'), value: (u) => u.code, cell: (u) => u.code, className: 'font-mono' },
    {
      id: 'region',
      header: t('region'),
      value: (u) => u.regionCode,
      search: (u) => u.regionName,
      cell: (u) => (
        <>
          {u.regionCode} {u.regionName && <span className="text-slate-600">· {u.regionName}</span>}
        </>
      ),
    },
    { id: 'prefix', header: t('ticketPrefix'), value: (u) => u.ticketPrefix, cell: (u) => u.ticketPrefix, className: 'font-mono' },
    { id: 'people', header: t('people'), value: (u) => u.people, cell: (u) => u.people, align: 'right', className: 'tabular-nums' },
    { id: 'open', header: t('open'), value: (u) => u.open, cell: (u) => u.open, align: 'right', className: 'tabular-nums' },
    {
      id: 'edit',
      header: t('edit'),
      srOnlyHeader: true,
      align: 'right',
      cell: (u) => (
        <button type="button" onClick={() => open(u)} className="text-brand-700 underline" aria-label={`${t('edit')}: ${u.name}`}>
          {t('edit')}
        </button>
      ),
    },
  ];
  return (
    <AdminPage heading={t('heading')} intro={t('intro')} add={{ label: t('add'), onClick: () => open('new') }} saved={saved}>
      <AdminError error={list.error} />
      {editing && (
        <UnitForm key={editing === 'new' ? 'new' : editing.id} unit={editing === 'new' ? null : editing} onDone={done} onCancel={() => setEditing(null)} />
      )}
      <DataTable caption={t('heading')} columns={columns} rows={list.data} rowKey={(u) => u.id} loading={list.isPending} search />
    </AdminPage>
  );
}

type UnitValues = { code: string; name: string; regionCode: string; ticketPrefix: string };

function UnitForm({ unit, onDone, onCancel }: { unit: AdminUnit | null; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('adminUnits');
  const r = useRules();
  const trpc = useTRPC();
  const form = useAdminForm<UnitValues>({
    code: unit?.code ?? '',
    name: unit?.name ?? '',
    regionCode: unit?.regionCode ?? '',
    ticketPrefix: unit?.ticketPrefix ?? '',
  });
  const create = useMutation(trpc.admin.units.create.mutationOptions({ onSuccess: onDone }));
  const update = useMutation(trpc.admin.units.update.mutationOptions({ onSuccess: onDone }));
  const submit = ({ code, name, regionCode, ticketPrefix }: UnitValues) =>
    unit ? update.mutate({ id: unit.id, name, regionCode, ticketPrefix }) : create.mutate({ code, name, regionCode, ticketPrefix });
  const title = unit ? t('formEdit', { name: unit.name }) : t('formCreate');
  return (
    <AdminForm
      form={form}
      onSubmit={submit}
      title={title}
      columns={4}
      onCancel={onCancel}
      saves={[create, update]}
      reasonFields={{ unknown_region: 'regionCode', unit_taken: unit ? 'ticketPrefix' : 'code' }}
    >
      <TextField
        name="code"
        label={t('code')}
        readOnly={Boolean(unit)}
        mono
        rules={{ required: r.required, pattern: r.pattern(/^[a-z][a-z0-9-]{1,39}$/, 'slug') }}
      />
      <TextField name="name" label={t('name')} span={3} rules={{ required: r.required, minLength: r.minLength(3) }} />
      <TextField
        name="regionCode"
        label={t('regionCode')}
        hint={t('regionHint')}
        span={2}
        mono
        rules={{ required: r.required, pattern: r.pattern(/^\d{2}\.\d{2}$/) }}
      />
      <TextField
        name="ticketPrefix"
        label={t('ticketPrefix')}
        hint={t('ticketHint')}
        span={2}
        mono
        transform={(v) => v.toUpperCase()}
        rules={{ required: r.required, pattern: r.pattern(/^[A-Z]{2,6}$/) }}
      />
    </AdminForm>
  );
}
