import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate, LONE_SURROGATE_MESSAGE, NO_NUL_MESSAGE, zInstant, zIsoDate, zString } from '@/lib/zod-text';

describe('text that may reach Postgres (lib/zod-text.ts)', () => {
  it('zString refuses NUL anywhere and chains like z.string()', () => {
    const name = zString().trim().min(2).max(10);
    expect(name.parse('  Siti ')).toBe('Siti');
    const r = name.safeParse('Si\u0000ti');
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.message)).toContain(NO_NUL_MESSAGE);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        expect(zString().safeParse(s).success).toBe(!s.includes('\u0000') && s.isWellFormed());
      }),
      { seed: 20261114, numRuns: 300 },
    );
  });

  it('zString refuses lone surrogates, which UTF-8 cannot store, and keeps surrogate pairs', () => {
    expect(zString().parse('Catatan 😀 ✓')).toBe('Catatan 😀 ✓');
    for (const bad of ['\ud800', 'a\udfffb', 'emoji setengah \ud83d', '\ude00 di depan', '\ud83d\ud83d\ude00x\ude00']) {
      const r = zString().trim().max(100).safeParse(bad);
      expect(r.success, JSON.stringify(bad)).toBe(false);
      if (!r.success) expect(r.error.issues.map((i) => i.message)).toContain(LONE_SURROGATE_MESSAGE);
    }
    // Any sequence of UTF-16 code units: accepted exactly when it is well-formed (and NUL-free).
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0xd7fe, max: 0xe001 }).map((c) => String.fromCharCode(c)), maxLength: 8 }), (s) => {
        const wellFormed = !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
        expect(zString().safeParse(s).success).toBe(wellFormed);
      }),
      { seed: 20261114, numRuns: 300 },
    );
  });

  it('every string input of the tRPC routers is a zString', () => {
    const dir = path.resolve(import.meta.dirname, '../../server/routers');
    // The routers' own schemas, and the decision inputs they take from the services.
    const files = [
      ...readdirSync(dir)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => path.join(dir, f)),
      path.resolve(import.meta.dirname, '../../server/services/review/decision-input.ts'),
    ];
    const offenders = files.filter((f) => /\bz\s*\.\s*string\s*\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('dates are real calendar dates in years Postgres and the console can use', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    for (const bad of ['0000-01-01', '1899-12-31', '2026-02-30', '2026-1-1', '2026-01-01\u0000']) expect(zIsoDate().safeParse(bad).success, bad).toBe(false);
    expect(zIsoDate().parse('1900-01-01')).toBe('1900-01-01');
    for (const bad of [-8.64e15, 8.64e15, '0000-01-01', '-000001-01-01', '+275760-09-13', 'not a date', Number.NaN])
      expect(zInstant().safeParse(bad).success, String(bad)).toBe(false);
    expect(zInstant().parse('2026-01-01')).toEqual(new Date('2026-01-01'));
  });
});
