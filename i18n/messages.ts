/**
 * Message catalogues, one file per area and language, so each area owns its
 * texts. Every area must exist in both languages with the same keys
 * (tests/unit/i18n.test.ts checks it).
 */
import enCore from '@/messages/en/core.json';
import idCore from '@/messages/id/core.json';
import type { Locale } from './locales';

export const CATALOGUES: Record<Locale, Record<string, unknown>[]> = {
  id: [idCore],
  en: [enCore],
};

export function messagesFor(locale: Locale): Record<string, unknown> {
  return Object.assign({}, ...CATALOGUES[locale]);
}
