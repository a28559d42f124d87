/**
 * A drafting worker that takes one job and then hangs inside the Drafter, so
 * the parent test can kill the process (SIGKILL) mid-job: a crash between
 * "job taken" and "suggestion written".
 * Usage: tsx crash-worker.ts <databaseUrl> <pg-boss schema>
 */
import { createDb } from '@/db/client';
import { createBoss } from '@/server/jobs/boss';
import { startWorkers } from '@/server/jobs/workers';
import type { Drafter } from '@/server/ai/types';

const [url, schema] = process.argv.slice(2);
const { db } = createDb(url, 2);
const boss = createBoss({ url, schema, superviseIntervalSeconds: 1, max: 2 });
const hanging: Drafter = {
  draft: () => {
    console.log('CLAIMED');
    return new Promise(() => {});
  },
};
await boss.start();
await startWorkers(boss, db, { pipeline: { drafter: hanging }, pollingIntervalSeconds: 0.5, dispatchIntervalMs: 60_000 });
console.log('READY');
