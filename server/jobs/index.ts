/**
 * Background jobs of a console server process: the periodic jobs (pg-boss
 * schedules, server/jobs/periodic.ts) and the queue workers (drafting,
 * webhook deliveries, the outbox dispatcher). Every piece is safe to run in
 * several instances at once: all coordination is in Postgres.
 */
import { databaseUrl, getDb } from '@/db/client';
import { startPeriodicJobs } from './periodic';
import { startJobWorkers } from './workers';

let started = false;

export async function startBackgroundJobs() {
  if (started) return;
  started = true;
  // A failure here must not stop the console; it is logged, and the console serves without that job.
  void startPeriodicJobs({ url: databaseUrl(), db: getDb() }).catch((e) => console.error('periodic jobs failed to start', e));
  void startJobWorkers().catch((e) => console.error('job workers failed to start', e));
}
