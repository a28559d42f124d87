'use client';
import { useTranslations } from 'next-intl';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { Rate } from './types';

export const pct = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`);

/** A rate as "12.5%", with its Wilson interval and counts in the title for the curious. */
export function RateCell({ rate, withCi = true }: { rate: Rate; withCi?: boolean }) {
  const t = useTranslations('oversight.common');
  if (rate.p === null) return <span className="text-slate-600">—</span>;
  const full = t('rateWithCi', { rate: pct(rate.p), lo: pct(rate.lo), hi: pct(rate.hi) });
  return (
    <span title={`${rate.k}/${rate.n} · ${full}`}>
      {pct(rate.p)}
      {withCi && (
        <span className="ml-1 text-xs text-slate-600">
          ({pct(rate.lo, 0)}–{pct(rate.hi, 0)})
        </span>
      )}
    </span>
  );
}

/** Durations as officers think of them: seconds, minutes, hours. */
export function useDuration() {
  const t = useTranslations('oversight.common');
  return (ms: number | null | undefined): string => {
    if (ms === null || ms === undefined) return '—';
    const s = ms / 1000;
    if (s < 90) return t('seconds', { n: Math.round(s) });
    if (s < 90 * 60) return t('minutes', { n: Math.round(s / 60) });
    if (s < 48 * 3600) return t('hours', { n: Math.round(s / 3600) });
    return t('days', { n: Math.round(s / 86400) });
  };
}

export function UnitPicker({
  units,
  value,
  onChange,
}: {
  units: { id: string; name: string }[];
  value: string | null;
  onChange: (unitId: string | null) => void;
}) {
  const t = useTranslations('oversight.common');
  // Disabled until hydrated: the prefetched page paints before the picker works (components/ui/use-hydrated.ts).
  const hydrated = useHydrated();
  // A supervisor has one unit: nothing to pick.
  if (units.length <= 1) return null;
  return (
    <label className="flex flex-col text-xs font-medium text-slate-700">
      {t('unit')}
      <select
        value={value ?? ''}
        disabled={!hydrated}
        onChange={(e) => onChange(e.target.value || null)}
        className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900"
      >
        <option value="">{t('allUnits')}</option>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex flex-col text-xs font-medium text-slate-700">
      {label}
      <span className="mt-1 flex">{children}</span>
    </label>
  );
}

export const inputClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900';
