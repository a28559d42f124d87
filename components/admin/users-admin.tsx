'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { useTRPC } from '@/lib/trpc';
import { AdminError } from './admin-error';
import type { AdminUser } from './types';

type Role = 'officer' | 'supervisor' | 'admin';
const ROLES: Role[] = ['officer', 'supervisor', 'admin'];
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

const input = 'mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm font-normal';

export function UsersAdmin({ actorId }: { actorId: string }) {
  const t = useTranslations('adminUsers');
  const tn = useTranslations('nav');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.users.list.queryOptions());
  const units = useQuery(trpc.admin.units.list.queryOptions());
  const [panel, setPanel] = useState<Panel>(null);
  const [search, setSearch] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const done = (m: string) => {
    setPanel(null);
    setMessage(m);
    void queryClient.invalidateQueries({ queryKey: trpc.admin.users.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.admin.units.list.queryKey() });
  };
  const open = (p: Panel) => {
    setMessage(null);
    setPanel(p);
  };
  const needle = search.trim().toLowerCase();
  const rows = (list.data ?? []).filter((u) => !needle || u.name.toLowerCase().includes(needle) || u.email.includes(needle));
  const unitOptions = units.data ?? [];

  return (
    <div className="mx-auto max-w-6xl space-y-3 p-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="mr-auto">
          <h1 className="text-lg font-semibold">{t('heading')}</h1>
          <p className="max-w-3xl text-sm text-slate-600">{t('intro')}</p>
        </div>
        <label className="text-xs font-medium text-slate-700">
          {t('search')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} className={input} />
        </label>
        <button type="button" onClick={() => open({ userId: null, mode: 'create' })} className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white">
          {t('add')}
        </button>
      </div>
      {message && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {message}
        </p>
      )}
      <AdminError error={list.error} />
      {panel?.mode === 'create' && <UserForm units={unitOptions} onDone={() => done(t('created'))} onCancel={() => setPanel(null)} />}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('heading')}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t('name')}</th>
              <th scope="col" className="px-3 py-2">{t('email')}</th>
              <th scope="col" className="px-3 py-2">{t('role')}</th>
              <th scope="col" className="px-3 py-2">{t('unit')}</th>
              <th scope="col" className="px-3 py-2">{t('status')}</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">{t('edit')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <Fragment key={u.id}>
                <tr className={`border-t border-slate-100 ${u.active ? '' : 'text-slate-600'}`}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {u.name} {u.id === actorId && <span className="text-xs font-normal text-slate-600">{t('you')}</span>}
                  </th>
                  <td className="px-3 py-2">{u.email}</td>
                  <td className="px-3 py-2">{tn(`role.${u.role}`)}</td>
                  <td className="px-3 py-2">{u.unitName ?? '—'}</td>
                  <td className="px-3 py-2">
                    {u.active ? t('active') : <span className="font-medium text-red-800">{t('inactive')}</span>}
                    {u.locked && <span className="block text-xs text-amber-900">{t('locked')}</span>}
                  </td>
                  <td className="px-3 py-2">
                    <div className="flex justify-end gap-1.5 whitespace-nowrap" role="group" aria-label={t('actionsFor', { name: u.name })}>
                      <RowButton onClick={() => open({ userId: u.id, mode: 'edit' })}>{t('edit')}</RowButton>
                      <RowButton onClick={() => open({ userId: u.id, mode: 'reset' })}>{t('resetPassword')}</RowButton>
                      {u.id !== actorId && <RowButton onClick={() => open({ userId: u.id, mode: 'active' })}>{u.active ? t('deactivate') : t('reactivate')}</RowButton>}
                    </div>
                  </td>
                </tr>
                {panel && panel.userId === u.id && (
                  <tr className="bg-slate-50">
                    <td colSpan={6} className="px-3 py-3">
                      {panel.mode === 'edit' && <UserForm user={u} units={unitOptions} onDone={() => done(t('saved'))} onCancel={() => setPanel(null)} />}
                      {panel.mode === 'reset' && <ResetPassword user={u} onDone={() => done(t('resetDone'))} onCancel={() => setPanel(null)} />}
                      {panel.mode === 'active' && (
                        <SetActive user={u} onDone={(n) => done(u.active ? t('deactivated', { n }) : t('reactivated'))} onCancel={() => setPanel(null)} />
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function RowButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" onClick={onClick} className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-brand-700 hover:bg-slate-50">
      {children}
    </button>
  );
}

function UserForm({ user, units, onDone, onCancel }: { user?: AdminUser; units: { id: string; name: string }[]; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('adminUsers');
  const tn = useTranslations('nav');
  const trpc = useTRPC();
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'officer');
  const [unitId, setUnitId] = useState<string>(user?.unitId ?? '');
  const [password, setPassword] = useState('');
  const create = useMutation(trpc.admin.users.create.mutationOptions({ onSuccess: onDone }));
  const update = useMutation(trpc.admin.users.update.mutationOptions({ onSuccess: onDone }));
  const pending = create.isPending || update.isPending;
  function submit(e: FormEvent) {
    e.preventDefault();
    const unit = role === 'admin' ? null : unitId || null;
    if (user) update.mutate({ userId: user.id, name, role, unitId: unit });
    else create.mutate({ email, name, role, unitId: unit, password });
  }
  return (
    <form onSubmit={submit} aria-label={user ? t('formEdit', { name: user.name }) : t('formCreate')} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-3">
      <h2 className="font-semibold md:col-span-3">{user ? t('formEdit', { name: user.name }) : t('formCreate')}</h2>
      <label className="text-xs font-medium text-slate-700">
        {t('email')}
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required readOnly={Boolean(user)} className={`${input} read-only:bg-slate-100`} />
      </label>
      <label className="text-xs font-medium text-slate-700">
        {t('name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required minLength={2} className={input} />
      </label>
      <label className="text-xs font-medium text-slate-700">
        {t('role')}
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} className={input}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {tn(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-700">
        {t('unit')}
        <select value={role === 'admin' ? '' : unitId} onChange={(e) => setUnitId(e.target.value)} disabled={role === 'admin'} required={role !== 'admin'} className={input}>
          <option value="">{t('noUnit')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      {!user && (
        <div className="md:col-span-2">
          <label htmlFor="new-user-password" className="text-xs font-medium text-slate-700">
            {t('password')}
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="new-user-password"
              type="text"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              minLength={10}
              pattern="(?=.*[A-Za-z])(?=.*\d).{10,}"
              className="block w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm"
              aria-describedby="new-user-password-hint"
            />
            <button type="button" onClick={() => setPassword(generatePassword())} className="rounded-md border border-slate-300 px-2 text-sm">
              {t('generate')}
            </button>
          </div>
          <p id="new-user-password-hint" className="mt-0.5 text-xs text-slate-600">
            {t('passwordHint')}
          </p>
        </div>
      )}
      <div className="flex gap-2 md:col-span-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">
          {user ? t('save') : t('create')}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
          {t('cancel')}
        </button>
      </div>
      <div className="md:col-span-3">
        <AdminError error={create.error ?? update.error} />
      </div>
    </form>
  );
}

function ResetPassword({ user, onDone, onCancel }: { user: AdminUser; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('adminUsers');
  const trpc = useTRPC();
  const [password, setPassword] = useState('');
  const reset = useMutation(trpc.admin.users.resetPassword.mutationOptions({ onSuccess: onDone }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        reset.mutate({ userId: user.id, password });
      }}
      aria-label={`${t('resetPassword')}: ${user.name}`}
      className="flex flex-wrap items-end gap-2"
    >
      <label className="text-xs font-medium text-slate-700">
        {t('newPassword')}
        <input
          type="text"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          minLength={10}
          pattern="(?=.*[A-Za-z])(?=.*\d).{10,}"
          className={`${input} w-64 font-mono`}
        />
      </label>
      <button type="button" onClick={() => setPassword(generatePassword())} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
        {t('generate')}
      </button>
      <button type="submit" disabled={reset.isPending} className="rounded-md bg-brand-700 px-3 py-1 text-sm font-medium text-white">
        {t('resetPassword')}
      </button>
      <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm">
        {t('cancel')}
      </button>
      <p className="w-full text-xs text-slate-600">{t('passwordHint')}</p>
      <AdminError error={reset.error} />
    </form>
  );
}

function SetActive({ user, onDone, onCancel }: { user: AdminUser; onDone: (released: number) => void; onCancel: () => void }) {
  const t = useTranslations('adminUsers');
  const trpc = useTRPC();
  const [reason, setReason] = useState('');
  const set = useMutation(trpc.admin.users.setActive.mutationOptions({ onSuccess: (r) => onDone(r.released) }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        set.mutate({ userId: user.id, active: !user.active, reason });
      }}
      aria-label={`${user.active ? t('deactivate') : t('reactivate')}: ${user.name}`}
      className="flex flex-wrap items-end gap-2"
    >
      <label className="min-w-72 flex-1 text-xs font-medium text-slate-700">
        {t('reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} maxLength={500} className={input} />
      </label>
      <button type="submit" disabled={set.isPending} className={`rounded-md px-3 py-1 text-sm font-medium text-white ${user.active ? 'bg-red-700' : 'bg-brand-700'}`}>
        {user.active ? t('deactivate') : t('reactivate')}
      </button>
      <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm">
        {t('cancel')}
      </button>
      <div className="w-full">
        <AdminError error={set.error} />
      </div>
    </form>
  );
}
