/**
 * Reading a submission's documents, as the first step of the drafting job
 * (never on a request path: OCR takes a few hundred milliseconds a page).
 * A reading is kept per attachment, so a retried job or a re-draft after a
 * citizen's reply reads only what is new. A reader failure propagates: the
 * job retries, and after the last retry the item goes to a person marked
 * "documents not read".
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { attachments, documentReadings } from '@/db/schema';
import type { DocumentAnalysis, DocumentReader } from '@/server/ai/types';

export type ReadingSummary = { read: number; alreadyRead: number; ms: number };

export function toReadingRow(attachmentId: string, sha256: string, a: DocumentAnalysis): typeof documentReadings.$inferInsert {
  return {
    attachmentId,
    sha256,
    engine: a.engine,
    engineVersion: a.engineVersion,
    detectedType: a.detectedType,
    typeScore: a.typeScore,
    meanConfidence: a.meanConfidence,
    quality: a.quality,
    fields: a.fields,
    members: a.members,
    lines: a.lines,
    pageSizes: a.pageSizes,
    qr: a.qr,
    durationMs: a.durationMs,
  };
}

export function fromReadingRow(r: typeof documentReadings.$inferSelect): DocumentAnalysis {
  return {
    engine: r.engine,
    engineVersion: r.engineVersion,
    detectedType: r.detectedType as DocumentAnalysis['detectedType'],
    typeScore: r.typeScore,
    meanConfidence: r.meanConfidence,
    quality: r.quality,
    fields: r.fields,
    members: r.members,
    lines: r.lines,
    pageSizes: r.pageSizes,
    qr: r.qr,
    durationMs: r.durationMs,
  };
}

export async function readSubmissionDocuments(db: DbOrTx, submissionId: string, reader: DocumentReader): Promise<ReadingSummary> {
  const started = performance.now();
  const unread = await db
    .select({ id: attachments.id, mime: attachments.mime, sha256: attachments.sha256, content: attachments.content })
    .from(attachments)
    .leftJoin(documentReadings, eq(documentReadings.attachmentId, attachments.id))
    .where(and(eq(attachments.submissionId, submissionId), isNull(documentReadings.attachmentId)));
  const all = await db.select({ id: attachments.id }).from(attachments).where(eq(attachments.submissionId, submissionId));
  const results = await Promise.all(unread.map(async (a) => ({ a, reading: await reader.read(a.content, a.mime) })));
  if (results.length) {
    await db
      .insert(documentReadings)
      .values(results.map(({ a, reading }) => toReadingRow(a.id, a.sha256, reading)))
      .onConflictDoNothing();
  }
  return { read: results.length, alreadyRead: all.length - unread.length, ms: Math.round(performance.now() - started) };
}

export async function readingsOf(db: DbOrTx, attachmentIds: string[]): Promise<Map<string, DocumentAnalysis>> {
  if (!attachmentIds.length) return new Map();
  const rows = await db.select().from(documentReadings).where(inArray(documentReadings.attachmentId, attachmentIds));
  return new Map(rows.map((r) => [r.attachmentId, fromReadingRow(r)]));
}
