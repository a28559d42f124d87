'use client';
import { useTranslations } from 'next-intl';
import type { FilterForm } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
// The console keeps office time (Asia/Jakarta, UTC+7) for dates typed into filters.
const startOfDay = (d: string) => new Date(`${d}T00:00:00+07:00`);

/** The form as the audit.events filter: dates become instants, empty fields disappear. */
export function toFilterInput(f: FilterForm) {
  return {
    from: f.from ? startOfDay(f.from) : undefined,
    to: f.to ? new Date(startOfDay(f.to).getTime() + DAY_MS) : undefined,
    actorId: f.actorId || undefined,
    action: f.action.trim() || undefined,
    entityType: f.entityType || undefined,
    entityId: f.entityId.trim() || undefined,
    ticket: f.ticket.trim() || undefined,
    unitId: f.unitId || undefined,
  };
}

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
