import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deadLetters, outboxEvents, webhookDeliveries, webhooks } from '@/db/schema';
import { decide } from '@/server/services/review/decisions';
import { claim } from '@/server/services/review/queue';
import { recordCitizenReply } from '@/server/services/citizen/replies';
import type { Resolver } from '@/server/services/intake/webhook-address';
import { createWebhook, deliverWebhook, EVENT_ID_HEADER, SIGNATURE_HEADER, verifySignature } from '@/server/services/intake/webhooks';
import { makeAdmin, makeSubmission, makeUnit, testDb } from './fixtures';
import { runWorkers, startJobs, waitFor, type Jobs } from './intake-fixtures';

/** The receiver's check exactly as docs/webhooks.md tells a channel system to write it (independent of the console's code). */
function verifyLayanan(secret: string, header: string, rawBody: string, toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceS || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`, 'utf8').digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Received = { eventId: string; signatureOk: boolean; body: { id: string; type: string; data: Record<string, unknown> } };

/** A receiver on 127.0.0.1 that verifies every signature, as a channel system would. */
function receiver(secretRef: { secret: string }, answer: (n: number) => number) {
  const got: Received[] = [];
  let n = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      got.push({
        eventId: String(req.headers[EVENT_ID_HEADER.toLowerCase()]),
        signatureOk: verifyLayanan(secretRef.secret, String(req.headers[SIGNATURE_HEADER.toLowerCase()] ?? ''), raw),
        body: JSON.parse(raw),
      });
      res.statusCode = answer(++n);
      res.end('ok');
    });
  });
  // Every TCP connection, whether or not an HTTP request completes on it (a TLS hello to this plain server does not).
  let connections = 0;
  server.on('connection', () => connections++);
  return {
    got,
    connections: () => connections,
    start: () => new Promise<string>((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let jobs: Jobs;
beforeAll(async () => {
  // The receivers run on 127.0.0.1: a development set-up, allowed for the integration project in vitest.config.ts.
  jobs = await startJobs('webhooks');
  await runWorkers(jobs, testDb());
});
afterAll(async () => {
  await jobs?.stop();
});

describe('outbox → signed webhooks', () => {
  it('delivers a decision, signed, with a stable event id across a retry after a 500', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const admin = await makeAdmin(db);
    const secret = { secret: '' };
    const rx = receiver(secret, (n) => (n === 1 ? 500 : 200));
    const url = await rx.start();
    try {
      const hook = await createWebhook(db, admin, {
        unitId: unit.unitId,
        name: 'Gerbang WA',
        url,
        eventTypes: ['submission.decided', 'submission.status_changed'],
      });
      secret.secret = hook.secret;
      const sub = await makeSubmission(db, unit.unitId);
      const c = await claim(db, unit.officer, sub.id);
      await decide(db, unit.officer, {
        submissionId: sub.id,
        version: c.version,
        suggestionId: sub.suggestionId,
        outcome: 'approve',
        answer: 'Permohonan Anda kami setujui.',
        verdicts: [],
        reasonCode: null,
        note: null,
        timeSpentMs: 60_000,
      });
      await waitFor('two attempts', async () => rx.got.length >= 2, 20_000);
      expect(rx.got.every((g) => g.signatureOk)).toBe(true);
      expect(rx.got[0].eventId).toBe(rx.got[1].eventId);
      expect(rx.got[1].body).toMatchObject({ id: rx.got[0].eventId, type: 'submission.decided', data: { ticket: sub.ticket, outcome: 'approve' } });
      expect(String(rx.got[1].body.data.finalAnswer)).toContain('Permohonan Anda kami setujui.');
      expect(JSON.stringify(rx.got[1].body)).not.toContain('3273014506900001');
      const [d] = await waitFor('the delivery log', async () => {
        const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, hook.id));
        return rows[0]?.status === 'delivered' ? rows : null;
      });
      expect(d).toMatchObject({ attempts: 2, lastStatusCode: 200, eventType: 'submission.decided' });
      // A wrong secret does not verify.
      expect(rx.got.some((g) => g.signatureOk && verifySignature('whsec_wrong', 't=1,v1=00', JSON.stringify(g.body)))).toBe(false);
    } finally {
      await rx.stop();
    }
  });

  it('a citizen reply (status change) reaches a subscriber; other event types are not sent to it', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const admin = await makeAdmin(db);
    const secret = { secret: '' };
    const rx = receiver(secret, () => 204);
    const url = await rx.start();
    try {
      const hook = await createWebhook(db, admin, { unitId: unit.unitId, name: 'Portal', url, eventTypes: ['submission.status_changed'] });
      secret.secret = hook.secret;
      const sub = await makeSubmission(db, unit.unitId);
      const c = await claim(db, unit.officer, sub.id);
      await decide(db, unit.officer, {
        submissionId: sub.id,
        version: c.version,
        suggestionId: sub.suggestionId,
        outcome: 'request_info',
        answer: 'Mohon kirim KK yang jelas.',
        verdicts: [],
        reasonCode: 'doc_invalid',
        note: null,
        timeSpentMs: 30_000,
      });
      // No files: nothing new to read, so no drafting job (the enqueue is never called).
      await recordCitizenReply(db, { enqueueDrafting: async () => undefined }, { submissionId: sub.id, message: 'Ini KK saya.', attachments: [] });
      await waitFor('the status event', async () => rx.got.length >= 1);
      await new Promise((r) => setTimeout(r, 1500));
      expect(rx.got.map((g) => g.body.type)).toEqual(['submission.status_changed']);
      expect(rx.got[0].body.data).toMatchObject({ reason: 'citizen_replied', status: { from: 'awaiting_citizen', to: 'pending_review' } });
      expect(rx.got[0].signatureOk).toBe(true);
    } finally {
      await rx.stop();
    }
  });

  it('after the last retry a delivery is failed and listed as a dead letter', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const admin = await makeAdmin(db);
    const rx = receiver({ secret: 'x' }, () => 503);
    const url = await rx.start();
    try {
      const hook = await createWebhook(db, admin, { unitId: unit.unitId, name: 'Rusak', url, eventTypes: ['*'] });
      const sub = await makeSubmission(db, unit.unitId);
      await claim(db, unit.officer, sub.id);
      const { enqueueOutbox } = await import('@/server/services/intake/outbox');
      await db.transaction((tx) =>
        enqueueOutbox(tx, { unitId: unit.unitId, type: 'submission.escalated', submissionId: sub.id, payload: { ticket: sub.ticket } }),
      );
      const [d] = await waitFor(
        'a failed delivery',
        async () => {
          const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, hook.id));
          return rows[0]?.status === 'failed' ? rows : null;
        },
        30_000,
      );
      expect(d.attempts).toBe(3);
      expect(d.lastStatusCode).toBe(503);
      const dl = await waitFor('the dead letter', async () => (await db.select().from(deadLetters).where(eq(deadLetters.deliveryId, d.id)))[0]);
      expect(dl.queue).toBe('webhook-delivery');
      expect(rx.got).toHaveLength(3);
    } finally {
      await rx.stop();
    }
  }, 60_000);

  it('refuses plain http to another host', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const admin = await makeAdmin(db);
    await expect(createWebhook(db, admin, { unitId: unit.unitId, name: 'Luar', url: 'http://example.com/hook', eventTypes: ['*'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

/** A resolver that answers from a table, as a DNS server under an attacker's control would. */
const answering =
  (address: string): Resolver =>
  async () => [{ address, family: address.includes(':') ? 6 : 4 }];

/** An outbox event and its delivery row, without the dispatcher (no pg-boss job): the test delivers it itself. */
async function pendingDelivery(db: ReturnType<typeof testDb>, unitId: string, webhookId: string) {
  const [e] = await db
    .insert(outboxEvents)
    .values({ unitId, type: 'submission.escalated', payload: { ticket: 'T-1' }, dispatchedAt: new Date() })
    .returning({ id: outboxEvents.id });
  const [d] = await db
    .insert(webhookDeliveries)
    .values({ webhookId, eventId: e.id, unitId, eventType: 'submission.escalated' })
    .returning({ id: webhookDeliveries.id });
  return d.id;
}

describe('webhooks never reach private addresses (server-side request forgery)', () => {
  it('registration refuses loopback, private, link-local and metadata addresses with PRIVATE_ADDRESS, and stores nothing', async () => {
    vi.stubEnv('WEBHOOK_ALLOW_PRIVATE', 'false');
    try {
      const db = testDb();
      const unit = await makeUnit(db);
      const admin = await makeAdmin(db);
      const urls = [
        'http://127.0.0.1:8080/hook',
        'https://0x7f.1/hook',
        'https://2130706433/hook',
        'https://[::ffff:127.0.0.1]/hook',
        'https://localhost/hook',
        'https://169.254.169.254/latest/meta-data/',
        'https://10.0.0.5/hook',
        'https://[fd00::5]/hook',
      ];
      for (const url of urls) {
        await expect(createWebhook(db, admin, { unitId: unit.unitId, name: 'Dalam', url, eventTypes: ['*'] }), url).rejects.toMatchObject({
          code: 'PRIVATE_ADDRESS',
        });
      }
      // A public-looking name that resolves to a private address is refused too.
      await expect(
        createWebhook(
          db,
          admin,
          { unitId: unit.unitId, name: 'Dalam', url: 'https://hooks.example.com/h', eventTypes: ['*'] },
          { resolve: answering('192.168.10.1') },
        ),
      ).rejects.toMatchObject({ code: 'PRIVATE_ADDRESS', details: { address: '192.168.10.1', addressClass: 'private' } });
      expect(await db.select().from(webhooks).where(eq(webhooks.unitId, unit.unitId))).toHaveLength(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('delivery re-resolves: a name that resolved to a public address at registration and to 127.0.0.1 now is not contacted', async () => {
    const rx = receiver({ secret: 'x' }, () => 200);
    const local = new URL(await rx.start());
    vi.stubEnv('WEBHOOK_ALLOW_PRIVATE', 'false');
    try {
      const db = testDb();
      const unit = await makeUnit(db);
      const admin = await makeAdmin(db);
      const url = `https://hooks.example.com:${local.port}/hook`;
      const hook = await createWebhook(db, admin, { unitId: unit.unitId, name: 'Rebinding', url, eventTypes: ['*'] }, { resolve: answering('93.184.216.34') });
      const deliveryId = await pendingDelivery(db, unit.unitId, hook.id);
      await expect(deliverWebhook(db, deliveryId, { resolve: answering('127.0.0.1') })).rejects.toThrow(/loopback/);
      const [d] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
      expect(d).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastStatusCode: null,
        lastError: expect.stringMatching(/^refused: .*hooks\.example\.com \(127\.0\.0\.1\)/),
      });
      expect(rx.connections()).toBe(0);
    } finally {
      vi.unstubAllEnvs();
      await rx.stop();
    }
  });

  it('connects to the address that was checked, not to a second lookup of the name', async () => {
    const rx = receiver({ secret: 'x' }, () => 204);
    const local = new URL(await rx.start());
    vi.stubEnv('WEBHOOK_ALLOW_HTTP', 'true');
    try {
      const db = testDb();
      const unit = await makeUnit(db);
      const admin = await makeAdmin(db);
      // .invalid never resolves in DNS (RFC 6761): the request can only have gone to the injected, checked address.
      const url = `http://receiver.invalid:${local.port}/hook`;
      const hook = await createWebhook(db, admin, { unitId: unit.unitId, name: 'Terpasang', url, eventTypes: ['*'] }, { resolve: answering('127.0.0.1') });
      const deliveryId = await pendingDelivery(db, unit.unitId, hook.id);
      expect(await deliverWebhook(db, deliveryId, { resolve: answering('127.0.0.1') })).toBe('delivered');
      expect(rx.got).toHaveLength(1);
      const [d] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
      expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 });
    } finally {
      vi.unstubAllEnvs();
      await rx.stop();
    }
  });
});
