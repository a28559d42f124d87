'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { useTRPC } from '@/lib/trpc';
import { ROLES, type Role } from '@/lib/vocabulary';
import { AdminError } from './admin-error';
import { AdminForm, SelectField, TextField, useAdminForm, useRules } from './admin-form';
import { AdminPage } from './admin-page';
import { DataTable, type Column } from './data-table';
import type { AdminUser } from './types';

type Panel = { userId: string; mode: 'edit' | 'reset' | 'active' } | { userId: null; mode: 'create' } | null;

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
/** A random initial password (letters and digits, 14 characters) from the browser's CSPRNG. */
function generatePassword(): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(14));
    const p = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
    if (/\d/.test(p) && /[A-Za-z]/.test(p)) return p;
  }
}
const PASSWORD = /^(?=.*[A-Za-z])(?=.*\d).{10,}$/;

export function UsersAdmin({ actorId }: { actorId: string }) {
  const t = useTranslations('adminUsers');
  const tn = useTranslations('nav');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.users.list.queryOptions());
  const units = useQuery(trpc.admin.units.list.queryOptions());
  const [panel, setPanel] = useState<Panel>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const done = (m: string) => {
    setPanel(null);
    setSaved(m);
    void queryClient.invalidateQueries({ queryKey: trpc.admin.users.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.admin.units.list.queryKey() });
  };
  const open = (p: Panel) => {
    setSaved(null);
    setPanel(p);
  };
  const unitOptions = units.data ?? [];
  const close = () => setPanel(null);
  const columns: Column<AdminUser>[] = [
    {
      id: 'name',
      header: t('name'),
      value: (u) => u.name,
      rowHeader: true,
      cell: (u) => (
        <>
          {u.name} {u.id === actorId && <span className="text-xs font-normal text-slate-600">{t('you')}</span>}
        </>
      ),
    },
    { id: 'email', header: t('email'), value: (u) => u.email, cell: (u) => u.email },
    { id: 'role', header: t('role'), value: (u) => tn(`role.${u.role}`), cell: (u) => tn(`role.${u.role}`) },
    { id: 'unit', header: t('unit'), value: (u) => u.unitName, cell: (u) => u.unitName ?? '—' },
    {
      id: 'status',
      header: t('status'),
      value: (u) => (u.active ? 0 : 1) + (u.locked ? 0.5 : 0),
      cell: (u) => (
        <>
          {u.active ? t('active') : <span className="font-medium text-red-800">{t('inactive')}</span>}
          {u.locked && <span className="block text-xs text-amber-900">{t('locked')}</span>}
        </>
      ),
    },
    {
      id: 'actions',
      header: t('edit'),
      srOnlyHeader: true,
      cell: (u) => (
        <div className="flex justify-end gap-1.5 whitespace-nowrap" role="group" aria-label={t('actionsFor', { name: u.name })}>
          <RowButton onClick={() => open({ userId: u.id, mode: 'edit' })}>{t('edit')}</RowButton>
          <RowButton onClick={() => open({ userId: u.id, mode: 'reset' })}>{t('resetPassword')}</RowButton>
          {u.id !== actorId && <RowButton onClick={() => open({ userId: u.id, mode: 'active' })}>{u.active ? t('deactivate') : t('reactivate')}</RowButton>}
        </div>
      ),
    },
  ];

  return (
    <AdminPage heading={t('heading')} intro={t('intro')} add={{ label: t('add'), onClick: () => open({ userId: null, mode: 'create' }) }} saved={saved}>
      <AdminError error={list.error} />
      {panel?.mode === 'create' && <UserForm units={unitOptions} onDone={() => done(t('created'))} onCancel={close} />}
      <DataTable
        caption={t('heading')}
        columns={columns}
        rows={list.data}
        rowKey={(u) => u.id}
        loading={list.isPending}
        search={t('search')}
        rowClassName={(u) => (u.active ? '' : 'text-slate-600')}
        detail={(u) =>
          panel?.userId === u.id &&
          (panel.mode === 'edit' ? (
            <UserForm user={u} units={unitOptions} onDone={() => done(t('saved'))} onCancel={close} />
          ) : panel.mode === 'reset' ? (
            <ResetPassword user={u} onDone={() => done(t('resetDone'))} onCancel={close} />
          ) : (
            <SetActive user={u} onDone={(n) => done(u.active ? t('deactivated', { n }) : t('reactivated'))} onCancel={close} />
          ))
        }
      />
    </AdminPage>
  );
}

function RowButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" onClick={onClick} className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-brand-700 hover:bg-slate-50">
      {children}
    </button>
  );
}

function GenerateButton({ onClick }: { onClick: () => void }) {
  const t = useTranslations('adminUsers');
  return (
    <button type="button" onClick={onClick} className="rounded-md border border-slate-300 bg-white px-2 text-sm">
      {t('generate')}
    </button>
  );
}

type UserValues = { email: string; name: string; role: Role; unitId: string; password: string };

function UserForm({ user, units, onDone, onCancel }: { user?: AdminUser; units: { id: string; name: string }[]; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('adminUsers');
  const tn = useTranslations('nav');
  const r = useRules();
  const trpc = useTRPC();
  const form = useAdminForm<UserValues>({
    email: user?.email ?? '',
    name: user?.name ?? '',
    role: user?.role ?? 'officer',
    unitId: user?.unitId ?? '',
    password: '',
  });
  const create = useMutation(trpc.admin.users.create.mutationOptions({ onSuccess: onDone }));
  const update = useMutation(trpc.admin.users.update.mutationOptions({ onSuccess: onDone }));
  const isAdmin = form.watch('role') === 'admin';
  function submit({ email, name, role, unitId, password }: UserValues) {
    const unit = role === 'admin' ? null : unitId || null;
    if (user) update.mutate({ userId: user.id, name, role, unitId: unit });
    else create.mutate({ email, name, role, unitId: unit, password });
  }
  const title = user ? t('formEdit', { name: user.name }) : t('formCreate');
  return (
    <AdminForm
      form={form}
      onSubmit={submit}
      title={title}
      submitLabel={user ? t('save') : t('create')}
      onCancel={onCancel}
      saves={[create, update]}
      reasonFields={{ email_taken: 'email', unit_required: 'unitId' }}
    >
      <TextField
        name="email"
        label={t('email')}
        type="email"
        readOnly={Boolean(user)}
        rules={{ required: r.required, pattern: r.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'email') }}
      />
      <TextField name="name" label={t('name')} rules={{ required: r.required, minLength: r.minLength(2) }} />
      <SelectField
        name="role"
        label={t('role')}
        options={ROLES.map((x) => ({ value: x, label: tn(`role.${x}`) }))}
        // An admin belongs to no unit: the unit list is emptied and locked.
        rules={{ onChange: (e: { target: { value: string } }) => e.target.value === 'admin' && form.setValue('unitId', '') }}
      />
      <SelectField
        name="unitId"
        label={t('unit')}
        disabled={isAdmin}
        options={[{ value: '', label: t('noUnit') }, ...units.map((u) => ({ value: u.id, label: u.name }))]}
        rules={{ validate: (v) => form.getValues('role') === 'admin' || Boolean(v) || r.message('required') }}
      />
      {!user && (
        <TextField
          name="password"
          label={t('password')}
          hint={t('passwordHint')}
          span={2}
          mono
          autoComplete="new-password"
          rules={{ required: r.required, pattern: r.pattern(PASSWORD) }}
          after={<GenerateButton onClick={() => form.setValue('password', generatePassword(), { shouldValidate: form.formState.isSubmitted })} />}
        />
      )}
    </AdminForm>
  );
}

function ResetPassword({ user, onDone, onCancel }: { user: AdminUser; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('adminUsers');
  const r = useRules();
  const trpc = useTRPC();
  const form = useAdminForm<{ password: string }>({ password: '' });
  const reset = useMutation(trpc.admin.users.resetPassword.mutationOptions({ onSuccess: onDone }));
  return (
    <AdminForm
      form={form}
      onSubmit={({ password }) => reset.mutate({ userId: user.id, password })}
      label={`${t('resetPassword')}: ${user.name}`}
      columns="inline"
      submitLabel={t('resetPassword')}
      onCancel={onCancel}
      saves={[reset]}
    >
      <TextField
        name="password"
        label={t('newPassword')}
        hint={t('passwordHint')}
        mono
        autoComplete="new-password"
        rules={{ required: r.required, pattern: r.pattern(PASSWORD) }}
        after={<GenerateButton onClick={() => form.setValue('password', generatePassword(), { shouldValidate: form.formState.isSubmitted })} />}
      />
    </AdminForm>
  );
}

function SetActive({ user, onDone, onCancel }: { user: AdminUser; onDone: (released: number) => void; onCancel: () => void }) {
  const t = useTranslations('adminUsers');
  const r = useRules();
  const trpc = useTRPC();
  const form = useAdminForm<{ reason: string }>({ reason: '' });
  const set = useMutation(trpc.admin.users.setActive.mutationOptions({ onSuccess: (res) => onDone(res.released) }));
  const action = user.active ? t('deactivate') : t('reactivate');
  return (
    <AdminForm
      form={form}
      onSubmit={({ reason }) => set.mutate({ userId: user.id, active: !user.active, reason })}
      label={`${action}: ${user.name}`}
      columns="inline"
      submitLabel={action}
      submitTone={user.active ? 'danger' : 'primary'}
      onCancel={onCancel}
      saves={[set]}
    >
      <TextField
        name="reason"
        label={t('reason')}
        className="flex-1"
        rules={{ required: r.required, minLength: r.minLength(5), maxLength: r.maxLength(500) }}
      />
    </AdminForm>
  );
}
