/**
 * Sessions end when an admin ends them (issue 14, point 1). A browser signs
 * in through next-auth (csrf + credentials callback), someone copies its
 * session cookie, and an admin resets the password, deactivates the account
 * or changes its role. From then on the copied cookie, and any token refreshed
 * from it, is refused on every path that reads a session: next-auth's
 * `GET /api/auth/session` (the jwt and session callbacks: no fresh token, the
 * cookie is cleared), the tRPC route (context), page guards and the
 * attachment route; also when the change lands in the same second as the
 * sign-in.
 */
import { eq } from 'drizzle-orm';
import type { Session } from 'next-auth';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as attachmentGET } from '@/app/api/attachments/[id]/route';
import { GET as trpcGET } from '@/app/api/trpc/[trpc]/route';
import { attachments, users } from '@/db/schema';
import { appRouter } from '@/server/routers';
import { authOptions, SessionRevokedError } from '@/server/auth';
import { requireRole } from '@/server/page-guards';
import type { Actor } from '@/server/services/core/actor';
import { createCallerFactory } from '@/server/trpc';
import { makeAdmin, makeSubmission, makeUnit, TEST_PASSWORD, testDb } from './fixtures';
import { Browser, request, SECRET, stubConsoleEnv } from './helpers/sessions';

// Page guards read the cookie through next/headers; outside a Next request it comes from here.
const page = vi.hoisted(() => ({ token: undefined as string | undefined }));
vi.mock('next/headers', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/headers')>()),
  cookies: async () => ({
    getAll: () => (page.token ? [{ name: 'next-auth.session-token', value: page.token }] : []),
  }),
}));

beforeAll(stubConsoleEnv);
afterAll(() => vi.unstubAllEnvs());

const createCaller = createCallerFactory(appRouter);
const adminCaller = (admin: Actor) => createCaller({ db: testDb(), actor: admin });
const NEW_PASSWORD = 'Sandi-Baru-2026';

type Surfaces = { refresh: string; trpc: number | string; page: string; attachment: number };
const LIVE = (role: string): Surfaces => ({ refresh: 'reissued', trpc: role, page: `ok:${role}`, attachment: 200 });
const REVOKED: Surfaces = { refresh: 'cleared', trpc: 401, page: 'redirect:/login', attachment: 401 };

/** What a holder of `token` gets from every path that reads a session. */
async function surfaces(token: string, attachmentId: string): Promise<Surfaces> {
  const r = await Browser.holding(token).refresh();
  const refresh = r.reissued ? 'reissued' : r.cleared && Object.keys(r.body).length === 0 ? 'cleared' : JSON.stringify(r);

  const me = await trpcGET(request('/api/trpc/me.get', { token }));
  const trpc = me.status === 200 ? ((await me.json()) as { result: { data: { json: Actor } } }).result.data.json.role : me.status;

  page.token = token;
  let guard: string;
  try {
    guard = `ok:${(await requireRole(['officer', 'supervisor', 'admin'])).role}`;
  } catch (e) {
    const digest = (e as { digest?: string }).digest;
    if (!digest?.startsWith('NEXT_REDIRECT')) throw e;
    guard = `redirect:${digest.split(';')[2]}`;
  } finally {
    page.token = undefined;
  }

  const doc = await attachmentGET(request(`/api/attachments/${attachmentId}`, { token }), { params: Promise.resolve({ id: attachmentId }) });
  return { refresh, trpc, page: guard, attachment: doc.status };
}

async function fixture() {
  const db = testDb();
  const unit = await makeUnit(db);
  const admin = await makeAdmin(db);
  const sub = await makeSubmission(db, unit.unitId);
  const [doc] = await db.select({ id: attachments.id }).from(attachments).where(eq(attachments.submissionId, sub.id));
  return { db, unit, admin, attachmentId: doc.id };
}

describe('sessions end when an admin ends them', () => {
  it('password reset: the stolen cookie and a token refreshed from it are refused everywhere; the new password signs in', async () => {
    const { unit, admin, attachmentId } = await fixture();
    const stolen = await new Browser().signIn(unit.officer.email, TEST_PASSWORD);
    const refreshed = await Browser.holding(stolen).refresh();
    expect(refreshed.body).toMatchObject({ user: { id: unit.officer.id, email: unit.officer.email } });
    expect(refreshed.reissued).toBeTruthy();
    expect(await surfaces(stolen, attachmentId)).toEqual(LIVE('officer'));

    await adminCaller(admin).admin.users.resetPassword({ userId: unit.officer.id, password: NEW_PASSWORD });

    expect(await surfaces(stolen, attachmentId)).toEqual(REVOKED);
    expect(await surfaces(refreshed.reissued!, attachmentId)).toEqual(REVOKED);
    const fresh = await new Browser().signIn(unit.officer.email, NEW_PASSWORD);
    expect(await surfaces(fresh, attachmentId)).toEqual(LIVE('officer'));
  });

  it('deactivation: refused at once, and still refused after the account is reactivated', async () => {
    const { unit, admin, attachmentId } = await fixture();
    const stolen = await new Browser().signIn(unit.officer.email, TEST_PASSWORD);
    expect(await surfaces(stolen, attachmentId)).toEqual(LIVE('officer'));

    await adminCaller(admin).admin.users.setActive({ userId: unit.officer.id, active: false, reason: 'Pindah tugas ke dinas lain' });
    expect(await surfaces(stolen, attachmentId)).toEqual(REVOKED);

    await adminCaller(admin).admin.users.setActive({ userId: unit.officer.id, active: true, reason: 'Kembali bertugas' });
    expect(await surfaces(stolen, attachmentId)).toEqual(REVOKED);
    const fresh = await new Browser().signIn(unit.officer.email, TEST_PASSWORD);
    expect(await surfaces(fresh, attachmentId)).toEqual(LIVE('officer'));
  });

  it('role change and unit change: sessions signed in under the old permissions end; a new name alone keeps them', async () => {
    const { db, unit, admin, attachmentId } = await fixture();
    const officer = await new Browser().signIn(unit.officer.email, TEST_PASSWORD);
    const supervisor = await new Browser().signIn(unit.supervisor.email, TEST_PASSWORD);

    await adminCaller(admin).admin.users.update({ userId: unit.officer.id, name: unit.officer.name, role: 'supervisor', unitId: unit.unitId });
    expect(await surfaces(officer, attachmentId)).toEqual(REVOKED);
    const promoted = await new Browser().signIn(unit.officer.email, TEST_PASSWORD);
    expect(await surfaces(promoted, attachmentId)).toEqual(LIVE('supervisor'));

    const other = await makeUnit(db);
    await adminCaller(admin).admin.users.update({ userId: unit.supervisor.id, name: 'Nama Baru', role: 'supervisor', unitId: unit.unitId });
    expect(await surfaces(supervisor, attachmentId)).toEqual(LIVE('supervisor'));
    await adminCaller(admin).admin.users.update({ userId: unit.supervisor.id, name: 'Nama Baru', role: 'supervisor', unitId: other.unitId });
    expect(await surfaces(supervisor, attachmentId)).toEqual(REVOKED);
  });

  it('a reset in the same second as the sign-in still ends that session', async () => {
    const { db, unit, admin, attachmentId } = await fixture();
    let sameSecond = false;
    let stolen = '';
    // Start at the top of a second so sign-in and reset land in it (checked below, retried otherwise).
    for (let attempt = 0; attempt < 5 && !sameSecond; attempt++) {
      await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
      const password = attempt === 0 ? TEST_PASSWORD : `${NEW_PASSWORD}-${attempt}`;
      stolen = await new Browser().signIn(unit.officer.email, password);
      await adminCaller(admin).admin.users.resetPassword({ userId: unit.officer.id, password: `${NEW_PASSWORD}-${attempt + 1}` });
      const token = await decode({ token: stolen, secret: SECRET });
      const [row] = await db.select({ at: users.sessionsValidAfter }).from(users).where(eq(users.id, unit.officer.id));
      sameSecond = token?.iat === Math.floor(row.at.getTime() / 1000);
    }
    expect(sameSecond).toBe(true);
    expect(await surfaces(stolen, attachmentId)).toEqual(REVOKED);
  });

  it('refuses tokens without a session generation, and the jwt and session callbacks refuse a revoked token on their own', async () => {
    const { unit, admin, attachmentId } = await fixture();
    // A token of the earlier format (named the user, no generation) and one of a revoked generation.
    const legacy = await encode({ token: { sub: unit.officer.id, uid: unit.officer.id }, secret: SECRET });
    expect(await surfaces(legacy, attachmentId)).toEqual(REVOKED);

    const token = (await decode({ token: await new Browser().signIn(unit.officer.email, TEST_PASSWORD), secret: SECRET })) as JWT;
    const { jwt, session } = authOptions.callbacks!;
    const asSession = (): Session => ({ user: { name: unit.officer.name, email: unit.officer.email }, expires: new Date(Date.now() + 60_000).toISOString() });
    await expect(jwt!({ token: { ...token }, account: null, user: undefined as never })).resolves.toMatchObject({ uid: unit.officer.id });
    await expect(
      session!({ session: asSession(), token: { ...token }, user: undefined as never, newSession: undefined, trigger: 'update' }),
    ).resolves.toMatchObject({
      user: { id: unit.officer.id },
    });

    await adminCaller(admin).admin.users.resetPassword({ userId: unit.officer.id, password: NEW_PASSWORD });
    await expect(jwt!({ token: { ...token }, account: null, user: undefined as never })).rejects.toBeInstanceOf(SessionRevokedError);
    await expect(
      session!({ session: asSession(), token: { ...token }, user: undefined as never, newSession: undefined, trigger: 'update' }),
    ).rejects.toBeInstanceOf(SessionRevokedError);
  });
});
