'use client';
import { useTranslations } from 'next-intl';

type ErrorLike = { message: string; data?: { code?: string; domainCode?: string | null; details?: Record<string, unknown> | null } | null };

/** The error's details that a message may name (`{retryAfterMinutes}`): numbers and short strings only. */
function messageValues(details: Record<string, unknown> | null | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details ?? {})) if (typeof v === 'number' || (typeof v === 'string' && v.length <= 100)) out[k] = v;
  return out;
}

/** Translates a tRPC error into the officer's language: domain code first, then the transport code. */
export function useErrorMessage() {
  const t = useTranslations('errors');
  return (error: ErrorLike | null | undefined): string | null => {
    if (!error) return null;
    const code = error.data?.domainCode ?? error.data?.code ?? 'UNKNOWN';
    return t.has(code) ? t(code, messageValues(error.data?.details)) : t('UNKNOWN');
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
