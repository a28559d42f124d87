/**
 * Background jobs of a console server process. Each entry is small and safe
 * to run in several instances at once (all coordination is in Postgres).
 * Add a job by appending to jobs().
 */
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { sweepExpiredLeases } from '../services/leases';
import { pruneRateLimits, pruneThrottles } from '../services/rate-limit';
import { startJobWorkers } from './workers';
import { runCheckpointJob } from '../services/audit-checkpoints';
import { refreshAnalyticsIfDue } from '../services/analytics';

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

// Built when the jobs start, not when this module loads: settings are read lazily (lib/env.ts).
const jobs = (): Job[] => [
  { name: 'lease-sweeper', everyMs: 30_000, run: () => sweepExpiredLeases(getDb()) },
  { name: 'rate-limit-prune', everyMs: 600_000, run: () => Promise.all([pruneRateLimits(getDb(), 7200), pruneThrottles(getDb())]) },
  // Supervisor dashboards read rollups; it refreshes when due (at least a minute apart, longer on big data).
  { name: 'analytics-refresh', everyMs: 20_000, run: () => refreshAnalyticsIfDue(getDb()) },
  // Signed checkpoints of every audit stream whose head moved (docs/audit.md).
  // One instance signs per interval (job_runs lease); the others' ticks find the slot taken.
  { name: 'audit-checkpoints', everyMs: env.AUDIT_CHECKPOINT_MINUTES * 60_000, run: () => runCheckpointJob(getDb(), env.AUDIT_CHECKPOINT_MINUTES * 60_000) },
];

let started = false;

export async function startBackgroundJobs() {
  if (started) return;
  started = true;
  for (const job of jobs()) {
    const tick = async () => {
      try {
        await job.run();
      } catch (e) {
        console.error(`job ${job.name} failed`, e);
      }
    };
    setInterval(tick, job.everyMs).unref();
  }
  // Queue workers (pg-boss): drafting, webhook deliveries, the outbox dispatcher. A failure here must not stop the console.
  void startJobWorkers().catch((e) => console.error('job workers failed to start', e));
}
