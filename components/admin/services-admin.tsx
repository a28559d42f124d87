'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { useServiceName } from '@/components/ui/use-service-name';
import { useTRPC } from '@/lib/trpc';
import { DOC_TYPES, type DocType } from '@/lib/vocabulary';
import { AdminError } from './admin-error';
import { AdminForm, CheckboxField, CheckboxGroup, TextField, useAdminForm, useRules } from './admin-form';
import { AdminPage } from './admin-page';
import { DataTable, type Column } from './data-table';
import type { AdminService } from './types';

export function ServicesAdmin() {
  const t = useTranslations('adminServices');
  const tDoc = useTranslations('docType');
  const serviceName = useServiceName();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.services.list.queryOptions());
  const [editing, setEditing] = useState<AdminService | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const open = (s: AdminService | 'new') => (setSaved(null), setEditing(s));
  const done = () => {
    setEditing(null);
    setSaved(t('saved'));
    void queryClient.invalidateQueries({ queryKey: trpc.admin.services.list.queryKey() });
  };
  const docs = (s: AdminService) => s.requiredDocs.map((d) => (tDoc.has(d) ? tDoc(d) : d)).join(', ');
  const columns: Column<AdminService>[] = [
    {
      id: 'name',
      header: t('name'),
      value: (s) => serviceName(s),
      search: (s) => `${s.nameId} ${s.nameEn}`,
      rowHeader: true,
      cell: (s) => (
        <>
          {serviceName(s)}
          <span className="block text-xs font-normal text-slate-600">{s.nameId === serviceName(s) ? s.nameEn : s.nameId}</span>
        </>
      ),
    },
    { id: 'code', header: t('code'), value: (s) => s.code, cell: (s) => s.code, className: 'whitespace-nowrap font-mono' },
    { id: 'docs', header: t('requiredDocs'), search: docs, cell: (s) => docs(s) || '—' },
    { id: 'sla', header: t('slaHours'), value: (s) => s.slaHours, cell: (s) => s.slaHours, align: 'right', className: 'tabular-nums' },
    { id: 'evidence', header: t('evidenceFirst'), value: (s) => s.evidenceFirst, cell: (s) => (s.evidenceFirst ? t('yes') : t('no')) },
    {
      id: 'actions',
      header: t('edit'),
      srOnlyHeader: true,
      align: 'right',
      className: 'whitespace-nowrap',
      cell: (s) => (
        <>
          <Link href={`/admin/policies/${s.code}`} className="mr-3 text-brand-700 underline">
            {t('policy')}
          </Link>
          <button type="button" onClick={() => open(s)} className="text-brand-700 underline" aria-label={`${t('edit')}: ${serviceName(s)}`}>
            {t('edit')}
          </button>
        </>
      ),
    },
  ];
  return (
    <AdminPage heading={t('heading')} intro={t('intro')} add={{ label: t('add'), onClick: () => open('new') }} saved={saved}>
      <AdminError error={list.error} />
      {editing && (
        <ServiceForm
          key={editing === 'new' ? 'new' : editing.code}
          service={editing === 'new' ? null : editing}
          onDone={done}
          onCancel={() => setEditing(null)}
        />
      )}
      <DataTable caption={t('heading')} columns={columns} rows={list.data} rowKey={(s) => s.code} loading={list.isPending} search />
    </AdminPage>
  );
}

type ServiceValues = { code: string; nameId: string; nameEn: string; requiredDocs: DocType[]; slaHours: number; evidenceFirst: boolean };

function ServiceForm({ service, onDone, onCancel }: { service: AdminService | null; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('adminServices');
  const tDoc = useTranslations('docType');
  const r = useRules();
  const trpc = useTRPC();
  const form = useAdminForm<ServiceValues>({
    code: service?.code ?? '',
    nameId: service?.nameId ?? '',
    nameEn: service?.nameEn ?? '',
    requiredDocs: (service?.requiredDocs ?? []).filter((d): d is DocType => (DOC_TYPES as readonly string[]).includes(d)),
    slaHours: service?.slaHours ?? 72,
    evidenceFirst: service?.evidenceFirst ?? false,
  });
  const save = useMutation(trpc.admin.services.save.mutationOptions({ onSuccess: onDone }));
  const title = service ? t('formEdit', { name: service.nameId }) : t('formCreate');
  return (
    <AdminForm
      form={form}
      onSubmit={(v) => save.mutate({ ...v, slaHours: Math.round(v.slaHours), create: !service })}
      title={title}
      onCancel={onCancel}
      saves={[save]}
      reasonFields={{ service_taken: 'code' }}
    >
      <TextField
        name="code"
        label={t('code')}
        readOnly={Boolean(service)}
        mono
        rules={{ required: r.required, pattern: r.pattern(/^[a-z][a-z0-9-]{1,39}$/, 'slug') }}
      />
      <TextField name="nameId" label={t('nameId')} rules={{ required: r.required, minLength: r.minLength(3) }} />
      <TextField name="nameEn" label={t('nameEn')} rules={{ required: r.required, minLength: r.minLength(3) }} />
      <CheckboxGroup name="requiredDocs" label={t('requiredDocs')} span={2} options={DOC_TYPES.map((d) => ({ value: d, label: tDoc(d) }))} />
      <TextField name="slaHours" label={t('slaHours')} type="number" rules={{ required: r.required, min: r.min(1), max: r.max(1440) }} />
      <CheckboxField name="evidenceFirst" label={t('evidenceFirst')} hint={t('evidenceFirstHint')} span={3} />
    </AdminForm>
  );
}
