/**
 * The citizen's public status page: ticket plus the last 4 digits of the NIK.
 * A wrong NIK and an unknown ticket get the same answer, attempts are rate
 * limited per client address and per ticket, and a successful check is
 * remembered in a short-lived signed token (a cookie) so the citizen can
 * then ask for human review without typing the digits again.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { services, units } from '@/db/schema';
import { objectionState } from './citizen-objections';
import { normalizeNikLast4 } from '@/lib/nik';
import { publicStatus, TICKET_RE } from './intake';
import { hitRateLimit } from './rate-limit';

export { TICKET_RE };
export const STATUS_TOKEN_TTL_S = 30 * 60;
const ATTEMPTS_PER_CLIENT = Number(process.env.STATUS_ATTEMPTS_PER_CLIENT ?? 20);
const ATTEMPTS_PER_TICKET = Number(process.env.STATUS_ATTEMPTS_PER_TICKET ?? 10);
const WINDOW_S = 15 * 60;

function tokenKey(): string {
  const secret = process.env.STATUS_TOKEN_SECRET ?? process.env.NEXTAUTH_SECRET;
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
  decision: {
    outcome: 'approve' | 'reject' | 'request_info';
    decidedBy: 'officer' | 'automatic';
    officerName: string | null;
    policyVersion: number | null;
    finalAnswer: string;
    decidedAt: string;
  } | null;
  canObject: boolean;
  objectedAt: string | null;
};

export type LookupResult = { ok: true; view: StatusView } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

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
  };
}

/** Checks ticket + last 4 NIK digits, rate limited; unknown ticket and wrong digits answer the same. */
export async function lookupStatus(db: DbOrTx, input: { ticket: string; nikLast4: string; client: string | null }): Promise<LookupResult> {
  const ticket = input.ticket.trim().toUpperCase();
  // Per ticket always (guessing 4 digits of one ticket); per address when a proxy in front names it.
  const perClient = input.client
    ? await hitRateLimit(db, `status:client:${input.client}`, ATTEMPTS_PER_CLIENT, WINDOW_S)
    : { allowed: true, retryAfterSeconds: 0 };
  // A malformed ticket (even one with a NUL in it) has no digits to guard and never reaches the database.
  const perTicket = TICKET_RE.test(ticket)
    ? await hitRateLimit(db, `status:ticket:${ticket}`, ATTEMPTS_PER_TICKET, WINDOW_S)
    : { allowed: true, retryAfterSeconds: 0 };
  if (!perClient.allowed || !perTicket.allowed) {
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.max(perClient.allowed ? 0 : perClient.retryAfterSeconds, perTicket.allowed ? 0 : perTicket.retryAfterSeconds) };
  }
  const last4 = normalizeNikLast4(input.nikLast4);
  if (!TICKET_RE.test(ticket) || last4 === null) return { ok: false, reason: 'not_found' };
  const s = await publicStatus(db, ticket);
  const given = Buffer.from(last4);
  const actual = Buffer.from(s ? s.nik.slice(-4) : '----');
  if (!s || !timingSafeEqual(given, actual)) return { ok: false, reason: 'not_found' };
  const view = await statusView(db, ticket);
  return view ? { ok: true, view } : { ok: false, reason: 'not_found' };
}
