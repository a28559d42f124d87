import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, decisions, qaItems, submissions } from '@/db/schema';
import { appRouter } from '@/server/routers';
import type { Actor } from '@/server/services/core/actor';
import type { DecideInput } from '@/server/services/review/decision-input';
import { decide } from '@/server/services/review/decisions';
import { isSampledForQa } from '@/server/services/oversight/sampling';
import { claim } from '@/server/services/review/queue';
import { createCallerFactory } from '@/server/trpc';
import { makeAdmin, makeSubmission, makeUnit, testDb, type UnitFixture } from './fixtures';
import { seedDecision } from './oversight-fixtures';

const callerFor = (actor: Actor) => createCallerFactory(appRouter)({ db: testDb(), actor });

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}

const DRAFT = 'Yth. Ibu Siti Nurhaliza, permohonan KTP-el Anda lengkap dan akan diproses.';

/** An officer claims a fresh submission and decides it through the real service. */
async function decided(u: UnitFixture, over: Partial<DecideInput> = {}, who: Actor = u.officer) {
  const db = testDb();
  const sub = await makeSubmission(db, u.unitId);
  const c = await claim(db, who, sub.id);
  const res = await decide(db, who, {
    submissionId: sub.id,
    version: c.version,
    suggestionId: sub.suggestionId,
    outcome: 'approve',
    answer: DRAFT,
    verdicts: [],
    reasonCode: null,
    note: null,
    timeSpentMs: 30_000,
    ...over,
  });
  return { sub, decisionId: res.decisionId };
}

describe('reopen', () => {
  it('returns a decided item to the queue; the next decision supersedes the old one, which stays', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const { sub, decisionId: oldId } = await decided(u);
    const sup = callerFor(u.supervisor);

    expect(await codeOf(sup.supervisor.reopen({ submissionId: sub.id, reasonCode: 'doc_invalid', reason: 'short' }))).toBe('BAD_REQUEST');
    expect(await codeOf(callerFor(u.officer).supervisor.reopen({ submissionId: sub.id, reasonCode: 'doc_invalid', reason: 'Foto KK tidak terbaca' }))).toBe(
      'FORBIDDEN',
    );
    const other = await makeUnit(db);
    expect(
      await codeOf(callerFor(other.supervisor).supervisor.reopen({ submissionId: sub.id, reasonCode: 'doc_invalid', reason: 'Foto KK tidak terbaca' })),
    ).toBe('NOT_FOUND');

    const r = await sup.supervisor.reopen({ submissionId: sub.id, reasonCode: 'doc_invalid', reason: 'Foto KK tidak terbaca, periksa ulang' });
    expect(r.status).toBe('pending_review');
    expect(r.reopenedDecisionId).toBe(oldId);
    const [s] = await db.select().from(submissions).where(eq(submissions.id, sub.id));
    expect(s.status).toBe('pending_review');
    expect(s.decidedAt).toBeNull();
    const [marker] = await db.select().from(decisions).where(eq(decisions.id, r.reopenDecisionId));
    expect(marker).toMatchObject({
      kind: 'reopen',
      supersedes: oldId,
      actorId: u.supervisor.id,
      reasonCode: 'doc_invalid',
      note: 'Foto KK tidak terbaca, periksa ulang',
    });
    const [ev] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, sub.id), eq(auditEvents.action, 'submission.reopen')));
    expect(ev.payload).toMatchObject({ reopenedDecisionId: oldId, from: 'approved', to: 'pending_review', reasonCode: 'doc_invalid' });
    // Reopening twice is an illegal move: the item is no longer decided.
    expect(await codeOf(sup.supervisor.reopen({ submissionId: sub.id, reasonCode: 'doc_invalid', reason: 'Foto KK tidak terbaca' }))).toBe('CONFLICT');

    // An escalation in between does not consume the supersede; the final decision does.
    const c1 = await claim(db, u.officer, sub.id);
    const esc = await decide(db, u.officer, {
      submissionId: sub.id,
      version: c1.version,
      suggestionId: sub.suggestionId,
      outcome: 'escalate',
      answer: DRAFT,
      verdicts: [],
      reasonCode: null,
      note: 'Mohon dicek',
      timeSpentMs: 1000,
    });
    const c2 = await claim(db, u.supervisor, sub.id);
    const fin = await decide(db, u.supervisor, {
      submissionId: sub.id,
      version: c2.version,
      suggestionId: sub.suggestionId,
      outcome: 'reject',
      answer: DRAFT,
      verdicts: [],
      reasonCode: 'doc_invalid',
      note: null,
      timeSpentMs: 1000,
    });
    const rows = await db.select().from(decisions).where(eq(decisions.submissionId, sub.id));
    expect(rows.find((d) => d.id === esc.decisionId)!.supersedes).toBeNull();
    expect(rows.find((d) => d.id === fin.decisionId)!.supersedes).toBe(oldId);
    const old = rows.find((d) => d.id === oldId)!;
    expect(old.outcome).toBe('approve');
    expect(old.supersedes).toBeNull();

    const detail = await sup.supervisor.overrides.get({ decisionId: oldId });
    expect(detail.decision.supersededBy).toBe(fin.decisionId);
    expect(detail.canReopen).toBe(false);
    expect(detail.history.map((h) => h.kind)).toEqual(['human', 'human', 'reopen', 'human']);
    expect(detail.events.map((e) => e.action)).toEqual(expect.arrayContaining(['decision.approve', 'submission.reopen', 'decision.reject']));
    expect((await sup.supervisor.overrides.get({ decisionId: fin.decisionId })).canReopen).toBe(true);
    // The review page lists every decision, old and new.
    const review = await callerFor(u.officer).review.get({ submissionId: sub.id });
    expect(review.decisions.map((d) => d.id)).toEqual(expect.arrayContaining([oldId, fin.decisionId, r.reopenDecisionId]));
  });
});

describe('blind QA second review', () => {
  it('samples by the keyed hash, hides the first decision, refuses the first decider, then compares', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const sup = callerFor(u.supervisor);
    await sup.supervisor.qa.saveSampleRate({ rate: 1 });
    expect((await sup.supervisor.qa.sampleRate({})).value).toBe(1);
    const [setting] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'setting'), eq(auditEvents.entityId, `qa_sample_rate:${u.unitId}`)));
    expect(setting.payload).toMatchObject({ from: null, to: 1 });

    const { sub, decisionId } = await decided(u, { outcome: 'approve' });
    const [item] = await db.select().from(qaItems).where(eq(qaItems.firstDecisionId, decisionId));
    expect(item).toMatchObject({ source: 'human_sample', submissionId: sub.id, secondDecisionId: null });

    const queue = await sup.supervisor.qa.queue({});
    expect(queue.find((q) => q.id === item.id)).toMatchObject({ ticket: sub.ticket, ownDecision: false });
    const blind = await sup.supervisor.qa.get({ qaItemId: item.id });
    expect(blind.comparison).toBeNull();
    expect(blind.canReview).toBe(true);
    expect(blind.suggestion?.recommendation).toBe('approve');
    expect(blind.attachments).toHaveLength(1);
    // Nothing of the first decision travels to the blind reviewer.
    expect(JSON.stringify(blind)).not.toContain(decisionId);
    expect(JSON.stringify(blind)).not.toContain(u.officer.name);

    expect(await codeOf(callerFor(u.officer).supervisor.qa.get({ qaItemId: item.id }))).toBe('FORBIDDEN');
    const other = await makeUnit(db);
    expect(await codeOf(callerFor(other.supervisor).supervisor.qa.get({ qaItemId: item.id }))).toBe('NOT_FOUND');
    const admin = await makeAdmin(db);
    expect(await codeOf(callerFor(admin).supervisor.qa.decide({ qaItemId: item.id, outcome: 'approve', verdicts: [], note: null, timeSpentMs: 1 }))).toBe(
      'FORBIDDEN',
    );

    await sup.supervisor.qa.claim({ qaItemId: item.id });
    const res = await sup.supervisor.qa.decide({
      qaItemId: item.id,
      outcome: 'request_info',
      verdicts: [{ docType: 'kk', verdict: 'unreadable' }],
      note: 'KK buram',
      timeSpentMs: 50_000,
    });
    expect(res.agrees).toBe(false);
    const [second] = await db.select().from(decisions).where(eq(decisions.id, res.secondDecisionId));
    expect(second).toMatchObject({ kind: 'qa_second', actorId: u.supervisor.id, outcome: 'request_info', submissionVersion: -2 });
    expect(second.verdictOverrides).toEqual([{ docType: 'kk', from: 'valid', to: 'unreadable' }]);
    // The submission itself is untouched.
    const [s] = await db.select().from(submissions).where(eq(submissions.id, sub.id));
    expect([s.status, s.version]).toEqual(['approved', 3]);

    const done = await sup.supervisor.qa.get({ qaItemId: item.id });
    expect(done.comparison).toMatchObject({
      agrees: false,
      first: { outcome: 'approve', actorName: u.officer.name },
      second: { outcome: 'request_info', verdicts: { kk: 'unreadable' } },
    });
    expect(await codeOf(sup.supervisor.qa.decide({ qaItemId: item.id, outcome: 'approve', verdicts: [], note: null, timeSpentMs: 1 }))).toBe('CONFLICT');
    expect((await sup.supervisor.qa.completed({})).map((c) => c.id)).toContain(item.id);
    const [ev] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, sub.id), eq(auditEvents.action, 'qa.second_review')));
    expect(ev.payload).toMatchObject({ qaItemId: item.id, agrees: false, outcome: 'request_info' });
  });

  it('never lets the first decider review their own decision', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    await callerFor(u.supervisor).supervisor.qa.saveSampleRate({ rate: 1 });
    // An escalated item decided by the supervisor is sampled; the supervisor may not QA it.
    const sub = await makeSubmission(db, u.unitId);
    const c = await claim(db, u.supervisor, sub.id);
    const res = await decide(db, u.supervisor, {
      submissionId: sub.id,
      version: c.version,
      suggestionId: sub.suggestionId,
      outcome: 'approve',
      answer: DRAFT,
      verdicts: [],
      reasonCode: null,
      note: null,
      timeSpentMs: 1,
    });
    const [item] = await db.select().from(qaItems).where(eq(qaItems.firstDecisionId, res.decisionId));
    const sup = callerFor(u.supervisor);
    expect((await sup.supervisor.qa.queue({})).find((q) => q.id === item.id)?.ownDecision).toBe(true);
    expect((await sup.supervisor.qa.get({ qaItemId: item.id })).canReview).toBe(false);
    expect(await codeOf(sup.supervisor.qa.claim({ qaItemId: item.id }))).toBe('FORBIDDEN');
    expect(await codeOf(sup.supervisor.qa.decide({ qaItemId: item.id, outcome: 'approve', verdicts: [], note: null, timeSpentMs: 1 }))).toBe('FORBIDDEN');
  });

  it('samples exactly the submissions the keyed hash selects, and none at rate 0; escalations never', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const sup = callerFor(u.supervisor);
    await sup.supervisor.qa.saveSampleRate({ rate: 0.5 });
    const made = [];
    for (let i = 0; i < 8; i++) made.push(await decided(u));
    for (const m of made) {
      const items = await db.select().from(qaItems).where(eq(qaItems.firstDecisionId, m.decisionId));
      expect(items.length).toBe(isSampledForQa(m.sub.id, 0.5) ? 1 : 0);
    }
    await sup.supervisor.qa.saveSampleRate({ rate: 0 });
    const none = await decided(u);
    expect(await db.select().from(qaItems).where(eq(qaItems.firstDecisionId, none.decisionId))).toHaveLength(0);
    await sup.supervisor.qa.saveSampleRate({ rate: 1 });
    const esc = await decided(u, { outcome: 'escalate', note: 'Tolong dicek' });
    expect(await db.select().from(qaItems).where(eq(qaItems.firstDecisionId, esc.decisionId))).toHaveLength(0);
    expect(await codeOf(sup.supervisor.qa.saveSampleRate({ rate: 1.5 }))).toBe('BAD_REQUEST');
    const other = await makeUnit(db);
    expect(await codeOf(sup.supervisor.qa.saveSampleRate({ unitId: other.unitId, rate: 0.2 }))).toBe('FORBIDDEN');
  });
});

describe('overrides page', () => {
  it('lists departures from the AI with filters and keyset pages, scoped to the unit', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const A = u.officer.id;
    const B = u.officer2.id;
    const base = { unitId: u.unitId };
    const o1 = await seedDecision(db, { ...base, actorId: A, outcome: 'reject', agoSeconds: 500, model: ['m1', '1'] });
    const o2 = await seedDecision(db, { ...base, actorId: A, outcome: 'approve', answerEdited: true, agoSeconds: 400, model: ['m1', '1'] });
    const o3 = await seedDecision(db, {
      ...base,
      actorId: B,
      outcome: 'approve',
      verdictChanged: true,
      reasonCode: 'ai_verdict_wrong',
      agoSeconds: 300,
      model: ['m2', '1'],
    });
    const o4 = await seedDecision(db, { ...base, actorId: B, outcome: 'request_info', agoSeconds: 200, model: ['m2', '1'] });
    const o5 = await seedDecision(db, { ...base, actorId: A, outcome: 'reject', agoSeconds: 100, model: ['m1', '1'] });
    await seedDecision(db, { ...base, actorId: A, outcome: 'approve', agoSeconds: 50 }); // agrees: not an override
    await seedDecision(db, { ...base, actorId: B, outcome: 'escalate', agoSeconds: 40 }); // a hand-over: not an override
    const sup = callerFor(u.supervisor);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof sup.supervisor.overrides.list>> = await sup.supervisor.overrides.list({ limit: 2, cursor });
      seen.push(...page.items.map((i) => i.decisionId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([o5, o4, o3, o2, o1].map((o) => o.decisionId));

    const ids = async (f: Parameters<typeof sup.supervisor.overrides.list>[0]) => (await sup.supervisor.overrides.list(f)).items.map((i) => i.decisionId);
    expect(await ids({ officerId: B })).toEqual([o4, o3].map((o) => o.decisionId));
    expect(await ids({ reasonCode: 'ai_verdict_wrong' })).toEqual([o3.decisionId]);
    expect(await ids({ type: 'answer' })).toEqual([o2.decisionId]);
    expect(await ids({ type: 'verdict' })).toEqual([o3.decisionId]);
    expect(await ids({ type: 'outcome', officerId: A })).toEqual([o5, o1].map((o) => o.decisionId));
    expect(await ids({ model: 'm2 1' })).toEqual([o4, o3].map((o) => o.decisionId));
    expect(await ids({ serviceCode: 'kk-perubahan' })).toEqual([]);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(await ids({ from: '2000-01-01', to: '2000-12-31' })).toEqual([]);
    expect((await ids({ to: today, from: '2000-01-01' })).length).toBe(5);

    const first = (await sup.supervisor.overrides.list({ limit: 1 })).items[0];
    expect(first).toMatchObject({ ticket: o5.ticket, outcome: 'reject', aiRecommendation: 'approve', outcomeChanged: true, model: 'm1 1', superseded: false });

    const detail = await sup.supervisor.overrides.get({ decisionId: o3.decisionId });
    expect(detail.verdicts).toEqual([{ docType: 'kk', ai: 'valid', final: 'invalid', checks: [] }]);
    expect(detail.ai?.draftAnswer).toBe('Draf AI.');
    expect(detail.decision.reasonLabelEn).toBe('AI judged the document wrongly');

    // Another unit's supervisor sees none of it; an officer reaches none of it.
    const other = await makeUnit(db);
    const os = callerFor(other.supervisor);
    expect((await os.supervisor.overrides.list({})).items).toEqual([]);
    expect(await codeOf(os.supervisor.overrides.list({ unitId: u.unitId }))).toBe('FORBIDDEN');
    expect(await codeOf(os.supervisor.overrides.get({ decisionId: o3.decisionId }))).toBe('NOT_FOUND');
    const off = callerFor(u.officer);
    const officerCalls = [
      () => off.supervisor.overrides.list({}),
      () => off.supervisor.overrides.get({ decisionId: o3.decisionId }),
      () => off.supervisor.overrides.filters({}),
      () => off.supervisor.analytics({}),
      () => off.supervisor.bias.get({}),
      () => off.supervisor.qa.queue({}),
      () => off.supervisor.escalations({}),
      () => off.supervisor.refreshAnalytics(),
      () => off.supervisor.reopen({ submissionId: o3.submissionId, reasonCode: 'doc_invalid', reason: 'Perlu diperiksa ulang' }),
    ];
    for (const call of officerCalls) expect(await codeOf(call())).toBe('FORBIDDEN');
    const admin = await makeAdmin(db);
    expect((await callerFor(admin).supervisor.overrides.list({ unitId: u.unitId })).items).toHaveLength(5);
    expect((await callerFor(admin).supervisor.overrides.get({ decisionId: o3.decisionId })).submission.ticket).toBe(o3.ticket);
  });
});

describe('escalation queue and settings', () => {
  it("lists escalated items with the officer's note and age; thresholds are audited and unit-scoped", async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const { sub } = await decided(u, { outcome: 'escalate', note: 'NIK di KTP berbeda dengan formulir' });
    const sup = callerFor(u.supervisor);
    const esc = await sup.supervisor.escalations({});
    expect(esc.counts.total).toBe(1);
    expect(esc.counts.under4h).toBe(1);
    expect(esc.items[0]).toMatchObject({
      submissionId: sub.id,
      ticket: sub.ticket,
      officerName: u.officer.name,
      note: 'NIK di KTP berbeda dengan formulir',
      ageMinutes: 0,
    });
    const other = await makeUnit(db);
    expect((await callerFor(other.supervisor).supervisor.escalations({})).items).toEqual([]);

    const before = await sup.supervisor.bias.get({});
    expect(before.thresholdScope).toBe('default');
    const next = { ...before.thresholds, agreementAtLeast: 0.99 };
    await sup.supervisor.bias.save({ thresholds: next });
    const [ev] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'setting.update'), eq(auditEvents.entityId, `bias_watch:${u.unitId}`)));
    expect(ev.payload).toMatchObject({ from: null, to: { agreementAtLeast: 0.99 } });
    expect(ev.actorId).toBe(u.supervisor.id);
    expect((await callerFor(other.supervisor).supervisor.bias.get({})).thresholds.agreementAtLeast).toBe(before.thresholds.agreementAtLeast);
    expect(await codeOf(sup.supervisor.bias.save({ unitId: other.unitId, thresholds: next }))).toBe('FORBIDDEN');
    expect(await codeOf(sup.supervisor.bias.save({ thresholds: { ...next, agreementAtLeast: 2 } }))).toBe('BAD_REQUEST');
  });
});
