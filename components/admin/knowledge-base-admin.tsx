'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useTRPC } from '@/lib/trpc';
import { Field, inputClass, IntakeAdminNav, primaryButton, secondaryButton } from './intake-admin-nav';

type Article = { id: string; title: string; serviceCode: string | null; body: string; processingTime: string | null; active: boolean };
const EMPTY: Article = { id: '', title: '', serviceCode: null, body: '', processingTime: null, active: true };

/** The drafter's knowledge base: articles admins edit, each change versioned and audited. */
export function KnowledgeBaseAdmin() {
  const t = useTranslations('kbAdmin');
  const ta = useTranslations('intakeAdmin');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.intake.options.queryOptions());
  const list = useQuery(trpc.intake.kbArticles.queryOptions());
  const [editing, setEditing] = useState<{ article: Article; create: boolean } | null>(null);
  const save = useMutation(
    trpc.intake.saveKbArticle.mutationOptions({
      onSuccess: () => {
        setEditing(null);
        void queryClient.invalidateQueries({ queryKey: trpc.intake.kbArticles.queryKey() });
      },
    }),
  );
  const serviceName = (code: string | null) => {
    if (!code) return t('allServices');
    const s = options.data?.services.find((x) => x.code === code);
    return s ? (locale === 'en' ? s.nameEn : s.nameId) : code;
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    if (editing) save.mutate({ ...editing.article, processingTime: editing.article.processingTime?.trim() || null, create: editing.create });
  }
  const a = editing?.article;
  const set = (patch: Partial<Article>) => editing && setEditing({ ...editing, article: { ...editing.article, ...patch } });

  return (
    <div className="mx-auto max-w-6xl p-4">
      <IntakeAdminNav />
      <div className="mb-3 flex items-start gap-3">
        <div className="mr-auto">
          <h1 className="text-lg font-semibold">{t('heading')}</h1>
          <p className="max-w-3xl text-sm text-slate-600">{t('intro')}</p>
        </div>
        <button type="button" className={primaryButton} onClick={() => setEditing({ article: { ...EMPTY }, create: true })}>
          {t('add')}
        </button>
      </div>
      <ErrorNotice error={list.error} />
      {a && editing && (
        <form onSubmit={submit} aria-label={t('formLabel')} className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4">
          <Field label={t('id')}>
            <input value={a.id} readOnly={!editing.create} onChange={(e) => set({ id: e.target.value })} required pattern="[a-z0-9][a-z0-9\-]{2,79}" className={`${inputClass} font-mono read-only:bg-slate-100`} />
          </Field>
          <Field label={t('title')} className="md:col-span-2">
            <input value={a.title} onChange={(e) => set({ title: e.target.value })} required minLength={5} className={inputClass} />
          </Field>
          <Field label={t('service')}>
            <select value={a.serviceCode ?? ''} onChange={(e) => set({ serviceCode: e.target.value || null })} className={inputClass}>
              <option value="">{t('allServices')}</option>
              {options.data?.services.map((s) => (
                <option key={s.code} value={s.code}>
                  {locale === 'en' ? s.nameEn : s.nameId}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('body')} className="md:col-span-4">
            <textarea value={a.body} onChange={(e) => set({ body: e.target.value })} required minLength={20} rows={8} className={`${inputClass} leading-relaxed`} />
          </Field>
          <Field label={t('processingTime')}>
            <input value={a.processingTime ?? ''} onChange={(e) => set({ processingTime: e.target.value })} className={inputClass} />
          </Field>
          <label className="flex items-center gap-2 self-end text-sm">
            <input type="checkbox" checked={a.active} onChange={(e) => set({ active: e.target.checked })} />
            {t('active')}
          </label>
          <div className="flex gap-2 md:col-span-4">
            <button type="submit" disabled={save.isPending} className={primaryButton}>
              {ta('save')}
            </button>
            <button type="button" onClick={() => setEditing(null)} className={secondaryButton}>
              {ta('cancel')}
            </button>
          </div>
          <div className="md:col-span-4">
            <ErrorNotice error={save.error} />
          </div>
        </form>
      )}
      <ul className="space-y-2">
        {list.data?.map((r) => (
          // An inactive article is told by its badge and a grey card, not by fading the text below 4.5:1 contrast.
          <li key={r.id} className={`rounded-lg border border-slate-200 p-3 ${r.active ? 'bg-white' : 'bg-slate-100'}`}>
            <div className="flex flex-wrap items-baseline gap-x-3">
              <h2 className="font-medium">{r.title}</h2>
              <span className="font-mono text-xs text-slate-600">{r.id}</span>
              <span className="text-xs text-slate-600">{serviceName(r.serviceCode)}</span>
              {r.processingTime && <span className="text-xs text-slate-600">· {r.processingTime}</span>}
              {!r.active && <span className="rounded bg-slate-200 px-1.5 text-xs">{t('inactive')}</span>}
              <span className="ml-auto text-xs text-slate-600">
                {t('version')} {r.version} · {t('updated')} {format.dateTime(r.updatedAt, { dateStyle: 'medium' })}
                {r.updatedByName ? ` · ${r.updatedByName}` : ''}
              </span>
              <button
                type="button"
                className="text-sm text-brand-700 underline"
                aria-label={t('editArticle', { id: r.id })}
                onClick={() => setEditing({ article: { id: r.id, title: r.title, serviceCode: r.serviceCode, body: r.body, processingTime: r.processingTime, active: r.active }, create: false })}
              >
                {t('edit')}
              </button>
            </div>
            <p className="mt-1 line-clamp-3 text-sm text-slate-700">{r.body}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
