'use client';
import { useLocale } from 'next-intl';

/** A service's name in the officer's language. */
export function useServiceName() {
  const locale = useLocale();
  return (s: { nameId: string; nameEn: string } | undefined | null) => (s ? (locale === 'en' ? s.nameEn : s.nameId) : '');
}
