/**
 * The one rule for a NIK (or KK number) that a person typed or a channel
 * sent, used by every entry point: the REST intake, the rule checker, the
 * supervisor's citizen-record lookup and the status page.
 *
 * People type the 16 digits in groups ("3273 0145 0690 0001",
 * "3273.0145.0690.0001", "3273-0145-0690-0001") and forms add stray spaces:
 * spaces, dots and dashes are removed, and what remains must be exactly 16
 * ASCII digits. Anything else (letters, an O for a 0, 15 or 17 digits,
 * other characters) is refused, never guessed at. No region or date checks
 * here: those belong to `parseNik` (server/ai/nik.ts), which starts from this.
 * No imports: client components use it too. The zod form is `zNik` (lib/zod-text.ts).
 */

const SEPARATORS = /[\s.-]+/g;
export const SIXTEEN_DIGITS = /^[0-9]{16}$/;
const FOUR_DIGITS = /^[0-9]{4}$/;
/** Longer than any grouped NIK a person would type: refuse before working on it. */
export const NIK_INPUT_MAX = 64;
/** The same rule as an HTML `pattern` (anchored by the browser), for instant feedback in a form. */
export const NIK_INPUT_PATTERN = '[\\s.\\-]*(?:[0-9][\\s.\\-]*){16}';

/** The 16 digits of a NIK or KK number, or null when the input is not one. */
export function normalizeNik(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > NIK_INPUT_MAX) return null;
  const digits = input.replace(SEPARATORS, '');
  return SIXTEEN_DIGITS.test(digits) ? digits : null;
}

/**
 * A KK number follows the same layout and the same typing habits.
 * @alias the same rule under the name the caller means
 */
export const normalizeKkNumber = normalizeNik;

/** The last four NIK digits the status page asks for, under the same rule. */
export function normalizeNikLast4(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 16) return null;
  const digits = input.replace(SEPARATORS, '');
  return FOUR_DIGITS.test(digits) ? digits : null;
}
