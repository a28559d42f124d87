/**
 * Which field a refused admin save belongs to. The server's zod schemas and
 * services stay the one truth about valid input (the browser only repeats the
 * simple rules, as the HTML attributes did before): when the server refuses,
 * its answer is put next to the field it is about, and only what names no
 * field is shown above the buttons.
 */

/** The part of a tRPC error the forms read (server/trpc.ts errorFormatter). */
export type ServerErrorLike = {
  message: string;
  data?: {
    code?: string;
    domainCode?: string | null;
    details?: Record<string, unknown> | null;
    zod?: { path: PropertyKey[]; code: string }[] | null;
  } | null;
};

/** A field's server error: a domain reason (translated in adminErrors) or a zod issue code. */
export type FieldError = { field: string; reason: string } | { field: string; zodCode: string };

/**
 * The errors of `error` that name one of `fields`: zod issues by the first
 * step of their path, domain errors by their `details.reason` through
 * `reasonFields` (e.g. `{ email_taken: 'email' }`). Empty when none does; the
 * form then shows the error as a whole.
 */
export function fieldErrorsOf(
  error: ServerErrorLike | null | undefined,
  fields: readonly string[],
  reasonFields: Readonly<Record<string, string>> = {},
): FieldError[] {
  if (!error?.data) return [];
  const known = new Set(fields);
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of error.data.zod ?? []) {
    const field = issue.path[0];
    if (typeof field === 'string' && known.has(field) && !seen.has(field)) {
      seen.add(field);
      out.push({ field, zodCode: issue.code });
    }
  }
  const reason = error.data.details?.reason;
  if (typeof reason === 'string') {
    const field = reasonFields[reason];
    if (field && known.has(field) && !seen.has(field)) out.push({ field, reason });
  }
  return out;
}

/** The adminForm message for a zod issue code the server reported. */
export function zodMessageKey(code: string): 'serverTooShort' | 'serverTooLong' | 'serverFormat' | 'serverInvalid' {
  if (code === 'too_small') return 'serverTooShort';
  if (code === 'too_big') return 'serverTooLong';
  if (code === 'invalid_format' || code === 'invalid_string') return 'serverFormat';
  return 'serverInvalid';
}
