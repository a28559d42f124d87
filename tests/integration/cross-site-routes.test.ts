/**
 * One cross-site guard on every cookie-authenticated route (issue 14, point
 * 2), through the route handlers themselves with a real signed-in session:
 * the allowed origin is NEXTAUTH_URL, never derived from Host or
 * X-Forwarded-Host, and same-site fetches are refused on GET routes as well.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as attachmentGET } from '@/app/api/attachments/[id]/route';
import { GET as exportGET } from '@/app/api/audit/export/route';
import { GET as authGET, POST as authPOST } from '@/app/api/auth/[...nextauth]/route';
import { GET as trpcGET, POST as trpcPOST } from '@/app/api/trpc/[trpc]/route';
import { attachments, submissions } from '@/db/schema';
import { makeSubmission, makeUnit, TEST_PASSWORD, testDb } from './fixtures';
import { BASE_URL, Browser, request, stubConsoleEnv } from './helpers/sessions';

beforeAll(stubConsoleEnv);
afterAll(() => vi.unstubAllEnvs());

const EVIL = 'http://evil.example';
const reasonOf = async (res: Response) =>
  (
    (await res
      .clone()
      .json()
      .catch(() => null)) as { error?: { reason?: string } } | null
  )?.error?.reason ?? null;

describe('cross-site requests with a valid session cookie', () => {
  it('tRPC mutation: a foreign Origin is refused, also with X-Forwarded-Host and Host naming it; our own origin works', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const sub = await makeSubmission(db, unit.unitId);
    const token = await new Browser().signIn(unit.officer.email, TEST_PASSWORD);
    const claim = (headers: Record<string, string>) => trpcPOST(request('/api/trpc/queue.claim', { token, headers, body: { json: { submissionId: sub.id } } }));

    const forged: Record<string, string>[] = [
      { origin: EVIL },
      { origin: EVIL, 'x-forwarded-host': 'evil.example' },
      { origin: EVIL, 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http', host: 'evil.example' },
      { origin: BASE_URL, 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of forged) {
      const res = await claim(headers);
      expect({ headers, status: res.status, reason: await reasonOf(res) }).toMatchObject({
        status: 403,
        reason: expect.stringMatching(/foreign_origin|cross_site/),
      });
    }
    const [untouched] = await db.select().from(submissions).where(eq(submissions.id, sub.id));
    expect(untouched).toMatchObject({ status: 'pending_review', claimedBy: null });

    const ok = await claim({ origin: BASE_URL, 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(200);
    const [claimed] = await db.select().from(submissions).where(eq(submissions.id, sub.id));
    expect(claimed.claimedBy).toBe(unit.officer.id);
  });

  it('tRPC query (GET): a cross-site or same-site fetch is refused', async () => {
    const unit = await makeUnit(testDb());
    const token = await new Browser().signIn(unit.officer.email, TEST_PASSWORD);
    const me = (headers: Record<string, string>) => trpcGET(request('/api/trpc/me.get', { token, headers }));
    expect((await me({ 'sec-fetch-site': 'cross-site', origin: EVIL })).status).toBe(403);
    expect((await me({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await me({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('audit export (GET): a foreign Origin with Sec-Fetch-Site same-site is refused; the same-origin download works', async () => {
    const unit = await makeUnit(testDb());
    const token = await new Browser().signIn(unit.supervisor.email, TEST_PASSWORD);
    const download = (headers: Record<string, string>) => exportGET(request('/api/audit/export?format=csv', { token, headers }));

    const refused = await download({ origin: EVIL, 'sec-fetch-site': 'same-site' });
    expect([refused.status, await reasonOf(refused)]).toEqual([403, 'cross_site']);
    const foreign = await download({ origin: EVIL, 'x-forwarded-host': 'evil.example' });
    expect([foreign.status, await reasonOf(foreign)]).toEqual([403, 'foreign_origin']);
    const checkpoints = await exportGET(request('/api/audit/export?kind=checkpoints', { token, headers: { 'sec-fetch-site': 'same-site' } }));
    expect(checkpoints.status).toBe(403);

    const ok = await download({ 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/text\/csv/);
    await ok.body?.cancel();
  });

  it('attachments (GET): a same-site fetch is refused; the console page loading the image works', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const sub = await makeSubmission(db, unit.unitId);
    const [doc] = await db.select({ id: attachments.id }).from(attachments).where(eq(attachments.submissionId, sub.id));
    const token = await new Browser().signIn(unit.officer.email, TEST_PASSWORD);
    const open = (headers: Record<string, string>) =>
      attachmentGET(request(`/api/attachments/${doc.id}`, { token, headers }), { params: Promise.resolve({ id: doc.id }) });
    expect((await open({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await open({ origin: EVIL })).status).toBe(403);
    expect((await open({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('next-auth routes: a foreign Origin or a same-site fetch is refused before next-auth runs', async () => {
    const ctx = (...nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) });
    const session = await authGET(request('/api/auth/session', { headers: { origin: EVIL, 'x-forwarded-host': 'evil.example' } }), ctx('session'));
    expect([session.status, await reasonOf(session)]).toEqual([403, 'foreign_origin']);
    const signOut = await authPOST(
      request('/api/auth/signout', { method: 'POST', headers: { 'sec-fetch-site': 'same-site', 'content-type': 'application/x-www-form-urlencoded' } }),
      ctx('signout'),
    );
    expect([signOut.status, await reasonOf(signOut)]).toEqual([403, 'cross_site']);
  });
});
