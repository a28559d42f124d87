import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, users } from '@/db/schema';
import { appRouter } from '@/server/routers';
import { loadActor, type Actor } from '@/server/services/core/actor';
import { SECURITY_STREAM } from '@/server/services/audit/audit';
import { createCallerFactory } from '@/server/trpc';
import { makeAdmin, makeSubmission, makeUnit, testDb } from './fixtures';

const createCaller = createCallerFactory(appRouter);
const callerFor = (actor: Actor | null) => createCaller({ db: testDb(), actor });

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}

describe('unit scoping and roles through the tRPC caller', () => {
  it("hides unit B's submission from an officer of unit A", async () => {
    const db = testDb();
    const [a, b] = [await makeUnit(db), await makeUnit(db)];
    const subB = await makeSubmission(db, b.unitId);
    const officerA = callerFor(a.officer);

    expect(await codeOf(officerA.review.get({ submissionId: subB.id }))).toBe('NOT_FOUND');
    expect(await codeOf(officerA.queue.claim({ submissionId: subB.id }))).toBe('NOT_FOUND');
    expect(
      await codeOf(
        officerA.review.decide({
          submissionId: subB.id,
          version: 1,
          suggestionId: subB.suggestionId,
          outcome: 'approve',
          answer: 'x',
          verdicts: [],
          reasonCode: null,
          note: null,
          timeSpentMs: 1,
        }),
      ),
    ).toBe('NOT_FOUND');
    const queueA = await officerA.queue.list({});
    expect(queueA.map((q) => q.id)).not.toContain(subB.id);
    // The owner sees it.
    const review = await callerFor(b.officer).review.get({ submissionId: subB.id });
    expect(review.submission.ticket).toBe(subB.ticket);
    expect(review.submission.nikMasked).toBe('3273********0001');
  });

  it('refuses officers on supervisor pages and admins on decisions, and records the refusal', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const admin = await makeAdmin(db);
    expect(await codeOf(callerFor(u.officer).overview.units())).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(admin).queue.list({}))).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(admin).queue.takeNext())).toBe('FORBIDDEN');
    const refusals = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.stream, SECURITY_STREAM), eq(auditEvents.actorId, u.officer.id), eq(auditEvents.action, 'access.forbidden')));
    expect(refusals.map((r) => r.entityId)).toContain('overview.units');
    // Supervisors and admins do see the overview; a supervisor only their own unit.
    const sup = await callerFor(u.supervisor).overview.units();
    expect(sup.map((x) => x.unitId)).toEqual([u.unitId]);
    const all = await callerFor(admin).overview.units();
    expect(all.map((x) => x.unitId)).toContain(u.unitId);
  });

  it('answers UNAUTHORIZED without a session', async () => {
    expect(await codeOf(callerFor(null).queue.list({}))).toBe('UNAUTHORIZED');
    expect(await codeOf(callerFor(null).me.get())).toBe('UNAUTHORIZED');
  });

  it('shuts a deactivated user out at once and refuses sessions of another generation', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    expect(await loadActor(db, u.officer.id, { generation: 0 })).not.toBeNull();
    await db.update(users).set({ sessionGeneration: 1 }).where(eq(users.id, u.officer.id));
    expect(await loadActor(db, u.officer.id, { generation: 0 })).toBeNull();
    expect(await loadActor(db, u.officer.id, { generation: 1 })).not.toBeNull();
    await db.update(users).set({ active: false }).where(eq(users.id, u.officer.id));
    expect(await loadActor(db, u.officer.id, { generation: 1 })).toBeNull();
    expect(await loadActor(db, u.officer.id)).toBeNull();
  });

  it('rejects malformed input with BAD_REQUEST before any service runs', async () => {
    const u = await makeUnit(testDb());
    expect(await codeOf(callerFor(u.officer).review.get({ submissionId: 'not-a-uuid' }))).toBe('BAD_REQUEST');
  });
});

describe('admin: reason codes', () => {
  it('lets an admin add and retire a code, audited; officers and supervisors are FORBIDDEN', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const admin = await makeAdmin(db);
    const code = `uji_${Date.now().toString(36)}`;
    const input = { code, labelId: 'Alasan uji', labelEn: 'Test reason', legalBasis: 'Perpres 96/2018', active: true, sortOrder: 50 };
    expect(await codeOf(callerFor(u.officer).admin.saveReasonCode(input))).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(u.supervisor).admin.saveReasonCode(input))).toBe('FORBIDDEN');
    await callerFor(admin).admin.saveReasonCode(input);
    expect((await callerFor(u.officer).review.reasonCodes()).map((r) => r.code)).toContain(code);
    await callerFor(admin).admin.saveReasonCode({ ...input, active: false });
    expect((await callerFor(u.officer).review.reasonCodes()).map((r) => r.code)).not.toContain(code);
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'reason_code'), eq(auditEvents.entityId, code)))
      .orderBy(auditEvents.occurredAt, auditEvents.seq);
    expect(events.map((e) => e.action)).toEqual(['reason_code.create', 'reason_code.update']);
    expect(events[1].payload).toMatchObject({ changed: { active: { from: true, to: false } } });
    expect(await codeOf(callerFor(admin).admin.saveReasonCode({ ...input, code: 'Bad Code!' }))).toBe('BAD_REQUEST');
  });
});
