import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import type { Actor } from '@/server/services/core/actor';
import { unitStream } from '@/server/services/audit/audit';
import { rawSql } from '@/server/services/audit/checkpoints';
import { verifyStream } from '@/server/services/audit/verify';
import { decide } from '@/server/services/review/decisions';
import { claim } from '@/server/services/review/queue';
import { appRole } from './audit-helpers';
import { makeSubmission, makeUnit, testDb, testSql } from './fixtures';

const PER_UNIT = 12;

describe('audit chains under concurrent work', () => {
  it('36 parallel claim-and-decide flows across 3 units leave every unit chain valid and gap-free', async () => {
    const db = testDb();
    const units = await Promise.all([makeUnit(db), makeUnit(db), makeUnit(db)]);
    // One officer per item: the per-person hold limit is not what this test is about.
    const work: { officer: Actor; sub: Awaited<ReturnType<typeof makeSubmission>> }[] = [];
    for (const u of units) {
      for (let i = 0; i < PER_UNIT; i++) {
        const [o] = await db
          .insert(users)
          .values({ email: `par-${randomUUID()}@test.layanan.go.id`, name: `Petugas ${i}`, role: 'officer', unitId: u.unitId, passwordHash: 'x' })
          .returning();
        work.push({ officer: { id: o.id, name: o.name, email: o.email, role: 'officer', unitId: u.unitId }, sub: await makeSubmission(db, u.unitId) });
      }
    }
    // As the console runs: the application role, all flows at once.
    const app = appRole().db;
    await Promise.all(
      work.map(async ({ officer, sub }) => {
        const { version } = await claim(app, officer, sub.id);
        await decide(app, officer, {
          submissionId: sub.id,
          version,
          suggestionId: sub.suggestionId,
          outcome: 'approve',
          answer: 'Yth. Ibu Siti Nurhaliza, permohonan KTP-el Anda lengkap dan akan diproses.',
          verdicts: [],
          reasonCode: null,
          note: null,
          timeSpentMs: 5000,
        });
      }),
    );
    for (const u of units) {
      const result = await verifyStream(rawSql(app), unitStream(u.unitId));
      expect(result).toMatchObject({ ok: true, checked: 2 * PER_UNIT, lastSeq: 2 * PER_UNIT });
      const seqs = await testSql()<{ seq: string; action: string }[]>`
        select seq::text as seq, action from audit_events where stream = ${unitStream(u.unitId)} order by audit_events.seq`;
      expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 2 * PER_UNIT }, (_, i) => i + 1));
      expect(seqs.filter((r) => r.action === 'decision.approve')).toHaveLength(PER_UNIT);
      // Each unit's events belong to that unit only.
      const foreign = await testSql()`select 1 from audit_events where stream = ${unitStream(u.unitId)} and unit_id <> ${u.unitId}`;
      expect(foreign).toHaveLength(0);
    }
    expect(await db.select().from(users).where(eq(users.unitId, units[0].unitId))).toHaveLength(PER_UNIT + 3);
  }, 60_000);
});
