import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NIK_INPUT_PATTERN, normalizeNik, normalizeNikLast4 } from '@/lib/nik';
import { ageOn, checkKkNumber, makeKkNumber, makeNik, maskNik, parseNik } from '@/server/ai/nik';
import { districtByNikPrefix, districtsOfRegency } from '@/server/ai/regions';
import { ZSubmissionRequest } from '@/server/services/intake/schema';
import { EXAMPLE_SUBMISSION } from '@/server/services/intake/openapi';

const NOW = new Date('2026-03-15T05:00:00Z');

describe('region codes from idn-area-data', () => {
  it('names the kecamatan of a NIK prefix, dotted or not', () => {
    expect(districtByNikPrefix('327301')).toMatchObject({ code: '32.73.01', name: 'Sukasari', regencyName: 'Kota Bandung', provinceName: 'Jawa Barat' });
    expect(districtByNikPrefix('34.04.07')).toMatchObject({ name: 'Depok', regencyName: 'Kabupaten Sleman', provinceName: 'DI Yogyakarta' });
    expect(districtByNikPrefix('327399')).toBeNull();
  });

  it('lists the kecamatan of a kota', () => {
    const bandung = districtsOfRegency('32.73');
    expect(bandung).toHaveLength(30);
    expect(bandung.map((d) => d.name)).toContain('Coblong');
    expect(districtsOfRegency('99.99')).toEqual([]);
  });
});

describe('parseNik', () => {
  it('accepts a man born 5 June 1990 in Kec. Sukasari, Kota Bandung', () => {
    const p = parseNik('3273010506900001', NOW);
    expect(p).toMatchObject({ ok: true, districtCode: '32.73.01', sex: 'L', birthDate: '1990-06-05', serial: '0001', problems: [] });
    expect(p.district?.name).toBe('Sukasari');
  });

  it('reads a day above 40 as a woman: 45 → the 5th', () => {
    const p = parseNik('3273014506900001', NOW);
    expect(p.ok).toBe(true);
    expect(p.sex).toBe('P');
    expect(p.birthDate).toBe('1990-06-05');
  });

  it('puts a two-digit year above this year in the 1900s and the rest in the 2000s', () => {
    expect(parseNik('3273010506300001', NOW).birthDate).toBe('1930-06-05');
    expect(parseNik('3273010506090001', NOW).birthDate).toBe('2009-06-05');
  });

  it('refuses dates that do not exist: 31 February, day 35, month 13', () => {
    expect(parseNik('3273013102900001', NOW).problems).toContain('birthdate_invalid');
    expect(parseNik('3273013506900001', NOW).problems).toContain('birthdate_invalid');
    expect(parseNik('3273010513900001', NOW).problems).toContain('birthdate_invalid');
    // 29 February exists only in leap years (2000 yes, 1900 excluded by the century rule, 2001 no).
    expect(parseNik('3273012902000001', NOW).ok).toBe(true);
    expect(parseNik('3273012902010001', NOW).problems).toContain('birthdate_invalid');
  });

  it('refuses a birth date after the reference date', () => {
    const p = parseNik('3273011004260001', NOW); // 10 April 2026, after 15 March 2026
    expect(p.problems).toEqual(['birthdate_future']);
  });

  it('refuses an unknown kecamatan code and serial 0000', () => {
    expect(parseNik('3273990506900001', NOW).problems).toEqual(['region_unknown']);
    expect(parseNik('3273010506900000', NOW).problems).toEqual(['serial_zero']);
  });

  it('refuses anything but 16 digits', () => {
    expect(parseNik('327301050690001', NOW)).toMatchObject({ ok: false, problems: ['format'] });
    expect(parseNik('32730105069000a1', NOW).problems).toEqual(['format']);
  });
});

describe('makeNik / makeKkNumber', () => {
  it('round-trips through parseNik, with +40 for women', () => {
    const nik = makeNik({ districtCode: '32.73.01', birthDate: '1998-11-23', sex: 'P', serial: 42 });
    expect(nik).toBe('3273016311980042');
    expect(parseNik(nik, NOW)).toMatchObject({ ok: true, sex: 'P', birthDate: '1998-11-23' });
  });

  it('builds KK numbers that pass the KK check', () => {
    const kk = makeKkNumber({ districtCode: '35.78.08', issuedDate: '2019-02-01', serial: 7 });
    expect(kk).toBe('3578080102190007');
    expect(checkKkNumber(kk)).toMatchObject({ ok: true, districtCode: '35.78.08' });
    expect(checkKkNumber('3578990102190007').problems).toEqual(['region_unknown']);
    expect(checkKkNumber('35780801021900').problems).toEqual(['format']);
  });
});

describe('maskNik and ageOn', () => {
  it('keeps the first and last four digits only', () => {
    expect(maskNik('3273014506900001')).toBe('3273********0001');
    expect(maskNik('3273014506900001')).toHaveLength(16);
    expect(maskNik('1234')).toBe('****');
    expect(maskNik(null)).toBe('');
  });

  it('counts whole years in WIB', () => {
    expect(ageOn('2009-03-15', NOW)).toBe(17);
    expect(ageOn('2009-03-16', NOW)).toBe(16);
  });
});

/** What the REST intake makes of a NIK: the stored value, or null when it refuses it. */
function intakeNik(nik: unknown): string | null {
  const r = ZSubmissionRequest.safeParse({ ...EXAMPLE_SUBMISSION, citizen: { ...EXAMPLE_SUBMISSION.citizen, nik } });
  return r.success ? r.data.citizen.nik : null;
}

describe('one NIK rule for every entry point (lib/nik.ts)', () => {
  const NIK = '9304181501900001';

  it('removes spaces, dots and dashes people type between digit groups, then wants exactly 16 digits', () => {
    for (const typed of [NIK, ` ${NIK}`, `${NIK} `, '9304 1815 0190 0001', '9304.1815.0190.0001', '9304-1815-0190-0001', '930418 150190 0001', `\t${NIK}\n`]) {
      expect(normalizeNik(typed), JSON.stringify(typed)).toBe(NIK);
    }
    for (const bad of [
      '930418150190000',
      '93041815019000011',
      '93041815O1900001',
      '9304_1815_0190_0001',
      '９３０４１８１５０１９０００01',
      `${NIK}\u0000`,
      '+9304181501900001',
      '',
      ' ',
      123 as unknown as string,
    ]) {
      expect(normalizeNik(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(normalizeNikLast4(' 0001')).toBe('0001');
    expect(normalizeNikLast4('00 01')).toBe('0001');
    expect(normalizeNikLast4('001')).toBeNull();
    expect(normalizeNikLast4('0O01')).toBeNull();
  });

  it('the checker and the API agree on " 9304181501900001": both take it, as the same 16 digits', () => {
    const typed = ` ${NIK}`;
    expect(parseNik(typed, NOW)).toMatchObject({ ok: true, nik: NIK });
    expect(intakeNik(typed)).toBe(NIK);
    expect(checkKkNumber(' 3578080102190007')).toMatchObject({ ok: true, kk: '3578080102190007' });
  });

  it('property: for any input, the intake, the checker, the KK check and the form pattern accept exactly what normalizeNik accepts, as its digits', () => {
    const grouped = fc
      .tuple(
        fc.array(fc.constantFrom(...'0123456789'), { minLength: 14, maxLength: 18 }),
        fc.array(fc.constantFrom(' ', '.', '-', '', '', '', 'O', '/', '\u0000', '\u00a0'), { minLength: 14, maxLength: 18 }),
      )
      .map(([digits, seps]) => digits.map((d, i) => `${seps[i] ?? ''}${d}`).join(''));
    fc.assert(
      fc.property(fc.oneof(grouped, fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 })), (typed) => {
        const n = normalizeNik(typed);
        expect(intakeNik(typed)).toBe(n);
        const parsed = parseNik(typed, NOW);
        expect(parsed.nik).toBe(n);
        expect(parsed.problems.includes('format')).toBe(n === null);
        expect(checkKkNumber(typed).kk).toBe(n);
        // The form's HTML pattern (anchored, unicode-sets mode as browsers compile it) says the same.
        expect(new RegExp(`^(?:${NIK_INPUT_PATTERN})$`, 'v').test(typed)).toBe(n !== null);
      }),
      { seed: 20261114, numRuns: 500 },
    );
  });

  it('no other source file has a 16-digit rule of its own', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    // The OCR reader parses machine output (a QR payload, repaired digit runs), not a NIK a person typed.
    const allowed = new Set(['lib/nik.ts', 'server/ai/reading/extract.ts']);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(path.join(root, dir))) {
        const rel = path.join(dir, name);
        if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
        else if (/\.(ts|tsx)$/.test(name) && !allowed.has(rel) && /\\d\{16\}|\[0-9\]\{16\}/.test(readFileSync(path.join(root, rel), 'utf8')))
          offenders.push(rel);
      }
    };
    for (const dir of ['app', 'server', 'components', 'lib']) walk(dir);
    expect(offenders).toEqual([]);
  });
});
