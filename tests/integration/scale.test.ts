import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queueQuery } from '@/server/services/queue';
import { makeSubmission, makeUnit, testDb, testSql } from './fixtures';

type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };
const indexesIn = (n: PlanNode): string[] => [...(n['Index Name'] ? [n['Index Name']] : []), ...(n.Plans ?? []).flatMap(indexesIn)];
const nodeTypes = (n: PlanNode): string[] => [n['Node Type'], ...(n.Plans ?? []).flatMap(nodeTypes)];

describe('queue at scale', () => {
  it('reads 100,000 rows (half decided, half waiting) through the open-queue index, without a sequential scan', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const template = await makeSubmission(db, u.unitId);
    // 100,000 rows of this unit, generated in SQL: half already decided, half waiting.
    await db.execute(sql`
      insert into submissions (ticket, unit_id, service_code, channel, citizen_name, nik, message, status, sla_due_at, received_at, latest_suggestion_id)
      select 'SCALE-' || ${u.unitId}::text || '-' || g, ${u.unitId}, 'ktp-el', 'portal', 'Warga ' || g,
             lpad((3273010000000000 + g)::text, 16, '0'), 'pesan',
             (case when g % 2 = 0 then 'approved' else 'pending_review' end)::submission_status,
             now() + make_interval(mins => g % 5000), now() - make_interval(mins => g % 9000),
             ${template.suggestionId}::uuid
      from generate_series(1, 100000) g`);
    await testSql()`analyze submissions`;

    const q = queueQuery(db, u.officer, { status: 'open', sort: 'sla' }).toSQL();
    const [{ 'QUERY PLAN': plan }] = await testSql().unsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(
      `explain (format json) ${q.sql}`,
      q.params as never[],
    );
    const root = plan[0].Plan;
    expect(indexesIn(root)).toContain('submissions_open_queue_idx');
    expect(nodeTypes(root)).not.toContain('Seq Scan');
    const rows = await queueQuery(db, u.officer, { status: 'open', sort: 'sla' });
    expect(rows).toHaveLength(100);
    expect(rows.every((r, i) => i === 0 || rows[i - 1].slaDueAt <= r.slaDueAt)).toBe(true);
  }, 60_000);
});
