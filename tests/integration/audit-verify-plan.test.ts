/**
 * How verification reads a stream: by walking the (stream, seq) primary key.
 * At 5,000,000 interleaved events the planner preferred a parallel scan of the
 * whole table with a sort on disk, once per range, which tripled Postgres' CPU
 * per event (docs/audit.md, §4).
 */
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '@/server/services/audit/audit';
import { verifyStream } from '@/server/services/audit/verify';
import { testDb, testSql } from './fixtures';

async function scans(tx: postgres.TransactionSql) {
  const [row] = await tx<{ seq: number; idx: number }[]>`
    select coalesce(seq_scan, 0)::int as seq, coalesce(idx_scan, 0)::int as idx from pg_stat_xact_user_tables where relname = 'audit_events'`;
  return row ?? { seq: 0, idx: 0 };
}

const SETTINGS = ['enable_indexscan', 'enable_seqscan', 'enable_bitmapscan', 'enable_sort', 'max_parallel_workers_per_gather', 'random_page_cost'];
const settings = async (tx: postgres.TransactionSql) =>
  Object.fromEntries(await Promise.all(SETTINGS.map(async (s) => [s, (await tx`select current_setting(${s}) as v`)[0].v as string])));

describe('audit verification reads', () => {
  it('walk the stream key even where the session favours a table scan, and leave the session as it was', async () => {
    const stream = `plan:${randomUUID()}`;
    for (let i = 1; i <= 6; i++) {
      await appendAudit(testDb(), {
        stream,
        actor: null,
        unitId: null,
        action: 'decision.approve',
        entityType: 'submission',
        entityId: randomUUID(),
        payload: { n: i },
      });
    }
    await testSql().begin(async (tx) => {
      // What the planner effectively chose at scale: the whole table, then a sort.
      await tx`set local enable_indexscan = off`;
      await tx`set local enable_bitmapscan = off`;
      await tx`set local random_page_cost = 1000`;
      const before = await settings(tx);
      const scansBefore = await scans(tx);
      expect(await verifyStream(tx, stream)).toMatchObject({ ok: true, checked: 6, lastSeq: 6 });
      expect(await verifyStream(tx, stream, { fromSeq: 4 })).toMatchObject({ ok: true, checked: 3 });
      const scansAfter = await scans(tx);
      expect(scansAfter.seq).toBe(scansBefore.seq);
      expect(scansAfter.idx).toBeGreaterThan(scansBefore.idx);
      expect(await settings(tx)).toEqual(before);
    });
  });
});
