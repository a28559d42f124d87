/**
 * The citizen's reply to "please send more documents" (issue 15, point 7):
 * POST /api/v1/submissions/{ticket}/replies for channel systems, and the same
 * service under the status page. What a channel and the officer notice: the
 * refusals and their codes (nothing saved by any of them), the item back in
 * the queue with the new file marked, the audit and webhook events, a retry
 * answered the same, and the new file read before any verdict is shown on it.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import { POST as replyPOST } from '@/app/api/v1/submissions/[ticket]/replies/route';
import type { Db } from '@/db/client';
import { aiSuggestions, attachments, auditEvents, citizenReplies, documentReadings, idempotencyKeys, outboxEvents, submissions } from '@/db/schema';
import { citizenKkSvg } from '../../e2e/specimen-uploads';
import { replyAnswer } from '@/server/intake-http';
import { jobSender } from '@/server/jobs/boss';
import { runDrafting } from '@/server/services/intake/drafting';
import { EXAMPLE_PNG_BASE64, EXAMPLE_REPLY, EXAMPLE_SUBMISSION, openApiDocument } from '@/server/services/intake/openapi';
import type { ApiClient } from '@/server/services/intake/api-keys';
import { unitStream } from '@/server/services/audit/audit';
import { decide } from '@/server/services/review/decisions';
import { claim, listQueue } from '@/server/services/review/queue';
import { getReview } from '@/server/services/review/review';
import { makeUnit, testDb } from './fixtures';
import { stubConsoleEnv } from './helpers/sessions';
import { intake, makeClient, startJobs, submissionBody, submissionByTicket, type Jobs } from './intake-fixtures';

let jobs: Jobs;
beforeAll(async () => {
  stubConsoleEnv();
  jobs = await startJobs('replies');
});
afterAll(async () => {
  await jobs?.stop();
  vi.unstubAllEnvs();
});

const reply = (db: Db, client: ApiClient, ticket: string, body: unknown, key: string | null = null) => {
  const send = jobSender(jobs.boss);
  return replyAnswer(db, { enqueueDrafting: async (tx, id) => void (await send.drafting(tx, id)) }, client, ticket, body, key);
};

/** The example citizen's KK, photographed: what the citizen sends when asked for a readable one. */
async function kkPhoto(): Promise<string> {
  const svg = citizenKkSvg(EXAMPLE_SUBMISSION.citizen);
  return (await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer()).toString('base64');
}

/**
 * A submission received through the API (its 1×1 example images are read as too small), drafted, and
 * answered by an officer with "please send a readable KK": it now waits for the citizen.
 */
async function awaitingCitizen(db: Db) {
  const unit = await makeUnit(db);
  const { client, key } = await makeClient(db, unit.unitId);
  const res = await intake(db, jobs, client, submissionBody());
  expect(res.status).toBe(201);
  const ticket = res.body.ticket as string;
  let sub = await submissionByTicket(db, ticket);
  await runDrafting(db, sub.id);
  sub = await submissionByTicket(db, ticket);
  expect(sub.status).toBe('pending_review');
  const c = await claim(db, unit.officer, sub.id);
  await decide(db, unit.officer, {
    submissionId: sub.id,
    version: c.version,
    suggestionId: sub.latestSuggestionId,
    outcome: 'request_info',
    answer: 'Mohon kirim foto KK yang terbaca jelas.',
    verdicts: [],
    reasonCode: 'doc_invalid',
    note: null,
    timeSpentMs: 20_000,
  });
  return { unit, client, key, ticket, submissionId: sub.id, firstSuggestionId: sub.latestSuggestionId! };
}

const countRows = async (db: Db, submissionId: string) => ({
  replies: (await db.select().from(citizenReplies).where(eq(citizenReplies.submissionId, submissionId))).length,
  attachments: (await db.select({ id: attachments.id }).from(attachments).where(eq(attachments.submissionId, submissionId))).length,
  status: (await db.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, submissionId)))[0].status,
});

const draftingJobs = async (db: Db, submissionId: string) =>
  (await db.execute<{ id: string }>(sql`select id from ${sql.identifier(jobs.schema)}.job where name = 'drafting' and data->>'submissionId' = ${submissionId}`))
    .length;

describe('POST /api/v1/submissions/{ticket}/replies', () => {
  it('refuses a request without a valid API key, before reading anything', async () => {
    const res = await replyPOST(
      new Request('http://localhost:3000/api/v1/submissions/BDG-2026-000001/replies', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer lrv1_nope' },
        body: JSON.stringify(EXAMPLE_REPLY),
      }),
      { params: Promise.resolve({ ticket: 'BDG-2026-000001' }) },
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it("answers another unit's ticket and an unknown one with NOT_FOUND, and a ticket not waiting for the citizen with NOT_AWAITING_CITIZEN; nothing is saved", async () => {
    const db = testDb();
    const a = await awaitingCitizen(db);
    const other = await makeUnit(db);
    const { client: foreign } = await makeClient(db, other.unitId);
    const before = await countRows(db, a.submissionId);
    expect(await reply(db, foreign, a.ticket, EXAMPLE_REPLY)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await reply(db, a.client, `${a.ticket.slice(0, -6)}999999`, EXAMPLE_REPLY)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await reply(db, a.client, 'not a ticket', EXAMPLE_REPLY)).toMatchObject({ status: 404 });

    // A submission of the same unit that no officer asked anything about.
    const fresh = await intake(db, jobs, a.client, submissionBody());
    const conflict = await reply(db, a.client, fresh.body.ticket as string, EXAMPLE_REPLY, 'conflict-1');
    expect(conflict).toMatchObject({ status: 409, body: { error: { code: 'NOT_AWAITING_CITIZEN', message: expect.stringContaining('received') } } });
    expect(await countRows(db, a.submissionId)).toEqual(before);
    // A refusal keeps no idempotency key: the channel may retry the same key once the state allows it.
    expect(
      await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.apiClientId, a.client.id), eq(idempotencyKeys.key, 'conflict-1'))),
    ).toEqual([]);
  }, 60_000);

  it('refuses a bad attachment with VALIDATION_FAILED naming it, and an oversized one with ATTACHMENT_TOO_LARGE; nothing is saved', async () => {
    const db = testDb();
    const a = await awaitingCitizen(db);
    const before = await countRows(db, a.submissionId);
    const wrongType = await reply(
      db,
      a.client,
      a.ticket,
      { ...EXAMPLE_REPLY, attachments: [{ ...EXAMPLE_REPLY.attachments[0], mime: 'application/pdf' }] },
      'bad-1',
    );
    expect(wrongType).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', fields: { 'attachments.0.contentBase64': 'content is not a valid application/pdf file' } } },
    });
    const svgThatIsNot = await reply(db, a.client, a.ticket, {
      message: 'KK saya',
      attachments: [{ docType: 'kk', filename: 'kk.svg', mime: 'image/svg+xml', contentBase64: Buffer.from('<svg/onload=alert(1)>').toString('base64') }],
    });
    expect(svgThatIsNot).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', fields: { 'attachments.0.contentBase64': expect.stringContaining('image/svg+xml') } } },
    });
    const noMessage = await reply(db, a.client, a.ticket, { attachments: [] });
    expect(noMessage).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', fields: { message: expect.any(String) } } } });
    const big = Buffer.alloc(2 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.4');
    const tooLarge = await reply(db, a.client, a.ticket, {
      message: 'KK',
      attachments: [{ docType: 'kk', filename: 'kk.pdf', mime: 'application/pdf', contentBase64: big.toString('base64') }],
    });
    expect(tooLarge).toMatchObject({
      status: 413,
      body: { error: { code: 'ATTACHMENT_TOO_LARGE', fields: { 'attachments.0.contentBase64': expect.stringContaining('exceeds') } } },
    });
    expect(await countRows(db, a.submissionId)).toEqual(before);
    expect(before.status).toBe('awaiting_citizen');
    expect(await draftingJobs(db, a.submissionId)).toBe(1); // the intake's own, nothing more
  }, 60_000);

  it('a good reply brings the item back to the queue with the new file marked, audited and announced; a retry gets the same answer; the new file is read before any verdict on it', async () => {
    const db = testDb();
    const a = await awaitingCitizen(db);
    const body = {
      message: 'Berikut foto KK yang lebih jelas.',
      attachments: [{ docType: 'kk', filename: 'kk-baru.jpg', mime: 'image/jpeg', contentBase64: await kkPhoto() }],
    };
    const res = await reply(db, a.client, a.ticket, body, 'reply-1');
    expect(res.status).toBe(201);
    expect(res.headers?.['Idempotency-Replayed']).toBeUndefined();
    expect(res.body).toMatchObject({
      ticket: a.ticket,
      status: 'pending_review',
      replyId: expect.any(String),
      attachments: [{ filename: 'kk-baru.jpg', size: expect.any(Number) }],
    });
    const { replyId } = res.body as { replyId: string };

    // The officer's queue has it again; the review page shows the reply and marks the new file.
    expect((await listQueue(db, a.unit.officer, {})).find((q) => q.id === a.submissionId)?.status).toBe('pending_review');
    const review = await getReview(db, a.unit.officer, a.submissionId);
    expect(review.replies.map((r) => r.message)).toEqual(['Berikut foto KK yang lebih jelas.']);
    expect(review.attachments.filter((x) => x.replyId === replyId).map((x) => x.filename)).toEqual(['kk-baru.jpg']);
    // Nobody has read the new file yet: no verdict is shown, not the old one on the old files either.
    expect(review.suggestion).toBeNull();

    // The audit chain and the channel systems' webhook both have it.
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, a.submissionId), eq(auditEvents.action, 'submission.citizen_replied')));
    expect(audit).toMatchObject({ stream: unitStream(a.unit.unitId), actorId: null });
    expect(audit.payload).toMatchObject({ replyId, from: 'awaiting_citizen', to: 'pending_review', attachments: 1, via: 'api', apiClientId: a.client.id });
    const events = await db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.submissionId, a.submissionId), eq(outboxEvents.type, 'submission.status_changed')));
    expect(events.map((e) => e.payload).filter((p) => (p as { reason?: string }).reason === 'citizen_replied')).toEqual([
      { ticket: a.ticket, status: { from: 'awaiting_citizen', to: 'pending_review' }, reason: 'citizen_replied', replyId, attachments: 1 },
    ]);

    // The same key and body: the first answer again, nothing written twice, though the item has moved on.
    const again = await reply(db, a.client, a.ticket, body, 'reply-1');
    expect(again).toMatchObject({ status: 201, headers: { 'Idempotency-Replayed': 'true' } });
    expect(again.body).toEqual(res.body);
    expect(await countRows(db, a.submissionId)).toMatchObject({ replies: 1, attachments: 3 });
    const reused = await reply(db, a.client, a.ticket, { ...body, message: 'Pesan lain' }, 'reply-1');
    expect(reused).toMatchObject({ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } });
    // Without a key, a second reply is refused: the item no longer waits for the citizen.
    expect(await reply(db, a.client, a.ticket, body)).toMatchObject({ status: 409, body: { error: { code: 'NOT_AWAITING_CITIZEN' } } });

    // The reading job: scheduled with the reply, it reads the new file and drafts again for the person (never routed).
    expect(await draftingJobs(db, a.submissionId)).toBe(2);
    const [newDoc] = await db.select().from(attachments).where(eq(attachments.replyId, replyId));
    expect(await db.select().from(documentReadings).where(eq(documentReadings.attachmentId, newDoc.id))).toEqual([]);
    expect(await runDrafting(db, a.submissionId)).toMatchObject({ outcome: 'drafted', routed: 'after_reply', status: 'pending_review' });
    const [reading] = await db.select().from(documentReadings).where(eq(documentReadings.attachmentId, newDoc.id));
    expect(reading.detectedType).toBe('kk');
    const after = await getReview(db, a.unit.officer, a.submissionId);
    expect(after.suggestion?.id).not.toBe(a.firstSuggestionId);
    // The KK verdict is now on the new, read file (the first one was a 1×1 picture, judged unreadable).
    const kk = after.suggestion!.docVerdicts.find((v) => v.docType === 'kk')!;
    expect(kk.attachmentId).toBe(newDoc.id);
    expect(kk.verdict).not.toBe('unreadable');
    const [first] = await db.select().from(aiSuggestions).where(eq(aiSuggestions.id, a.firstSuggestionId));
    expect(first.docVerdicts.find((v) => v.docType === 'kk')?.verdict).toBe('unreadable');
    // A retried job finds the work done.
    expect(await runDrafting(db, a.submissionId)).toMatchObject({ outcome: 'skipped', status: 'pending_review' });
  }, 90_000);

  it('a reply without files keeps the suggestion it had: nothing new to read, no job', async () => {
    const db = testDb();
    const a = await awaitingCitizen(db);
    const res = await reply(db, a.client, a.ticket, { message: 'KK saya sudah saya serahkan di loket.' });
    expect(res).toMatchObject({ status: 201, body: { attachments: [] } });
    expect((await submissionByTicket(db, a.ticket)).latestSuggestionId).toBe(a.firstSuggestionId);
    expect(await draftingJobs(db, a.submissionId)).toBe(1);
  }, 60_000);
});

describe('the OpenAPI document and the API routes', () => {
  it('documents every route under app/api/v1 (and no other), with the reply refusals it answers', () => {
    const root = path.resolve('app/api/v1');
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name === 'route.ts') routes.push(`/api/v1/${path.relative(root, dir).split(path.sep).join('/')}`.replace(/\[(\w+)\]/g, '{$1}'));
      }
    };
    walk(root);
    const doc = openApiDocument() as { paths: Record<string, { post?: { responses: Record<string, unknown> } }> };
    expect(Object.keys(doc.paths).sort()).toEqual(routes.sort());
    expect(Object.keys(doc.paths['/api/v1/submissions/{ticket}/replies'].post!.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '404', '409', '413', '422', '429']),
    );
  });

  it('the reply examples get their documented status from the service', async () => {
    const db = testDb();
    const a = await awaitingCitizen(db);
    type Doc = {
      paths: Record<
        string,
        { post: { requestBody: { content: Record<string, { examples: Record<string, { value: unknown; 'x-expect-status': number }> }> } } }
      >;
    };
    const examples = (openApiDocument() as Doc).paths['/api/v1/submissions/{ticket}/replies'].post.requestBody.content['application/json'].examples;
    // The refusals first: the valid one moves the item on.
    const ordered = Object.entries(examples).sort(([, x], [, y]) => y['x-expect-status'] - x['x-expect-status']);
    for (const [name, ex] of ordered) {
      const res = await reply(db, a.client, a.ticket, JSON.parse(JSON.stringify(ex.value)), `example-${name}`);
      expect(res.status, name).toBe(ex['x-expect-status']);
    }
    expect(EXAMPLE_REPLY.attachments[0].contentBase64).toBe(EXAMPLE_PNG_BASE64);
  }, 60_000);
});
