/**
 * The threshold simulation on a small history whose answers are counted by
 * hand, and against evaluatePolicy on random data: the SQL and the rule that
 * runs in production must agree on every item and threshold.
 */
import { TRPCError } from '@trpc/server';
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { aiSuggestions } from '@/db/schema';
import { appRouter } from '@/server/routers';
import type { Actor } from '@/server/services/core/actor';
import { evaluatePolicy } from '@/server/services/policy/evaluation';
import { createCallerFactory } from '@/server/trpc';
import { makeAdmin, makeUnit, testDb } from './fixtures';
import { makeService, RULES, seedHumanDecision } from './policy-fixtures';

const createCaller = createCallerFactory(appRouter);
const callerFor = (actor: Actor) => createCaller({ db: testDb(), actor });
const ALL_FLAGS = ['complaint'];

describe('simulation on history', () => {
  it('counts coverage and estimated error per threshold, with Wilson intervals, from final human decisions only', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const admin = await makeAdmin(db);
    const service = await makeService(db);
    const actorId = unit.officer.id;
    const seed = (h: Omit<Parameters<typeof seedHumanDecision>[3], 'actorId'>) => seedHumanDecision(db, unit.unitId, service, { ...h, actorId });
    await seed({ recommendation: 'approve', confidence: 0.95, outcome: 'approve' }); // A
    await seed({ recommendation: 'approve', confidence: 0.9, outcome: 'reject' }); // B: exactly 0.90, the person disagreed
    await seed({ recommendation: 'approve', confidence: 0.8, outcome: 'approve' }); // C
    await seed({ recommendation: 'approve', confidence: 0.92, outcome: 'request_info', verdict: 'unreadable' }); // D
    await seed({ recommendation: 'approve', confidence: 0.97, outcome: 'approve', flags: ['complaint'] }); // E
    await seed({ recommendation: 'reject', confidence: 0.99, outcome: 'reject' }); // F: never automated, counts in the total
    await seed({ recommendation: 'approve', confidence: 0.45, outcome: 'approve' }); // G: below every threshold
    await seed({ recommendation: 'approve', confidence: 0.99, outcome: 'escalate' }); // not a final decision: left out
    await seed({ recommendation: 'approve', confidence: 0.99, outcome: 'approve', daysAgo: 200 }); // outside 90 days

    const strict = await callerFor(admin).policies.simulate({ serviceCode: service, days: 90, requireAllDocsValid: true, blockedFlags: ALL_FLAGS });
    expect(strict.total).toBe(7);
    expect(strict.points).toHaveLength(50);
    const at = (r: typeof strict, t: number) => r.points.find((p) => Math.abs(p.threshold - t) < 1e-9)!;
    expect(at(strict, 0.9)).toMatchObject({ covered: 2, wrong: 1 }); // A, B
    expect(at(strict, 0.91)).toMatchObject({ covered: 1, wrong: 0 }); // A
    expect(at(strict, 0.5)).toMatchObject({ covered: 3, wrong: 1 }); // A, B, C
    expect(at(strict, 0.99)).toMatchObject({ covered: 0, wrong: 0, error: null, errorLo: null });
    const p90 = at(strict, 0.9);
    expect(p90.coverage).toBeCloseTo(2 / 7, 10);
    expect(p90.error).toBeCloseTo(0.5, 10);
    // Wilson 95% for 1 of 2.
    expect(p90.errorLo).toBeCloseTo(0.0945, 3);
    expect(p90.errorHi).toBeCloseTo(0.9055, 3);

    const loose = await callerFor(admin).policies.simulate({ serviceCode: service, days: 90, requireAllDocsValid: false, blockedFlags: [] });
    expect(at(loose, 0.9)).toMatchObject({ covered: 4, wrong: 2 }); // A, B, D, E
    const year = await callerFor(admin).policies.simulate({ serviceCode: service, days: 365, requireAllDocsValid: true, blockedFlags: ALL_FLAGS });
    expect(year.total).toBe(8);
    expect(at(year, 0.99)).toMatchObject({ covered: 1 });

    // Read again after the queue was folded into the daily counts, and with a new decision still queued: same answers.
    const again = await callerFor(admin).policies.simulate({ serviceCode: service, days: 90, requireAllDocsValid: true, blockedFlags: ALL_FLAGS });
    expect(again.points).toEqual(strict.points);
    await seed({ recommendation: 'approve', confidence: 0.93, outcome: 'approve' });
    const withTail = await callerFor(admin).policies.simulate({ serviceCode: service, days: 90, requireAllDocsValid: true, blockedFlags: ALL_FLAGS });
    expect(withTail.total).toBe(8);
    expect(at(withTail, 0.9)).toMatchObject({ covered: 3, wrong: 1 });
  });

  it('agrees with evaluatePolicy on every item and threshold (random history)', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const admin = await makeAdmin(db);
    const service = await makeService(db);
    // A fixed pseudo-random sequence keeps the test reproducible.
    let state = 42;
    const rnd = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const items: {
      recommendation: 'approve' | 'reject' | 'request_info';
      confidence: number;
      verdict: 'valid' | 'unreadable';
      flags: string[];
      outcome: 'approve' | 'reject';
    }[] = [];
    for (let i = 0; i < 60; i++) {
      const r = rnd();
      items.push({
        recommendation: r < 0.75 ? 'approve' : r < 0.9 ? 'request_info' : 'reject',
        // Two decimals half the time, so exact thresholds are hit often.
        confidence: rnd() < 0.5 ? Math.round((0.4 + rnd() * 0.6) * 100) / 100 : Math.round((0.4 + rnd() * 0.6) * 1000) / 1000,
        verdict: rnd() < 0.85 ? 'valid' : 'unreadable',
        flags: rnd() < 0.15 ? ['complaint'] : rnd() < 0.1 ? ['possible_duplicate'] : [],
        outcome: rnd() < 0.85 ? 'approve' : 'reject',
      });
    }
    const ids: string[] = [];
    for (const it of items)
      ids.push((await seedHumanDecision(db, unit.unitId, service, { ...it, daysAgo: 1 + Math.floor(rnd() * 20), actorId: unit.officer.id })).suggestionId);
    // Stored confidences are Postgres reals: read them back exactly as routing does.
    const rows = await db.select({ id: aiSuggestions.id, confidence: aiSuggestions.confidence }).from(aiSuggestions).where(inArray(aiSuggestions.id, ids));
    const stored = ids.map((id) => rows.find((r) => r.id === id)!);
    for (const requireAllDocsValid of [true, false]) {
      const blockedFlags = requireAllDocsValid ? ['complaint'] : [];
      const sim = await callerFor(admin).policies.simulate({ serviceCode: service, days: 30, requireAllDocsValid, blockedFlags });
      expect(sim.total).toBe(items.length);
      for (const p of sim.points) {
        const policy = { ...RULES, minConfidence: p.threshold, requireAllDocsValid, blockedFlags, dailyCapPerUnit: 1e9 };
        const auto = items.filter(
          (it, i) =>
            evaluatePolicy({
              policy,
              killSwitch: false,
              autoApprovedTodayInUnit: 0,
              suggestion: { recommendation: it.recommendation, confidence: stored[i].confidence, docVerdicts: [{ verdict: it.verdict }], flags: it.flags },
            }).result === 'auto_approve',
        );
        expect({ t: p.threshold, covered: p.covered, wrong: p.wrong }).toEqual({
          t: p.threshold,
          covered: auto.length,
          wrong: auto.filter((a) => a.outcome !== 'approve').length,
        });
      }
    }
  });

  it('is for admins only', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const input = { serviceCode: 'ktp-el', days: 90, requireAllDocsValid: true, blockedFlags: [] };
    for (const actor of [unit.officer, unit.supervisor]) {
      const code = await callerFor(actor)
        .policies.simulate(input)
        .then(() => 'OK')
        .catch((e: unknown) => (e instanceof TRPCError ? e.code : String(e)));
      expect(code).toBe('FORBIDDEN');
    }
  });
});
