/**
 * The periodic jobs of the console (lease sweeper, rate-limit pruning,
 * analytics rollups, audit checkpoints) as pg-boss schedules: pg-boss's cron
 * sends one job per due minute for the whole deployment (its cron monitor
 * takes turns through the database), and one worker of one instance runs it.
 * Several instances therefore do each run once, instead of every instance
 * firing its own timer. The jobs' own guards stay where a run must be rarer
 * than a minute (checkpoints: job_runs; rollups: their age and cost).
 */
import type PgBoss from 'pg-boss';
import type { Db } from '@/db/client';
import { env } from '@/lib/env';
import { refreshAnalyticsIfDue } from '../services/oversight/analytics';
import { runCheckpointJob } from '../services/audit/checkpoints';
import { sweepExpiredLeases } from '../services/review/leases';
import { pruneRateLimits, pruneThrottles } from '../services/core/rate-limit';
import { createBoss, installJobs, PERIODIC } from './boss';

export type PeriodicJob = { queue: string; run: (db: Db) => Promise<unknown> };

// Built when the jobs start, not when this module loads: settings are read lazily (lib/env.ts).
export const periodicJobs = (): PeriodicJob[] => [
  { queue: PERIODIC.leaseSweeper.queue, run: (db) => sweepExpiredLeases(db) },
  { queue: PERIODIC.rateLimitPrune.queue, run: (db) => Promise.all([pruneRateLimits(db, 7200), pruneThrottles(db)]) },
  // Supervisor dashboards read rollups. Ticks come once per minute, some seconds into it (43 s apart was seen); a
  // start's tick may come seconds before the minute's: 30 s apart at least, and ten times a costly refresh's duration.
  { queue: PERIODIC.analyticsRefresh.queue, run: (db) => refreshAnalyticsIfDue(db, 30_000) },
  // Signed checkpoints of every audit stream whose head moved (docs/audit.md), every AUDIT_CHECKPOINT_MINUTES. The
  // ticks already come once per minute; job_runs spaces runs a further N − 1 minutes (any N, not only divisors of 60).
  // Not N whole minutes: an instance's start sends the current minute's tick at once, so ticks may be seconds apart.
  { queue: PERIODIC.auditCheckpoints.queue, run: (db) => runCheckpointJob(db, (env.AUDIT_CHECKPOINT_MINUTES - 1) * 60_000) },
];

export type PeriodicOptions = { url: string; db: Db; schema?: string; jobs?: PeriodicJob[]; pollingIntervalSeconds?: number };

/**
 * Works the periodic jobs in this process (queues and schedules are installed
 * with the others: installJobs). Its own PgBoss, the only one with pg-boss's
 * cron on: the other processes' PgBoss only sends and works queue jobs.
 */
export async function startPeriodicJobs(opts: PeriodicOptions): Promise<{ boss: PgBoss; stop: () => Promise<void> }> {
  const jobs = opts.jobs ?? periodicJobs();
  const boss = createBoss({ url: opts.url, schema: opts.schema, schedule: true, max: 2 });
  await boss.start();
  // A database whose jobs an older version installed (under `next dev`, which runs no installer) lacks these queues.
  if ((await Promise.all(jobs.map((j) => boss.getQueue(j.queue)))).some((q) => !q)) await installJobs(opts.url, { schema: opts.schema });
  for (const job of jobs) {
    await boss.work(job.queue, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 5, batchSize: 1 }, async () => {
      try {
        await job.run(opts.db);
      } catch (e) {
        // Logged, not failed: the next tick is the retry.
        console.error(`job ${job.queue} failed`, e);
      }
    });
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 5_000 }) };
}
