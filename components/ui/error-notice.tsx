'use client';
import { useTranslations } from 'next-intl';

type ErrorLike = { message: string; data?: { code?: string; domainCode?: string | null } | null };

/** Translates a tRPC error into the officer's language: domain code first, then the transport code. */
export function useErrorMessage() {
  const t = useTranslations('errors');
  return (error: ErrorLike | null | undefined): string | null => {
    if (!error) return null;
    const code = error.data?.domainCode ?? error.data?.code ?? 'UNKNOWN';
    return t.has(code) ? t(code) : t('UNKNOWN');
  };
}

export function ErrorNotice({ error }: { error: ErrorLike | null | undefined }) {
  const message = useErrorMessage()(error);
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}
