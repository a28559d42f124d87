'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
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
  // The button that opened the panel is gone while it is open: the focus moves into the panel,
  // and afterwards to the button again (cancel) or to the revealed value, never to the page's start.
  const showRef = useRef<HTMLButtonElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const valueRef = useRef<HTMLSpanElement>(null);
  const [focusTarget, setFocusTarget] = useState<'select' | 'show' | 'value' | null>(null);
  const reveal = useMutation(
    trpc.review.reveal.mutationOptions({
      onSuccess: () => {
        setAsking(false);
        setFocusTarget('value');
      },
    }),
  );
  const value = reveal.data?.value;
  useEffect(() => {
    if (focusTarget) ({ select: selectRef, show: showRef, value: valueRef })[focusTarget].current?.focus();
  }, [focusTarget]);
  return (
    // A block that wraps inside its column: the panel must never spill over the fields beside it.
    <span className="flex min-w-0 max-w-full flex-wrap items-center gap-x-2 gap-y-1">
      <span ref={valueRef} tabIndex={-1} className="font-mono" data-testid={`reveal-${field}`}>
        {value ?? masked}
      </span>
      {value === undefined && !asking && (
        <button
          ref={showRef}
          type="button"
          onClick={() => {
            setAsking(true);
            setFocusTarget('select');
          }}
          className="text-xs text-brand-700 underline"
          aria-label={t('showLabel', { field: label })}
        >
          {t('show')}
        </button>
      )}
      {asking && (
        <span
          role="group"
          aria-label={t('showLabel', { field: label })}
          data-testid="reveal-panel"
          className="flex min-w-0 max-w-full basis-full flex-wrap items-center gap-x-2 gap-y-1 rounded bg-amber-50 px-2 py-1 text-xs ring-1 ring-amber-200"
        >
          <label className="flex min-w-0 max-w-full flex-wrap items-center gap-1">
            {t('why')}
            <select
              ref={selectRef}
              value={reason}
              onChange={(e) => setReason(e.target.value as (typeof REASONS)[number])}
              className="min-w-0 max-w-full rounded border border-slate-300 bg-white"
            >
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`reason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            onClick={() => reveal.mutate({ submissionId, field, reason })}
            className="rounded bg-amber-700 px-2 py-0.5 text-white hover:bg-amber-800"
          >
            {t('confirm')}
          </button>
          <button
            type="button"
            onClick={() => {
              setAsking(false);
              setFocusTarget('show');
            }}
            className="underline"
          >
            {t('cancel')}
          </button>
        </span>
      )}
      {value !== undefined && <span className="text-xs text-amber-800">{t('logged')}</span>}
      <ErrorNotice error={reveal.error} />
    </span>
  );
}
