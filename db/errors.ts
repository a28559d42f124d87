/**
 * Recognises "the database is not there right now" among driver errors, so
 * every transport can answer with one clear, retryable error instead of a
 * 500 or a hang: connection refused or reset, a connect timeout, a server
 * shutting down or starting up. A statement that ran too long (57014) is a
 * busy database, also worth a retry.
 */

/** Node socket errors and postgres.js's own connection errors. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
]);

/** SQLSTATEs: class 08 (connection exception), admin/crash shutdown, cannot connect now, too many connections, statement timeout. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);

export type DatabaseOutage = 'unreachable' | 'timeout';

/** The kind of outage an error shows, or null when it is some other failure. Looks through `cause` chains (drizzle wraps driver errors). */
export function databaseOutage(error: unknown): DatabaseOutage | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (code === '57014' || code === 'CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return 'timeout';
    if (CONNECTION_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08')) return 'unreachable';
  }
  return null;
}
