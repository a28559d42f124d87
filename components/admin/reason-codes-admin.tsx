'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useTRPC } from '@/lib/trpc';
import { AdminForm, CheckboxField, TextField, useAdminForm, useRules } from './admin-form';
import { AdminPage } from './admin-page';
import { DataTable, type Column } from './data-table';

type Row = { code: string; labelId: string; labelEn: string; legalBasis: string | null; active: boolean; sortOrder: number };
const EMPTY: Row = { code: '', labelId: '', labelEn: '', legalBasis: null, active: true, sortOrder: 100 };

/** The managed list of reason codes: labels in both languages, legal basis, retire instead of delete. */
export function ReasonCodesAdmin() {
  const t = useTranslations('adminReasons');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.reasonCodes.queryOptions());
  const [editing, setEditing] = useState<{ row: Row; create: boolean } | null>(null);
  const done = () => {
    setEditing(null);
    void queryClient.invalidateQueries({ queryKey: trpc.admin.reasonCodes.queryKey() });
  };
  const columns: Column<Row>[] = [
    { id: 'code', header: t('code'), value: (r) => r.code, cell: (r) => r.code, className: 'font-mono' },
    { id: 'labelId', header: t('labelId'), value: (r) => r.labelId, cell: (r) => r.labelId },
    { id: 'labelEn', header: t('labelEn'), value: (r) => r.labelEn, cell: (r) => r.labelEn },
    { id: 'legalBasis', header: t('legalBasis'), value: (r) => r.legalBasis, cell: (r) => r.legalBasis, className: 'text-xs' },
    { id: 'active', header: t('active'), value: (r) => r.active, cell: (r) => (r.active ? t('yes') : t('retired')) },
    {
      id: 'edit',
      header: t('edit'),
      srOnlyHeader: true,
      cell: (r) => (
        <button
          type="button"
          onClick={() => setEditing({ row: { ...r }, create: false })}
          className="text-brand-700 underline"
          aria-label={t('editCode', { code: r.code })}
        >
          {t('edit')}
        </button>
      ),
    },
  ];
  return (
    <AdminPage heading={t('heading')} intro={t('intro')} add={{ label: t('add'), onClick: () => setEditing({ row: { ...EMPTY }, create: true }) }}>
      <ErrorNotice error={list.error} />
      {editing && <ReasonForm key={editing.create ? 'new' : editing.row.code} {...editing} onDone={done} onCancel={() => setEditing(null)} />}
      <DataTable
        caption={t('heading')}
        columns={columns}
        rows={list.data}
        rowKey={(r) => r.code}
        loading={list.isPending}
        rowClassName={(r) => (r.active ? '' : 'text-slate-600')}
        search
      />
    </AdminPage>
  );
}

type ReasonValues = Omit<Row, 'legalBasis'> & { legalBasis: string };

function ReasonForm({ row, create, onDone, onCancel }: { row: Row; create: boolean; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('adminReasons');
  const r = useRules();
  const trpc = useTRPC();
  const form = useAdminForm<ReasonValues>({ ...row, legalBasis: row.legalBasis ?? '' });
  const save = useMutation(trpc.admin.saveReasonCode.mutationOptions({ onSuccess: onDone }));
  return (
    <AdminForm
      form={form}
      onSubmit={(v) => save.mutate({ ...v, legalBasis: v.legalBasis.trim() || null })}
      label={t('formLabel')}
      columns={2}
      onCancel={onCancel}
      saves={[save]}
    >
      <TextField
        name="code"
        label={t('code')}
        readOnly={!create}
        mono
        rules={{ required: r.required, pattern: r.pattern(/^[a-z][a-z0-9_]{2,59}$/, 'reasonCode') }}
      />
      <TextField name="sortOrder" label={t('sortOrder')} type="number" />
      <TextField name="labelId" label={t('labelId')} rules={{ required: r.required, minLength: r.minLength(3) }} />
      <TextField name="labelEn" label={t('labelEn')} rules={{ required: r.required, minLength: r.minLength(3) }} />
      <TextField name="legalBasis" label={t('legalBasis')} />
      <CheckboxField name="active" label={t('active')} />
    </AdminForm>
  );
}
