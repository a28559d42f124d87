/**
 * The periodic jobs run as pg-boss schedules (server/jobs/periodic.ts): two
 * instances starting side by side run each due job once per minute between
 * them, not once each as two timers would.
 */
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '@/db/client';
import { createBoss, installJobs, PERIODIC } from '@/server/jobs/boss';
import { startPeriodicJobs, type PeriodicJob } from '@/server/jobs/periodic';

const url = inject('databaseUrl');
const admin = postgres(url, { max: 1, onnotice: () => {} });
const { db, sql: appSql } = createDb(url, 2);
afterAll(async () => {
  await admin.end();
  await appSql.end();
});

const minute = (t: number) => Math.floor(t / 60_000);

describe('periodic jobs on pg-boss schedules', () => {
  it('installs one schedule per periodic job', async () => {
    const schema = `pgboss_periodic_install_${process.pid}`;
    await installJobs(url, { schema });
    const rows = await admin.unsafe(`select name, cron from "${schema}".schedule order by name`);
    expect(rows.map((r) => [r.name, r.cron])).toEqual(
      Object.values(PERIODIC)
        .map(({ queue, cron }) => [queue, cron])
        .sort((a, b) => a[0].localeCompare(b[0])),
    );
  });

  it('installs the periodic queues itself on a database an older version set up', { timeout: 60_000 }, async () => {
    const schema = `pgboss_periodic_upgrade_${process.pid}`;
    await installJobs(url, { schema });
    // What a version without periodic queues left: its own queues only, no schedules.
    const old = createBoss({ url, schema, max: 1 });
    await old.start();
    for (const { queue } of Object.values(PERIODIC)) await old.deleteQueue(queue);
    await old.stop({ graceful: false, timeout: 1000 });
    expect(await admin.unsafe(`select name from "${schema}".schedule`)).toHaveLength(0);
    const ran = new Set<string>();
    const jobs: PeriodicJob[] = Object.values(PERIODIC).map(({ queue }) => ({ queue, run: async () => void ran.add(queue) }));
    const instance = await startPeriodicJobs({ url, db, schema, jobs, pollingIntervalSeconds: 1 });
    try {
      const rows = await admin.unsafe(`select name from "${schema}".schedule`);
      expect(rows.map((r) => r.name).sort()).toEqual(
        Object.values(PERIODIC)
          .map((p) => p.queue)
          .sort(),
      );
    } finally {
      await instance.stop();
    }
  });

  it('runs each due job once a minute across two instances', { timeout: 60_000 }, async () => {
    const schema = `pgboss_periodic_${process.pid}`;
    await installJobs(url, { schema });
    const runs: { queue: string; instance: number; at: number }[] = [];
    const everyMinute = Object.values(PERIODIC).filter((p) => p.cron === '* * * * *');
    const jobsOf = (instance: number): PeriodicJob[] =>
      Object.values(PERIODIC).map(({ queue }) => ({ queue, run: async () => void runs.push({ queue, instance, at: Date.now() }) }));
    const started = Date.now();
    const instances = await Promise.all([0, 1].map((i) => startPeriodicJobs({ url, db, schema, jobs: jobsOf(i), pollingIntervalSeconds: 1 })));
    try {
      // The first cron check runs as an instance starts; its tick reaches a worker within the cron worker's 5-second poll.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && !everyMinute.every((p) => runs.some((r) => r.queue === p.queue))) await new Promise((r) => setTimeout(r, 250));
      await new Promise((r) => setTimeout(r, 3_000));
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
    }
    for (const { queue } of everyMinute) {
      const mine = runs.filter((r) => r.queue === queue);
      expect(mine.length, `${queue} ran`).toBeGreaterThan(0);
      // Once per minute slot, whichever instance took it (a run may fall into the next minute when the test straddles one).
      const slots = mine.map((r) => minute(r.at));
      expect(new Set(slots).size, `${queue}: ${mine.length} runs in minutes ${slots.join(', ')}`).toBe(mine.length);
      expect(mine.length).toBeLessThanOrEqual(minute(Date.now()) - minute(started) + 1);
    }
  });
});
