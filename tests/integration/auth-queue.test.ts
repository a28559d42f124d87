import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, submissions, users } from '@/db/schema';
import { SECURITY_STREAM } from '@/server/services/audit/audit';
import { claim, release, takeNext } from '@/server/services/review/queue';
import { authenticate, SIGN_IN_BACKOFF } from '@/server/services/core/sign-in';
import { makeSubmission, makeUnit, TEST_PASSWORD, testDb } from './fixtures';

describe('sign-in', () => {
  it('accepts the right password, refuses a wrong one generically, and backs off the guessing address after repeated failures', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const ok = await authenticate(db, u.officer.email.toUpperCase(), TEST_PASSWORD);
    expect(ok).toMatchObject({ ok: true, actor: { id: u.officer.id, role: 'officer' } });

    const unknown = await authenticate(db, 'nobody@layanan.go.id', TEST_PASSWORD);
    const wrong = await authenticate(db, u.officer.email, 'salah');
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });

    // From one address: the free failures, then "try again in N seconds" without the password being checked.
    const client = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    for (let i = 0; i < SIGN_IN_BACKOFF.pair.free; i++)
      expect(await authenticate(db, u.officer.email, 'salah', { client })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate(db, u.officer.email, TEST_PASSWORD, { client })).toMatchObject({ ok: false, reason: 'throttled' });
    // Nothing is locked on the account itself.
    const [row] = await db.select().from(users).where(eq(users.id, u.officer.id));
    expect(row.lockedUntil).toBeNull();

    const failures = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.stream, SECURITY_STREAM), eq(auditEvents.entityId, u.officer.id), eq(auditEvents.action, 'auth.sign_in_failed')));
    expect(failures.length).toBe(1 + SIGN_IN_BACKOFF.pair.free + 1);
    expect(JSON.stringify(failures.map((f) => f.payload))).not.toContain(TEST_PASSWORD);
  });
});

describe('claims', () => {
  it('takes the most urgent item first and never gives one item to two officers', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const late = await makeSubmission(db, u.unitId, { slaHoursFromNow: 48 });
    const urgent = await makeSubmission(db, u.unitId, { slaHoursFromNow: 2 });
    const [a, b] = await Promise.all([takeNext(db, u.officer), takeNext(db, u.officer2)]);
    expect(new Set([a.submissionId, b.submissionId])).toEqual(new Set([late.id, urgent.id]));
    const first = await takeNext(db, u.supervisor).catch((e) => e.code);
    expect(first).toBe('QUEUE_EMPTY');
    const rows = await db.select().from(submissions).where(eq(submissions.unitId, u.unitId));
    expect(rows.every((r) => r.status === 'in_review')).toBe(true);
    expect(new Set(rows.map((r) => r.claimedBy)).size).toBe(2);
  });

  it('refuses to claim an item someone else holds, and frees it on release', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const s = await makeSubmission(db, u.unitId);
    await claim(db, u.officer, s.id);
    await expect(claim(db, u.officer2, s.id)).rejects.toMatchObject({ code: 'HELD_BY_OTHER' });
    await expect(release(db, u.officer2, s.id)).rejects.toMatchObject({ code: 'NOT_CLAIMED' });
    await release(db, u.officer, s.id);
    await expect(claim(db, u.officer2, s.id)).resolves.toMatchObject({ submissionId: s.id });
  });

  it('lets another officer take over an item whose lease expired', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const s = await makeSubmission(db, u.unitId);
    const first = await claim(db, u.officer, s.id);
    await db
      .update(submissions)
      .set({ leaseUntil: new Date(Date.now() - 1000) })
      .where(eq(submissions.id, s.id));
    const second = await claim(db, u.officer2, s.id);
    expect(second.version).toBeGreaterThan(first.version);
    const [row] = await db.select().from(submissions).where(eq(submissions.id, s.id));
    expect(row.claimedBy).toBe(u.officer2.id);
  });
});

describe('lease sweeper', () => {
  it('returns items with an expired lease to the queue and records lease.expired', async () => {
    const { sweepExpiredLeases } = await import('@/server/services/review/leases');
    const db = testDb();
    const u = await makeUnit(db);
    const s = await makeSubmission(db, u.unitId);
    const live = await makeSubmission(db, u.unitId);
    await claim(db, u.officer, s.id);
    await claim(db, u.officer2, live.id);
    await db
      .update(submissions)
      .set({ leaseUntil: new Date(Date.now() - 1000) })
      .where(eq(submissions.id, s.id));
    // Other tests' expired leases share the database and may come first: sweep until none is left.
    let swept = 0;
    for (let n = await sweepExpiredLeases(db); n > 0; n = await sweepExpiredLeases(db)) swept += n;
    expect(swept).toBeGreaterThanOrEqual(1);
    const [after] = await db.select().from(submissions).where(eq(submissions.id, s.id));
    expect(after).toMatchObject({ status: 'pending_review', claimedBy: null });
    const [stillHeld] = await db.select().from(submissions).where(eq(submissions.id, live.id));
    expect(stillHeld).toMatchObject({ status: 'in_review', claimedBy: u.officer2.id });
    const [ev] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, s.id), eq(auditEvents.action, 'lease.expired')));
    expect(ev.payload).toMatchObject({ previousHolder: u.officer.id, to: 'pending_review' });
  });
});
