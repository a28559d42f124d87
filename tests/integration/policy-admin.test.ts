/**
 * Policy versions through the tRPC caller: four eyes for loosening, tighten
 * at once, history with diffs, concurrent and stale changes refused, audit.
 */
import { TRPCError } from '@trpc/server';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, policies } from '@/db/schema';
import { appRouter } from '@/server/routers';
import type { Actor } from '@/server/services/core/actor';
import { createCallerFactory } from '@/server/trpc';
import { makeAdmin, testDb } from './fixtures';
import { makeService, RULES } from './policy-fixtures';

const createCaller = createCallerFactory(appRouter);
const callerFor = (actor: Actor) => createCaller({ db: testDb(), actor });
const REASON = 'Simulasi 90 hari menunjukkan galat rendah';

async function failure(p: Promise<unknown>): Promise<{ code: string; domainCode?: string; reason?: unknown }> {
  try {
    await p;
    return { code: 'OK' };
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    const cause = e.cause as { code?: string; details?: { reason?: unknown } } | undefined;
    return { code: e.code, domainCode: cause?.code, reason: cause?.details?.reason };
  }
}

async function twoAdmins() {
  const db = testDb();
  const [a, b] = [await makeAdmin(db), await makeAdmin(db)];
  return { db, a, b, A: callerFor(a), B: callerFor(b), service: await makeService(db) };
}

describe('policy versions and four eyes', () => {
  it('turning auto-approve on waits for a second admin; the author cannot approve their own change', async () => {
    const { db, a, b, A, B, service } = await twoAdmins();
    const proposed = await A.policies.propose({ serviceCode: service, rules: RULES, reason: REASON, basedOnVersion: null });
    expect(proposed).toMatchObject({ version: 1, status: 'pending_approval', loosening: ['autoApproveEnabled'] });
    let detail = await A.policies.detail({ serviceCode: service });
    expect(detail.active).toBeNull();
    expect(detail.pending).toMatchObject({ version: 1, createdBy: { id: a.id } });

    expect(await failure(A.policies.approve({ policyId: proposed.policyId, note: null }))).toEqual({
      code: 'FORBIDDEN',
      domainCode: 'FORBIDDEN',
      reason: 'own_change',
    });
    await B.policies.approve({ policyId: proposed.policyId, note: 'Sudah saya periksa simulasinya' });
    detail = await A.policies.detail({ serviceCode: service });
    expect(detail.active).toMatchObject({ version: 1, status: 'active', decidedBy: { id: b.id }, decisionNote: 'Sudah saya periksa simulasinya' });
    expect(detail.pending).toBeNull();

    const events = await db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId, stream: auditEvents.stream, payload: auditEvents.payload })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'policy'), eq(auditEvents.entityId, proposed.policyId)))
      .orderBy(asc(auditEvents.seq));
    expect(events.map((e) => [e.action, e.actorId, e.stream])).toEqual([
      ['policy.propose', a.id, 'security'],
      ['policy.approve', b.id, 'security'],
    ]);
    expect(events[0].payload).toMatchObject({
      serviceCode: service,
      version: 1,
      status: 'pending_approval',
      reason: REASON,
      loosening: ['autoApproveEnabled'],
    });
  });

  it('lowering the threshold waits; raising it takes effect at once; the history shows who, why and the diff', async () => {
    const { a, b, A, B, service } = await twoAdmins();
    const v1 = await A.policies.propose({ serviceCode: service, rules: RULES, reason: REASON, basedOnVersion: null });
    await B.policies.approve({ policyId: v1.policyId, note: null });

    const lower = await A.policies.propose({
      serviceCode: service,
      rules: { ...RULES, minConfidence: 0.85 },
      reason: 'Turunkan ambang setelah simulasi',
      basedOnVersion: 1,
    });
    expect(lower).toMatchObject({ version: 2, status: 'pending_approval', loosening: ['minConfidence'] });
    // Still v1 in force until the second admin approves.
    expect((await A.policies.detail({ serviceCode: service })).active?.rules.minConfidence).toBe(0.9);
    await B.policies.approve({ policyId: lower.policyId, note: null });
    expect((await A.policies.detail({ serviceCode: service })).active?.rules.minConfidence).toBe(0.85);

    const raise = await B.policies.propose({
      serviceCode: service,
      rules: { ...RULES, minConfidence: 0.97, dailyCapPerUnit: 20 },
      reason: 'Naikkan ambang sementara',
      basedOnVersion: 2,
    });
    expect(raise).toMatchObject({ version: 3, status: 'active', loosening: [] });
    const off = await A.policies.propose({
      serviceCode: service,
      rules: { ...RULES, minConfidence: 0.97, dailyCapPerUnit: 20, autoApproveEnabled: false },
      reason: 'Matikan selama audit',
      basedOnVersion: 3,
    });
    expect(off).toMatchObject({ version: 4, status: 'active' });

    const detail = await A.policies.detail({ serviceCode: service });
    expect(detail.history.map((h) => [h.version, h.status])).toEqual([
      [4, 'active'],
      [3, 'superseded'],
      [2, 'superseded'],
      [1, 'superseded'],
    ]);
    const v3 = detail.history.find((h) => h.version === 3)!;
    expect(v3).toMatchObject({ reason: 'Naikkan ambang sementara', createdBy: { id: b.id }, previousVersion: 2, decidedBy: null });
    expect(v3.changes).toEqual([
      { field: 'minConfidence', from: 0.85, to: 0.97 },
      { field: 'dailyCapPerUnit', from: 100, to: 20 },
    ]);
    const v2 = detail.history.find((h) => h.version === 2)!;
    expect(v2).toMatchObject({ loosening: ['minConfidence'], decidedBy: { id: b.id }, createdBy: { id: a.id } });
  });

  it('allows one waiting change at a time; a tightening still goes through and makes the waiting one stale', async () => {
    const { A, B, service } = await twoAdmins();
    const v1 = await A.policies.propose({ serviceCode: service, rules: RULES, reason: REASON, basedOnVersion: null });
    await B.policies.approve({ policyId: v1.policyId, note: null });
    const pending = await A.policies.propose({
      serviceCode: service,
      rules: { ...RULES, minConfidence: 0.85 },
      reason: 'Turunkan ambang keyakinan',
      basedOnVersion: 1,
    });
    expect(pending.status).toBe('pending_approval');
    expect(
      await failure(B.policies.propose({ serviceCode: service, rules: { ...RULES, dailyCapPerUnit: 500 }, reason: 'Naikkan batas harian', basedOnVersion: 1 })),
    ).toMatchObject({
      code: 'CONFLICT',
      reason: 'pending_exists',
    });
    const tighter = await B.policies.propose({
      serviceCode: service,
      rules: { ...RULES, blockedFlags: [...RULES.blockedFlags, 'minor_involved'] },
      reason: 'Anak selalu ke petugas',
      basedOnVersion: 1,
    });
    expect(tighter).toMatchObject({ version: 3, status: 'active' });
    const detail = await A.policies.detail({ serviceCode: service });
    expect(detail.pendingIsStale).toBe(true);
    expect(await failure(B.policies.approve({ policyId: pending.policyId, note: null }))).toMatchObject({
      code: 'CONFLICT',
      domainCode: 'STALE_VERSION',
      reason: 'stale_proposal',
    });
    // The author withdraws it, with a reason.
    expect(await failure(A.policies.reject({ policyId: pending.policyId, reason: '' }))).toMatchObject({ code: 'BAD_REQUEST' });
    await A.policies.reject({ policyId: pending.policyId, reason: 'Usulan sudah usang' });
    const after = await A.policies.detail({ serviceCode: service });
    expect(after.pending).toBeNull();
    expect(after.history.find((h) => h.version === 2)).toMatchObject({ status: 'rejected', decisionNote: 'Usulan sudah usang' });
    expect(await failure(B.policies.approve({ policyId: pending.policyId, note: null }))).toMatchObject({ code: 'CONFLICT', domainCode: 'ILLEGAL_TRANSITION' });
  });

  it('refuses a change made on an outdated version, a change that changes nothing, and a change without a reason', async () => {
    const { A, B, service } = await twoAdmins();
    const v1 = await A.policies.propose({ serviceCode: service, rules: { ...RULES, autoApproveEnabled: false }, reason: REASON, basedOnVersion: null });
    expect(v1.status).toBe('active');
    await B.policies.propose({
      serviceCode: service,
      rules: { ...RULES, autoApproveEnabled: false, minConfidence: 0.95 },
      reason: 'Ambang lebih ketat',
      basedOnVersion: 1,
    });
    expect(
      await failure(
        A.policies.propose({
          serviceCode: service,
          rules: { ...RULES, autoApproveEnabled: false, minConfidence: 0.99 },
          reason: 'Perubahan lain',
          basedOnVersion: 1,
        }),
      ),
    ).toMatchObject({
      code: 'CONFLICT',
      domainCode: 'STALE_VERSION',
    });
    expect(
      await failure(
        A.policies.propose({
          serviceCode: service,
          rules: { ...RULES, autoApproveEnabled: false, minConfidence: 0.95 },
          reason: 'Tidak ada perubahan',
          basedOnVersion: 2,
        }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      reason: 'unchanged',
    });
    expect(await failure(A.policies.propose({ serviceCode: service, rules: RULES, reason: 'singkat', basedOnVersion: 2 }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(
      await failure(A.policies.propose({ serviceCode: service, rules: { ...RULES, minConfidence: 0.855 }, reason: REASON, basedOnVersion: 2 })),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await failure(A.policies.detail({ serviceCode: 'tidak-ada' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps versions immutable: one active and one pending per service at most, enforced by the database', async () => {
    const { db, A, B, service } = await twoAdmins();
    const v1 = await A.policies.propose({ serviceCode: service, rules: RULES, reason: REASON, basedOnVersion: null });
    await B.policies.approve({ policyId: v1.policyId, note: null });
    const [row] = await db.select().from(policies).where(eq(policies.id, v1.policyId));
    const { id: _id, ...copy } = row;
    await expect(db.insert(policies).values({ ...copy, version: 99 })).rejects.toThrow();
    const rows = await db
      .select({ status: policies.status })
      .from(policies)
      .where(and(eq(policies.serviceCode, service), inArray(policies.status, ['active'])));
    expect(rows).toHaveLength(1);
  });

  it('shows every service with its status at a glance', async () => {
    const { A, B, service } = await twoAdmins();
    const v1 = await A.policies.propose({ serviceCode: service, rules: RULES, reason: REASON, basedOnVersion: null });
    let row = (await A.policies.overview()).find((r) => r.serviceCode === service)!;
    expect(row).toMatchObject({ active: null, pending: { version: 1 }, last7d: { auto: 0, human: 0 } });
    await B.policies.approve({ policyId: v1.policyId, note: null });
    row = (await A.policies.overview()).find((r) => r.serviceCode === service)!;
    expect(row).toMatchObject({ active: { version: 1, rules: { autoApproveEnabled: true, minConfidence: 0.9 } }, pending: null });
  });
});
