/**
 * Message catalogues, one file per area and language, so each area owns its
 * texts. Every area must exist in both languages with the same keys
 * (tests/unit/i18n.test.ts checks it).
 */
import enCore from '@/messages/en/core.json';
import idCore from '@/messages/id/core.json';
import enOversight from '@/messages/en/oversight.json';
import idOversight from '@/messages/id/oversight.json';
import enAudit from '@/messages/en/audit.json';
import idAudit from '@/messages/id/audit.json';
import enIntake from '@/messages/en/intake.json';
import idIntake from '@/messages/id/intake.json';
import enPolicy from '@/messages/en/policy.json';
import idPolicy from '@/messages/id/policy.json';
import type { Locale } from './locales';

export const CATALOGUES: Record<Locale, Record<string, unknown>[]> = {
  id: [idCore, idOversight, idAudit, idIntake, idPolicy],
  en: [enCore, enOversight, enAudit, enIntake, enPolicy],
};

export function messagesFor(locale: Locale): Record<string, unknown> {
  return Object.assign({}, ...CATALOGUES[locale]);
}
