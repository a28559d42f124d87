/**
 * The audit checkpoint job with several instances: every instance runs the
 * same timer, but each moved stream is signed once per movement, by one of
 * them (two instances used to sign every moved stream twice).
 */
import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import * as schema from '@/db/schema';
import { auditCheckpoints } from '@/db/schema';
import { unitStream } from '@/server/services/audit/audit';
import { generateSigningKey, runCheckpointJob } from '@/server/services/audit/checkpoints';
import { decide } from '@/server/services/review/decisions';
import { claim } from '@/server/services/review/queue';
import { appRole } from './audit-helpers';
import { makeSubmission, makeUnit, testDb, type UnitFixture } from './fixtures';

async function decided(u: UnitFixture) {
  const s = await makeSubmission(testDb(), u.unitId);
  const { version } = await claim(appRole().db, u.officer, s.id);
  await decide(appRole().db, u.officer, {
    submissionId: s.id,
    version,
    suggestionId: s.suggestionId,
    outcome: 'approve',
    answer: 'Yth. Ibu Siti Nurhaliza, permohonan KTP-el Anda lengkap dan akan diproses.',
    verdicts: [],
    reasonCode: null,
    note: null,
    timeSpentMs: 4200,
  });
}

async function checkpointsPerStream(streams: string[]): Promise<Record<string, number>> {
  const rows = await testDb()
    .select({ stream: auditCheckpoints.stream, n: sql<number>`count(*)::int` })
    .from(auditCheckpoints)
    .where(inArray(auditCheckpoints.stream, streams))
    .groupBy(auditCheckpoints.stream);
  return Object.fromEntries(streams.map((s) => [s, rows.find((r) => r.stream === s)?.n ?? 0]));
}

/** A second "instance": its own pool, as the console's role. */
function instance() {
  const client = postgres(inject('databaseUrl'), { max: 4, onnotice: () => {}, connection: { role: 'layanan_app' } });
  return { sql: client, db: drizzle(client, { schema }) };
}

describe('audit checkpoint job on several instances', () => {
  it('signs each moved stream once when two instances run the job at the same time', async () => {
    const units = await Promise.all(Array.from({ length: 6 }, () => makeUnit(testDb())));
    for (const u of units) await decided(u);
    const streams = units.map((u) => unitStream(u.unitId));
    const key = generateSigningKey();
    const jobName = `audit-checkpoints-test-${randomUUID()}`;
    const other = instance();
    try {
      const everyMs = 60_000;
      const runs = await Promise.all([
        runCheckpointJob(appRole().db, everyMs, { key, streams, jobName }),
        runCheckpointJob(other.db, everyMs, { key, streams, jobName }),
        runCheckpointJob(appRole().db, everyMs, { key, streams, jobName }),
      ]);
      // One instance did the work; the others found the slot taken.
      expect(runs.filter((r) => r !== null)).toHaveLength(1);
      expect(runs.find((r) => r !== null)?.signed.sort()).toEqual([...streams].sort());
      expect(await checkpointsPerStream(streams)).toEqual(Object.fromEntries(streams.map((s) => [s, 1])));

      // Within the interval the next tick of any instance does nothing, even when a stream moved meanwhile.
      await decided(units[0]);
      expect(await runCheckpointJob(other.db, everyMs, { key, streams, jobName })).toBeNull();
      expect((await checkpointsPerStream(streams))[streams[0]]).toBe(1);

      // Once the interval has passed (here: an interval of 0), the moved stream alone is signed, once.
      const later = await Promise.all([runCheckpointJob(appRole().db, 0, { key, streams, jobName }), runCheckpointJob(other.db, 0, { key, streams, jobName })]);
      // (With no interval at all the two may also run one after the other; the second then finds nothing moved.)
      expect(later.flatMap((r) => r?.signed ?? [])).toEqual([streams[0]]);
      expect(await checkpointsPerStream(streams)).toEqual(Object.fromEntries(streams.map((s, i) => [s, i === 0 ? 2 : 1])));
    } finally {
      await other.sql.end();
    }
  }, 60_000);

  it('lets another instance take over when the holder died with the lease', async () => {
    const u = await makeUnit(testDb());
    await decided(u);
    const stream = unitStream(u.unitId);
    const jobName = `audit-checkpoints-test-${randomUUID()}`;
    // A run that started and never finished (its instance was killed), with a lease that has run out.
    await testDb().execute(sql`
      insert into job_runs (name, last_started_at, lease_holder, lease_until)
      values (${jobName}, now() - interval '2 hours', ${randomUUID()}::uuid, now() - interval '1 minute')`);
    const run = await runCheckpointJob(appRole().db, 60 * 60_000, { key: generateSigningKey(), streams: [stream], jobName });
    expect(run?.signed).toEqual([stream]);
    // While a live lease is held, nobody else starts, however overdue the run is.
    await testDb().execute(sql`
      update job_runs set last_started_at = now() - interval '2 hours', lease_holder = ${randomUUID()}::uuid, lease_until = now() + interval '5 minutes'
      where name = ${jobName}`);
    await decided(u);
    expect(await runCheckpointJob(appRole().db, 60 * 60_000, { key: generateSigningKey(), streams: [stream], jobName })).toBeNull();
  }, 60_000);
});
