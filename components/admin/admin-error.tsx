'use client';
import { useTranslations } from 'next-intl';
import { ErrorNotice } from '@/components/ui/error-notice';

type ErrorWithDetails = {
  message: string;
  data?: { code?: string; domainCode?: string | null; details?: Record<string, unknown> | null } | null;
};

/** A refused admin action in plain words: the specific reason when the server named one, else the generic message. */
export function AdminError({ error }: { error: ErrorWithDetails | null | undefined }) {
  const t = useTranslations('adminErrors');
  const reason = error?.data?.details?.reason;
  if (typeof reason === 'string' && t.has(reason)) {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {t(reason)}
      </p>
    );
  }
  return <ErrorNotice error={error} />;
}
