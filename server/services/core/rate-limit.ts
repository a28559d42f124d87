/**
 * Limits kept in Postgres, so every console instance counts against the same
 * numbers:
 *
 * - fixed-window rate limits (API keys, personal-data reveals): one upsert per hit;
 * - back-off for guessing a secret (sign-in, the status page's NIK digits):
 *   see guardAttempt below.
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

/**
 * Back-off after failures: `free` failures cost nothing, then each further one
 * doubles the wait before the next checked attempt, from `baseSeconds` up to
 * `capSeconds`. Failures are forgotten after `resetSeconds` without one.
 */
export type BackoffPolicy = { free: number; baseSeconds: number; capSeconds: number; resetSeconds: number };

/** How long after its last failure a key with `failures` failures must wait. Pure. */
export function backoffSeconds(failures: number, p: BackoffPolicy): number {
  if (failures < p.free) return 0;
  return Math.min(p.capSeconds, p.baseSeconds * 2 ** Math.min(failures - p.free, 30));
}

/** Seconds still to wait (0: an attempt may be checked now). Pure. */
export function backoffRemaining(failures: number, secondsSinceLastFailure: number | null, p: BackoffPolicy): number {
  if (secondsSinceLastFailure === null || secondsSinceLastFailure >= p.resetSeconds) return 0;
  const delay = backoffSeconds(failures, p);
  return delay === 0 ? 0 : Math.max(0, delay - Math.max(0, secondsSinceLastFailure));
}

export type Throttle = { key: string; policy: BackoffPolicy };

/**
 * One guess at a secret (a password, the NIK digits of a ticket), throttled
 * three ways so that nobody can lock the owner out:
 *
 * - `client`: this address, whatever it guesses at. Strong: a guesser from one
 *   address soon waits up to the cap between tries.
 * - `pair`: this address at this account/ticket. Strong as well; the owner's
 *   own typos count here, so another address's guesses never do.
 * - `target`: the account/ticket from every address together. Mild, with a
 *   low cap, and it does not hold back a *familiar* client (the pair has
 *   succeeded within FAMILIAR_DAYS): guessers spread over many addresses are
 *   slowed, while the owner on their usual address is never refused because
 *   of them.
 *
 * A throttled attempt is answered "try again in N seconds" without the secret
 * being checked (callers must not check it). On the pair and the target an
 * allowed attempt is counted as a failure before the secret is checked, under
 * row locks, so a burst of parallel guesses at one account cannot all slip
 * through one free slot; settleAttempt takes the count back when the guess was
 * right. The client's count moves only when settled: one address is often a
 * whole office behind NAT, and sixteen officers signing in at the same moment
 * must not use up its free failures (`npm run test:instances` signs them in at
 * once). A familiar pair is held back neither by the target nor by the client.
 */
export type AttemptGuard = { client: Throttle | null; pair: Throttle | null; target: Throttle | null };

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; by: 'client' | 'pair' | 'target' };

export const FAMILIAR_DAYS = 30;

type ThrottleRow = { key: string; failures: number; since_failure: number | null; since_success: number | null };

export async function guardAttempt(db: DbOrTx, guard: AttemptGuard): Promise<AttemptDecision> {
  const parts = (['client', 'pair', 'target'] as const).flatMap((by) => {
    const t = guard[by];
    return t ? [{ by, t }] : [];
  });
  if (parts.length === 0) return { allowed: true };
  // Sorted, so two attempts sharing keys lock (and insert) them in the same order and never deadlock.
  const sorted = [...parts].sort((a, b) => (a.t.key < b.t.key ? -1 : a.t.key > b.t.key ? 1 : 0));
  const keyList = sql.join(
    sorted.map((p) => sql`(${p.t.key})`),
    sql`, `,
  );
  return db.transaction(async (tx) => {
    await tx.execute(sql`insert into throttles (key) values ${keyList} on conflict do nothing`);
    const rows = await tx.execute<ThrottleRow>(sql`
      select key, failures,
             extract(epoch from clock_timestamp() - last_failure_at)::float8 as since_failure,
             extract(epoch from clock_timestamp() - last_success_at)::float8 as since_success
      from throttles where key in (select column1 from (values ${keyList}) v) order by key for update`);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const pairRow = guard.pair ? byKey.get(guard.pair.key) : undefined;
    const familiar = pairRow?.since_success != null && Number(pairRow.since_success) < FAMILIAR_DAYS * 86_400;
    let worst: AttemptDecision = { allowed: true };
    for (const { by, t } of parts) {
      if (by !== 'pair' && familiar) continue;
      const row = byKey.get(t.key);
      const wait = row ? backoffRemaining(Number(row.failures), row.since_failure === null ? null : Number(row.since_failure), t.policy) : 0;
      if (wait > 0 && (worst.allowed || wait > worst.retryAfterSeconds)) worst = { allowed: false, retryAfterSeconds: Math.ceil(wait), by };
    }
    if (!worst.allowed) return worst;
    // The clock, not now(): now() is when this transaction began, which can be before a
    // failure that a concurrent attempt recorded while this one waited for the row locks.
    // Counted now, taken back by settleAttempt if the guess is right. Failures older than the reset start again from one.
    await countFailure(
      tx,
      sorted.filter((p) => p.by !== 'client').map((p) => p.t),
    );
    return worst;
  });
}

/** One more failure on each key; failures older than the policy's reset start again from one. */
async function countFailure(db: DbOrTx, throttles: Throttle[]) {
  if (throttles.length === 0) return;
  const resets = sql.join(
    throttles.map((t) => sql`(${t.key}, ${t.policy.resetSeconds}::int)`),
    sql`, `,
  );
  await db.execute(sql`
    update throttles t set
      failures = case when t.last_failure_at is null or t.last_failure_at < clock_timestamp() - make_interval(secs => v.reset)
                      then 1 else t.failures + 1 end,
      last_failure_at = clock_timestamp()
    from (values ${resets}) v(key, reset)
    where t.key = v.key`);
}

/**
 * After the secret was checked: a wrong guess is counted on the client (the
 * pair and target counted it in advance); a right one takes back the
 * target's advance count, clears the pair and marks it familiar.
 */
export async function settleAttempt(db: DbOrTx, guard: AttemptGuard, correct: boolean): Promise<void> {
  if (!correct) {
    if (guard.client) await countFailure(db, [guard.client]);
    return;
  }
  if (!guard.pair && !guard.target) return;
  const forgive = [guard.target].filter((t): t is Throttle => t !== null).map((t) => t.key);
  await db.transaction(async (tx) => {
    if (forgive.length) {
      await tx.execute(sql`
        update throttles set failures = greatest(0, failures - 1)
        where key in (select column1 from (values ${sql.join(
          forgive.map((k) => sql`(${k})`),
          sql`, `,
        )}) v)`);
    }
    if (guard.pair) {
      await tx.execute(sql`update throttles set failures = 0, last_failure_at = null, last_success_at = clock_timestamp() where key = ${guard.pair.key}`);
    }
  });
}

/** Quiet keys are of no use: failures older than a day, familiarity older than FAMILIAR_DAYS. */
export async function pruneThrottles(db: DbOrTx): Promise<number> {
  const rows = await db.execute(sql`
    delete from throttles
    where (last_failure_at is null or last_failure_at < now() - interval '1 day')
      and (last_success_at is null or last_success_at < now() - make_interval(days => ${FAMILIAR_DAYS}))
    returning 1`);
  return rows.length;
}
