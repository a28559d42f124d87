'use client';
import { useTranslations } from 'next-intl';
import { toFilterInput } from './filter-input';
import type { FilterForm } from './types';

export function exportHref(f: FilterForm, format: 'csv' | 'jsonl'): string {
  const params = new URLSearchParams({ kind: 'events', format });
  for (const [k, v] of Object.entries(toFilterInput(f))) {
    if (v !== undefined) params.set(k, v instanceof Date ? v.toISOString() : v);
  }
  return `/api/audit/export?${params.toString()}`;
}

/** "Security", "Unit Disdukcapil Kota Bandung", or the raw name of another stream. */
export function useStreamLabel() {
  const t = useTranslations('audit.stream');
  return (stream: string, unitName: string | null | undefined) => {
    if (stream === 'security') return t('security');
    if (stream.startsWith('unit:')) return t('unit', { name: unitName ?? stream.slice(5, 13) });
    return t('other', { stream });
  };
}

/** A translated label for an action code, or the code itself for actions the catalogue does not know yet. */
export function useActionLabel() {
  const t = useTranslations('audit.actions');
  return (action: string) => (t.has(action) ? t(action) : action);
}
