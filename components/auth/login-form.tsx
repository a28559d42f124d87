'use client';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { throttledSeconds } from '@/lib/sign-in';

export function LoginForm() {
  const t = useTranslations('login');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (!res || res.error) {
      // One message for every failure: it must not reveal whether the email exists.
      // A throttled attempt says how long to wait (keyed by address and email, known or not, so it reveals nothing either).
      const wait = throttledSeconds(res?.error);
      setError(wait === null ? t('failed') : wait < 120 ? t('throttledSeconds', { seconds: wait }) : t('throttledMinutes', { minutes: Math.ceil(wait / 60) }));
      setPending(false);
      return;
    }
    window.location.assign('/');
  }

  return (
    // POST, never GET: a submit before hydration must not put the password in the address bar.
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          {t('email')}
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">
          {t('password')}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending || !hydrated}
        className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? t('signingIn') : t('submit')}
      </button>
    </form>
  );
}
