'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { ErrorNotice } from '@/components/ui/error-notice';

const REASONS = ['verify_document', 'contact_citizen', 'match_records', 'citizen_request'] as const;

/** A masked value with a "show" that asks why, reveals for this item only, and is audited on the server. */
export function RevealField({
  submissionId,
  field,
  masked,
  label,
}: {
  submissionId: string;
  field: 'nik' | 'kk' | 'phone' | 'address';
  masked: string;
  label: string;
}) {
  const t = useTranslations('reveal');
  const trpc = useTRPC();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState<(typeof REASONS)[number]>('verify_document');
  const reveal = useMutation(trpc.review.reveal.mutationOptions({ onSuccess: () => setAsking(false) }));
  const value = reveal.data?.value;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="font-mono">{value ?? masked}</span>
      {value === undefined && !asking && (
        <button type="button" onClick={() => setAsking(true)} className="text-xs text-brand-700 underline" aria-label={t('showLabel', { field: label })}>
          {t('show')}
        </button>
      )}
      {asking && (
        <span className="inline-flex items-center gap-1 rounded bg-amber-50 px-2 py-1 text-xs ring-1 ring-amber-200">
          <label>
            {t('why')}{' '}
            <select value={reason} onChange={(e) => setReason(e.target.value as (typeof REASONS)[number])} className="rounded border border-slate-300 bg-white">
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`reason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => reveal.mutate({ submissionId, field, reason })} className="rounded bg-amber-600 px-2 py-0.5 text-white">
            {t('confirm')}
          </button>
          <button type="button" onClick={() => setAsking(false)} className="underline">
            {t('cancel')}
          </button>
        </span>
      )}
      {value !== undefined && <span className="text-xs text-amber-800">{t('logged')}</span>}
      <ErrorNotice error={reveal.error} />
    </span>
  );
}
