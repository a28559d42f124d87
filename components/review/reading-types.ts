import type { ReviewData } from './types';

/** What the document reader found in one attachment, as the review page receives it (personal numbers masked). */
export type Reading = ReviewData['readings'][number];

/** Where something was read: fractions (0..1) of the rendered page, page 0 first. */
export type PageBox = { page: number; x: number; y: number; w: number; h: number };

/** The box the officer asked to see on the document, from the reader panel or a check's evidence. */
export type Highlight = { attachmentId: string; key: string; label: string; box: PageBox };

/** Same bar as the rule checks' FIELD_MIN_CONFIDENCE: below it a field cannot make a check pass. */
export const LOW_READ_CONFIDENCE = 0.7;

export const percent = (x: number) => `${Math.round(x * 100)}%`;

/** A reader field's label: translated when known, else its key made readable. */
export function fieldLabeller(t: { has: (key: string) => boolean; (key: string): string }) {
  return (key: string) => (t.has(`field.${key}`) ? t(`field.${key}`) : key.replaceAll(/[_.]/g, ' '));
}
