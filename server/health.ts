/**
 * The health probe: one `select 1` with a deadline. During an outage the
 * pool's own connect timeout is seconds long, and a load balancer must hear
 * "down" faster than that, so the probe stops waiting after HEALTH_TIMEOUT_MS
 * and names why.
 */
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { databaseOutage } from '@/db/errors';

const HEALTH_TIMEOUT_MS = 1_000;

export type Health = { ok: true } | { ok: false; reason: 'database_unreachable' | 'database_timeout' | 'database_error' };

export async function databaseHealth(timeoutMs = HEALTH_TIMEOUT_MS): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const outcome = await Promise.race([
      getDb()
        .execute(sql`select 1`)
        .then(() => 'ok' as const),
      deadline,
    ]);
    return outcome === 'ok' ? { ok: true } : { ok: false, reason: 'database_timeout' };
  } catch (e) {
    const outage = databaseOutage(e);
    return { ok: false, reason: outage === 'timeout' ? 'database_timeout' : outage ? 'database_unreachable' : 'database_error' };
  } finally {
    clearTimeout(timer);
  }
}
