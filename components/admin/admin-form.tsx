'use client';
import { useTranslations } from 'next-intl';
import { createContext, useContext, useEffect, useId, type ReactNode } from 'react';
import {
  FormProvider,
  useForm,
  useFormContext,
  type DefaultValues,
  type FieldValues,
  type Path,
  type RegisterOptions,
  type UseFormReturn,
} from 'react-hook-form';
import { AdminError } from './admin-error';
import { fieldErrorsOf, zodMessageKey, type ServerErrorLike } from './form-errors';

/**
 * The admin pages' one form pattern, on react-hook-form. The browser checks
 * only the simple rules the inputs carried as HTML attributes before (required,
 * lengths, patterns) and says what is wrong next to the field; the server's
 * zod schemas stay the one truth, and what they refuse is put on the field it
 * names (see form-errors.ts). No zod in the browser: zod 4 probes
 * `new Function`, which the pages' CSP refuses, and the bundle stays lean.
 */

export const inputClass = 'block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm font-normal aria-invalid:border-red-700';
export const primaryButton = 'rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60';
export const dangerButton = 'rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60';
export const secondaryButton = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm';

/** The rules with their messages in the admin's language. */
export function useRules() {
  const t = useTranslations('adminForm');
  return {
    required: { value: true, message: t('required') },
    minLength: (n: number) => ({ value: n, message: t('minLength', { n }) }),
    maxLength: (n: number) => ({ value: n, message: t('maxLength', { n }) }),
    min: (n: number) => ({ value: n, message: t('min', { n }) }),
    max: (n: number) => ({ value: n, message: t('max', { n }) }),
    pattern: (value: RegExp, message: 'pattern' | 'slug' | 'reasonCode' | 'articleId' | 'email' | 'url' = 'pattern') => ({ value, message: t(message) }),
    message: t,
  };
}

/** A form's state and the server's refusal of its last save, put on the fields it names. */
export function useAdminForm<V extends FieldValues>(defaultValues: DefaultValues<V>) {
  return useForm<V>({ defaultValues, mode: 'onSubmit', reValidateMode: 'onChange' });
}

const FormLayout = createContext<'grid' | 'inline'>('grid');

const GRID = { 2: 'md:grid-cols-2', 3: 'md:grid-cols-3', 4: 'md:grid-cols-4' } as const;
const SPAN = { 1: '', 2: 'md:col-span-2', 3: 'md:col-span-3', 4: 'md:col-span-4' } as const;
export type Span = keyof typeof SPAN;

/** What the form reads of its save: a tRPC mutation (or two, create and update). */
type Save = { isPending: boolean; error: ServerErrorLike | null };

type AdminFormProps<V extends FieldValues> = {
  form: UseFormReturn<V>;
  onSubmit: (values: V) => void;
  /** The visible heading above the fields; also the form's accessible name unless `label` is given. */
  title?: string;
  /** The form's accessible name when it shows no heading. */
  label?: string;
  /** Default: "Save". */
  submitLabel?: string;
  submitTone?: 'primary' | 'danger';
  onCancel: () => void;
  /** The saves: the button waits while one is pending; the last refusal goes on the fields it names, the rest above the buttons. */
  saves: Save[];
  /** Domain refusals (details.reason) that belong to a field, e.g. `{ email_taken: 'email' }`. */
  reasonFields?: Record<string, Path<V>>;
  /** Grid columns from md up; 'inline' lays the fields and buttons in one wrapping row. */
  columns?: 2 | 3 | 4 | 'inline';
  children: ReactNode;
};

export function AdminForm<V extends FieldValues>({
  form,
  onSubmit,
  title,
  label = title,
  submitLabel,
  submitTone = 'primary',
  onCancel,
  saves,
  reasonFields,
  columns = 3,
  children,
}: AdminFormProps<V>) {
  const t = useTranslations('adminForm');
  const tr = useTranslations('adminErrors');
  const pending = saves.some((s) => s.isPending);
  const error = saves.find((s) => s.error)?.error ?? null;
  const fields = Object.keys(form.formState.defaultValues ?? {});
  const onField = fieldErrorsOf(error, fields, reasonFields);
  const { setError } = form;
  // A new refusal from the server: each error that names a field is shown on it (and focused, the first one).
  useEffect(() => {
    onField.forEach((e, i) =>
      setError(
        e.field as Path<V>,
        { type: 'server', message: 'reason' in e ? (tr.has(e.reason) ? tr(e.reason) : t('serverInvalid')) : t(zodMessageKey(e.zodCode)) },
        { shouldFocus: i === 0 },
      ),
    );
    // Only a new error re-applies; the list is derived from it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error, setError]);
  const inline = columns === 'inline';
  const span = inline ? '' : SPAN[columns];
  return (
    <FormProvider {...form}>
      <FormLayout.Provider value={inline ? 'inline' : 'grid'}>
        <form
          onSubmit={form.handleSubmit(onSubmit)}
          noValidate
          aria-label={label}
          className={inline ? 'flex flex-wrap items-end gap-2' : `grid gap-3 rounded-lg border border-slate-200 bg-white p-4 ${GRID[columns]}`}
        >
          {title && <h2 className={`font-semibold ${span}`}>{title}</h2>}
          {children}
          <div className={`flex gap-2 ${span}`}>
            <button type="submit" disabled={pending} className={submitTone === 'danger' ? dangerButton : primaryButton}>
              {submitLabel ?? t('save')}
            </button>
            <button type="button" onClick={onCancel} className={secondaryButton}>
              {t('cancel')}
            </button>
          </div>
          {error && onField.length === 0 && (
            <div className={inline ? 'w-full' : span}>
              <AdminError error={error} />
            </div>
          )}
        </form>
      </FormLayout.Provider>
    </FormProvider>
  );
}

type FieldProps<V extends FieldValues> = {
  name: Path<V>;
  label: string;
  hint?: string;
  rules?: RegisterOptions<V, Path<V>>;
  span?: Span;
  className?: string;
};

/** Label, input, hint and error, tied together: the error is the field's description and marks it invalid. */
function FieldShell<V extends FieldValues>({
  name,
  label,
  hint,
  span = 1,
  className = '',
  children,
}: Omit<FieldProps<V>, 'rules'> & { children: (a11y: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode }) {
  const id = useId();
  const layout = useContext(FormLayout);
  const { formState, getFieldState } = useFormContext<V>();
  const message = getFieldState(name, formState).error?.message;
  const describedBy = [hint && `${id}-hint`, message && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`${layout === 'grid' ? SPAN[span] : 'min-w-64'} ${className}`}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1">{children({ id, 'aria-invalid': Boolean(message), 'aria-describedby': describedBy })}</div>
      {hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {message && (
        <p id={`${id}-error`} className="mt-0.5 text-xs font-medium text-red-800">
          {message}
        </p>
      )}
    </div>
  );
}

export function TextField<V extends FieldValues>({
  type = 'text',
  readOnly,
  mono,
  autoComplete,
  transform,
  after,
  ...props
}: FieldProps<V> & {
  type?: 'text' | 'email' | 'url' | 'number';
  readOnly?: boolean;
  mono?: boolean;
  autoComplete?: string;
  transform?: (v: string) => string;
  after?: ReactNode;
}) {
  const { register } = useFormContext<V>();
  const reg = register(props.name, { ...props.rules, ...(type === 'number' ? { valueAsNumber: true } : {}) } as RegisterOptions<V, Path<V>>);
  return (
    <FieldShell {...props}>
      {(a11y) => (
        <div className={after ? 'flex gap-2' : undefined}>
          <input
            {...a11y}
            {...reg}
            onChange={(e) => {
              if (transform) e.target.value = transform(e.target.value);
              return reg.onChange(e);
            }}
            type={type}
            readOnly={readOnly}
            autoComplete={autoComplete}
            className={`${inputClass} ${mono ? 'font-mono' : ''} read-only:bg-slate-100`}
          />
          {after}
        </div>
      )}
    </FieldShell>
  );
}

export function TextAreaField<V extends FieldValues>({ rows = 4, ...props }: FieldProps<V> & { rows?: number }) {
  const { register } = useFormContext<V>();
  return (
    <FieldShell {...props}>
      {(a11y) => <textarea {...a11y} {...register(props.name, props.rules)} rows={rows} className={`${inputClass} leading-relaxed`} />}
    </FieldShell>
  );
}

export function SelectField<V extends FieldValues>({
  options,
  disabled,
  ...props
}: FieldProps<V> & { options: { value: string; label: string }[]; disabled?: boolean }) {
  const { register } = useFormContext<V>();
  return (
    <FieldShell {...props}>
      {(a11y) => (
        // Disabled through react-hook-form: the value is left out of the checks and the submitted values.
        <select
          {...a11y}
          {...register(props.name, { ...props.rules, ...(disabled === undefined ? {} : { disabled }) } as RegisterOptions<V, Path<V>>)}
          className={inputClass}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** One yes/no, its label beside the box. */
export function CheckboxField<V extends FieldValues>({ name, label, hint, span = 1 }: Omit<FieldProps<V>, 'rules' | 'className'>) {
  const { register } = useFormContext<V>();
  const layout = useContext(FormLayout);
  const id = useId();
  return (
    <div className={`self-end ${layout === 'grid' ? SPAN[span] : ''}`}>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" {...register(name)} aria-describedby={hint ? `${id}-hint` : undefined} />
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="ml-6 text-xs text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}

/** Several yes/no of one list (document types, event types) as a fieldset; the value is the array of those ticked. */
export function CheckboxGroup<V extends FieldValues>({
  name,
  label,
  options,
  span = 1,
}: Omit<FieldProps<V>, 'rules' | 'hint' | 'className'> & { options: { value: string; label: ReactNode }[] }) {
  const { register } = useFormContext<V>();
  const layout = useContext(FormLayout);
  return (
    <fieldset className={layout === 'grid' ? SPAN[span] : ''}>
      <legend className="text-xs font-medium text-slate-700">{label}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1.5">
            <input type="checkbox" value={o.value} {...register(name)} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
