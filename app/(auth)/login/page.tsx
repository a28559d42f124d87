import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { LanguageSwitch } from '@/components/layout/language-switch';
import { getActor } from '@/server/auth';
import { HOME_BY_ROLE } from '@/server/page-guards';

export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  const actor = await getActor();
  if (actor) redirect(HOME_BY_ROLE[actor.role]);
  const t = await getTranslations('login');
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="mb-4 flex items-start justify-between gap-2">
          <div>
            <h1 className="text-xl font-semibold text-slate-900">{t('heading')}</h1>
            <p className="mt-1 text-sm text-slate-600">{t('subheading')}</p>
          </div>
          <LanguageSwitch />
        </div>
        <LoginForm />
      </div>
    </main>
  );
}
