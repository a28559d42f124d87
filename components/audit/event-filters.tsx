'use client';
import { useTranslations } from 'next-intl';
import type { FormEvent, ReactNode } from 'react';
import { UntilHydrated } from '@/components/ui/until-hydrated';
import { useActionLabel } from './format';
import type { FilterForm, FilterOptions } from './types';

/** The explorer's filter form: every field labelled, applied on submit (Enter works anywhere). */
export function EventFilters({
  value,
  options,
  role,
  onChange,
  onApply,
  onReset,
}: {
  value: FilterForm;
  options: FilterOptions | undefined;
  role: 'supervisor' | 'admin';
  onChange: (f: FilterForm) => void;
  onApply: () => void;
  onReset: () => void;
}) {
  const t = useTranslations('audit.filters');
  const actionLabel = useActionLabel();
  const set = (k: keyof FilterForm) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply();
  };
  const input = 'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm';
  return (
    <form onSubmit={submit} aria-label={t('heading')} className="grid grid-cols-2 gap-2 md:grid-cols-4 xl:grid-cols-8">
      <UntilHydrated>
        <Field label={t('from')} id="f-from">
          <input id="f-from" type="date" value={value.from} onChange={set('from')} className={input} />
        </Field>
        <Field label={t('to')} id="f-to">
          <input id="f-to" type="date" value={value.to} onChange={set('to')} className={input} />
        </Field>
        <Field label={t('actor')} id="f-actor">
          <select id="f-actor" value={value.actorId} onChange={set('actorId')} className={input}>
            <option value="">{t('anyActor')}</option>
            {options?.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('action')} id="f-action">
          <input
            id="f-action"
            list="f-action-list"
            value={value.action}
            onChange={set('action')}
            placeholder="decision.*"
            aria-describedby="f-action-hint"
            className={`${input} font-mono`}
          />
          <span id="f-action-hint" className="sr-only">
            {t('actionHint')}
          </span>
          <datalist id="f-action-list">
            {[...new Set(options?.actions.map((a) => `${a.split('.')[0]}.*`))].map((family) => (
              <option key={family} value={family} />
            ))}
            {options?.actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </datalist>
        </Field>
        <Field label={t('entityType')} id="f-etype">
          <input id="f-etype" list="f-etype-list" value={value.entityType} onChange={set('entityType')} className={`${input} font-mono`} />
          <datalist id="f-etype-list">
            {options?.entityTypes.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
        </Field>
        <Field label={t('entityId')} id="f-eid">
          <input id="f-eid" value={value.entityId} onChange={set('entityId')} className={`${input} font-mono`} />
        </Field>
        <Field label={t('ticket')} id="f-ticket">
          <input id="f-ticket" value={value.ticket} onChange={set('ticket')} className={`${input} font-mono`} />
        </Field>
        {role === 'admin' ? (
          <Field label={t('unit')} id="f-unit">
            <select id="f-unit" value={value.unitId} onChange={set('unitId')} className={input}>
              <option value="">{t('anyUnit')}</option>
              {options?.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <span aria-hidden="true" className="hidden xl:block" />
        )}
        <div className="col-span-2 flex items-end gap-2 md:col-span-4 xl:col-span-8">
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">
            {t('apply')}
          </button>
          <button type="button" onClick={onReset} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            {t('reset')}
          </button>
        </div>
      </UntilHydrated>
    </form>
  );
}

function Field({ label, id, children }: { label: string; id: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-0.5 block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}
