import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, idempotencyKeys, outboxEvents, submissions, units } from '@/db/schema';
import { QUEUES } from '@/server/jobs/boss';
import { authenticateApiKey, revokeApiClient } from '@/server/services/intake/api-keys';
import { intakeSubmission, jakartaYear } from '@/server/services/intake/intake';
import { env } from '@/lib/env';
import { hitRateLimit } from '@/server/services/core/rate-limit';
import { makeAdmin, makeUnit, testDb } from './fixtures';
import { intake, makeClient, startJobs, submissionBody, type Jobs } from './intake-fixtures';

let jobs: Jobs;
beforeAll(async () => {
  jobs = await startJobs('intake');
});
afterAll(async () => {
  await jobs?.stop();
});

describe('REST intake service', () => {
  it('writes the submission, its attachments, an outbox event and its drafting job in one transaction', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const res = await intake(db, jobs, client, submissionBody());
    expect(res.status).toBe(201);
    const ticket = res.body.ticket as string;
    const [prefix] = await db.select({ p: units.ticketPrefix }).from(units).where(eq(units.id, unit.unitId));
    expect(ticket).toBe(`${prefix.p}-${jakartaYear(new Date())}-000001`);
    const [sub] = await db.select().from(submissions).where(eq(submissions.ticket, ticket));
    expect(sub.status).toBe('received');
    expect(sub.channel).toBe('portal');
    const docs = await db.select().from(attachments).where(eq(attachments.submissionId, sub.id));
    expect(docs.map((d) => d.docType).sort()).toEqual(['foto', 'kk']);
    expect(docs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const events = await db.select().from(outboxEvents).where(eq(outboxEvents.submissionId, sub.id));
    expect(events.map((e) => e.type)).toEqual(['submission.received']);
    const queued = await db.execute(
      sql`select id from ${sql.identifier(jobs.schema)}.job where name = ${QUEUES.drafting} and data->>'submissionId' = ${sub.id}`,
    );
    expect(queued).toHaveLength(1);
  });

  it('leaves nothing behind when the transaction fails after the submission was written', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const failing = intakeSubmission(
      db,
      { enqueueDrafting: async () => Promise.reject(new Error('crash between steps')) },
      client,
      submissionBody(),
      'crash-1',
    );
    await expect(failing).rejects.toThrow('crash between steps');
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(submissions)
      .where(eq(submissions.unitId, unit.unitId));
    expect(n).toBe(0);
    const keys = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.apiClientId, client.id));
    expect(keys).toHaveLength(0);
    // The same key then works: nothing was half-stored under it.
    const ok = await intake(db, jobs, client, submissionBody(), 'crash-1');
    expect(ok.status).toBe(201);
  });

  it('continues after the highest seeded ticket and hands out distinct numbers under concurrency', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const [u] = await db.select().from(units).where(eq(units.id, unit.unitId));
    const year = jakartaYear(new Date());
    await db.insert(submissions).values({
      ticket: `${u.ticketPrefix}-${year}-000123`,
      unitId: u.id,
      serviceCode: 'ktp-el',
      channel: 'counter',
      citizenName: 'Seed',
      nik: '3273014506900001',
      message: 'seeded',
      status: 'approved',
      slaDueAt: new Date(),
    });
    const { client } = await makeClient(db, unit.unitId);
    const results = await Promise.all(Array.from({ length: 12 }, () => intake(db, jobs, client, submissionBody())));
    const tickets = results.map((r) => r.body.ticket as string).sort();
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(tickets).toEqual(Array.from({ length: 12 }, (_, i) => `${u.ticketPrefix}-${year}-${String(124 + i).padStart(6, '0')}`));
  });

  it('honours Idempotency-Key: a retry gets the same ticket, another body under the same key is refused', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const body = submissionBody();
    const [a, b] = await Promise.all([intake(db, jobs, client, body, 'req-42'), intake(db, jobs, client, body, 'req-42')]);
    const c = await intake(db, jobs, client, JSON.parse(JSON.stringify(body)), 'req-42');
    expect(a.body.ticket).toBe(b.body.ticket);
    expect(c.body.ticket).toBe(a.body.ticket);
    expect([a, b].filter((r) => r.headers?.['Idempotency-Replayed'] === 'true')).toHaveLength(1);
    expect(c.headers?.['Idempotency-Replayed']).toBe('true');
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(submissions)
      .where(eq(submissions.unitId, unit.unitId));
    expect(n).toBe(1);

    const other = await intake(db, jobs, client, submissionBody({ message: 'Pesan lain sama sekali.' }), 'req-42');
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    // Keys are per client: another channel's same key is its own request.
    const { client: client2 } = await makeClient(db, unit.unitId);
    expect((await intake(db, jobs, client2, body, 'req-42')).status).toBe(201);
  });

  it('answers invalid input with VALIDATION_FAILED and field paths', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const body = submissionBody();
    body.form = { ...body.form, tanggal_lahir: '1990-02-30', jenis_kelamin: 'X' };
    body.citizen = { ...body.citizen, nik: '12345' };
    const res = await intake(db, jobs, client, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        fields: {
          'citizen.nik': 'nik must be 16 digits',
          'form.tanggal_lahir': 'tanggal_lahir is not a real calendar date',
          'form.jenis_kelamin': 'must be L (laki-laki) or P (perempuan)',
        },
      },
    });
    const unknownService = await intake(db, jobs, client, submissionBody({ service: 'paspor' }));
    expect(unknownService.status).toBe(400);
    expect(Object.keys((unknownService.body.error as { fields: object }).fields)).toEqual(['service']);
    // A service the API knows but this database does not offer.
    const notOffered = await intake(
      db,
      jobs,
      client,
      submissionBody({
        service: 'bansos',
        form: { tanggal_lahir: '1990-06-05', jenis_kelamin: 'P', program: 'PKH', pekerjaan: 'buruh', jumlah_tanggungan: '3', penghasilan_bulanan: '900000' },
      }),
    );
    expect(notOffered.status).toBe(400);
    expect(notOffered.body).toMatchObject({ error: { fields: { service: expect.any(String) } } });
  });

  it('refuses an oversized attachment (413) and a file that is not what its type says (400)', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const big = Buffer.alloc(env.INTAKE_ATTACHMENT_MAX_BYTES + 10, 0);
    Buffer.from('%PDF-1.4').copy(big);
    const body = submissionBody({ attachments: [{ docType: 'kk', filename: 'kk.pdf', mime: 'application/pdf', contentBase64: big.toString('base64') }] });
    const res = await intake(db, jobs, client, body);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'ATTACHMENT_TOO_LARGE', fields: { 'attachments.0.contentBase64': expect.stringContaining('exceeds') } } });

    const fake = submissionBody({
      attachments: [{ docType: 'kk', filename: 'kk.pdf', mime: 'application/pdf', contentBase64: Buffer.from('<html>hi</html>').toString('base64') }],
    });
    const res2 = await intake(db, jobs, client, fake);
    expect(res2.status).toBe(400);
    expect(res2.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', fields: { 'attachments.0.contentBase64': 'content is not a valid application/pdf file' } },
    });

    // Not an SVG at all (an SVG with scripts is rendered into a PNG instead: tests/integration/svg-intake.test.ts).
    const svg = submissionBody({
      attachments: [
        { docType: 'kk', filename: 'kk.svg', mime: 'image/svg+xml', contentBase64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64') },
      ],
    });
    expect((await intake(db, jobs, client, svg)).status).toBe(400);

    const wrongHash = submissionBody({ attachments: [{ ...submissionBody().attachments[0], sha256: '0'.repeat(64) }] });
    const res3 = await intake(db, jobs, client, wrongHash);
    expect(res3.body).toMatchObject({ error: { fields: { 'attachments.0.sha256': expect.any(String) } } });
  });

  it('authenticates keys by hash and refuses a revoked key at once', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const admin = await makeAdmin(db);
    const { client, key } = await makeClient(db, unit.unitId);
    expect((await authenticateApiKey(db, key))?.id).toBe(client.id);
    expect(await authenticateApiKey(db, key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(await authenticateApiKey(db, 'not-a-key')).toBeNull();
    const stored = await db.execute<{ key_hash: string }>(sql`select key_hash from api_clients where id = ${client.id}`);
    // The secret is everything after the second underscore (base64url: it may hold underscores itself).
    expect(stored[0].key_hash).not.toContain(key.split('_').slice(2).join('_'));
    await revokeApiClient(db, admin, client.id);
    expect(await authenticateApiKey(db, key)).toBeNull();
  });

  it('counts requests per key in Postgres and says when to retry', async () => {
    const db = testDb();
    const bucket = `api:test-${Date.now()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(db, bucket, 3, 60));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3].retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(results[3].retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('stores only what the idempotency answer needs', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    await intake(db, jobs, client, submissionBody(), 'k-store');
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.apiClientId, client.id), eq(idempotencyKeys.key, 'k-store')));
    expect(row.responseStatus).toBe(201);
    expect(JSON.stringify(row.responseBody)).not.toContain('3273014506900001');
  });
});
