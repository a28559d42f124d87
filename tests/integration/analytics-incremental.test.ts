/**
 * The decision rollup is refreshed incrementally (migration 0016): a refresh
 * recomputes only the unit × week pairs that changed, leaves every other row
 * as it was, and gives exactly what a full recomputation from the decisions
 * gives — also for a decision committed while a refresh was running.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attachments } from '@/db/schema';
import { makeUnit, testDb } from './fixtures';
import { refreshRollups, seedDecision } from './oversight-fixtures';

const WEEK_S = 7 * 86_400;

type RollupRow = {
  week: string;
  dim: string;
  key: string;
  rated: number;
  approved: number;
  approvals_with_docs: number;
  human_decisions: number;
  version: string;
};

async function rollupOf(unitId: string): Promise<RollupRow[]> {
  // xmin: the transaction that wrote the row, so a test sees whether a refresh rewrote it.
  return testDb().execute<RollupRow>(sql`
    select week::text as week, dim, key, rated, approved, approvals_with_docs, human_decisions, xmin::text as version
    from analytics_decision_rollup where unit_id = ${unitId} order by week, dim, key`);
}

/** The same unit recomputed from scratch: every week with decisions, through the rollup's own formulas. */
async function recomputedFromScratch(unitId: string) {
  return testDb().execute<Omit<RollupRow, 'version'>>(sql`
    select f.week::text as week, f.dim, f.key, f.rated, f.approved, f.approvals_with_docs, f.human_decisions
    from (select distinct analytics_week(created_at) as week from decisions where unit_id = ${unitId} and kind in ('human', 'auto')) w
    cross join lateral analytics_decision_rollup_rows(${unitId}::uuid, w.week) f
    order by 1, 2, 3`);
}

const withoutVersion = (rows: RollupRow[]) => rows.map(({ version: _v, ...r }) => r);
const allRow = (rows: RollupRow[], week: string) => rows.find((r) => r.week === week && r.dim === 'all');

describe('incremental analytics refresh', () => {
  it('recomputes only the weeks that received decisions, and matches a full recomputation', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    await seedDecision(db, { unitId: u.unitId, actorId: u.officer.id, outcome: 'approve', agoSeconds: 3 * WEEK_S });
    await seedDecision(db, { unitId: u.unitId, actorId: u.officer.id, outcome: 'reject', agoSeconds: 3 * WEEK_S });
    await seedDecision(db, { unitId: u.unitId, actorId: u.officer2.id, outcome: 'approve', agoSeconds: 60 });
    await refreshRollups(db);

    const before = await rollupOf(u.unitId);
    const weeks = [...new Set(before.map((r) => r.week))];
    expect(weeks).toHaveLength(2);
    const [oldWeek, thisWeek] = weeks;
    expect(allRow(before, oldWeek)).toMatchObject({ rated: 2, approved: 1 });
    expect(allRow(before, thisWeek)).toMatchObject({ rated: 1, approved: 1 });

    // A new decision this week: this week's rows are rewritten with the new count, the old week's are untouched.
    await seedDecision(db, { unitId: u.unitId, actorId: u.officer.id, outcome: 'approve', agoSeconds: 30 });
    await refreshRollups(db);
    const after = await rollupOf(u.unitId);
    expect(allRow(after, thisWeek)).toMatchObject({ rated: 2, approved: 2 });
    expect(after.filter((r) => r.week === oldWeek)).toEqual(before.filter((r) => r.week === oldWeek));
    expect(allRow(after, thisWeek)?.version).not.toBe(allRow(before, thisWeek)?.version);
    expect(withoutVersion(after)).toEqual(await recomputedFromScratch(u.unitId));
  });

  it('a document added later to a decided submission updates that decision’s week', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const old = await seedDecision(db, { unitId: u.unitId, actorId: u.officer.id, outcome: 'approve', agoSeconds: 2 * WEEK_S });
    // No document at decision time: remove the one the fixture attaches, then roll up.
    await db.execute(sql`delete from attachments where submission_id = ${old.submissionId}`);
    await refreshRollups(db);
    const [week] = [...new Set((await rollupOf(u.unitId)).map((r) => r.week))];
    expect(allRow(await rollupOf(u.unitId), week)).toMatchObject({ approved: 1, approvals_with_docs: 0 });

    await db
      .insert(attachments)
      .values({ submissionId: old.submissionId, docType: 'kk', filename: 'kk.png', mime: 'image/png', size: 1, sha256: 'y', content: Buffer.from([0]) });
    await refreshRollups(db);
    expect(allRow(await rollupOf(u.unitId), week)).toMatchObject({ approved: 1, approvals_with_docs: 1 });
    expect(withoutVersion(await rollupOf(u.unitId))).toEqual(await recomputedFromScratch(u.unitId));
  });

  it('a decision committed while a refresh runs is counted by the next refresh, not lost', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    await seedDecision(db, { unitId: u.unitId, actorId: u.officer.id, outcome: 'approve', agoSeconds: 120 });
    await refreshRollups(db);

    await db.transaction(async (tx) => {
      await seedDecision(tx as unknown as typeof db, { unitId: u.unitId, actorId: u.officer.id, outcome: 'reject', agoSeconds: 60 });
      // Another connection refreshes while this decision is not committed yet: it cannot see it.
      await refreshRollups(db);
    });
    const rows = await rollupOf(u.unitId);
    expect(rows.find((r) => r.dim === 'all')).toMatchObject({ rated: 1 });

    await refreshRollups(db);
    expect((await rollupOf(u.unitId)).find((r) => r.dim === 'all')).toMatchObject({ rated: 2, approved: 1 });
    expect(withoutVersion(await rollupOf(u.unitId))).toEqual(await recomputedFromScratch(u.unitId));
  });
});
