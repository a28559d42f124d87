'use client';
import { useLocale, useTranslations } from 'next-intl';

/** Numbers as the admin reads them: thresholds as 0.85 (0,85 in Indonesian), rates as percentages. */
export function usePolicyFormat() {
  const locale = useLocale();
  const tFlags = useTranslations('flags');
  const tp = useTranslations('policy');
  const nf = (opts: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', opts);
  const threshold = (x: number) => nf({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);
  const percent = (x: number | null, digits = 1) =>
    x === null ? '—' : nf({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
  const integer = (x: number) => nf({ maximumFractionDigits: 0 }).format(x);
  const flag = (f: string) => (tFlags.has(f) ? tFlags(f) : f);
  const flags = (list: string[] | null) => (list && list.length ? list.map(flag).join(', ') : tp('none'));
  const cap = (n: number) => (n === 0 ? tp('noCap') : integer(n));
  return { threshold, percent, integer, flag, flags, cap, locale };
}
