/**
 * A citizen answers a request for more documents, through a channel system
 * (POST /api/v1/submissions/{ticket}/replies: channelReply) or the status
 * page (recordCitizenReply). Both take the same path: the reply is validated
 * like an intake (its attachments by intake's own checks: size, content
 * sniffed against its type, SVG rendered to PNG), refused with
 * NOT_AWAITING_CITIZEN unless the submission waits for the citizen, and then
 * written in one transaction with the move back to the queue
 * (awaiting_citizen → pending_review), its outbox and audit events.
 *
 * New documents are read like an intake's: the drafting job is scheduled in
 * the same transaction, and the earlier suggestion stops being the item's
 * (its verdicts are about what the citizen had sent before). Until the job has
 * read the new files and drafted again, the officer sees no verdict at all, so
 * never one on a picture nobody read (intake/drafting.ts, "after a reply").
 */
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { attachments, citizenReplies, submissions } from '@/db/schema';
import { jsonValueProblem } from '@/lib/json-limits';
import type { DocType, SubmissionStatus } from '@/lib/vocabulary';
import { DomainError } from '../core/errors';
import type { ApiClient } from '../intake/api-keys';
import { claimIdempotencyKey, IDEMPOTENCY_KEY_RE, requestHash, storeReceipt } from '../intake/idempotency';
import { acceptAttachments, attachmentRows, sniffMime, TICKET_RE, type DecodedAttachment, type EnqueueDrafting } from '../intake/intake';
import { fieldErrors, JSON_MAX_DEPTH, JSON_MAX_VALUES, ZReplyRequest } from '../intake/schema';
import { applyTransition } from '../review/transition';

/** A file as the status page received it: its type is sniffed from the bytes when not given. */
export type ReplyAttachment = {
  /** A DocType; what a form posted is checked by the schema like any other field. */
  docType: DocType | (string & {});
  filename: string;
  mime?: string;
  content: Buffer;
  extracted?: Record<string, string>;
};

/** What the channel is told (the API's 201 body; a replay with the same Idempotency-Key gets the same). */
export type ReplyReceipt = {
  ticket: string;
  replyId: string;
  status: SubmissionStatus;
  receivedAt: string;
  attachments: { filename: string; sha256: string; size: number; convertedFrom?: string; originalFilename?: string; originalSha256?: string }[];
};

/** Who brought the reply, for the audit event. */
type Via = { channel: 'status_page' } | { channel: 'api'; apiClientId: string };

type ValidReply = { message: string; files: DecodedAttachment[] };

/** The body's checks, as intake's: free-form JSON within limits, the schema, then the files. */
async function validReply(body: unknown): Promise<ValidReply> {
  const shape = jsonValueProblem(body, { maxDepth: JSON_MAX_DEPTH, maxValues: JSON_MAX_VALUES });
  if (shape) throw new DomainError('VALIDATION_FAILED', 'The reply is not valid', { fields: { [shape.path]: shape.message } });
  const parsed = ZReplyRequest.safeParse(body);
  if (!parsed.success) throw new DomainError('VALIDATION_FAILED', 'The reply is not valid', { fields: fieldErrors(parsed.error) });
  return { message: parsed.data.message, files: await acceptAttachments(parsed.data.attachments) };
}

type LockedSubmission = { id: string; ticket: string; unitId: string; status: SubmissionStatus; version: number };

const lockColumns = { id: submissions.id, ticket: submissions.ticket, unitId: submissions.unitId, status: submissions.status, version: submissions.version };

/**
 * The reply's writes, inside the caller's transaction. `beforeMove` runs once
 * the receipt is known and before the audit append (which holds the unit's
 * stream head until commit): the channel's idempotency record goes there.
 */
async function writeReply(
  tx: Tx,
  deps: { enqueueDrafting: EnqueueDrafting },
  sub: LockedSubmission,
  reply: ValidReply,
  via: Via,
  beforeMove?: (receipt: ReplyReceipt) => Promise<void>,
): Promise<ReplyReceipt> {
  if (sub.status !== 'awaiting_citizen') {
    throw new DomainError('NOT_AWAITING_CITIZEN', `Submission ${sub.ticket} is not waiting for documents from the citizen (status: ${sub.status})`, {
      status: sub.status,
    });
  }
  const [row] = await tx
    .insert(citizenReplies)
    .values({ submissionId: sub.id, message: reply.message })
    .returning({ id: citizenReplies.id, createdAt: citizenReplies.createdAt });
  const { files } = reply;
  if (files.length > 0) {
    await tx.insert(attachments).values(attachmentRows(sub.id, files, row.id));
    // The earlier suggestion judged the earlier files: it is no longer the item's. The drafting job reads the
    // new ones and drafts again (intake/drafting.ts), in this transaction like an intake's, so it exists exactly when they do.
    await tx.update(submissions).set({ latestSuggestionId: null }).where(eq(submissions.id, sub.id));
    await deps.enqueueDrafting(tx, sub.id);
  }
  const receipt: ReplyReceipt = {
    ticket: sub.ticket,
    replyId: row.id,
    status: 'pending_review',
    receivedAt: row.createdAt.toISOString(),
    attachments: files.map((f) => ({
      filename: f.filename,
      sha256: f.sha256,
      size: f.content.length,
      ...(f.convertedFrom ? { convertedFrom: f.convertedFrom.mime, originalFilename: f.convertedFrom.filename, originalSha256: f.convertedFrom.sha256 } : {}),
    })),
  };
  await beforeMove?.(receipt);
  const moved = await applyTransition(tx, {
    submission: sub,
    event: 'citizen_replied',
    decidedAt: 'clear',
    outbox: (to) => ({
      type: 'submission.status_changed',
      payload: { ticket: sub.ticket, status: { from: sub.status, to }, reason: 'citizen_replied', replyId: row.id, attachments: files.length },
    }),
    audit: (to) => ({
      actor: null,
      action: 'submission.citizen_replied',
      payload: {
        replyId: row.id,
        from: sub.status,
        to,
        attachments: files.length,
        via: via.channel,
        ...(via.channel === 'api' ? { apiClientId: via.apiClientId } : {}),
        // As on intake: what was received is not what is stored when an SVG became a PNG.
        ...(files.some((f) => f.convertedFrom)
          ? { converted: files.flatMap((f) => (f.convertedFrom ? [{ ...f.convertedFrom, to: f.mime, storedSha256: f.sha256 }] : [])) }
          : {}),
      },
    }),
  });
  return { ...receipt, status: moved.to };
}

/** The status page's (and the tests') way in: the citizen's files as bytes; the submission already identified by the caller. */
export async function recordCitizenReply(
  db: Db,
  deps: { enqueueDrafting: EnqueueDrafting },
  input: { submissionId: string; message: string; attachments: ReplyAttachment[] },
): Promise<ReplyReceipt> {
  // The same body a channel would send, so one schema and one set of file checks decide (the type from the bytes, not the browser).
  const reply = await validReply({
    message: input.message,
    attachments: input.attachments.map((a) => ({
      docType: a.docType,
      filename: a.filename,
      mime: a.mime ?? sniffMime(a.content) ?? 'application/octet-stream',
      contentBase64: a.content.toString('base64'),
      ...(a.extracted ? { extracted: a.extracted } : {}),
    })),
  });
  return db.transaction(async (tx) => {
    const [sub] = await tx.select(lockColumns).from(submissions).where(eq(submissions.id, input.submissionId)).for('update');
    if (!sub) throw new DomainError('NOT_FOUND', 'Submission not found');
    return writeReply(tx, deps, sub, reply, { channel: 'status_page' });
  });
}

/** `replayed`: an earlier request with the same Idempotency-Key and body made this receipt; nothing new was written. */
export type ChannelReplyResult = { receipt: ReplyReceipt; replayed: boolean };

/**
 * A channel system forwards the citizen's reply (POST /api/v1/submissions/{ticket}/replies).
 * Another unit's ticket is NOT_FOUND, as on GET; a retry with the same
 * Idempotency-Key and body returns the first answer even though the item has
 * moved on since.
 */
export async function channelReply(
  db: Db,
  deps: { enqueueDrafting: EnqueueDrafting },
  client: ApiClient,
  ticket: string,
  body: unknown,
  idempotencyKey: string | null,
): Promise<ChannelReplyResult> {
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY_RE.test(idempotencyKey)) {
    throw new DomainError('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1–200 visible ASCII characters');
  }
  const reply = await validReply(body);
  // The ticket is part of the request: the same body sent to another ticket under one key is another request.
  const hash = requestHash({ replyTo: ticket, body });
  return db.transaction(async (tx): Promise<ChannelReplyResult> => {
    if (idempotencyKey) {
      const earlier = await claimIdempotencyKey(tx, client.id, idempotencyKey, hash);
      if (earlier && !earlier.sameRequest) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request; use a new key for a new reply');
      }
      if (earlier?.sameRequest) return { receipt: earlier.receipt as ReplyReceipt, replayed: true };
    }
    const [sub] = TICKET_RE.test(ticket)
      ? await tx
          .select(lockColumns)
          .from(submissions)
          .where(and(eq(submissions.ticket, ticket), eq(submissions.unitId, client.unitId)))
          .for('update')
      : [];
    if (!sub) throw new DomainError('NOT_FOUND', 'No submission with this ticket for your unit');
    const receipt = await writeReply(tx, deps, sub, reply, { channel: 'api', apiClientId: client.id }, async (r) => {
      if (idempotencyKey) await storeReceipt(tx, client.id, idempotencyKey, sub.id, r);
    });
    return { receipt, replayed: false };
  });
}
