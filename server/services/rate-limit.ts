/**
 * Fixed-window rate limits kept in Postgres, so every console instance counts
 * against the same numbers (API keys, status-page look-ups). One upsert per hit.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

export type RateLimitResult = { allowed: boolean; count: number; limit: number; retryAfterSeconds: number };

/**
 * Counts one hit in the current window of `bucket` and says whether it is within `limit`.
 * Refused hits are counted too: hammering a limit does not reopen it sooner.
 */
export async function hitRateLimit(db: DbOrTx, bucket: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const rows = await db.execute<{ count: number; retry_after: number }>(sql`
    with w as (select to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}) as start)
    insert into rate_limit_counters (bucket, window_start, count)
    select ${bucket}, w.start, 1 from w
    on conflict (bucket, window_start) do update set count = rate_limit_counters.count + 1
    returning count, ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))::int as retry_after`);
  const count = Number(rows[0].count);
  return { allowed: count <= limit, count, limit, retryAfterSeconds: Math.max(1, Number(rows[0].retry_after)) };
}

/** Old windows are of no use; the sweeper keeps the table small. */
export async function pruneRateLimits(db: DbOrTx, olderThanSeconds = 3600): Promise<number> {
  const rows = await db.execute(sql`
    delete from rate_limit_counters where window_start < now() - make_interval(secs => ${olderThanSeconds}) returning 1`);
  return rows.length;
}
