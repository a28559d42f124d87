import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '@/server/services/audit/audit';
import { testDb, testSql } from './fixtures';

/** Recomputes one event's hash from the row as stored, as an outside verifier would. */
function recompute(r: Record<string, string | Buffer | null>): string {
  const canonical = [r.stream, r.seq, r.at, r.actor_id ?? '', r.actor_role ?? '', r.unit_id ?? '', r.action, r.entity_type, r.entity_id, r.payload].join('\n');
  return createHash('sha256')
    .update(Buffer.concat([r.prev_hash as Buffer, Buffer.from(canonical, 'utf8')]))
    .digest('hex');
}

describe('audit trail', () => {
  it('chains events per stream with database sequence numbers and verifiable hashes', async () => {
    const db = testDb();
    const stream = `test:${randomUUID()}`;
    for (let i = 0; i < 5; i++) {
      await appendAudit(db, {
        stream,
        actor: null,
        unitId: null,
        action: 'test.event',
        entityType: 'thing',
        entityId: String(i),
        payload: { z: i, a: 'é', nested: { b: [1, 2], a: null } },
      });
    }
    const rows = await testSql()`
      select stream, seq::text as seq, prev_hash, encode(hash, 'hex') as hash,
             to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
             actor_id::text, actor_role, unit_id::text, action, entity_type, entity_id, payload::text as payload
      from audit_events where stream = ${stream} order by seq`;
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect((rows[0].prev_hash as Buffer).equals(Buffer.alloc(32))).toBe(true);
    for (let i = 0; i < rows.length; i++) {
      expect(recompute(rows[i])).toBe(rows[i].hash);
      if (i > 0) expect((rows[i].prev_hash as Buffer).toString('hex')).toBe(rows[i - 1].hash);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE on audit_events, even for the table owner', async () => {
    const sql = testSql();
    const stream = `test:${randomUUID()}`;
    await appendAudit(testDb(), { stream, actor: null, unitId: null, action: 'a', entityType: 'e', entityId: '1', payload: {} });
    await expect(sql`update audit_events set action = 'b' where stream = ${stream}`).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where stream = ${stream}`).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`).rejects.toThrow(/append-only/);
    await expect(
      sql.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`delete from audit_events where stream = ${stream}`;
      }),
    ).rejects.toThrow(/append-only/);
  });

  it('keeps a stream gap-free under concurrent appends', async () => {
    const db = testDb();
    const stream = `test:${randomUUID()}`;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.transaction((tx) => appendAudit(tx, { stream, actor: null, unitId: null, action: 'c', entityType: 'e', entityId: String(i), payload: {} })),
      ),
    );
    const rows = await testSql()`select seq::int as seq from audit_events where stream = ${stream} order by seq`;
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});
