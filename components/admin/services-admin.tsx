'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useServiceName } from '@/components/ui/use-service-name';
import { useTRPC } from '@/lib/trpc';
import { AdminError } from './admin-error';
import type { AdminService } from './types';

const DOC_TYPES = ['ktp', 'kk', 'akta', 'surat_pengantar', 'foto', 'other'] as const;
type DocType = (typeof DOC_TYPES)[number];
const input = 'mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm font-normal';

export function ServicesAdmin() {
  const t = useTranslations('adminServices');
  const tDoc = useTranslations('docType');
  const serviceName = useServiceName();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.services.list.queryOptions());
  const [editing, setEditing] = useState<AdminService | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const done = () => {
    setEditing(null);
    setMessage(t('saved'));
    void queryClient.invalidateQueries({ queryKey: trpc.admin.services.list.queryKey() });
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
      {editing && <ServiceForm key={editing === 'new' ? 'new' : editing.code} service={editing === 'new' ? null : editing} onDone={done} onCancel={() => setEditing(null)} />}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('heading')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t('name')}</th>
              <th scope="col" className="px-3 py-2">{t('code')}</th>
              <th scope="col" className="px-3 py-2">{t('requiredDocs')}</th>
              <th scope="col" className="px-3 py-2 text-right">{t('slaHours')}</th>
              <th scope="col" className="px-3 py-2">{t('evidenceFirst')}</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">{t('edit')}</span></th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((s) => (
              <tr key={s.code} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {serviceName(s)}
                  <span className="block text-xs font-normal text-slate-600">{s.nameId === serviceName(s) ? s.nameEn : s.nameId}</span>
                </th>
                <td className="whitespace-nowrap px-3 py-2 font-mono">{s.code}</td>
                <td className="px-3 py-2">{s.requiredDocs.map((d) => (tDoc.has(d) ? tDoc(d) : d)).join(', ') || '—'}</td>
                <td className="px-3 py-2 text-right tabular-nums">{s.slaHours}</td>
                <td className="px-3 py-2">{s.evidenceFirst ? t('yes') : t('no')}</td>
                <td className="px-3 py-2 text-right whitespace-nowrap">
                  <Link href={`/admin/policies/${s.code}`} className="mr-3 text-brand-700 underline">
                    {t('policy')}
                  </Link>
                  <button type="button" onClick={() => (setMessage(null), setEditing(s))} className="text-brand-700 underline" aria-label={`${t('edit')}: ${serviceName(s)}`}>
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

function ServiceForm({ service, onDone, onCancel }: { service: AdminService | null; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('adminServices');
  const tDoc = useTranslations('docType');
  const trpc = useTRPC();
  const [code, setCode] = useState(service?.code ?? '');
  const [nameId, setNameId] = useState(service?.nameId ?? '');
  const [nameEn, setNameEn] = useState(service?.nameEn ?? '');
  const [requiredDocs, setRequiredDocs] = useState<DocType[]>((service?.requiredDocs ?? []).filter((d): d is DocType => (DOC_TYPES as readonly string[]).includes(d)));
  const [slaHours, setSlaHours] = useState(service?.slaHours ?? 72);
  const [evidenceFirst, setEvidenceFirst] = useState(service?.evidenceFirst ?? false);
  const save = useMutation(trpc.admin.services.save.mutationOptions({ onSuccess: onDone }));
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ code, nameId, nameEn, requiredDocs, slaHours, evidenceFirst, create: !service });
  }
  const title = service ? t('formEdit', { name: service.nameId }) : t('formCreate');
  return (
    <form onSubmit={submit} aria-label={title} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-3">
      <h2 className="font-semibold md:col-span-3">{title}</h2>
      <label className="text-xs font-medium text-slate-700">
        {t('code')}
        <input value={code} onChange={(e) => setCode(e.target.value)} readOnly={Boolean(service)} required pattern="[a-z][a-z0-9\-]{1,39}" className={`${input} font-mono read-only:bg-slate-100`} />
      </label>
      <label className="text-xs font-medium text-slate-700">
        {t('nameId')}
        <input value={nameId} onChange={(e) => setNameId(e.target.value)} required minLength={3} className={input} />
      </label>
      <label className="text-xs font-medium text-slate-700">
        {t('nameEn')}
        <input value={nameEn} onChange={(e) => setNameEn(e.target.value)} required minLength={3} className={input} />
      </label>
      <fieldset className="md:col-span-2">
        <legend className="text-xs font-medium text-slate-700">{t('requiredDocs')}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {DOC_TYPES.map((d) => (
            <label key={d} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={requiredDocs.includes(d)}
                onChange={(e) => setRequiredDocs(e.target.checked ? [...requiredDocs, d] : requiredDocs.filter((x) => x !== d))}
              />
              {tDoc(d)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="text-xs font-medium text-slate-700">
        {t('slaHours')}
        <input type="number" min={1} max={1440} step={1} value={slaHours} onChange={(e) => setSlaHours(Math.round(Number(e.target.value)))} required className={input} />
      </label>
      <div className="md:col-span-3">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={evidenceFirst} onChange={(e) => setEvidenceFirst(e.target.checked)} />
          {t('evidenceFirst')}
        </label>
        <p className="ml-6 text-xs text-slate-600">{t('evidenceFirstHint')}</p>
      </div>
      <div className="flex gap-2 md:col-span-3">
        <button type="submit" disabled={save.isPending} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">
          {t('save')}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
          {t('cancel')}
        </button>
      </div>
      <div className="md:col-span-3">
        <AdminError error={save.error} />
      </div>
    </form>
  );
}
