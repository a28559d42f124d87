import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate, NO_NUL_MESSAGE, zInstant, zIsoDate, zString } from '@/lib/zod-text';

describe('text that may reach Postgres (lib/zod-text.ts)', () => {
  it('zString refuses NUL anywhere and chains like z.string()', () => {
    const name = zString().trim().min(2).max(10);
    expect(name.parse('  Siti ')).toBe('Siti');
    const r = name.safeParse('Si\u0000ti');
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.message)).toContain(NO_NUL_MESSAGE);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        expect(zString().safeParse(s).success).toBe(!s.includes('\u0000'));
      }),
      { seed: 20261114, numRuns: 300 },
    );
  });

  it('every string input of the tRPC routers is a zString', () => {
    const dir = path.resolve(import.meta.dirname, '../../server/routers');
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /\bz\s*\.\s*string\s*\(/.test(readFileSync(path.join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('dates are real calendar dates in years Postgres and the console can use', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    for (const bad of ['0000-01-01', '1899-12-31', '2026-02-30', '2026-1-1', '2026-01-01\u0000']) expect(zIsoDate().safeParse(bad).success, bad).toBe(false);
    expect(zIsoDate().parse('1900-01-01')).toBe('1900-01-01');
    for (const bad of [-8.64e15, 8.64e15, '0000-01-01', '-000001-01-01', '+275760-09-13', 'not a date', Number.NaN]) expect(zInstant().safeParse(bad).success, String(bad)).toBe(false);
    expect(zInstant().parse('2026-01-01')).toEqual(new Date('2026-01-01'));
  });
});
