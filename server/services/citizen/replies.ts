/**
 * A citizen answers a request for more documents. The item returns to the
 * queue with the new material marked, so the officer sees what changed.
 * Used by the intake channels, the demo and the tests.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { attachments, citizenReplies, submissions } from '@/db/schema';
import { appendAudit, unitStream } from '../audit/audit';
import { DomainError } from '../core/errors';
import { enqueueOutbox } from '../intake/outbox';
import { pngFilename, rasteriseSvg, SVG_MIME, SvgRenderError } from '../review/svg-raster';
import { nextStatus } from '../review/workflow';

export type ReplyAttachment = {
  docType: 'ktp' | 'kk' | 'akta' | 'surat_pengantar' | 'foto' | 'other';
  filename: string;
  mime: string;
  content: Buffer;
  extracted?: Record<string, string>;
};

export async function recordCitizenReply(
  db: DbOrTx,
  input: { submissionId: string; message: string; attachments: ReplyAttachment[] },
): Promise<{ replyId: string }> {
  // As on intake: an SVG is kept only as the PNG it renders to (server/services/review/svg-raster.ts).
  const files: ReplyAttachment[] = [];
  for (const a of input.attachments) {
    if (a.mime !== SVG_MIME) {
      files.push(a);
      continue;
    }
    try {
      files.push({ ...a, mime: 'image/png', filename: pngFilename(a.filename), content: (await rasteriseSvg(a.content)).png });
    } catch (e) {
      if (e instanceof SvgRenderError) throw new DomainError('INVALID_INPUT', `${a.filename}: ${e.message}`);
      throw e;
    }
  }
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select({ id: submissions.id, ticket: submissions.ticket, unitId: submissions.unitId, status: submissions.status })
      .from(submissions)
      .where(eq(submissions.id, input.submissionId))
      .for('update');
    if (!sub) throw new DomainError('NOT_FOUND', 'Submission not found');
    const to = nextStatus(sub.status, 'citizen_replied');
    const [reply] = await tx
      .insert(citizenReplies)
      .values({ submissionId: sub.id, message: input.message })
      .returning({ id: citizenReplies.id });
    if (files.length > 0) {
      await tx.insert(attachments).values(
        files.map((a) => ({
          submissionId: sub.id,
          docType: a.docType,
          filename: a.filename,
          mime: a.mime,
          size: a.content.length,
          sha256: createHash('sha256').update(a.content).digest('hex'),
          content: a.content,
          extracted: a.extracted ?? {},
          replyId: reply.id,
        })),
      );
    }
    await tx
      .update(submissions)
      .set({ status: to, claimedBy: null, leaseUntil: null, decidedAt: null, version: sql`${submissions.version} + 1` })
      .where(eq(submissions.id, sub.id));
    await enqueueOutbox(tx, {
      unitId: sub.unitId,
      type: 'submission.status_changed',
      submissionId: sub.id,
      payload: { ticket: sub.ticket, status: { from: sub.status, to }, reason: 'citizen_replied', replyId: reply.id },
    });
    await appendAudit(tx, {
      stream: unitStream(sub.unitId),
      actor: null,
      unitId: sub.unitId,
      action: 'submission.citizen_replied',
      entityType: 'submission',
      entityId: sub.id,
      payload: { replyId: reply.id, from: sub.status, to, attachments: input.attachments.length },
    });
    return { replyId: reply.id };
  });
}
