import { useTranslations } from 'next-intl';

/** Ticket + last 4 NIK digits. A plain form: works without JavaScript. */
export function StatusVerifyForm({
  ticket,
  error,
  retrySeconds,
  action,
}: {
  ticket: string;
  error?: string;
  retrySeconds: number;
  action: (f: FormData) => Promise<void>;
}) {
  const t = useTranslations('statusPage');
  // Short waits in seconds (the back-off starts at a few), long ones in minutes.
  const rateLimited = () =>
    retrySeconds < 120 ? t('rateLimitedSeconds', { seconds: retrySeconds }) : t('rateLimited', { minutes: Math.ceil(retrySeconds / 60) });
  const message = error === 'not_found' ? t('notFound') : error === 'rate_limited' ? rateLimited() : error === 'expired' ? t('sessionExpired') : null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="verify-heading">
      <h1 id="verify-heading" className="text-xl font-semibold">
        {t('verifyHeading', { ticket })}
      </h1>
      <p className="mt-1 text-sm text-slate-700">{t('verifyIntro')}</p>
      {message && (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      )}
      <form action={action} className="mt-4 flex flex-wrap items-end gap-3">
        <input type="hidden" name="ticket" value={ticket} />
        <label className="block text-sm font-medium text-slate-800">
          {t('nikLabel')}
          <input
            name="nik4"
            required
            inputMode="numeric"
            pattern="[0-9]{4}"
            maxLength={4}
            autoComplete="off"
            aria-invalid={error === 'not_found' ? true : undefined}
            className="mt-1 block w-32 rounded border border-slate-400 px-2 py-1.5 font-mono tracking-widest"
          />
        </label>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white">
          {t('verify')}
        </button>
      </form>
      <p className="mt-3 text-xs text-slate-600">{t('privacy')}</p>
    </section>
  );
}
