/**
 * Text that may reach Postgres. Postgres refuses the NUL character (U+0000)
 * in `text` and `jsonb`, and a refused statement is a 500; so every string
 * input (tRPC procedures, the REST intake) is built from `zString()`, which
 * refuses NUL at the edge with an ordinary validation error. Lone UTF-16
 * surrogates are refused the same way: UTF-8 cannot carry them.
 */
import { z } from 'zod';
import { NIK_INPUT_MAX, normalizeNik, SIXTEEN_DIGITS } from './nik';

export const NO_NUL_MESSAGE = 'must not contain the NUL character (\\u0000)';

export const hasNul = (s: string) => s.includes('\u0000');

export const LONE_SURROGATE_MESSAGE = 'must not contain a lone UTF-16 surrogate (such as \\ud800): it is not a character and cannot be stored as UTF-8';

/**
 * A lone surrogate (`"\ud800"` in JSON) is no character: UTF-8 has no bytes for
 * it, so the driver would store U+FFFD instead, silently altering the text.
 */
export const hasLoneSurrogate = (s: string) => !s.isWellFormed();

/** `z.string()` that refuses NUL and lone surrogates; chain `.trim().min().max()…` as on `z.string()`. */
export const zString = () =>
  z
    .string()
    .refine((s) => !hasNul(s), { error: NO_NUL_MESSAGE })
    .refine((s) => !hasLoneSurrogate(s), { error: LONE_SURROGATE_MESSAGE });

/** A YYYY-MM-DD that is a real calendar date (Postgres refuses 2026-02-30 as a `date`, which would be a 500). */
export const isCalendarDate = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/**
 * Dates and instants the console works with lie in these years. Outside them
 * Postgres refuses some (year 0, years beyond 294276 for timestamps) and the
 * rest only make queries that scan nothing.
 */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 9999;

/** A calendar date written YYYY-MM-DD, in YEAR_MIN–YEAR_MAX. */
export const zIsoDate = (what = 'date') =>
  zString()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${what} must be a date written YYYY-MM-DD` })
    .refine(isCalendarDate, { error: `${what} is not a real calendar date` })
    .refine((v) => v.slice(0, 4) >= String(YEAR_MIN), { error: `${what} must be in ${YEAR_MIN} or later` });

/** An instant (a Date, or anything `new Date()` reads, as `z.coerce.date()` does) in YEAR_MIN–YEAR_MAX. */
export const zInstant = (what = 'date') =>
  z.coerce.date({ error: `${what} must be a date` }).refine((d) => d.getUTCFullYear() >= YEAR_MIN && d.getUTCFullYear() <= YEAR_MAX, {
    error: `${what} must lie between ${YEAR_MIN} and ${YEAR_MAX}`,
  });

/** A NIK or KK number: normalised by `normalizeNik` (lib/nik.ts), refused with "`what` must be 16 digits" otherwise. */
export const zNik = (what = 'nik') =>
  z
    .string()
    .max(NIK_INPUT_MAX, { error: `${what} must be 16 digits` })
    .overwrite((v) => normalizeNik(v) ?? v)
    .regex(SIXTEEN_DIGITS, { error: `${what} must be 16 digits` });
