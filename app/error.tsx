'use client';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';

/**
 * A page that failed to render on the server (most often: the database was
 * away for a moment) says so in the officer's language and offers to try
 * again, instead of Next's English "Application error". Nothing the officer
 * typed is lost: drafts are saved on the server as they type.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors');
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="mx-auto max-w-xl p-8">
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-red-900">
        <h1 className="text-lg font-semibold">{t('pageFailedTitle')}</h1>
        <p className="mt-2 text-sm">{t('pageFailedBody')}</p>
        {error.digest ? <p className="mt-2 text-xs text-red-800">{t('pageFailedReference', { digest: error.digest })}</p> : null}
        <button
          type="button"
          onClick={reset}
          className="mt-4 rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 focus-visible:ring-offset-2"
        >
          {t('tryAgain')}
        </button>
      </div>
    </main>
  );
}
