/**
 * SLA clocks count working hours only: office hours on working days, minus
 * public holidays and cuti bersama (the `holidays` table, admin-managed).
 * All offices here are in WIB (UTC+7, no daylight saving), so a fixed offset is exact.
 */
import { gte } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { env } from '@/lib/env';
import { holidays } from '@/db/schema';

export type OfficeCalendar = {
  /** Minutes after local midnight. */
  openMinute: number;
  closeMinute: number;
  /** 0 = Sunday … 6 = Saturday. */
  workdays: number[];
  /** YYYY-MM-DD local dates with no service. */
  holidays: Set<string>;
  utcOffsetMinutes: number;
};

/** OFFICE_HOURS and OFFICE_DAYS (validated in lib/env.ts) plus the given holidays. */
export function calendarFromEnv(holidayDates: Iterable<string> = []): OfficeCalendar {
  const { openMinute, closeMinute } = env.OFFICE_HOURS;
  return { openMinute, closeMinute, workdays: [...env.OFFICE_DAYS], holidays: new Set(holidayDates), utcOffsetMinutes: 7 * 60 };
}

export async function loadCalendar(db: DbOrTx, from = new Date(Date.now() - 90 * 86400_000)): Promise<OfficeCalendar> {
  const fromDate = from.toISOString().slice(0, 10);
  const rows = await db.select({ date: holidays.date }).from(holidays).where(gte(holidays.date, fromDate));
  return calendarFromEnv(rows.map((r) => r.date));
}

const MINUTE = 60_000;
const DAY_MIN = 24 * 60;

/** The local (office) day of a UTC instant: its date string, weekday and minute of day. */
function localParts(t: number, cal: OfficeCalendar) {
  const local = new Date(t + cal.utcOffsetMinutes * MINUTE);
  return {
    date: local.toISOString().slice(0, 10),
    weekday: local.getUTCDay(),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60,
    midnightUtc: Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - cal.utcOffsetMinutes * MINUTE,
  };
}

const isWorkingDay = (p: { date: string; weekday: number }, cal: OfficeCalendar) => cal.workdays.includes(p.weekday) && !cal.holidays.has(p.date);

/** The instant when `hours` working hours have passed after `start`. */
export function addWorkingHours(start: Date, hours: number, cal: OfficeCalendar): Date {
  let remaining = hours * 60; // minutes
  let t = start.getTime();
  for (let guard = 0; guard < 3660; guard++) {
    const p = localParts(t, cal);
    if (isWorkingDay(p, cal) && p.minute < cal.closeMinute) {
      const from = Math.max(p.minute, cal.openMinute);
      const available = cal.closeMinute - from;
      if (remaining <= available) return new Date(p.midnightUtc + (from + remaining) * MINUTE);
      remaining -= available;
    }
    t = p.midnightUtc + DAY_MIN * MINUTE; // next local midnight
  }
  throw new Error('SLA beyond ten years: check the office calendar');
}

/** Working minutes between two instants (negative when `to` is before `from`). */
export function workingMinutesBetween(from: Date, to: Date, cal: OfficeCalendar): number {
  if (to < from) return -workingMinutesBetween(to, from, cal);
  let total = 0;
  let t = from.getTime();
  const end = to.getTime();
  while (t < end) {
    const p = localParts(t, cal);
    const dayEnd = p.midnightUtc + DAY_MIN * MINUTE;
    if (isWorkingDay(p, cal)) {
      const a = Math.max(p.minute, cal.openMinute);
      const b = Math.min(cal.closeMinute, (Math.min(end, dayEnd) - p.midnightUtc) / MINUTE);
      if (b > a) total += b - a;
    }
    t = dayEnd;
  }
  return Math.round(total);
}
