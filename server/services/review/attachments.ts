/**
 * Serving a citizen's document: only to users of the submission's unit, and
 * every view leaves an audit event in the security stream.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { attachments, documentViews, submissions } from '@/db/schema';
import { assertUnitAccess, type Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM } from '../audit/audit';
import { DomainError } from '../core/errors';

export async function openAttachment(db: DbOrTx, actor: Actor, attachmentId: string) {
  if (actor.role === 'admin') throw new DomainError('FORBIDDEN', 'Admins do not open citizen documents');
  const [row] = await db
    .select({
      id: attachments.id,
      filename: attachments.filename,
      mime: attachments.mime,
      content: attachments.content,
      submissionId: attachments.submissionId,
      unitId: submissions.unitId,
    })
    .from(attachments)
    .innerJoin(submissions, eq(submissions.id, attachments.submissionId))
    .where(eq(attachments.id, attachmentId));
  if (!row) throw new DomainError('NOT_FOUND', 'Attachment not found');
  assertUnitAccess(actor, row.unitId);
  // The first view per person feeds evidence-first gating and the automation-bias watch.
  await db.insert(documentViews).values({ userId: actor.id, attachmentId: row.id }).onConflictDoNothing();
  await appendAudit(db, {
    stream: SECURITY_STREAM,
    actor,
    unitId: row.unitId,
    action: 'attachment.view',
    entityType: 'submission',
    entityId: row.submissionId,
    payload: { attachmentId: row.id },
  });
  return row;
}

/**
 * A submission's documents as one reviewer sees them: metadata only (never the
 * bytes) and when this person first opened each. `onlyIds` narrows to the
 * documents a past decision was made on (QA second review).
 */
export function attachmentsSeenBy(db: DbOrTx, actor: Actor, submissionId: string, onlyIds?: string[] | null) {
  return db
    .select({
      id: attachments.id,
      docType: attachments.docType,
      filename: attachments.filename,
      mime: attachments.mime,
      size: attachments.size,
      sha256: attachments.sha256,
      replyId: attachments.replyId,
      viewedAt: documentViews.firstViewedAt,
    })
    .from(attachments)
    .leftJoin(documentViews, and(eq(documentViews.attachmentId, attachments.id), eq(documentViews.userId, actor.id)))
    .where(and(eq(attachments.submissionId, submissionId), onlyIds && onlyIds.length > 0 ? inArray(attachments.id, onlyIds) : undefined))
    .orderBy(asc(attachments.createdAt), asc(attachments.docType));
}
