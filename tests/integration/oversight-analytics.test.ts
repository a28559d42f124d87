import { describe, expect, it } from 'vitest';
import { appRouter } from '@/server/routers';
import type { Actor } from '@/server/services/core/actor';
import { createCallerFactory } from '@/server/trpc';
import { makeAdmin, makeUnit, testDb } from './fixtures';
import { refreshRollups, seedDecision, seedQa, type SeedDecision } from './oversight-fixtures';

const callerFor = (actor: Actor) => createCallerFactory(appRouter)({ db: testDb(), actor });

/**
 * The data set (one unit, this week), and what it must give:
 *   officer A: 10 rated decisions, 10 s each: 8 plain approvals (4 with the document opened), one
 *              reject where the AI said approve (outcome override, SLA breached), one approval with
 *              an edited answer. → agreement 9/10, override 1/10, answer edits 1/10, approvals with
 *              documents 9 of which 5 unopened, median ≈ 12.5 s (bucket 10–15 s, 5th of 10).
 *   officer B: approve with a changed verdict (120 s), request_info where the AI said approve with a
 *              changed verdict (120 s, SLA breached), an escalation (60 s, not rated), a plain
 *              approval (200 s). → rated 3, agreement 2/3, override 2/3, median 150 s.
 *   automatic: two auto-approvals.
 *   unit: rated 13, agreed 11, overridden 3; SLA met 13 of 15 final decisions; rejection 1/15.
 */
async function seedUnit() {
  const db = testDb();
  const u = await makeUnit(db);
  const A = u.officer.id;
  const B = u.officer2.id;
  const base = { unitId: u.unitId };
  const a: SeedDecision[] = [
    ...Array.from(
      { length: 8 },
      (_, i): SeedDecision => ({ ...base, actorId: A, outcome: 'approve', timeSpentMs: 10_000, kecamatan: 'Coblong', opened: i < 4, model: ['m1', '1.0'] }),
    ),
    { ...base, actorId: A, outcome: 'reject', timeSpentMs: 10_000, channel: 'whatsapp', kecamatan: 'Cibeunying', slaBreached: true, model: ['m1', '1.0'] },
    { ...base, actorId: A, outcome: 'approve', answerEdited: true, timeSpentMs: 10_000, channel: 'whatsapp', kecamatan: 'Cibeunying', model: ['m1', '1.0'] },
  ];
  const b: SeedDecision[] = [
    { ...base, actorId: B, outcome: 'approve', verdictChanged: true, timeSpentMs: 120_000, kecamatan: 'Coblong', opened: true, model: ['m2', '2.0'] },
    {
      ...base,
      actorId: B,
      outcome: 'request_info',
      verdictChanged: true,
      timeSpentMs: 120_000,
      channel: 'whatsapp',
      kecamatan: 'Cibeunying',
      slaBreached: true,
      opened: true,
      model: ['m2', '2.0'],
    },
    { ...base, actorId: B, outcome: 'escalate', timeSpentMs: 60_000, channel: 'counter', model: ['m2', '2.0'] },
    { ...base, actorId: B, outcome: 'approve', timeSpentMs: 200_000, channel: 'counter', kecamatan: 'Coblong', opened: true, model: ['m2', '2.0'] },
  ];
  const auto: SeedDecision[] = [
    { ...base, actorId: null, kind: 'auto', outcome: 'approve', timeSpentMs: 0 },
    { ...base, actorId: null, kind: 'auto', outcome: 'approve', timeSpentMs: 0 },
  ];
  const seeded = {
    a: [] as Awaited<ReturnType<typeof seedDecision>>[],
    b: [] as Awaited<ReturnType<typeof seedDecision>>[],
    auto: [] as Awaited<ReturnType<typeof seedDecision>>[],
  };
  for (const s of a) seeded.a.push(await seedDecision(db, s));
  for (const s of b) seeded.b.push(await seedDecision(db, s));
  for (const s of auto) seeded.auto.push(await seedDecision(db, s));
  return { u, seeded };
}

describe('analytics dashboard from the rollups', () => {
  it('gives the hand-computed rates, Wilson intervals, medians and SLA figures', async () => {
    const db = testDb();
    const { u } = await seedUnit();
    await refreshRollups(db);
    const d = await callerFor(u.supervisor).supervisor.analytics({});

    expect(d.unitId).toBe(u.unitId);
    const t = d.totals;
    expect(t.rated).toBe(13);
    expect(t.agreement.k).toBe(11);
    expect(t.override.k).toBe(3);
    expect(t.outcomeChanged.k).toBe(2);
    expect(t.verdictChanged.k).toBe(2);
    expect(t.answerEdited.k).toBe(1);
    expect(t.humanDecisions).toBe(14);
    expect(t.escalated).toBe(1);
    expect(t.autoApproved).toBe(2);
    expect(t.slaMet).toBe(13);
    expect(t.slaBreached).toBe(2);
    expect(t.rejection.k).toBe(1);
    expect(t.rejection.n).toBe(15);
    // Wilson 95% for 11/13 by hand: centre 0.76720, half-width 0.18955.
    expect(t.agreement.p).toBeCloseTo(11 / 13, 10);
    expect(t.agreement.lo).toBeCloseTo(0.5777, 3);
    expect(t.agreement.hi).toBeCloseTo(0.9568, 3);
    // 14 human times: ten in 10–15 s, one in 60–90 s, two in 120–180 s, one in 180–300 s.
    expect(t.timeMedianMs).toBeCloseTo(13_500, 6);
    expect(t.timeP90Ms).toBeCloseTo(168_000, 6);
    expect(t.timeMeanMs).toBeCloseTo((10 * 10_000 + 2 * 120_000 + 60_000 + 200_000) / 14, 6);

    const officer = (id: string) => d.by.officer.find((r) => r.key === id)!;
    const A = officer(u.officer.id);
    expect(A.label).toBe(u.officer.name);
    expect([A.metrics.rated, A.metrics.agreement.k, A.metrics.override.k, A.metrics.answerEdited.k]).toEqual([10, 9, 1, 1]);
    expect(A.metrics.timeMedianMs).toBeCloseTo(12_500, 6);
    expect([A.metrics.approvalsWithDocs, A.metrics.approvalsUnopened]).toEqual([9, 5]);
    const B = officer(u.officer2.id);
    expect([B.metrics.rated, B.metrics.agreement.k, B.metrics.override.k, B.metrics.outcomeChanged.k, B.metrics.verdictChanged.k]).toEqual([3, 2, 2, 1, 2]);
    expect(B.metrics.timeMedianMs).toBeCloseTo(150_000, 6);
    expect([B.metrics.approvalsWithDocs, B.metrics.approvalsUnopened]).toEqual([2, 0]);
    expect(officer('').metrics.autoApproved).toBe(2);

    const channel = Object.fromEntries(d.by.channel.map((r) => [r.key, [r.metrics.override.k, r.metrics.rated]]));
    expect(channel).toEqual({ portal: [1, 9], whatsapp: [2, 3], counter: [0, 1] });
    const kec = Object.fromEntries(d.by.kecamatan.map((r) => [r.key, [r.metrics.override.k, r.metrics.rated, r.metrics.rejection.k]]));
    expect(kec).toEqual({ Coblong: [1, 10, 0], Cibeunying: [2, 3, 1], '': [0, 0, 0] });
    const model = Object.fromEntries(d.by.model.map((r) => [r.key, [r.metrics.override.k, r.metrics.rated]]));
    expect(model).toEqual({ 'm1 1.0': [1, 10], 'm2 2.0': [2, 3], 'test-model 1': [0, 0] });
    const service = d.by.service.find((r) => r.key === 'ktp-el')!;
    expect(service.label).toBe('KTP Elektronik');
    expect(service.metrics.rated).toBe(13);

    // Weekly rows add up to the totals.
    expect(d.weekly.reduce((s, w) => s + w.metrics.rated, 0)).toBe(13);
    expect(d.weekly.every((w) => /^\d{4}-W\d{2}$/.test(w.isoWeek))).toBe(true);
    expect(d.refreshedAt).toBeInstanceOf(Date);
  });

  it("computes QA agreement, Cohen's kappa per officer and the auto-approval error rate", async () => {
    const db = testDb();
    const { u, seeded } = await seedUnit();
    const sup = u.supervisor.id;
    // Officer A: (approve, approve) ×3, (approve, reject) ×1, (reject, reject) ×1.
    await seedQa(db, { ...seeded.a[0], unitId: u.unitId }, sup, 'approve');
    await seedQa(db, { ...seeded.a[1], unitId: u.unitId }, sup, 'approve');
    await seedQa(db, { ...seeded.a[2], unitId: u.unitId }, sup, 'approve');
    await seedQa(db, { ...seeded.a[3], unitId: u.unitId }, sup, 'reject');
    await seedQa(db, { ...seeded.a[8], unitId: u.unitId }, sup, 'reject');
    // Officer B: (request_info, approve).
    await seedQa(db, { ...seeded.b[1], unitId: u.unitId }, sup, 'approve');
    // Automatic approvals: one confirmed, one the reviewer would not have approved.
    await seedQa(db, { ...seeded.auto[0], unitId: u.unitId }, sup, 'approve', 'auto_sample');
    await seedQa(db, { ...seeded.auto[1], unitId: u.unitId }, sup, 'request_info', 'auto_sample');
    await refreshRollups(db);
    const d = await callerFor(u.supervisor).supervisor.analytics({});

    const A = d.qa.byOfficer.find((r) => r.key === u.officer.id)!;
    expect(A.stats.n).toBe(5);
    expect(A.stats.agreement.k).toBe(4);
    // po = 4/5, pe = (4·3 + 1·2)/25 = 0.56, κ = 0.24 / 0.44.
    expect(A.stats.kappa).toBeCloseTo(0.24 / 0.44, 10);
    expect(A.stats.matrix).toEqual([
      [3, 1, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
    const B = d.qa.byOfficer.find((r) => r.key === u.officer2.id)!;
    expect([B.stats.n, B.stats.agreement.k]).toEqual([1, 0]);
    // Human samples together: 6 pairs, 4 agree. Matrix rows approve (3,1,0), reject (0,1,0), info (1,0,0):
    // po = 4/6, row sums 4,1,1, column sums 4,2,0 → pe = (16 + 2 + 0)/36 = 0.5, κ = (2/3 − 1/2)/(1/2) = 1/3.
    expect(d.qa.human.n).toBe(6);
    expect(d.qa.human.kappa).toBeCloseTo(1 / 3, 10);
    expect(d.qa.auto.n).toBe(2);
    expect(d.qa.autoErrorRate.k).toBe(1);
    expect(d.qa.autoErrorRate.p).toBe(0.5);
    // Wilson 95% for 1/2: 0.0945 – 0.9055.
    expect(d.qa.autoErrorRate.lo).toBeCloseTo(0.0945, 3);
    expect(d.qa.autoErrorRate.hi).toBeCloseTo(0.9055, 3);
    const svc = d.qa.byService.find((r) => r.key === 'ktp-el')!;
    expect(svc.stats.n).toBe(8);
    expect(d.weekly.reduce((s, w) => s + w.autoQaError.n, 0)).toBe(2);
  });

  it('lets an admin see all units or pick one, and keeps supervisors to their own unit', async () => {
    const db = testDb();
    const { u } = await seedUnit();
    const other = await makeUnit(db);
    const admin = await makeAdmin(db);
    await refreshRollups(db);
    const picked = await callerFor(admin).supervisor.analytics({ unitId: u.unitId });
    expect(picked.totals.rated).toBe(13);
    const all = await callerFor(admin).supervisor.analytics({});
    expect(all.unitId).toBeNull();
    expect(all.totals.rated).toBeGreaterThanOrEqual(13);
    expect(all.units.map((x) => x.id)).toEqual(expect.arrayContaining([u.unitId, other.unitId]));
    await expect(callerFor(other.supervisor).supervisor.analytics({ unitId: u.unitId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const own = await callerFor(other.supervisor).supervisor.analytics({});
    expect(own.totals.rated).toBe(0);
    expect(own.units.map((x) => x.id)).toEqual([other.unitId]);
    await expect(callerFor(u.officer).supervisor.analytics({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('automation-bias watch', () => {
  it('flags the fast rubber-stamper and the model whose override rate rose, with evidence', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const fast = u.officer.id;
    const careful = u.officer2.id;
    const base = { unitId: u.unitId, model: ['mx', '1'] as [string, string] };
    // Current period: 20 quick agreeing approvals never opening the document…
    for (let i = 0; i < 20; i++) await seedDecision(db, { ...base, actorId: fast, outcome: 'approve', timeSpentMs: 8_000, agoSeconds: 600 + i });
    // …and 20 careful decisions, 2 of them overriding the AI.
    for (let i = 0; i < 20; i++) {
      await seedDecision(db, { ...base, actorId: careful, outcome: i < 2 ? 'reject' : 'approve', timeSpentMs: 90_000, opened: true, agoSeconds: 700 + i });
    }
    // Previous period: the same model, 20 decisions, none overridden.
    for (let i = 0; i < 20; i++)
      await seedDecision(db, { ...base, actorId: careful, outcome: 'approve', timeSpentMs: 90_000, opened: true, agoSeconds: 21 * 86400 + i });

    const sup = callerFor(u.supervisor);
    await sup.supervisor.bias.save({
      thresholds: { periodWeeks: 2, minDecisions: 10, agreementAtLeast: 0.95, medianSecondsBelow: 30, unopenedShareAtLeast: 0.5, modelRiseAtLeast: 0.05 },
    });
    await refreshRollups(db);
    const w = await sup.supervisor.bias.get({});
    expect(w.thresholdScope).toBe('unit');
    const f = w.officers.find((o) => o.officerId === fast)!;
    expect(f.flags).toEqual(['fast_agreement', 'unopened_documents']);
    expect(f.metrics.agreement.p).toBe(1);
    // 20 times in the 5–10 s bucket: median 5 s + 10/20 · 5 s.
    expect(f.metrics.timeMedianMs).toBeCloseTo(7_500, 6);
    expect(f.metrics.unopened.k).toBe(20);
    expect(f.samples.fast).toHaveLength(5);
    expect(f.samples.unopened).toHaveLength(5);
    expect(f.samples.fast[0].timeSpentMs).toBe(8_000);
    const c = w.officers.find((o) => o.officerId === careful)!;
    expect(c.flags).toEqual([]);
    expect(c.metrics.agreement.k).toBe(18);
    expect(w.officers[0].officerId).toBe(fast);

    const m = w.models.find((x) => x.model === 'mx 1')!;
    expect([m.previous.k, m.previous.n, m.current.k, m.current.n]).toEqual([0, 20, 2, 40]);
    expect(m.rise).toBeCloseTo(0.05, 10);
    expect(m.flagged).toBe(true);

    // Stricter threshold: no model flag.
    await sup.supervisor.bias.save({ thresholds: { ...w.thresholds, modelRiseAtLeast: 0.1 } });
    expect((await sup.supervisor.bias.get({})).models.find((x) => x.model === 'mx 1')!.flagged).toBe(false);
  });
});
