/**
 * Whether React Query tries a failed query again. Only a failure that may
 * pass on its own is retried, once: no answer at all (network), or a 5xx
 * (the database away, a timeout). A refusal (signed out, forbidden, not found,
 * invalid input, too many requests) gives the same answer again, so the page
 * shows it at once instead of after a retry's delay.
 */
type QueryError = { data?: { httpStatus?: number } | null } | null | undefined;

export const MAX_QUERY_RETRIES = 1;

export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_QUERY_RETRIES) return false;
  const data = (error as QueryError)?.data;
  if (!data || typeof data.httpStatus !== 'number') return true;
  return data.httpStatus >= 500;
}
