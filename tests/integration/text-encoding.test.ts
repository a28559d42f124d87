/**
 * Text is stored exactly as sent or refused (issue 14, point 13): invalid
 * UTF-8 bytes in a request body and lone UTF-16 surrogates in a JSON string
 * used to be stored as U+FFFD, silently altered. Through the route handlers
 * (tRPC and the REST intake) with real bodies, on a real Postgres.
 */
import { and, eq, sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as intakePOST } from '@/app/api/v1/submissions/route';
import { POST as trpcPOST } from '@/app/api/trpc/[trpc]/route';
import { drafts, submissions } from '@/db/schema';
import { intakeAnswer } from '@/server/intake-http';
import { claim } from '@/server/services/review/queue';
import { makeSubmission, makeUnit, TEST_PASSWORD, testDb } from './fixtures';
import { BASE_URL, Browser, SESSION_COOKIE, stubConsoleEnv } from './helpers/sessions';
import { makeClient, submissionBody } from './intake-fixtures';

beforeAll(stubConsoleEnv);
afterAll(() => vi.unstubAllEnvs());

/** JSON text with a placeholder replaced by raw bytes, so the body can carry what JSON.stringify never writes. */
function bodyWith(value: unknown, placeholder: string, bytes: Buffer): Buffer {
  const [before, after] = JSON.stringify(value).split(placeholder);
  return Buffer.concat([Buffer.from(before, 'utf8'), bytes, Buffer.from(after, 'utf8')]);
}

function post(path: string, body: Buffer, headers: Record<string, string>): NextRequest {
  return new NextRequest(`${BASE_URL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: new Uint8Array(body),
  });
}

// 0xC3 0x28: a lead byte followed by a byte that cannot continue it; 0xFF never occurs in UTF-8.
const INVALID_UTF8 = [Buffer.from([0xc3, 0x28]), Buffer.from([0xff]), Buffer.from([0xed, 0xa0, 0x80]) /* an encoded surrogate (CESU) */];

describe('tRPC: a note that is not valid text is refused and nothing is saved', () => {
  it('invalid UTF-8 bytes and a lone surrogate in review.saveDraft; a valid note with an emoji is stored exactly', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const sub = await makeSubmission(db, unit.unitId);
    await claim(db, unit.officer, sub.id);
    const token = await new Browser().signIn(unit.officer.email, TEST_PASSWORD);
    const headers = { cookie: `${SESSION_COOKIE}=${token}`, origin: BASE_URL, 'sec-fetch-site': 'same-origin' };
    const input = (note: string) => ({ json: { submissionId: sub.id, answer: 'Jawaban', note, reasonCode: null, verdicts: {} } });
    const draftRows = () =>
      db
        .select()
        .from(drafts)
        .where(and(eq(drafts.submissionId, sub.id), eq(drafts.userId, unit.officer.id)));

    for (const bytes of INVALID_UTF8) {
      const res = await trpcPOST(post('/api/trpc/review.saveDraft', bodyWith(input('Catatan @@ rusak'), '@@', bytes), headers));
      const json = await res.json();
      expect({ bytes: bytes.toString('hex'), status: res.status }).toEqual({ bytes: bytes.toString('hex'), status: 400 });
      expect(json.error.json.data).toMatchObject({ code: 'BAD_REQUEST', domainCode: 'INVALID_ENCODING' });
    }
    // A batch: every call gets the refusal in tRPC's format.
    const batch = await trpcPOST(
      post('/api/trpc/review.saveDraft,review.saveDraft?batch=1', bodyWith({ 0: input('a@@'), 1: input('b') }, '@@', Buffer.from([0xff])), headers),
    );
    expect(batch.status).toBe(400);
    expect((await batch.json()).map((r: { error: { json: { data: { domainCode: string } } } }) => r.error.json.data.domainCode)).toEqual([
      'INVALID_ENCODING',
      'INVALID_ENCODING',
    ]);

    // Valid UTF-8, but a JSON escape for half of a surrogate pair: no character, refused by the input schema.
    const lone = await trpcPOST(
      post('/api/trpc/review.saveDraft', Buffer.from(JSON.stringify(input('@@')).replace('@@', 'emoji setengah \\ud83d'), 'utf8'), headers),
    );
    expect(lone.status).toBe(400);
    expect((await lone.json()).error.json.data).toMatchObject({ code: 'BAD_REQUEST', zod: [{ path: ['note'], code: 'custom' }] });
    expect(await draftRows()).toHaveLength(0);

    const ok = await trpcPOST(post('/api/trpc/review.saveDraft', Buffer.from(JSON.stringify(input('Sudah sesuai ✓ 😀')), 'utf8'), headers));
    expect(ok.status).toBe(200);
    expect((await draftRows())[0].note).toBe('Sudah sesuai ✓ 😀');
  });
});

describe('REST intake: a body that is not valid text is refused with 400 and nothing is written', () => {
  it('invalid UTF-8 bytes: 400 INVALID_ENCODING in the API error format', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { key } = await makeClient(db, unit.unitId);
    const body = submissionBody({ message: 'Mohon KTP-el @@ baru.' });
    for (const bytes of INVALID_UTF8) {
      const res = await intakePOST(
        post('/api/v1/submissions', bodyWith(body, '@@', bytes), { authorization: `Bearer ${key}`, 'idempotency-key': `bad-${bytes.toString('hex')}` }),
      );
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'INVALID_ENCODING', message: expect.stringContaining('UTF-8') } });
    }
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(submissions)
      .where(eq(submissions.unitId, unit.unitId));
    expect(n).toBe(0);
  });

  it('a lone surrogate in any text field: 400 VALIDATION_FAILED naming the field', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const base = submissionBody();
    const cases: [string, Record<string, unknown>][] = [
      ['message', { message: 'Mohon \ud800 KTP-el' }],
      ['citizen.name', { citizen: { ...base.citizen, name: 'Siti \udc00' } }],
      ['form.tempat_lahir', { form: { ...base.form, tempat_lahir: 'Bandung \ud83d' } }],
      ['externalRef', { externalRef: 'ref-\udfff' }],
    ];
    for (const [what, over] of cases) {
      // What JSON.parse makes of "\ud800": a string holding a lone surrogate.
      const body = JSON.parse(JSON.stringify(submissionBody(over)));
      const res = await intakeAnswer(db, { enqueueDrafting: async () => undefined }, client, body, null);
      expect({ what, status: res.status, code: (res.body.error as { code: string }).code }).toEqual({ what, status: 400, code: 'VALIDATION_FAILED' });
      expect(Object.values((res.body.error as { fields: Record<string, string> }).fields).join(' ')).toContain('lone UTF-16 surrogate');
    }
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(submissions)
      .where(eq(submissions.unitId, unit.unitId));
    expect(n).toBe(0);
  });
});
