/**
 * Outbound webhooks: admin-registered receivers per unit, signed deliveries
 * and the delivery log. Signature (docs/webhooks.md):
 *   X-Layanan-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, `${t}.${body}`)>
 *   X-Layanan-Event-Id:  the outbox event id, the same on every retry.
 * Delivery is at least once: a receiver de-duplicates on the event id.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { env } from '@/lib/env';
import { deadLetters, outboxEvents, units, webhookDeliveries, webhooks } from '@/db/schema';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM } from '../audit/audit';
import { DomainError, isDomainError } from '../core/errors';
import { EVENT_TYPES } from './outbox';
import {
  checkedAddresses,
  classifyAddress,
  hostOf,
  isLocalhostName,
  pinnedLookup,
  systemResolver,
  type ResolvedAddress,
  type Resolver,
} from './webhook-address';

export const SIGNATURE_HEADER = 'X-Layanan-Signature';
export const EVENT_ID_HEADER = 'X-Layanan-Event-Id';
/** How old a signed timestamp a receiver should still accept (replay window). */
export const SIGNATURE_TOLERANCE_S = 300;

export function sign(secret: string, timestamp: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/**
 * What a receiver does (docs/webhooks.md): recompute, compare in constant time, check the age.
 * @internal exported for the tests (knip: not an export of the product)
 */
export function verifySignature(secret: string, header: string | null, body: string, nowS = Math.floor(Date.now() / 1000)): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowS - t) > SIGNATURE_TOLERANCE_S) return false;
  const expected = Buffer.from(sign(secret, t, body).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A loopback receiver named literally (localhost, 127.x, [::1]): what plain http is allowed to without WEBHOOK_ALLOW_HTTP. */
const isLoopbackName = (url: URL) => {
  const host = hostOf(url);
  return isLocalhostName(host) || (isIP(host) > 0 && classifyAddress(host) === 'loopback');
};

/**
 * The URL a webhook is registered with and delivered to, and the addresses it
 * may connect to. https anywhere public; plain http only with
 * WEBHOOK_ALLOW_HTTP=true, or to a receiver on this machine, which
 * (loopback being private) also needs WEBHOOK_ALLOW_PRIVATE=true. Checked at
 * registration and again before every delivery (server/services/intake/webhook-address.ts).
 */
export async function checkWebhookUrl(raw: string, resolve: Resolver = systemResolver): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError('INVALID_INPUT', 'Not a URL');
  }
  if (url.username || url.password) throw new DomainError('INVALID_INPUT', 'Credentials do not belong in a webhook URL');
  const schemeOk = url.protocol === 'https:' || (url.protocol === 'http:' && (env.WEBHOOK_ALLOW_HTTP || isLoopbackName(url)));
  if (!schemeOk) throw new DomainError('INVALID_INPUT', 'Webhook URLs must use https (http only for a receiver on this machine)');
  return { url, addresses: await checkedAddresses(url, resolve) };
}

export type WebhookInput = { unitId: string; name: string; url: string; eventTypes: string[] };

export async function createWebhook(db: DbOrTx, actor: Actor, input: WebhookInput, opts: { resolve?: Resolver } = {}): Promise<{ id: string; secret: string }> {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins manage webhooks');
  const url = (await checkWebhookUrl(input.url, opts.resolve)).url.toString();
  const types = [...new Set(input.eventTypes)].filter((t) => t === '*' || (EVENT_TYPES as readonly string[]).includes(t));
  if (!types.length) throw new DomainError('INVALID_INPUT', 'Choose at least one event type');
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, input.unitId));
    if (!unit) throw new DomainError('NOT_FOUND', 'Unit not found');
    const [row] = await tx
      .insert(webhooks)
      .values({ unitId: input.unitId, name: input.name.trim(), url, secret, eventTypes: types, createdBy: actor.id })
      .returning({ id: webhooks.id });
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: input.unitId,
      action: 'webhook.create',
      entityType: 'webhook',
      entityId: row.id,
      payload: { url, eventTypes: types },
    });
    return { id: row.id, secret };
  });
}

export async function setWebhookActive(db: DbOrTx, actor: Actor, id: string, active: boolean): Promise<void> {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins manage webhooks');
  await db.transaction(async (tx) => {
    const [row] = await tx.update(webhooks).set({ active }).where(eq(webhooks.id, id)).returning({ id: webhooks.id, unitId: webhooks.unitId });
    if (!row) throw new DomainError('NOT_FOUND', 'Webhook not found');
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: row.unitId,
      action: active ? 'webhook.enable' : 'webhook.disable',
      entityType: 'webhook',
      entityId: row.id,
      payload: {},
    });
  });
}

export async function listWebhooks(db: DbOrTx) {
  return db
    .select({
      id: webhooks.id,
      unitId: webhooks.unitId,
      unitName: units.name,
      name: webhooks.name,
      url: webhooks.url,
      eventTypes: webhooks.eventTypes,
      active: webhooks.active,
      createdAt: webhooks.createdAt,
    })
    .from(webhooks)
    .innerJoin(units, eq(units.id, webhooks.unitId))
    .orderBy(desc(webhooks.createdAt));
}

export async function listDeliveries(db: DbOrTx, opts: { webhookId?: string; limit?: number } = {}) {
  return db
    .select({
      id: webhookDeliveries.id,
      webhookId: webhookDeliveries.webhookId,
      webhookName: webhooks.name,
      url: webhooks.url,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      ticket: sql<string | null>`${outboxEvents.payload}->>'ticket'`,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      lastDurationMs: webhookDeliveries.lastDurationMs,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .innerJoin(outboxEvents, eq(outboxEvents.id, webhookDeliveries.eventId))
    .where(opts.webhookId ? eq(webhookDeliveries.webhookId, opts.webhookId) : undefined)
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(Math.min(opts.limit ?? 100, 500));
}

/** The JSON a receiver gets. Built from the stored event, so every retry sends the same body. */
export function eventBody(e: {
  id: string;
  type: string;
  unitId: string;
  submissionId: string | null;
  createdAt: Date;
  payload: Record<string, unknown>;
}): string {
  return JSON.stringify({ id: e.id, type: e.type, createdAt: e.createdAt.toISOString(), unitId: e.unitId, submissionId: e.submissionId, data: e.payload });
}

export class DeliveryFailed extends Error {}

/**
 * One attempt of one delivery. Records the attempt in the log; throws when the
 * receiver did not answer 2xx, so the job's retries and backoff apply.
 */
export async function deliverWebhook(db: DbOrTx, deliveryId: string, opts: { resolve?: Resolver } = {}): Promise<'delivered' | 'already' | 'inactive'> {
  const [row] = await db
    .select({ d: webhookDeliveries, h: webhooks, e: outboxEvents })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .innerJoin(outboxEvents, eq(outboxEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row) return 'already';
  if (row.d.status === 'delivered') return 'already';
  if (!row.h.active) {
    await db.update(webhookDeliveries).set({ status: 'failed', lastError: 'webhook disabled' }).where(eq(webhookDeliveries.id, deliveryId));
    return 'inactive';
  }
  const body = eventBody(row.e);
  const t = Math.floor(Date.now() / 1000);
  const controller = new AbortController();
  const timeoutMs = env.WEBHOOK_TIMEOUT_MS;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = performance.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    // Checked again now, after resolving: the registration-time answer may no longer hold (DNS rebinding, or
    // WEBHOOK_ALLOW_PRIVATE switched off since). The socket then connects to exactly the checked addresses.
    const target = await checkWebhookUrl(row.h.url, opts.resolve);
    status = await postTo(
      target,
      {
        'content-type': 'application/json',
        'user-agent': 'LayananReview-Webhook/1',
        [SIGNATURE_HEADER]: sign(row.h.secret, t, body),
        [EVENT_ID_HEADER]: row.e.id,
        'X-Layanan-Event-Type': row.e.type,
        'X-Layanan-Delivery-Attempt': String(row.d.attempts + 1),
      },
      body,
      controller.signal,
    );
    if (status < 200 || status >= 300) error = `HTTP ${status}`;
  } catch (e) {
    error = controller.signal.aborted
      ? `timeout after ${timeoutMs} ms`
      : isDomainError(e)
        ? `refused: ${e.message}`
        : e instanceof Error
          ? e.cause instanceof Error
            ? e.cause.message
            : e.message
          : String(e);
  } finally {
    clearTimeout(timer);
  }
  const ok = error === null;
  await db
    .update(webhookDeliveries)
    .set({
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatusCode: status,
      lastError: error,
      lastDurationMs: Math.round(performance.now() - started),
      lastAttemptAt: sql`now()`,
      ...(ok ? { status: 'delivered', deliveredAt: sql`now()` } : {}),
    })
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!ok) throw new DeliveryFailed(`${row.h.url}: ${error}`);
  return 'delivered';
}

/**
 * One POST over node:http(s), connecting only to the checked addresses (the
 * host name still goes into Host and the TLS server name, so certificates are
 * verified as usual). Redirects are not followed; the answer's body is drained
 * and dropped. A fresh connection each time: a pooled socket would outlive the
 * check it was made under.
 */
function postTo(target: { url: URL; addresses: ResolvedAddress[] }, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<number> {
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target.url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(target.addresses),
        agent: false,
        signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.on('error', reject);
        res.on('end', () => resolve(status));
        res.resume();
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** After the last retry: the delivery is failed and listed for admins. */
export async function markDeliveryDead(db: DbOrTx, deliveryId: string, jobId: string | null, error: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [d] = await tx
      .update(webhookDeliveries)
      .set({ status: 'failed' })
      .where(and(eq(webhookDeliveries.id, deliveryId), sql`${webhookDeliveries.status} <> 'delivered'`))
      .returning({ id: webhookDeliveries.id, unitId: webhookDeliveries.unitId, attempts: webhookDeliveries.attempts });
    if (!d) return;
    if (jobId) {
      const [seen] = await tx.select({ id: deadLetters.id }).from(deadLetters).where(eq(deadLetters.jobId, jobId));
      if (seen) return;
    }
    await tx
      .insert(deadLetters)
      .values({ queue: 'webhook-delivery', jobId, deliveryId: d.id, unitId: d.unitId, error: error.slice(0, 2000), attempts: d.attempts });
  });
}
