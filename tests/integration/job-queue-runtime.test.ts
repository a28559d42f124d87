/**
 * pg-boss 10 (the line whose engines include Node 20) in place of 12: what 12
 * gave and 10 lacks is made up in server/jobs/boss.ts, and a database whose
 * job schema pg-boss 12 wrote keeps its unfinished jobs.
 */
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BOSS_SCHEMA_VERSION, createBoss, failCapped, installJobs, queueStats, QUEUES } from '@/server/jobs/boss';

const url = () => inject('databaseUrl');
const admin = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
afterAll(async () => {
  await admin.end();
});

/** What pg-boss 12 leaves in a database: its version row and a job table with (at least) the columns carried over. */
async function writeNewerSchema(schema: string, jobs: { id: string; name: string; state: string; data: object }[]) {
  await admin.unsafe(`
    create schema "${schema}";
    create table "${schema}".version (version int primary key, maintained_on timestamptz, cron_on timestamptz);
    insert into "${schema}".version (version) values (46);
    create type "${schema}".job_state as enum ('created', 'retry', 'active', 'completed', 'cancelled', 'failed');
    create table "${schema}".job (
      id uuid not null, name text not null, priority int not null default 0, data jsonb,
      state "${schema}".job_state not null default 'created', retry_limit int not null default 2, retry_count int not null default 0,
      retry_delay int not null default 0, retry_backoff bool not null default false, retry_delay_max int,
      start_after timestamptz not null default now(), created_on timestamptz not null default now(), heartbeat_on timestamptz,
      group_id text);`);
  for (const j of jobs) {
    await admin.unsafe(`insert into "${schema}".job (id, name, state, data, retry_count) values ($1, $2, $3, $4, 1)`, [
      j.id,
      j.name,
      j.state,
      admin.json(j.data as postgres.JSONValue),
    ]);
  }
}

describe('the job queue on pg-boss 10', () => {
  it('moves the unfinished jobs of a schema pg-boss 12 wrote into its own, and drops the old one', async () => {
    const schema = `pgboss_up_${process.pid}`;
    const waiting = randomUUID();
    const running = randomUUID();
    const done = randomUUID();
    const foreign = randomUUID();
    await writeNewerSchema(schema, [
      { id: waiting, name: QUEUES.drafting, state: 'created', data: { submissionId: 'a', jobId: waiting } },
      { id: running, name: QUEUES.delivery, state: 'active', data: { deliveryId: 'b', jobId: running } },
      { id: done, name: QUEUES.drafting, state: 'completed', data: { submissionId: 'c' } },
      { id: foreign, name: '__pgboss__send-it', state: 'created', data: {} },
    ]);

    await installJobs(url(), { schema });

    const [version] = await admin.unsafe(`select version from "${schema}".version`);
    expect(Number(version.version)).toBe(BOSS_SCHEMA_VERSION);
    const moved = await admin.unsafe(`select id, name, state::text, retry_count, data from "${schema}".job order by name`);
    expect(moved.map((j) => ({ id: j.id, name: j.name, state: j.state, retryCount: j.retry_count }))).toEqual([
      { id: waiting, name: QUEUES.drafting, state: 'created', retryCount: 1 },
      // Its worker stopped mid-job when the old version went away: it runs again.
      { id: running, name: QUEUES.delivery, state: 'retry', retryCount: 1 },
    ]);
    const [{ left }] = await admin`select count(*)::int as left from pg_namespace where nspname like ${`${schema}_v%`}`;
    expect(left).toBe(0);

    // A worker of the new version takes the waiting job, with its data intact.
    const boss = createBoss({ url: url(), schema, max: 2 });
    await boss.start();
    try {
      const [job] = await boss.fetch<{ submissionId: string }>(QUEUES.drafting);
      expect(job).toMatchObject({ id: waiting, data: { submissionId: 'a', jobId: waiting } });
      // A second install (every `npm start`) changes nothing.
      await installJobs(url(), { schema });
      expect(await admin.unsafe(`select id from "${schema}".job`)).toHaveLength(2);
    } finally {
      await boss.stop({ graceful: false, timeout: 1000 });
      await admin.unsafe(`drop schema "${schema}" cascade`);
    }
  });

  it("keeps a failed job's next attempt within the queue's ceiling, and counts jobs per queue", async () => {
    const schema = `pgboss_cap_${process.pid}`;
    // A long first delay: pg-boss 10 alone would wait 1000-2000 s before the retry.
    await installJobs(url(), { schema, env: { WEBHOOK_RETRY_DELAY_S: '1000', WEBHOOK_RETRY_LIMIT: '8' } });
    const boss = createBoss({ url: url(), schema, max: 2 });
    await boss.start();
    try {
      await boss.send(QUEUES.delivery, { deliveryId: 'x' });
      await boss.send(QUEUES.delivery, { deliveryId: 'y' });
      const [job] = await boss.fetch(QUEUES.delivery);
      expect(await queueStats(boss, [QUEUES.delivery, QUEUES.drafting])).toEqual([
        { name: QUEUES.delivery, queued: 1, active: 1, failed: 0, total: 2 },
        { name: QUEUES.drafting, queued: 0, active: 0, failed: 0, total: 0 },
      ]);

      await failCapped(boss, QUEUES.delivery, job.id, new Error('HTTP 503 from the subscriber'), 30);

      const [row] = await admin.unsafe(
        `select state::text, extract(epoch from start_after - now())::float as wait, output from "${schema}".job where id = $1`,
        [job.id],
      );
      expect(row.state).toBe('retry');
      expect(row.wait).toBeLessThanOrEqual(30);
      expect(row.wait).toBeGreaterThan(20);
      expect(row.output).toMatchObject({ message: 'HTTP 503 from the subscriber' });
    } finally {
      await boss.stop({ graceful: false, timeout: 1000 });
      await admin.unsafe(`drop schema "${schema}" cascade`);
    }
  });
});
