'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/lib/trpc';
import { ErrorNotice } from '@/components/ui/error-notice';

type Row = { code: string; labelId: string; labelEn: string; legalBasis: string | null; active: boolean; sortOrder: number };
const EMPTY: Row = { code: '', labelId: '', labelEn: '', legalBasis: null, active: true, sortOrder: 100 };

/** The managed list of reason codes: labels in both languages, legal basis, retire instead of delete. */
export function ReasonCodesAdmin() {
  const t = useTranslations('adminReasons');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.reasonCodes.queryOptions());
  const [editing, setEditing] = useState<Row | null>(null);
  const [isNew, setIsNew] = useState(false);
  const startEdit = (row: Row, creating: boolean) => {
    setEditing(row);
    setIsNew(creating);
  };
  const save = useMutation(
    trpc.admin.saveReasonCode.mutationOptions({
      onSuccess: () => {
        setEditing(null);
        queryClient.invalidateQueries({ queryKey: trpc.admin.reasonCodes.queryKey() });
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    if (editing) save.mutate({ ...editing, legalBasis: editing.legalBasis?.trim() || null });
  }

  return (
    <div className="mx-auto max-w-5xl p-4">
      <div className="mb-3 flex items-center">
        <div className="mr-auto">
          <h1 className="text-lg font-semibold">{t('heading')}</h1>
          <p className="text-sm text-slate-600">{t('intro')}</p>
        </div>
        <button type="button" onClick={() => startEdit({ ...EMPTY }, true)} className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white">
          {t('add')}
        </button>
      </div>
      <ErrorNotice error={list.error} />
      {editing && (
        <form onSubmit={submit} className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2" aria-label={t('formLabel')}>
          <Field label={t('code')}>
            <input
              value={editing.code}
              onChange={(e) => setEditing({ ...editing, code: e.target.value })}
              readOnly={!isNew}
              required
              pattern="[a-z][a-z0-9_]{2,59}"
              className="w-full rounded border border-slate-300 px-2 py-1 font-mono read-only:bg-slate-100"
            />
          </Field>
          <Field label={t('sortOrder')}>
            <input type="number" value={editing.sortOrder} onChange={(e) => setEditing({ ...editing, sortOrder: Number(e.target.value) })} className="w-full rounded border border-slate-300 px-2 py-1" />
          </Field>
          <Field label={t('labelId')}>
            <input value={editing.labelId} onChange={(e) => setEditing({ ...editing, labelId: e.target.value })} required minLength={3} className="w-full rounded border border-slate-300 px-2 py-1" />
          </Field>
          <Field label={t('labelEn')}>
            <input value={editing.labelEn} onChange={(e) => setEditing({ ...editing, labelEn: e.target.value })} required minLength={3} className="w-full rounded border border-slate-300 px-2 py-1" />
          </Field>
          <Field label={t('legalBasis')}>
            <input value={editing.legalBasis ?? ''} onChange={(e) => setEditing({ ...editing, legalBasis: e.target.value })} className="w-full rounded border border-slate-300 px-2 py-1" />
          </Field>
          <label className="flex items-center gap-2 self-end text-sm">
            <input type="checkbox" checked={editing.active} onChange={(e) => setEditing({ ...editing, active: e.target.checked })} />
            {t('active')}
          </label>
          <div className="flex gap-2 md:col-span-2">
            <button type="submit" disabled={save.isPending} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">
              {t('save')}
            </button>
            <button type="button" onClick={() => setEditing(null)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
              {t('cancel')}
            </button>
          </div>
          <div className="md:col-span-2">
            <ErrorNotice error={save.error} />
          </div>
        </form>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('heading')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t('code')}</th>
              <th scope="col" className="px-3 py-2">{t('labelId')}</th>
              <th scope="col" className="px-3 py-2">{t('labelEn')}</th>
              <th scope="col" className="px-3 py-2">{t('legalBasis')}</th>
              <th scope="col" className="px-3 py-2">{t('active')}</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">{t('edit')}</span></th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((r) => (
              <tr key={r.code} className={`border-t border-slate-100 ${r.active ? '' : 'text-slate-600'}`}>
                <td className="px-3 py-2 font-mono">{r.code}</td>
                <td className="px-3 py-2">{r.labelId}</td>
                <td className="px-3 py-2">{r.labelEn}</td>
                <td className="px-3 py-2 text-xs">{r.legalBasis}</td>
                <td className="px-3 py-2">{r.active ? t('yes') : t('retired')}</td>
                <td className="px-3 py-2">
                  <button type="button" onClick={() => startEdit({ ...r }, false)} className="text-brand-700 underline" aria-label={t('editCode', { code: r.code })}>
                    {t('edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="block text-xs font-medium text-slate-700">
      {label}
      <div className="mt-1 text-sm font-normal">{children}</div>
    </label>
  );
}
