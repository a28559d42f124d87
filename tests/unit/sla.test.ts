import { describe, expect, it } from 'vitest';
import { addWorkingHours, calendarFromEnv, workingMinutesBetween } from '@/server/services/review/sla';

// Times in WIB (UTC+7) written as ISO with offset.
const wib = (s: string) => new Date(`${s}+07:00`);
const cal = calendarFromEnv(['2026-12-25', '2027-01-01']);

describe('SLA in working hours (08:00–16:00 WIB, Mon–Fri, holidays off)', () => {
  it('counts within one working day', () => {
    expect(addWorkingHours(wib('2026-11-23T09:00:00'), 3, cal)).toEqual(wib('2026-11-23T12:00:00'));
  });

  it('carries over the night: 8 working hours from Monday 14:00 ends Tuesday 14:00', () => {
    expect(addWorkingHours(wib('2026-11-23T14:00:00'), 8, cal)).toEqual(wib('2026-11-24T14:00:00'));
  });

  it('starts the clock at opening time for a request sent at night', () => {
    expect(addWorkingHours(wib('2026-11-23T22:30:00'), 1, cal)).toEqual(wib('2026-11-24T09:00:00'));
  });

  it('skips the weekend', () => {
    expect(addWorkingHours(wib('2026-11-27T15:00:00'), 2, cal)).toEqual(wib('2026-11-30T09:00:00'));
  });

  it('skips public holidays: Christmas Friday and the weekend after it', () => {
    // Thu 24 Dec 15:00 + 2h: one hour on Thursday, Friday is Natal, resume Monday 28 Dec.
    expect(addWorkingHours(wib('2026-12-24T15:00:00'), 2, cal)).toEqual(wib('2026-12-28T09:00:00'));
  });

  it('a 72-hour SLA is nine working days', () => {
    expect(addWorkingHours(wib('2026-11-23T08:00:00'), 72, cal)).toEqual(wib('2026-12-03T16:00:00'));
  });

  it('measures working minutes between two instants, in both directions', () => {
    expect(workingMinutesBetween(wib('2026-11-27T15:00:00'), wib('2026-11-30T09:00:00'), cal)).toBe(120);
    expect(workingMinutesBetween(wib('2026-11-30T09:00:00'), wib('2026-11-27T15:00:00'), cal)).toBe(-120);
  });

  it('refuses a malformed OFFICE_HOURS', () => {
    process.env.OFFICE_HOURS = '16:00-08:00';
    try {
      expect(() => calendarFromEnv()).toThrow('OFFICE_HOURS must be opening and closing time like 08:00-16:00, closing after opening, got "16:00-08:00"');
    } finally {
      delete process.env.OFFICE_HOURS;
    }
  });
});
