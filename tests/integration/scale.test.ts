import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/services/core/actor';
import { nextCandidateQuery, queueQuery, takeNext } from '@/server/services/review/queue';
import { makeSubmission, makeUnit, testDb, testSql } from './fixtures';

type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: PlanNode[] };
const indexesIn = (n: PlanNode): string[] => [...(n['Index Name'] ? [n['Index Name']] : []), ...(n.Plans ?? []).flatMap(indexesIn)];
const nodeTypes = (n: PlanNode): string[] => [n['Node Type'], ...(n.Plans ?? []).flatMap(nodeTypes)];
const scansOf = (n: PlanNode, table: string): PlanNode[] => [
  ...(n['Relation Name'] === table ? [n] : []),
  ...(n.Plans ?? []).flatMap((c) => scansOf(c, table)),
];

/** The plan Postgres picks for a query: with its parameters, or generic (as a prepared statement may run after five executions). */
async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }, generic = false): Promise<PlanNode> {
  const q = query.toSQL();
  const [{ 'QUERY PLAN': plan }] = generic
    ? await testSql().unsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`explain (format json, generic_plan) ${q.sql}`)
    : await testSql().unsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`explain (format json) ${q.sql}`, q.params as never[]);
  return plan[0].Plan;
}

describe('queue at scale', () => {
  let u: Awaited<ReturnType<typeof makeUnit>>;

  beforeAll(async () => {
    const db = testDb();
    u = await makeUnit(db);
    const template = await makeSubmission(db, u.unitId);
    // 100,000 rows of this unit, generated in SQL: half already decided; of the rest, a few
    // escalated and a few held under a lease that ran out, the others waiting.
    await db.execute(sql`
      insert into submissions (ticket, unit_id, service_code, channel, citizen_name, nik, message, status, sla_due_at, received_at, latest_suggestion_id, lease_until)
      select 'SCALE-' || ${u.unitId}::text || '-' || g, ${u.unitId}, 'ktp-el', 'portal', 'Warga ' || g,
             lpad((3273010000000000 + g)::text, 16, '0'), 'pesan',
             (case when g % 2 = 0 then 'approved' when g % 101 = 1 then 'escalated' when g % 103 = 1 then 'in_review' else 'pending_review' end)::submission_status,
             now() + make_interval(mins => g % 5000), now() - make_interval(mins => g % 9000),
             ${template.suggestionId}::uuid,
             case when g % 103 = 1 then now() - interval '1 minute' end
      from generate_series(1, 100000) g`);
    await testSql()`analyze submissions`;
  }, 60_000);

  it('reads 100,000 rows (half decided, half waiting) through the open-queue index, without a sequential scan', async () => {
    const db = testDb();
    const root = await planOf(queueQuery(db, u.officer, { status: 'open', sort: 'sla' }));
    expect(indexesIn(root)).toContain('submissions_open_queue_idx');
    expect(nodeTypes(root)).not.toContain('Seq Scan');
    const rows = await queueQuery(db, u.officer, { status: 'open', sort: 'sla' });
    expect(rows).toHaveLength(100);
    expect(rows.every((r, i) => i === 0 || rows[i - 1].slaDueAt <= r.slaDueAt)).toBe(true);
  });

  it('take next walks the open-queue index in SLA order and stops at the first row, for officers and supervisors, with and without parameters', async () => {
    const db = testDb();
    const actors: Actor[] = [u.officer, u.supervisor];
    for (const actor of actors) {
      for (const generic of [false, true]) {
        const root = await planOf(nextCandidateQuery(db, actor, u.unitId), generic);
        // No bitmap scan and sort of the whole open queue: that costs ~150 ms at 100,000 pending.
        const label = `${actor.role}, ${generic ? 'generic' : 'custom'} plan`;
        expect(nodeTypes(root), label).not.toContain('Sort');
        const scans = scansOf(root, 'submissions');
        expect(
          scans.map((n) => [n['Node Type'], n['Index Name']]),
          label,
        ).toEqual([['Index Scan', 'submissions_open_queue_idx']]);
      }
    }
    // And it takes the most urgent claimable item.
    const [expected] = await testSql()`
      select id from submissions where unit_id = ${u.unitId}
        and (status = 'pending_review' or status = 'escalated' or (status = 'in_review' and lease_until < now()))
      order by sla_due_at limit 1`;
    expect((await takeNext(db, u.supervisor)).submissionId).toBe(expected.id);
  });
});
