import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '@/i18n/messages';

function leafKeys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe('message catalogues', () => {
  it('have the same keys in Bahasa Indonesia and English, area by area', () => {
    expect(CATALOGUES.id.length).toBe(CATALOGUES.en.length);
    CATALOGUES.id.forEach((idArea, i) => {
      expect(leafKeys(CATALOGUES.en[i]).sort()).toEqual(leafKeys(idArea).sort());
    });
  });

  it('have no empty texts, and areas do not overwrite each other', () => {
    for (const areas of Object.values(CATALOGUES)) {
      const seen = new Set<string>();
      for (const area of areas) {
        for (const top of Object.keys(area)) {
          expect(seen.has(top), `namespace ${top} defined twice`).toBe(false);
          seen.add(top);
        }
        for (const key of leafKeys(area)) expect(key.length).toBeGreaterThan(0);
        expect(JSON.stringify(area)).not.toMatch(/""/);
      }
    }
  });
});
