/**
 * Background work that must run on one instance at a time, and once per
 * interval across all instances, however many run the same timers (the audit
 * checkpoints: two instances signed every moved stream twice a minute).
 *
 * A row per job in `job_runs` is claimed with one statement: only when no
 * live lease holds it and the last run started at least (almost) an interval
 * ago. A concurrent claimer waits on the row and then finds it taken. The
 * lease, not a session advisory lock, because a session lock is not held
 * reliably behind PgBouncer in transaction mode (the deployment the README
 * describes) and a transaction lock would hold one transaction open for the
 * whole run. A holder that dies leaves a lease that simply expires; a long
 * run renews it as it goes.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

/** Long enough for any one step of a run; a run renews it after each step. */
export const JOB_LEASE_MS = 10 * 60_000;

/**
 * Timers of different instances drift against the database clock by the time
 * a query takes: a run is due a little before a full interval has passed, so
 * a tick that arrives a few milliseconds "early" does not skip a whole interval.
 */
const DUE_FRACTION = 0.9;

export type ExclusiveRun<T> = { ran: true; result: T } | { ran: false };

/**
 * Runs `work` when this instance wins the job's slot for this interval, and
 * reports `{ ran: false }` otherwise (another instance is at it, or did it
 * recently). `renew` extends the lease; it throws when the lease was lost,
 * so the run stops rather than overlap with another instance's.
 */
export async function runExclusive<T>(
  db: DbOrTx,
  name: string,
  opts: { everyMs: number; leaseMs?: number },
  work: (renew: () => Promise<void>) => Promise<T>,
): Promise<ExclusiveRun<T>> {
  const holder = randomUUID();
  const leaseS = (opts.leaseMs ?? JOB_LEASE_MS) / 1000;
  const dueS = (opts.everyMs * DUE_FRACTION) / 1000;
  const claimed = await db.execute<{ name: string }>(sql`
    insert into job_runs as j (name, last_started_at, lease_holder, lease_until)
    values (${name}, now(), ${holder}::uuid, now() + make_interval(secs => ${leaseS}))
    on conflict (name) do update
      set last_started_at = now(), last_finished_at = null, lease_holder = excluded.lease_holder, lease_until = excluded.lease_until
      where (j.lease_until is null or j.lease_until < now())
        and j.last_started_at <= now() - make_interval(secs => ${dueS})
    returning name`);
  if (claimed.length === 0) return { ran: false };

  const renew = async () => {
    const renewed = await db.execute<{ name: string }>(sql`
      update job_runs set lease_until = now() + make_interval(secs => ${leaseS})
      where name = ${name} and lease_holder = ${holder}::uuid
      returning name`);
    if (renewed.length === 0) throw new Error(`job ${name}: lease lost to another instance; stopping this run`);
  };
  try {
    return { ran: true, result: await work(renew) };
  } finally {
    await db.execute(sql`
      update job_runs set lease_holder = null, lease_until = null, last_finished_at = now()
      where name = ${name} and lease_holder = ${holder}::uuid`);
  }
}
