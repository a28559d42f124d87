/**
 * The citizen's public status page: ticket plus the last 4 digits of the NIK.
 * A wrong NIK and an unknown ticket get the same answer, wrong guesses back
 * off per client address, per address at one ticket, and (mildly, never for a
 * citizen on an address that opened the ticket before) per ticket: someone
 * guessing cannot lock the citizen out of their own ticket (see guardAttempt
 * in rate-limit.ts). A successful check is
 * remembered in a short-lived signed token (a cookie) so the citizen can
 * then ask for human review without typing the digits again.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { env } from '@/lib/env';
import { citizenReplies, services, units } from '@/db/schema';
import { objectionState } from './objections';
import { normalizeNikLast4 } from '@/lib/nik';
import { publicStatus, TICKET_RE } from '../intake/intake';
import type { TPublicDecision } from '../intake/schema';
import { guardAttempt, settleAttempt, type AttemptGuard, type BackoffPolicy } from '../core/rate-limit';

export { TICKET_RE };
export const STATUS_TOKEN_TTL_S = 30 * 60;

/**
 * Back-off of wrong NIK digits. One address: STATUS_ATTEMPTS_PER_CLIENT free
 * failures over all tickets, then 2 s doubling up to 15 minutes. One address
 * at one ticket: 5 free (the citizen's own typos), then the same. One ticket
 * from all addresses together: STATUS_ATTEMPTS_PER_TICKET free, then 2 s
 * doubling up to one minute, and not for an address that opened the ticket
 * before. Failures are forgotten after an hour without one.
 */
export function statusBackoff(): { client: BackoffPolicy; pair: BackoffPolicy; ticket: BackoffPolicy } {
  return {
    client: { free: env.STATUS_ATTEMPTS_PER_CLIENT, baseSeconds: 2, capSeconds: 15 * 60, resetSeconds: 3600 },
    pair: { free: 5, baseSeconds: 2, capSeconds: 15 * 60, resetSeconds: 3600 },
    ticket: { free: env.STATUS_ATTEMPTS_PER_TICKET, baseSeconds: 2, capSeconds: 60, resetSeconds: 3600 },
  };
}

function tokenKey(): string {
  const secret = env.STATUS_TOKEN_SECRET ?? env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET (or STATUS_TOKEN_SECRET) is required for the status page');
  return createHmac('sha256', secret).update('layanan:status-page:v1').digest('hex');
}

export function statusToken(ticket: string, nowS = Math.floor(Date.now() / 1000)): string {
  const exp = nowS + STATUS_TOKEN_TTL_S;
  const mac = createHmac('sha256', tokenKey()).update(`${ticket}.${exp}`).digest('base64url');
  return `${exp}.${mac}`;
}

export function checkStatusToken(ticket: string, token: string | undefined, nowS = Math.floor(Date.now() / 1000)): boolean {
  if (!token) return false;
  const [expText, mac] = token.split('.');
  const exp = Number(expText);
  if (!Number.isInteger(exp) || exp < nowS || !mac) return false;
  const expected = Buffer.from(createHmac('sha256', tokenKey()).update(`${ticket}.${exp}`).digest('base64url'));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type StatusView = {
  ticket: string;
  unitName: string;
  serviceNameId: string;
  serviceNameEn: string;
  status: string;
  receivedAt: string;
  slaDueAt: string;
  decidedAt: string | null;
  decision: TPublicDecision | null;
  canObject: boolean;
  objectedAt: string | null;
  /** The officer asked for more documents and waits for the citizen: the page offers the reply form (decision.finalAnswer says what is needed). */
  canReply: boolean;
  /** When the citizen last replied (through the page or a channel), if ever. */
  repliedAt: string | null;
};

export type LookupResult =
  | { ok: true; view: StatusView }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/** The status for a verified reader (token already checked by the caller). */
export async function statusView(db: DbOrTx, ticket: string): Promise<StatusView | null> {
  const s = await publicStatus(db, ticket);
  if (!s) return null;
  const [meta] = await db
    .select({ unitName: units.name, nameId: services.nameId, nameEn: services.nameEn })
    .from(units)
    .innerJoin(services, eq(services.code, s.service))
    .where(eq(units.id, s.unitId));
  const objection = await objectionState(db, s.submissionId, s.status);
  const [reply] = await db
    .select({ createdAt: citizenReplies.createdAt })
    .from(citizenReplies)
    .where(eq(citizenReplies.submissionId, s.submissionId))
    .orderBy(desc(citizenReplies.createdAt))
    .limit(1);
  return {
    ticket: s.ticket,
    unitName: meta?.unitName ?? '',
    serviceNameId: meta?.nameId ?? s.service,
    serviceNameEn: meta?.nameEn ?? s.service,
    status: s.status,
    receivedAt: s.receivedAt,
    slaDueAt: s.slaDueAt,
    decidedAt: s.decidedAt,
    decision: s.decision,
    canObject: objection.canObject,
    objectedAt: objection.objectedAt?.toISOString() ?? null,
    // What the officer asked is the decision's answer, written for the citizen; its reason code and note are the office's own.
    canReply: s.status === 'awaiting_citizen' && s.decision?.outcome === 'request_info',
    repliedAt: reply?.createdAt.toISOString() ?? null,
  };
}

/**
 * Checks ticket + last 4 NIK digits behind the back-off; unknown ticket and wrong digits answer the same.
 * `client` is the caller's address from server/client-address.ts (null when unknown: only the ticket's own back-off applies).
 */
export async function lookupStatus(db: DbOrTx, input: { ticket: string; nikLast4: string; client: string | null }): Promise<LookupResult> {
  const ticket = input.ticket.trim().toUpperCase();
  const policy = statusBackoff();
  // A malformed ticket (even one with a NUL in it) has no digits to guard and never reaches the database; the address still pays.
  const wellFormed = TICKET_RE.test(ticket);
  const guard: AttemptGuard = {
    client: input.client ? { key: `status:client:${input.client}`, policy: policy.client } : null,
    pair: input.client && wellFormed ? { key: `status:pair:${ticket}:${input.client}`, policy: policy.pair } : null,
    target: wellFormed ? { key: `status:ticket:${ticket}`, policy: policy.ticket } : null,
  };
  const decision = await guardAttempt(db, guard);
  // Answered before the digits are looked at: a throttled guess learns nothing.
  if (!decision.allowed) return { ok: false, reason: 'rate_limited', retryAfterSeconds: decision.retryAfterSeconds };
  const view = await checkDigits(db, ticket, wellFormed, input.nikLast4);
  await settleAttempt(db, guard, view !== null);
  return view ? { ok: true, view } : { ok: false, reason: 'not_found' };
}

async function checkDigits(db: DbOrTx, ticket: string, wellFormed: boolean, nikLast4: string): Promise<StatusView | null> {
  const last4 = normalizeNikLast4(nikLast4);
  if (!wellFormed || last4 === null) return null;
  const s = await publicStatus(db, ticket);
  const given = Buffer.from(last4);
  const actual = Buffer.from(s ? s.nik.slice(-4) : '----');
  if (!s || !timingSafeEqual(given, actual)) return null;
  return statusView(db, ticket);
}
