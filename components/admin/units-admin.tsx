'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/lib/trpc';
import { AdminError } from './admin-error';
import type { AdminUnit } from './types';

const input = 'mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm font-normal';

export function UnitsAdmin() {
  const t = useTranslations('adminUnits');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.units.list.queryOptions());
  const [editing, setEditing] = useState<AdminUnit | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const done = () => {
    setEditing(null);
    setMessage(t('saved'));
    void queryClient.invalidateQueries({ queryKey: trpc.admin.units.list.queryKey() });
  };
  return (
    <div className="mx-auto max-w-6xl space-y-3 p-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="mr-auto">
          <h1 className="text-lg font-semibold">{t('heading')}</h1>
          <p className="text-sm text-slate-600">{t('intro')}</p>
        </div>
        <button type="button" onClick={() => (setMessage(null), setEditing('new'))} className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white">
          {t('add')}
        </button>
      </div>
      {message && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {message}
        </p>
      )}
      <AdminError error={list.error} />
      {editing && <UnitForm key={editing === 'new' ? 'new' : editing.id} unit={editing === 'new' ? null : editing} onDone={done} onCancel={() => setEditing(null)} />}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('heading')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t('name')}</th>
              <th scope="col" className="px-3 py-2">{t('code')}</th>
              <th scope="col" className="px-3 py-2">{t('region')}</th>
              <th scope="col" className="px-3 py-2">{t('ticketPrefix')}</th>
              <th scope="col" className="px-3 py-2 text-right">{t('people')}</th>
              <th scope="col" className="px-3 py-2 text-right">{t('open')}</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">{t('edit')}</span></th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((u) => (
              <tr key={u.id} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 text-left font-medium">{u.name}</th>
                <td className="px-3 py-2 font-mono">{u.code}</td>
                <td className="px-3 py-2">
                  {u.regionCode} {u.regionName && <span className="text-slate-600">· {u.regionName}</span>}
                </td>
                <td className="px-3 py-2 font-mono">{u.ticketPrefix}</td>
                <td className="px-3 py-2 text-right tabular-nums">{u.people}</td>
                <td className="px-3 py-2 text-right tabular-nums">{u.open}</td>
                <td className="px-3 py-2 text-right">
                  <button type="button" onClick={() => (setMessage(null), setEditing(u))} className="text-brand-700 underline" aria-label={`${t('edit')}: ${u.name}`}>
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

function UnitForm({ unit, onDone, onCancel }: { unit: AdminUnit | null; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('adminUnits');
  const trpc = useTRPC();
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [regionCode, setRegionCode] = useState(unit?.regionCode ?? '');
  const [ticketPrefix, setTicketPrefix] = useState(unit?.ticketPrefix ?? '');
  const create = useMutation(trpc.admin.units.create.mutationOptions({ onSuccess: onDone }));
  const update = useMutation(trpc.admin.units.update.mutationOptions({ onSuccess: onDone }));
  function submit(e: FormEvent) {
    e.preventDefault();
    if (unit) update.mutate({ id: unit.id, name, regionCode, ticketPrefix });
    else create.mutate({ code, name, regionCode, ticketPrefix });
  }
  const title = unit ? t('formEdit', { name: unit.name }) : t('formCreate');
  return (
    <form onSubmit={submit} aria-label={title} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4">
      <h2 className="font-semibold md:col-span-4">{title}</h2>
      <label className="text-xs font-medium text-slate-700">
        {t('code')}
        <input value={code} onChange={(e) => setCode(e.target.value)} readOnly={Boolean(unit)} required pattern="[a-z][a-z0-9\-]{1,39}" className={`${input} font-mono read-only:bg-slate-100`} />
      </label>
      <label className="text-xs font-medium text-slate-700 md:col-span-3">
        {t('name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required minLength={3} className={input} />
      </label>
      <label className="text-xs font-medium text-slate-700 md:col-span-2">
        {t('regionCode')}
        <input value={regionCode} onChange={(e) => setRegionCode(e.target.value)} required pattern="\d{2}\.\d{2}" className={`${input} font-mono`} />
        <span className="mt-0.5 block font-normal text-slate-600">{t('regionHint')}</span>
      </label>
      <label className="text-xs font-medium text-slate-700 md:col-span-2">
        {t('ticketPrefix')}
        <input value={ticketPrefix} onChange={(e) => setTicketPrefix(e.target.value.toUpperCase())} required pattern="[A-Z]{2,6}" className={`${input} font-mono`} />
        <span className="mt-0.5 block font-normal text-slate-600">{t('ticketHint')}</span>
      </label>
      <div className="flex gap-2 md:col-span-4">
        <button type="submit" disabled={create.isPending || update.isPending} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">
          {t('save')}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
          {t('cancel')}
        </button>
      </div>
      <div className="md:col-span-4">
        <AdminError error={create.error ?? update.error} />
      </div>
    </form>
  );
}
