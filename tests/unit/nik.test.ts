import { describe, expect, it } from 'vitest';
import { ageOn, checkKkNumber, makeKkNumber, makeNik, maskNik, parseNik } from '@/server/ai/nik';
import { districtByNikPrefix, districtsOfRegency } from '@/server/ai/regions';

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
