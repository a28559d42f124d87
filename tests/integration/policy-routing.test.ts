/**
 * routeSuggestion against a real Postgres: what an automatic approval
 * writes, what sends an item to a person, the daily cap under concurrency,
 * and the global kill switch. The only test file that touches the kill
 * switch (it is global); tests in a file run one after another.
 */
import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '@/db/client';
import { auditEvents, decisions, outboxEvents, policyEvaluations, qaItems, submissions } from '@/db/schema';
import { appRouter } from '@/server/routers';
import type { Actor } from '@/server/services/core/actor';
import { setKillSwitch } from '@/server/services/policy/kill-switch';
import { isSampledForQa } from '@/server/services/oversight/sampling';
import { routeSuggestion } from '@/server/services/policy/routing';
import { createCallerFactory } from '@/server/trpc';
import { makeAdmin, makeUnit, testDb } from './fixtures';
import { activatePolicy, makeDrafted, makeService } from './policy-fixtures';
import { inject } from 'vitest';

const createCaller = createCallerFactory(appRouter);
const callerFor = (actor: Actor) => createCaller({ db: testDb(), actor });

async function route(unitId: string, serviceCode: string, d: { submissionId: string; suggestionId: string }) {
  const db = testDb();
  return db.transaction((tx) => routeSuggestion(tx, { ...d, unitId, serviceCode, status: 'drafting' }));
}

async function setup(rules: Parameters<typeof activatePolicy>[4] = {}) {
  const db = testDb();
  const unit = await makeUnit(db);
  const [a1, a2] = [await makeAdmin(db), await makeAdmin(db)];
  const service = await makeService(db);
  const policyId = await activatePolicy(db, a1, a2, service, rules);
  return { db, unit, a1, a2, service, policyId };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}

let killAdmin: Actor | null = null;
afterEach(async () => {
  // The kill switch is global: never leave it on for other test files.
  if (killAdmin) await setKillSwitch(testDb(), killAdmin, { on: false, reason: 'Akhir pengujian' });
  killAdmin = null;
});

describe('routeSuggestion', () => {
  it('sends everything to a person when the service has no policy, as before', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const service = await makeService(db);
    const d = await makeDrafted(db, unit.unitId, service, { confidence: 0.99 });
    expect(await route(unit.unitId, service, d)).toEqual({ result: 'human_review', rule: 'no_policy', policyId: null });
    const [s] = await db.select().from(submissions).where(eq(submissions.id, d.submissionId));
    expect(s).toMatchObject({ status: 'pending_review', version: 3 });
    const evals = await db.select().from(policyEvaluations).where(eq(policyEvaluations.submissionId, d.submissionId));
    expect(evals).toMatchObject([{ result: 'human_review', rule: 'no_policy', policyId: null, suggestionId: d.suggestionId }]);
    expect(await db.select().from(decisions).where(eq(decisions.submissionId, d.submissionId))).toHaveLength(0);
  });

  it('auto-approves under the active policy: decision of kind auto with the policy version, status, outbox and audit, in one transaction', async () => {
    const { db, unit, service, policyId } = await setup();
    const d = await makeDrafted(db, unit.unitId, service, { confidence: 0.95 });
    expect(await route(unit.unitId, service, d)).toEqual({ result: 'auto_approve', rule: 'ok', policyId });

    const [s] = await db.select().from(submissions).where(eq(submissions.id, d.submissionId));
    expect(s.status).toBe('auto_approved');
    expect(s.version).toBe(3);
    expect(s.decidedAt).not.toBeNull();
    const [dec] = await db.select().from(decisions).where(eq(decisions.submissionId, d.submissionId));
    expect(dec).toMatchObject({
      kind: 'auto',
      actorId: null,
      outcome: 'approve',
      policyId,
      suggestionId: d.suggestionId,
      agreesWithAi: true,
      submissionVersion: 2,
    });
    expect(dec.finalAnswer).toContain('permohonan Anda lengkap dan disetujui');
    expect(dec.finalAnswer).toContain('disetujui otomatis');
    expect(dec.finalAnswer).toContain('versi kebijakan 1');
    expect(dec.snapshot).toMatchObject({ suggestionVersion: 1, policyVersion: 1 });
    expect(dec.snapshot?.documents).toHaveLength(1);

    const [ev] = await db.select().from(policyEvaluations).where(eq(policyEvaluations.submissionId, d.submissionId));
    expect(ev).toMatchObject({ result: 'auto_approve', rule: 'ok', policyId });
    const out = await db.select().from(outboxEvents).where(eq(outboxEvents.submissionId, d.submissionId));
    expect(out).toMatchObject([
      {
        type: 'submission.auto_approved',
        payload: { decisionId: dec.id, outcome: 'approve', decidedBy: 'policy', policyVersion: 1, finalAnswer: dec.finalAnswer },
      },
    ]);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, d.submissionId), eq(auditEvents.action, 'decision.auto_approve')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      stream: `unit:${unit.unitId}`,
      actorId: null,
      payload: { decisionId: dec.id, policyId, policyVersion: 1, from: 'drafting', to: 'auto_approved', rule: 'ok' },
    });
    // Ids and facts only: no citizen data in the trail.
    expect(JSON.stringify(audit[0].payload)).not.toContain('3273010101900001');
  });

  it('rolls everything back with the caller when its transaction fails', async () => {
    const { db, unit, service } = await setup();
    const d = await makeDrafted(db, unit.unitId, service, { confidence: 0.95 });
    await expect(
      db.transaction(async (tx) => {
        await routeSuggestion(tx, { ...d, unitId: unit.unitId, serviceCode: service, status: 'drafting' });
        throw new Error('drafting pipeline failed after routing');
      }),
    ).rejects.toThrow('drafting pipeline failed');
    expect(await db.select().from(decisions).where(eq(decisions.submissionId, d.submissionId))).toHaveLength(0);
    expect(await db.select().from(policyEvaluations).where(eq(policyEvaluations.submissionId, d.submissionId))).toHaveLength(0);
    const [s] = await db.select().from(submissions).where(eq(submissions.id, d.submissionId));
    expect(s.status).toBe('drafting');
  });

  it('passes exactly at the threshold and sends just below it to a person', async () => {
    const { db, unit, service } = await setup({ minConfidence: 0.9 });
    const at = await makeDrafted(db, unit.unitId, service, { confidence: 0.9 });
    const below = await makeDrafted(db, unit.unitId, service, { confidence: 0.89 });
    expect((await route(unit.unitId, service, at)).result).toBe('auto_approve');
    expect(await route(unit.unitId, service, below)).toMatchObject({ result: 'human_review', rule: 'below_threshold' });
    const [s] = await db.select().from(submissions).where(eq(submissions.id, below.submissionId));
    expect(s.status).toBe('pending_review');
  });

  it('never automates a rejection or a request for documents, and records why each item went to a person', async () => {
    const { db, unit, service } = await setup({ minConfidence: 0.5, blockedFlags: ['complaint'] });
    const cases: [Parameters<typeof makeDrafted>[3], string][] = [
      [{ recommendation: 'reject', confidence: 1 }, 'not_approve'],
      [{ recommendation: 'request_info', confidence: 1 }, 'not_approve'],
      [{ verdicts: [{ docType: 'kk', attachmentId: null, verdict: 'unreadable', checks: [] }] }, 'document_not_valid'],
      [{ flags: ['complaint'] }, 'blocked_flag:complaint'],
    ];
    for (const [s, rule] of cases) {
      const d = await makeDrafted(db, unit.unitId, service, s);
      expect(await route(unit.unitId, service, d)).toMatchObject({ result: 'human_review', rule });
    }
    expect(
      await db.select().from(decisions).innerJoin(submissions, eq(submissions.id, decisions.submissionId)).where(eq(submissions.serviceCode, service)),
    ).toHaveLength(0);
  });

  it('stops at the daily cap of the unit for this service, even when two items arrive at once; other units keep their own count', async () => {
    const { db, unit, service } = await setup({ dailyCapPerUnit: 2 });
    const other = await makeUnit(db);
    const first = await makeDrafted(db, unit.unitId, service);
    expect((await route(unit.unitId, service, first)).result).toBe('auto_approve');
    // Two at once for the last slot: exactly one gets it.
    const [a, b] = [await makeDrafted(db, unit.unitId, service), await makeDrafted(db, unit.unitId, service)];
    const results = await Promise.all([route(unit.unitId, service, a), route(unit.unitId, service, b)]);
    expect(results.map((r) => r.result).sort()).toEqual(['auto_approve', 'human_review']);
    expect(results.find((r) => r.result === 'human_review')?.rule).toBe('daily_cap_reached');
    const third = await makeDrafted(db, unit.unitId, service);
    expect(await route(unit.unitId, service, third)).toMatchObject({ result: 'human_review', rule: 'daily_cap_reached' });
    const elsewhere = await makeDrafted(db, other.unitId, service);
    expect((await route(other.unitId, service, elsewhere)).result).toBe('auto_approve');
  });

  it('samples automatic approvals into blind QA by the keyed hash of the submission (source auto_sample)', async () => {
    const { db, unit, service } = await setup({ qaSampleRate: 0.5 });
    const made = [];
    for (let i = 0; i < 8; i++) made.push(await makeDrafted(db, unit.unitId, service));
    for (const d of made) await route(unit.unitId, service, d);
    for (const d of made) {
      const items = await db.select().from(qaItems).where(eq(qaItems.submissionId, d.submissionId));
      // An auditor with the key recomputes exactly which items were sampled.
      expect(items.length).toBe(isSampledForQa(d.submissionId, 0.5) ? 1 : 0);
      if (items.length) expect(items[0].source).toBe('auto_sample');
      const [s] = await db.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, d.submissionId));
      expect(s.status).toBe('auto_approved');
    }
  });
});

describe('the kill switch', () => {
  it('stops every automatic approval at the next evaluation, seen through another connection at once; audited with its reason', async () => {
    const { db, unit, service, a1 } = await setup();
    killAdmin = a1;
    // A second pool stands for a second server instance: nothing is cached in the process.
    const other = createDb(inject('databaseUrl'), 1);
    try {
      await setKillSwitch(other.db, a1, { on: true, reason: 'Model baru menunjukkan galat tinggi' });
      const d = await makeDrafted(db, unit.unitId, service, { confidence: 0.99 });
      expect(await route(unit.unitId, service, d)).toMatchObject({ result: 'human_review', rule: 'kill_switch' });
      await setKillSwitch(other.db, a1, { on: false, reason: 'Model diperbaiki dan diuji ulang' });
      const e = await makeDrafted(db, unit.unitId, service, { confidence: 0.99 });
      expect((await route(unit.unitId, service, e)).result).toBe('auto_approve');
    } finally {
      await other.sql.end();
    }
    const events = await db
      .select({ action: auditEvents.action, payload: auditEvents.payload, stream: auditEvents.stream })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'setting'), eq(auditEvents.actorId, a1.id)))
      .orderBy(auditEvents.seq); // both in the security stream: its sequence is the order they happened in
    expect(events.map((e) => e.action)).toEqual(['kill_switch.on', 'kill_switch.off']);
    expect(events[0]).toMatchObject({ stream: 'security', payload: { to: true, reason: 'Model baru menunjukkan galat tinggi' } });
  });

  it('waits for evaluations already in flight, so none commits an auto-approval after the switch returns', async () => {
    const { db, unit, service, a1 } = await setup();
    killAdmin = a1;
    const d = await makeDrafted(db, unit.unitId, service);
    const order: string[] = [];
    let routed!: () => void;
    const routedP = new Promise<void>((r) => (routed = r));
    const inFlight = db.transaction(async (tx) => {
      await routeSuggestion(tx, { ...d, unitId: unit.unitId, serviceCode: service, status: 'drafting' });
      order.push('routed');
      routed();
      await new Promise((r) => setTimeout(r, 400));
      order.push('committed');
    });
    await routedP;
    await setKillSwitch(db, a1, { on: true, reason: 'Hentikan segera untuk pengujian' });
    order.push('switched');
    await inFlight;
    expect(order).toEqual(['routed', 'committed', 'switched']);
  });

  it('is shown to supervisors and admins and switched by admins only (tRPC)', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const admin = await makeAdmin(db);
    killAdmin = admin;
    expect(await codeOf(callerFor(unit.officer).policies.killSwitch())).toBe('FORBIDDEN');
    expect((await callerFor(unit.supervisor).policies.killSwitch()).on).toBe(false);
    expect(await codeOf(callerFor(unit.supervisor).policies.setKillSwitch({ on: true, reason: 'Bukan hak saya' }))).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(admin).policies.setKillSwitch({ on: true, reason: '' }))).toBe('BAD_REQUEST');
    await callerFor(admin).policies.setKillSwitch({ on: true, reason: 'Pemeliharaan model AI' });
    const seen = await callerFor(unit.supervisor).policies.killSwitch();
    expect(seen).toMatchObject({ on: true, reason: 'Pemeliharaan model AI', changedBy: admin.name });
    const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from settings where key = 'auto_approve_kill_switch'`);
    expect(rows[0].n).toBe(1);
  });
});
