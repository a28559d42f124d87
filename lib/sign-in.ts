/**
 * What the sign-in route tells the form, shared by server/auth.ts and the
 * login form: a throttled attempt comes back as the error `throttled:<seconds>`
 * (next-auth passes a thrown message through as `error`); every other failure
 * is one generic error that does not say whether the email exists.
 */
export const THROTTLED_PREFIX = 'throttled:';

/** Seconds to wait when the sign-in error says the attempt was throttled, else null. */
export function throttledSeconds(error: string | null | undefined): number | null {
  if (!error?.startsWith(THROTTLED_PREFIX)) return null;
  const n = Number(error.slice(THROTTLED_PREFIX.length));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
