'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ErrorNotice } from '@/components/ui/error-notice';
import { useTRPC } from '@/lib/trpc';
import { AdminForm, CheckboxField, SelectField, TextAreaField, TextField, useAdminForm, useRules } from './admin-form';
import { AdminPage } from './admin-page';
import { DataList } from './data-table';
import { IntakeAdminNav } from './intake-admin-nav';
import type { KbArticle } from './types';

type Article = { id: string; title: string; serviceCode: string | null; body: string; processingTime: string | null; active: boolean };
const EMPTY: Article = { id: '', title: '', serviceCode: null, body: '', processingTime: null, active: true };

/** The drafter's knowledge base: articles admins edit, each change versioned and audited. */
export function KnowledgeBaseAdmin() {
  const t = useTranslations('kbAdmin');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.intake.options.queryOptions());
  const list = useQuery(trpc.intake.kbArticles.queryOptions());
  const [editing, setEditing] = useState<{ article: Article; create: boolean } | null>(null);
  const services = (options.data?.services ?? []).map((s) => ({ value: s.code, label: locale === 'en' ? s.nameEn : s.nameId }));
  const serviceName = (code: string | null) => (code ? (services.find((s) => s.value === code)?.label ?? code) : t('allServices'));
  const done = () => {
    setEditing(null);
    void queryClient.invalidateQueries({ queryKey: trpc.intake.kbArticles.queryKey() });
  };
  const edit = (r: KbArticle) =>
    setEditing({
      article: { id: r.id, title: r.title, serviceCode: r.serviceCode, body: r.body, processingTime: r.processingTime, active: r.active },
      create: false,
    });

  return (
    <AdminPage
      nav={<IntakeAdminNav />}
      heading={t('heading')}
      intro={t('intro')}
      add={{ label: t('add'), onClick: () => setEditing({ article: { ...EMPTY }, create: true }) }}
    >
      <ErrorNotice error={list.error} />
      {editing && (
        <ArticleForm key={editing.create ? 'new' : editing.article.id} {...editing} services={services} onDone={done} onCancel={() => setEditing(null)} />
      )}
      <DataList
        caption={t('heading')}
        rows={list.data}
        rowKey={(r) => r.id}
        loading={list.isPending}
        search
        searchText={(r) => [r.title, r.id, serviceName(r.serviceCode), r.body, r.processingTime]}
        item={(r) => (
          // An inactive article is told by its badge and a grey card, not by fading the text below 4.5:1 contrast.
          <li className={`rounded-lg border border-slate-200 p-3 ${r.active ? 'bg-white' : 'bg-slate-100'}`}>
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
              <button type="button" className="text-sm text-brand-700 underline" aria-label={t('editArticle', { id: r.id })} onClick={() => edit(r)}>
                {t('edit')}
              </button>
            </div>
            <p className="mt-1 line-clamp-3 text-sm text-slate-700">{r.body}</p>
          </li>
        )}
      />
    </AdminPage>
  );
}

type ArticleValues = Omit<Article, 'serviceCode' | 'processingTime'> & { serviceCode: string; processingTime: string };

function ArticleForm({
  article,
  create,
  services,
  onDone,
  onCancel,
}: {
  article: Article;
  create: boolean;
  services: { value: string; label: string }[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('kbAdmin');
  const r = useRules();
  const trpc = useTRPC();
  const form = useAdminForm<ArticleValues>({ ...article, serviceCode: article.serviceCode ?? '', processingTime: article.processingTime ?? '' });
  const save = useMutation(trpc.intake.saveKbArticle.mutationOptions({ onSuccess: onDone }));
  return (
    <AdminForm
      form={form}
      onSubmit={(v) => save.mutate({ ...v, serviceCode: v.serviceCode || null, processingTime: v.processingTime.trim() || null, create })}
      label={t('formLabel')}
      columns={4}
      onCancel={onCancel}
      saves={[save]}
    >
      <TextField
        name="id"
        label={t('id')}
        readOnly={!create}
        mono
        rules={{ required: r.required, pattern: r.pattern(/^[a-z0-9][a-z0-9-]{2,79}$/, 'articleId') }}
      />
      <TextField name="title" label={t('title')} span={2} rules={{ required: r.required, minLength: r.minLength(5) }} />
      <SelectField name="serviceCode" label={t('service')} options={[{ value: '', label: t('allServices') }, ...services]} />
      <TextAreaField name="body" label={t('body')} span={4} rows={8} rules={{ required: r.required, minLength: r.minLength(20) }} />
      <TextField name="processingTime" label={t('processingTime')} />
      <CheckboxField name="active" label={t('active')} />
    </AdminForm>
  );
}
