/**
 * Intake from channel systems (REST API). A submission, its attachments, its
 * drafting job, its outbox event and its audit event commit in one
 * transaction: after a crash either all exist or none does, and a retry with
 * the same Idempotency-Key returns the same ticket. Refusals are DomainErrors
 * (VALIDATION_FAILED with details.fields, …); server/intake-http.ts answers
 * them in the API's error format with their HTTP status.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { attachments, decisions, policies, services, submissions, units, users } from '@/db/schema';
import { env } from '@/lib/env';
import { jsonValueProblem } from '@/lib/json-limits';
import type { ApiClient } from './api-keys';
import { appendAudit, unitStream } from '../audit/audit';
import { DomainError } from '../core/errors';
import { claimIdempotencyKey, IDEMPOTENCY_KEY_RE, requestHash, storeReceipt } from './idempotency';
import { ALLOWED_MIME, fieldErrors, JSON_MAX_DEPTH, JSON_MAX_VALUES, ZSubmissionRequest, type TPublicDecision, type TSubmissionRequest } from './schema';
import { enqueueOutbox } from './outbox';
import { pngFilename, rasteriseSvg, SVG_MIME, SvgRenderError } from '../review/svg-raster';
import { addWorkingHours, loadCalendar, type OfficeCalendar } from '../review/sla';

/** Schedules the drafting job inside the intake transaction (pg-boss `send` with the transaction as `db`). */
export type EnqueueDrafting = (tx: Tx, submissionId: string) => Promise<void>;

/** What a channel is told about an accepted submission (the API's 201 body; a replay with the same key gets the same). */
export type IntakeReceipt = {
  ticket: string;
  status: 'received';
  receivedAt: string;
  slaDueAt: string;
  statusUrl: string;
  externalRef: string | null;
  attachments: { filename: string; sha256: string; size: number; convertedFrom?: string; originalFilename?: string; originalSha256?: string }[];
};

/** `replayed`: an earlier request with the same Idempotency-Key and body made this receipt; nothing new was written. */
export type IntakeResult = { receipt: IntakeReceipt; replayed: boolean };

const invalid = (message: string, fields: Record<string, string>) => new DomainError('VALIDATION_FAILED', message, { fields });

// ───────────── attachments ─────────────

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  // Only a first look: an SVG is rendered into a PNG below (svgToPng), and what librsvg cannot draw is refused there.
  'image/svg+xml': (b) => /<svg[\s>/]/i.test(b.toString('utf8', 0, 4096)),
};

/** The allowed type whose signature the bytes carry, or null: what the status page's upload is taken to be (a browser's own guess is not believed). */
export function sniffMime(content: Buffer): (typeof ALLOWED_MIME)[number] | null {
  return ALLOWED_MIME.find((mime) => MAGIC[mime](content)) ?? null;
}

export type DecodedAttachment = TSubmissionRequest['attachments'][number] & {
  content: Buffer;
  sha256: string;
  /** Set when the channel sent an SVG: what was received, before it became the stored PNG. */
  convertedFrom?: { mime: typeof SVG_MIME; filename: string; sha256: string; size: number };
};

/**
 * SVGs are stored as the PNG they render to (server/services/review/svg-raster.ts):
 * no script, link or animation of an SVG ever reaches a browser. The audit
 * event and the response name the conversion and the original's sha256.
 */
async function svgToPng(files: DecodedAttachment[]): Promise<DecodedAttachment[]> {
  const refused: Record<string, string> = {};
  const out: DecodedAttachment[] = [];
  for (const [i, f] of files.entries()) {
    if (f.mime !== SVG_MIME) {
      out.push(f);
      continue;
    }
    try {
      const r = await rasteriseSvg(f.content);
      out.push({
        ...f,
        mime: 'image/png',
        filename: pngFilename(f.filename),
        content: r.png,
        sha256: r.sha256,
        convertedFrom: { mime: SVG_MIME, filename: f.filename, sha256: r.originalSha256, size: f.content.length },
      });
    } catch (e) {
      if (!(e instanceof SvgRenderError)) throw e;
      refused[`attachments.${i}.contentBase64`] = `content is not a valid ${SVG_MIME} file (${e.message})`;
    }
  }
  if (Object.keys(refused).length) throw invalid('An attachment is not acceptable', refused);
  return out;
}

function decodeAttachments(list: TSubmissionRequest['attachments']): DecodedAttachment[] {
  const tooLarge: Record<string, string> = {};
  const refused: Record<string, string> = {};
  const out: DecodedAttachment[] = [];
  list.forEach((a, i) => {
    // 4 base64 characters carry 3 bytes: refuse before decoding a huge string.
    const approx = Math.floor((a.contentBase64.length * 3) / 4);
    if (approx > env.INTAKE_ATTACHMENT_MAX_BYTES + 3) {
      tooLarge[`attachments.${i}.contentBase64`] = `decoded size ${approx} bytes exceeds the limit of ${env.INTAKE_ATTACHMENT_MAX_BYTES} bytes`;
      return;
    }
    const content = Buffer.from(a.contentBase64, 'base64');
    if (content.length > env.INTAKE_ATTACHMENT_MAX_BYTES) {
      tooLarge[`attachments.${i}.contentBase64`] = `decoded size ${content.length} bytes exceeds the limit of ${env.INTAKE_ATTACHMENT_MAX_BYTES} bytes`;
      return;
    }
    if (!MAGIC[a.mime](content)) {
      refused[`attachments.${i}.contentBase64`] = `content is not a valid ${a.mime} file`;
      return;
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (a.sha256 && a.sha256 !== sha256) {
      refused[`attachments.${i}.sha256`] = 'does not match the sha256 of the decoded content';
      return;
    }
    out.push({ ...a, content, sha256 });
  });
  if (Object.keys(tooLarge).length) {
    throw new DomainError('ATTACHMENT_TOO_LARGE', `An attachment exceeds ${env.INTAKE_ATTACHMENT_MAX_BYTES} bytes`, { fields: tooLarge });
  }
  if (Object.keys(refused).length) throw invalid('An attachment is not acceptable', refused);
  return out;
}

/**
 * Every way a file comes in (this intake, a channel's reply, the citizen's
 * upload on the status page: server/services/citizen/replies.ts) takes it
 * through the same checks: size once decoded, content sniffed against its
 * type, the channel's sha256, an SVG rendered to PNG. Refusals are
 * ATTACHMENT_TOO_LARGE or VALIDATION_FAILED naming `attachments.N.…`.
 */
export async function acceptAttachments(list: TSubmissionRequest['attachments']): Promise<DecodedAttachment[]> {
  return svgToPng(decodeAttachments(list));
}

/** The attachments rows of accepted files, for an intake or (with its reply's id) a citizen's reply. */
export const attachmentRows = (submissionId: string, files: DecodedAttachment[], replyId: string | null = null) =>
  files.map((f) => ({
    submissionId,
    docType: f.docType,
    filename: f.filename,
    mime: f.mime,
    size: f.content.length,
    sha256: f.sha256,
    content: f.content,
    extracted: f.extracted ?? {},
    replyId,
  }));

// ───────────── tickets ─────────────

/** WIB calendar year of an instant. */
export const jakartaYear = (d: Date) => new Date(d.getTime() + 7 * 3600_000).getUTCFullYear();

/**
 * Next ticket number of a unit in a year: `${prefix}-${year}-${6 digits}`. The
 * counter row's lock serialises concurrent intakes; the first use of a year
 * continues after the highest ticket already present (seeded or imported).
 */
export async function allocateTicket(tx: Tx, unit: { id: string; ticketPrefix: string }, year: number): Promise<string> {
  let rows = await tx.execute<{ last_seq: number }>(sql`
    update ticket_counters set last_seq = last_seq + 1 where unit_id = ${unit.id} and year = ${year} returning last_seq`);
  if (!rows.length) {
    const pattern = `${unit.ticketPrefix}-${year}-%`;
    rows = await tx.execute<{ last_seq: number }>(sql`
      insert into ticket_counters (unit_id, year, last_seq)
      values (${unit.id}, ${year}, (
        select coalesce(max((regexp_match(ticket, '-(\\d+)$'))[1]::int), 0) + 1
        from submissions where unit_id = ${unit.id} and ticket like ${pattern}))
      on conflict (unit_id, year) do update set last_seq = ticket_counters.last_seq + 1
      returning last_seq`);
  }
  return `${unit.ticketPrefix}-${year}-${String(rows[0].last_seq).padStart(6, '0')}`;
}

// ───────────── calendar cache ─────────────

let calendarCache: { at: number; cal: OfficeCalendar } | null = null;
async function calendar(db: DbOrTx): Promise<OfficeCalendar> {
  if (calendarCache && Date.now() - calendarCache.at < 5 * 60_000) return calendarCache.cal;
  const cal = await loadCalendar(db, new Date(Date.now() - 7 * 86400_000));
  calendarCache = { at: Date.now(), cal };
  return cal;
}

// ───────────── the request ─────────────

export async function intakeSubmission(
  db: Db,
  deps: { enqueueDrafting: EnqueueDrafting },
  client: ApiClient,
  body: unknown,
  idempotencyKey: string | null,
): Promise<IntakeResult> {
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY_RE.test(idempotencyKey)) {
    throw new DomainError('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1–200 visible ASCII characters');
  }
  // Before anything walks the body (zod, the idempotency hash): free-form JSON within depth and size limits.
  const shape = jsonValueProblem(body, { maxDepth: JSON_MAX_DEPTH, maxValues: JSON_MAX_VALUES });
  if (shape) throw invalid('The submission is not valid', { [shape.path]: shape.message });
  const parsed = ZSubmissionRequest.safeParse(body);
  if (!parsed.success) throw invalid('The submission is not valid', fieldErrors(parsed.error));
  const input = parsed.data as TSubmissionRequest;
  const hash = requestHash(body);
  const files = await acceptAttachments(input.attachments);
  const cal = await calendar(db);
  return await db.transaction(async (tx): Promise<IntakeResult> => {
    if (idempotencyKey) {
      const earlier = await claimIdempotencyKey(tx, client.id, idempotencyKey, hash);
      if (earlier && !earlier.sameRequest) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request body; use a new key for a new submission',
        );
      }
      if (earlier?.sameRequest) return { receipt: earlier.receipt as IntakeReceipt, replayed: true };
    }
    const [unit] = await tx.select({ id: units.id, ticketPrefix: units.ticketPrefix }).from(units).where(eq(units.id, client.unitId));
    const [service] = await tx.select().from(services).where(eq(services.code, input.service));
    if (!service) throw invalid('The submission is not valid', { service: 'this unit does not offer this service' });

    const receivedAt = new Date();
    const ticket = await allocateTicket(tx, unit, jakartaYear(receivedAt));
    const slaDueAt = addWorkingHours(receivedAt, service.slaHours, cal);
    const [sub] = await tx
      .insert(submissions)
      .values({
        ticket,
        unitId: unit.id,
        serviceCode: input.service,
        channel: client.channel,
        citizenName: input.citizen.name,
        nik: input.citizen.nik,
        kkNumber: input.citizen.kkNumber ?? null,
        phone: input.citizen.phone ?? null,
        address: input.citizen.address ?? input.form.alamat ?? null,
        kecamatan: input.citizen.kecamatan ?? null,
        message: input.message,
        form: input.form,
        status: 'received',
        receivedAt,
        slaDueAt,
      })
      .returning({ id: submissions.id });
    if (files.length) {
      await tx.insert(attachments).values(attachmentRows(sub.id, files));
    }
    await deps.enqueueDrafting(tx, sub.id);
    await enqueueOutbox(tx, {
      unitId: unit.id,
      type: 'submission.received',
      submissionId: sub.id,
      payload: { ticket, serviceCode: input.service, channel: client.channel, status: { from: null, to: 'received' } },
    });
    const receipt: IntakeReceipt = {
      ticket,
      status: 'received',
      receivedAt: receivedAt.toISOString(),
      slaDueAt: slaDueAt.toISOString(),
      statusUrl: `/status/${ticket}`,
      externalRef: input.externalRef ?? null,
      attachments: files.map((f) => ({
        filename: f.filename,
        sha256: f.sha256,
        size: f.content.length,
        ...(f.convertedFrom ? { convertedFrom: f.convertedFrom.mime, originalFilename: f.convertedFrom.filename, originalSha256: f.convertedFrom.sha256 } : {}),
      })),
    };
    if (idempotencyKey) await storeReceipt(tx, client.id, idempotencyKey, sub.id, receipt);
    await appendAudit(tx, {
      stream: unitStream(unit.id),
      actor: null,
      unitId: unit.id,
      action: 'submission.received',
      entityType: 'submission',
      entityId: sub.id,
      payload: {
        ticket,
        serviceCode: input.service,
        channel: client.channel,
        apiClientId: client.id,
        attachments: files.length,
        // What was received is not what is stored: the original's name, size and sha256, on the record.
        ...(files.some((f) => f.convertedFrom)
          ? { converted: files.flatMap((f) => (f.convertedFrom ? [{ ...f.convertedFrom, to: f.mime, storedSha256: f.sha256 }] : [])) }
          : {}),
      },
    });
    return { receipt, replayed: false };
  });
}

/** Status of one ticket for a channel system: its own unit only (another unit's ticket is "not found"). */
export async function submissionStatusForClient(db: DbOrTx, client: ApiClient, ticket: string) {
  const status = await publicStatus(db, ticket);
  if (!status || status.unitId !== client.unitId) throw new DomainError('NOT_FOUND', 'No submission with this ticket for your unit');
  const { ticket: t, service, channel, status: st, receivedAt, slaDueAt, decidedAt, decision } = status;
  return { ticket: t, service, channel, status: st, receivedAt, slaDueAt, decidedAt, decision };
}

/** `PREFIX-YYYY-NNNNNN`, as `allocateTicket` writes them (the demo seed too). */
export const TICKET_RE = /^[A-Z0-9]{2,12}-\d{4}-\d{6}$/;

/**
 * What may be told about a ticket: status, and for a final decision the answer
 * and who decided (a named officer, or automatically under a policy version).
 * Includes unitId and NIK for the callers' own checks; never send those out.
 */
export async function publicStatus(db: DbOrTx, ticket: string) {
  // Only a well-formed ticket is looked up: anything else (a NUL, a 10 kB path) is simply not found.
  if (!TICKET_RE.test(ticket)) return null;
  const [s] = await db
    .select({
      submissionId: submissions.id,
      ticket: submissions.ticket,
      unitId: submissions.unitId,
      nik: submissions.nik,
      service: submissions.serviceCode,
      channel: submissions.channel,
      status: submissions.status,
      receivedAt: submissions.receivedAt,
      slaDueAt: submissions.slaDueAt,
      decidedAt: submissions.decidedAt,
    })
    .from(submissions)
    .where(eq(submissions.ticket, ticket));
  if (!s) return null;
  const FINAL = ['approved', 'rejected', 'awaiting_citizen', 'auto_approved', 'qa_review'];
  let decision: (TPublicDecision & { id: string }) | null = null;
  if (FINAL.includes(s.status)) {
    const [d] = await db
      .select({
        id: decisions.id,
        outcome: decisions.outcome,
        kind: decisions.kind,
        finalAnswer: decisions.finalAnswer,
        createdAt: decisions.createdAt,
        officerName: users.name,
        policyVersion: policies.version,
        snapshot: decisions.snapshot,
      })
      .from(decisions)
      .leftJoin(users, eq(users.id, decisions.actorId))
      .leftJoin(policies, eq(policies.id, decisions.policyId))
      .where(and(eq(decisions.submissionId, s.submissionId), inArray(decisions.kind, ['human', 'auto']), sql`${decisions.outcome} <> 'escalate'`))
      .orderBy(desc(decisions.createdAt))
      .limit(1);
    if (d && d.outcome !== 'escalate') {
      decision = {
        id: d.id,
        outcome: d.outcome,
        decidedBy: d.kind === 'auto' ? 'automatic' : 'officer',
        officerName: d.kind === 'auto' ? null : d.officerName,
        policyVersion: d.kind === 'auto' ? (d.policyVersion ?? d.snapshot?.policyVersion ?? null) : null,
        finalAnswer: d.finalAnswer,
        decidedAt: d.createdAt.toISOString(),
      };
    }
  }
  return {
    submissionId: s.submissionId,
    unitId: s.unitId,
    nik: s.nik,
    ticket: s.ticket,
    service: s.service,
    channel: s.channel,
    status: s.status,
    receivedAt: s.receivedAt.toISOString(),
    slaDueAt: s.slaDueAt.toISOString(),
    decidedAt: s.decidedAt?.toISOString() ?? null,
    decision: decision && {
      outcome: decision.outcome,
      decidedBy: decision.decidedBy,
      officerName: decision.officerName,
      policyVersion: decision.policyVersion,
      finalAnswer: decision.finalAnswer,
      decidedAt: decision.decidedAt,
    },
    decisionId: decision?.id ?? null,
  };
}
