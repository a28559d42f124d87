/**
 * Users, units and services as an admin manages them, through the tRPC
 * caller: effects a person would notice (can sign in, is out at once, items
 * back in the queue) and the audit trail (changed fields, never a password).
 */
import { TRPCError } from '@trpc/server';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, services, submissions, users } from '@/db/schema';
import { appRouter } from '@/server/routers';
import { loadActor, type Actor } from '@/server/services/core/actor';
import { claim } from '@/server/services/review/queue';
import { authenticate } from '@/server/services/core/sign-in';
import { createCallerFactory } from '@/server/trpc';
import { makeAdmin, makeSubmission, makeUnit, TEST_PASSWORD, testDb } from './fixtures';

const createCaller = createCallerFactory(appRouter);
const callerFor = (actor: Actor) => createCaller({ db: testDb(), actor });
const PASSWORD = 'Sandi-Baru-2026';

/** The session generation a sign-in with the test password puts into the token. */
async function sessionOf(email: string, password = TEST_PASSWORD): Promise<{ generation: number }> {
  const r = await authenticate(testDb(), email, password);
  if (!r.ok) throw new Error(`sign-in failed: ${r.reason}`);
  return { generation: r.sessionGeneration };
}

async function failure(p: Promise<unknown>): Promise<{ code: string; reason?: unknown }> {
  try {
    await p;
    return { code: 'OK' };
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    return { code: e.code, reason: (e.cause as { details?: { reason?: unknown } } | undefined)?.details?.reason };
  }
}

const eventsFor = (entityType: string, entityId: string) =>
  testDb()
    .select({ action: auditEvents.action, stream: auditEvents.stream, actorId: auditEvents.actorId, payload: auditEvents.payload })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)))
    .orderBy(asc(auditEvents.occurredAt), asc(auditEvents.seq));

describe('admin: users', () => {
  it('creates an account that can sign in with an argon2id hash, audited without the password', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const admin = await makeAdmin(db);
    const email = `Baru.${Date.now()}@Layanan.go.id`;
    const { id } = await callerFor(admin).admin.users.create({ email, name: 'Rina Marlina', role: 'officer', unitId: unit.unitId, password: PASSWORD });
    const [row] = await db.select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ email: email.toLowerCase(), role: 'officer', unitId: unit.unitId, active: true });
    expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect((await authenticate(db, email, PASSWORD)).ok).toBe(true);
    const events = await eventsFor('user', id);
    expect(events[0]).toMatchObject({ action: 'user.create', stream: 'security', actorId: admin.id, payload: { role: 'officer', unitId: unit.unitId } });
    const all = JSON.stringify(events);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain('argon2');

    expect(await failure(callerFor(admin).admin.users.create({ email, name: 'Dua Kali', role: 'officer', unitId: unit.unitId, password: PASSWORD }))).toEqual({
      code: 'BAD_REQUEST',
      reason: 'email_taken',
    });
    expect(
      await failure(callerFor(admin).admin.users.create({ email: `x${email}`, name: 'Tanpa Unit', role: 'officer', unitId: null, password: PASSWORD })),
    ).toEqual({
      code: 'BAD_REQUEST',
      reason: 'unit_required',
    });
    expect(
      await failure(callerFor(admin).admin.users.create({ email: `y${email}`, name: 'Sandi Lemah', role: 'officer', unitId: unit.unitId, password: 'pendek' })),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('deactivates at once: the next request is refused, sessions are revoked, held items return to the queue', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const admin = await makeAdmin(db);
    const sub = await makeSubmission(db, unit.unitId);
    await claim(db, unit.officer, sub.id);
    // A session signed in just now, in the same second as the change that ends it.
    const session = await sessionOf(unit.officer.email);
    expect(await loadActor(db, unit.officer.id, session)).not.toBeNull();

    expect(await failure(callerFor(admin).admin.users.setActive({ userId: unit.officer.id, active: false, reason: '' }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    const r = await callerFor(admin).admin.users.setActive({ userId: unit.officer.id, active: false, reason: 'Pindah tugas ke dinas lain' });
    expect(r.released).toBe(1);
    expect(await loadActor(db, unit.officer.id, session)).toBeNull();
    expect(await loadActor(db, unit.officer.id)).toBeNull();
    const [s] = await db.select().from(submissions).where(eq(submissions.id, sub.id));
    expect(s).toMatchObject({ status: 'pending_review', claimedBy: null });
    expect((await authenticate(db, unit.officer.email, 'Rahasia#2026')).ok).toBe(false);
    const [release] = await eventsFor('submission', sub.id).then((e) => e.filter((x) => x.action === 'submission.release'));
    expect(release).toMatchObject({ stream: `unit:${unit.unitId}`, payload: { cause: 'user_deactivated', heldBy: unit.officer.id } });
    const [deactivated] = (await eventsFor('user', unit.officer.id)).filter((e) => e.action === 'user.deactivate');
    expect(deactivated.payload).toMatchObject({ sessionsRevoked: true, releasedSubmissions: [sub.id] });

    await callerFor(admin).admin.users.setActive({ userId: unit.officer.id, active: true, reason: 'Kembali bertugas' });
    // Sessions from before the deactivation stay revoked; a new sign-in works.
    expect(await loadActor(db, unit.officer.id, session)).toBeNull();
    const again = await sessionOf(unit.officer.email);
    expect(await loadActor(db, unit.officer.id, again)).not.toBeNull();
  });

  it('resets a password: the old one stops working and every earlier session ends', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const admin = await makeAdmin(db);
    const session = await sessionOf(unit.supervisor.email);
    expect(await loadActor(db, unit.supervisor.id, session)).not.toBeNull();
    await callerFor(admin).admin.users.resetPassword({ userId: unit.supervisor.id, password: PASSWORD });
    expect((await authenticate(db, unit.supervisor.email, 'Rahasia#2026')).ok).toBe(false);
    expect((await authenticate(db, unit.supervisor.email, PASSWORD)).ok).toBe(true);
    expect(await loadActor(db, unit.supervisor.id, session)).toBeNull();
    const [ev] = (await eventsFor('user', unit.supervisor.id)).filter((e) => e.action === 'user.password_reset');
    expect(ev.payload).toEqual({ sessionsRevoked: true });
  });

  it('changes role and unit with the change audited, and protects admins from locking themselves out', async () => {
    const db = testDb();
    const [a, b] = [await makeUnit(db), await makeUnit(db)];
    const admin = await makeAdmin(db);
    const session = await sessionOf(a.officer2.email);
    await callerFor(admin).admin.users.update({ userId: a.officer2.id, name: a.officer2.name, role: 'supervisor', unitId: b.unitId });
    expect(await loadActor(db, a.officer2.id)).toMatchObject({ role: 'supervisor', unitId: b.unitId });
    // The session signed in as an officer of unit A ends; a new sign-in carries the new role.
    expect(await loadActor(db, a.officer2.id, session)).toBeNull();
    expect(await loadActor(db, a.officer2.id, await sessionOf(a.officer2.email))).toMatchObject({ role: 'supervisor' });
    const [ev] = (await eventsFor('user', a.officer2.id)).filter((e) => e.action === 'user.update');
    expect(ev.payload).toEqual({
      changed: { role: { from: 'officer', to: 'supervisor' }, unitId: { from: a.unitId, to: b.unitId } },
      sessionsRevoked: true,
    });
    // A new name alone keeps the sessions.
    const renamed = await sessionOf(a.officer.email);
    await callerFor(admin).admin.users.update({ userId: a.officer.id, name: 'Nama Baru', role: 'officer', unitId: a.unitId });
    expect(await loadActor(db, a.officer.id, renamed)).toMatchObject({ name: 'Nama Baru' });

    expect(await failure(callerFor(admin).admin.users.setActive({ userId: admin.id, active: false, reason: 'Saya keluar' }))).toEqual({
      code: 'FORBIDDEN',
      reason: 'self',
    });
    expect(await failure(callerFor(admin).admin.users.update({ userId: admin.id, name: admin.name, role: 'officer', unitId: a.unitId }))).toEqual({
      code: 'FORBIDDEN',
      reason: 'self',
    });
    const list = await callerFor(admin).admin.users.list();
    expect(list.find((u) => u.id === a.officer2.id)).toMatchObject({ role: 'supervisor', unitName: expect.stringContaining('Disdukcapil Uji') });
    expect(JSON.stringify(list)).not.toContain('argon2');
  });
});

describe('admin: units and services', () => {
  it('creates and edits a unit with a real region code, audited in the unit stream', async () => {
    const db = testDb();
    const admin = await makeAdmin(db);
    const code = `u${Date.now().toString(36)}`;
    const prefix = Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');
    expect(await failure(callerFor(admin).admin.units.create({ code, name: 'Disdukcapil Entah', regionCode: '99.99', ticketPrefix: prefix }))).toEqual({
      code: 'BAD_REQUEST',
      reason: 'unknown_region',
    });
    const { id } = await callerFor(admin).admin.units.create({ code, name: 'Disdukcapil Kota Cimahi', regionCode: '32.77', ticketPrefix: prefix });
    await callerFor(admin).admin.units.update({ id, name: 'Disdukcapil Kota Cimahi (Baru)', regionCode: '32.77', ticketPrefix: prefix });
    const busy = await makeUnit(db);
    await makeSubmission(db, busy.unitId);
    const list = await callerFor(admin).admin.units.list();
    expect(list.find((u) => u.id === id)).toMatchObject({
      name: 'Disdukcapil Kota Cimahi (Baru)',
      regionName: expect.stringMatching(/Cimahi/i),
      people: 0,
      open: 0,
    });
    expect(list.find((u) => u.id === busy.unitId)).toMatchObject({ people: 3, open: 1 });
    const events = await eventsFor('unit', id);
    expect(events.map((e) => [e.action, e.stream])).toEqual([
      ['unit.create', `unit:${id}`],
      ['unit.update', `unit:${id}`],
    ]);
    expect(events[1].payload).toEqual({ changed: { name: { from: 'Disdukcapil Kota Cimahi', to: 'Disdukcapil Kota Cimahi (Baru)' } } });
  });

  it('creates and edits a service: names, required documents, SLA, evidence first', async () => {
    const db = testDb();
    const admin = await makeAdmin(db);
    const code = `svc-${Date.now().toString(36)}`;
    const base = {
      code,
      nameId: 'Surat Pindah',
      nameEn: 'Moving letter',
      requiredDocs: ['kk' as const, 'ktp' as const, 'kk' as const],
      slaHours: 48,
      evidenceFirst: false,
    };
    await callerFor(admin).admin.services.save({ ...base, create: true });
    expect(await failure(callerFor(admin).admin.services.save({ ...base, create: true }))).toEqual({ code: 'BAD_REQUEST', reason: 'service_taken' });
    await callerFor(admin).admin.services.save({ ...base, slaHours: 24, evidenceFirst: true, create: false });
    const [row] = await db.select().from(services).where(eq(services.code, code));
    expect(row).toMatchObject({ requiredDocs: ['ktp', 'kk'], slaHours: 24, evidenceFirst: true });
    const events = await eventsFor('service', code);
    expect(events.map((e) => e.action)).toEqual(['service.create', 'service.update']);
    expect(events[1].payload).toEqual({ changed: { slaHours: { from: 48, to: 24 }, evidenceFirst: { from: false, to: true } } });
    expect(await failure(callerFor(admin).admin.services.save({ ...base, code: 'tidak-ada-ini', create: false }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
