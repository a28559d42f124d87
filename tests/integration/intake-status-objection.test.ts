import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisions, outboxEvents, submissions } from '@/db/schema';
import { fileObjection } from '@/server/services/citizen/objections';
import { decide } from '@/server/services/review/decisions';
import { claim, takeNext } from '@/server/services/review/queue';
import { checkStatusToken, lookupStatus, statusToken } from '@/server/services/citizen/status-page';
import { makeDecidedSubmission, makeSubmission, makeUnit, testDb } from './fixtures';

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= 'test-secret-for-status-tokens';
});

describe('public status page and citizen objection', () => {
  it('shows status, answer and the deciding officer only with the right NIK digits; wrong digits and unknown tickets look the same', async () => {
    const db = testDb();
    const { unit, sub, nik } = await makeDecidedSubmission(db);
    // Fixture tickets do not follow the public format; give this one a real-looking number.
    const real = `TST-2026-${String(Math.floor(Math.random() * 900000) + 100000)}`;
    await db.update(submissions).set({ ticket: real }).where(eq(submissions.id, sub.id));
    const client = randomUUID();
    const ok = await lookupStatus(db, { ticket: real, nikLast4: nik.slice(-4), client });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.view).toMatchObject({
      status: 'approved',
      canObject: true,
      decision: { outcome: 'approve', decidedBy: 'officer', officerName: unit.officer.name },
    });
    expect(ok.view.decision?.finalAnswer).toContain('kami setujui');
    const wrong = await lookupStatus(db, { ticket: real, nikLast4: nik.slice(-4) === '0000' ? '1111' : '0000', client });
    const unknown = await lookupStatus(db, { ticket: 'TST-2026-000000', nikLast4: '1234', client });
    expect(wrong).toEqual({ ok: false, reason: 'not_found' });
    expect(unknown).toEqual(wrong);
  });

  it('rate-limits look-ups per ticket', async () => {
    const db = testDb();
    const ticket = `RL${Date.now() % 100000}-2026-000001`.replace(/^RL/, 'R');
    const results = [];
    for (let i = 0; i < 11; i++) results.push(await lookupStatus(db, { ticket, nikLast4: '0000', client: randomUUID() }));
    expect(results.slice(0, 10).every((r) => !r.ok && r.reason === 'not_found')).toBe(true);
    expect(results[10]).toMatchObject({ ok: false, reason: 'rate_limited' });
  });

  it('signs the short-lived reader token', () => {
    const t = statusToken('BDG-2026-000001');
    expect(checkStatusToken('BDG-2026-000001', t)).toBe(true);
    expect(checkStatusToken('BDG-2026-000002', t)).toBe(false);
    expect(
      checkStatusToken(
        'BDG-2026-000001',
        t.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    ).toBe(false);
    expect(checkStatusToken('BDG-2026-000001', statusToken('BDG-2026-000001', 1000))).toBe(false);
  });

  it('an objection reopens the item for a different officer; the deciding officer cannot take it', async () => {
    const db = testDb();
    const { unit, sub } = await makeDecidedSubmission(db);
    const before = await db
      .select({ id: decisions.id })
      .from(decisions)
      .where(and(eq(decisions.submissionId, sub.id), eq(decisions.kind, 'human')));
    const { excludedUserId } = await fileObjection(db, { submissionId: sub.id, message: 'Saya ingin petugas lain memeriksa ulang.' });
    expect(excludedUserId).toBe(unit.officer.id);
    const [s] = await db.select().from(submissions).where(eq(submissions.id, sub.id));
    expect(s.status).toBe('pending_review');
    await expect(takeNext(db, unit.officer)).rejects.toMatchObject({ code: 'QUEUE_EMPTY' });
    await expect(claim(db, unit.officer, sub.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const c = await claim(db, unit.officer2, sub.id);
    const result = await decide(db, unit.officer2, {
      submissionId: sub.id,
      version: c.version,
      suggestionId: sub.suggestionId,
      outcome: 'approve',
      answer: 'Setelah ditinjau ulang, permohonan tetap disetujui.',
      verdicts: [],
      reasonCode: null,
      note: null,
      timeSpentMs: 120_000,
    });
    const [second] = await db.select().from(decisions).where(eq(decisions.id, result.decisionId));
    expect(second.supersedes).toBe(before[0].id);
    const [evt] = await db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.submissionId, sub.id), eq(outboxEvents.type, 'submission.objection_received')));
    expect(evt.payload).toMatchObject({ decisionKind: 'human' });
    // One objection per decision; the new decision may be objected to again.
    await expect(fileObjection(db, { submissionId: sub.id, message: 'lagi' })).resolves.toMatchObject({ excludedUserId: unit.officer2.id });
  });

  it('an objection to an automatic approval goes to any person', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const sub = await makeSubmission(db, unit.unitId);
    await db.insert(decisions).values({
      submissionId: sub.id,
      unitId: unit.unitId,
      suggestionId: sub.suggestionId,
      actorId: null,
      outcome: 'approve',
      finalAnswer: 'Disetujui otomatis.',
      agreesWithAi: true,
      answerEdited: false,
      kind: 'auto',
      submissionVersion: 1,
    });
    await db
      .update(submissions)
      .set({ status: 'auto_approved', decidedAt: sql`now()`, version: 2 })
      .where(eq(submissions.id, sub.id));
    const r = await fileObjection(db, { submissionId: sub.id, message: 'Saya minta ditinjau oleh petugas.' });
    expect(r.excludedUserId).toBeNull();
    const next = await takeNext(db, unit.officer);
    expect(next.submissionId).toBe(sub.id);
  });

  it('refuses an objection where there is nothing decided', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const sub = await makeSubmission(db, unit.unitId);
    await expect(fileObjection(db, { submissionId: sub.id, message: 'x' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});
