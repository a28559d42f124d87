/**
 * Background jobs of a console server process. Each entry is small and safe
 * to run in several instances at once (all coordination is in Postgres).
 * Add a job by appending to JOBS.
 */
import { getDb } from '@/db/client';
import { sweepExpiredLeases } from '../services/leases';

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

const JOBS: Job[] = [{ name: 'lease-sweeper', everyMs: 30_000, run: () => sweepExpiredLeases(getDb()) }];

let started = false;

export async function startBackgroundJobs() {
  if (started) return;
  started = true;
  for (const job of JOBS) {
    const tick = async () => {
      try {
        await job.run();
      } catch (e) {
        console.error(`job ${job.name} failed`, e);
      }
    };
    setInterval(tick, job.everyMs).unref();
  }
}
