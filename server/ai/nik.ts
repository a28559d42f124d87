/**
 * NIK (Nomor Induk Kependudukan) and KK number rules, per UU 24/2013 and the
 * Kemendagri layout: PP KK CC (kecamatan code) · DD MM YY (birth date, women
 * add 40 to the day) · SSSS (serial, never 0000). Pure functions: no I/O
 * beyond the cached region list.
 */
import { normalizeKkNumber, normalizeNik } from '@/lib/nik';
import { districtByNikPrefix, type District } from './regions';

export type Sex = 'L' | 'P';

export type NikProblem =
  /** Not exactly 16 digits. */
  | 'format'
  /** The first six digits are not a kecamatan in the Kemendagri list. */
  | 'region_unknown'
  /** DDMMYY is not a calendar date (after removing the +40 for women). */
  | 'birthdate_invalid'
  /** The birth date lies after the reference date. */
  | 'birthdate_future'
  /** Serial 0000 is never issued. */
  | 'serial_zero';

export type ParsedNik = {
  ok: boolean;
  /** The 16 digits after `normalizeNik` (lib/nik.ts), or null when the input is not 16 digits. */
  nik: string | null;
  /** Dotted kecamatan code, e.g. 32.73.01, when the number has 16 digits (even if the code is unknown). */
  districtCode: string | null;
  district: District | null;
  sex: Sex | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  serial: string | null;
  problems: NikProblem[];
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar date in WIB: offices and citizens reason in local dates, not UTC. */
export function jakartaDate(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last;
}

/** Structure, region, birth date and sex of a NIK; the input goes through `normalizeNik` first, like at every entry point. */
export function parseNik(nik: string, now: Date = new Date()): ParsedNik {
  const value = normalizeNik(nik);
  if (value === null) {
    return { ok: false, nik: null, districtCode: null, district: null, sex: null, birthDate: null, serial: null, problems: ['format'] };
  }
  const problems: NikProblem[] = [];
  const districtCode = `${value.slice(0, 2)}.${value.slice(2, 4)}.${value.slice(4, 6)}`;
  const district = districtByNikPrefix(value.slice(0, 6));
  if (!district) problems.push('region_unknown');

  const rawDay = Number(value.slice(6, 8));
  const month = Number(value.slice(8, 10));
  const yy = Number(value.slice(10, 12));
  const sex: Sex = rawDay > 40 ? 'P' : 'L';
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const today = jakartaDate(now);
  // Two digits cannot tell 1925 from 2025: a year above this year's two digits must be last century.
  const currentYy = Number(today.slice(2, 4));
  const century = yy > currentYy ? 1900 : 2000;
  const year = century + yy;
  let birthDate: string | null = null;
  if (isCalendarDate(year, month, day)) {
    birthDate = `${year}-${pad(month)}-${pad(day)}`;
    if (birthDate > today) problems.push('birthdate_future');
  } else {
    problems.push('birthdate_invalid');
  }
  const serial = value.slice(12, 16);
  if (serial === '0000') problems.push('serial_zero');
  return {
    ok: problems.length === 0,
    nik: value,
    districtCode,
    district,
    sex: birthDate ? sex : null,
    birthDate,
    serial,
    problems,
  };
}

/** Keeps the first and last four digits: enough to tell two numbers apart on screen, not enough to misuse. */
export function maskNik(nik: string | null | undefined): string {
  if (!nik) return '';
  if (nik.length <= 8) return '*'.repeat(nik.length);
  return nik.slice(0, 4) + '*'.repeat(nik.length - 8) + nik.slice(-4);
}

export type KkProblem = 'format' | 'region_unknown' | 'serial_zero';
export type ParsedKk = { ok: boolean; kk: string | null; districtCode: string | null; district: District | null; problems: KkProblem[] };

/** A KK number shares the NIK's layout (region, issue date, serial); the region is what can be verified offline. */
export function checkKkNumber(kk: string): ParsedKk {
  const value = normalizeKkNumber(kk);
  if (value === null) return { ok: false, kk: null, districtCode: null, district: null, problems: ['format'] };
  const problems: KkProblem[] = [];
  const districtCode = `${value.slice(0, 2)}.${value.slice(2, 4)}.${value.slice(4, 6)}`;
  const district = districtByNikPrefix(value.slice(0, 6));
  if (!district) problems.push('region_unknown');
  if (value.slice(12) === '0000') problems.push('serial_zero');
  return { ok: problems.length === 0, kk: value, districtCode, district, problems };
}

/** Whole years between a YYYY-MM-DD birth date and a reference instant (WIB date). */
export function ageOn(birthDate: string, on: Date): number {
  const today = jakartaDate(on);
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function digitsOfCode(districtCode: string): string {
  const digits = districtCode.replace(/\./g, '');
  if (!/^\d{6}$/.test(digits)) throw new Error(`District code must have 6 digits, got "${districtCode}"`);
  return digits;
}

/** Builds a NIK (for the demo seed and tests). No validation of the region: broken fixtures need unknown codes too. */
export function makeNik(opts: { districtCode: string; birthDate: string; sex: Sex; serial: number }): string {
  const [y, m, d] = opts.birthDate.split('-').map(Number);
  const day = opts.sex === 'P' ? d + 40 : d;
  return `${digitsOfCode(opts.districtCode)}${pad(day)}${pad(m)}${pad(y % 100)}${pad(opts.serial, 4)}`;
}

/** Builds a KK number: region, issue date (no +40), serial. */
export function makeKkNumber(opts: { districtCode: string; issuedDate: string; serial: number }): string {
  const [y, m, d] = opts.issuedDate.split('-').map(Number);
  return `${digitsOfCode(opts.districtCode)}${pad(d)}${pad(m)}${pad(y % 100)}${pad(opts.serial, 4)}`;
}
