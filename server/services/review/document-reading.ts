/**
 * Reading a submission's documents, as the first step of the drafting job
 * (never on a request path: OCR takes a few hundred milliseconds a page).
 * A reading is kept per attachment, so a retried job or a re-draft after a
 * citizen's reply reads only what is new. A reader failure propagates: the
 * job retries, and after the last retry the item goes to a person marked
 * "documents not read".
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { attachments, documentReadings, submissions } from '@/db/schema';
import type { DocumentAnalysis, DocumentReader } from '@/server/ai/types';

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

function fromReadingRow(r: typeof documentReadings.$inferSelect): DocumentAnalysis {
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

/** Reads the submission's attachments that have no reading yet; returns how many were read. */
export async function readSubmissionDocuments(db: DbOrTx, submissionId: string, reader: DocumentReader): Promise<number> {
  const unread = await db
    .select({ id: attachments.id, mime: attachments.mime, sha256: attachments.sha256, content: attachments.content })
    .from(attachments)
    .leftJoin(documentReadings, eq(documentReadings.attachmentId, attachments.id))
    .where(and(eq(attachments.submissionId, submissionId), isNull(documentReadings.attachmentId)));
  const results = await Promise.all(unread.map(async (a) => ({ a, reading: await reader.read(a.content, a.mime) })));
  if (results.length) {
    await db
      .insert(documentReadings)
      .values(results.map(({ a, reading }) => toReadingRow(a.id, a.sha256, reading)))
      .onConflictDoNothing();
  }
  return results.length;
}

export async function readingsOf(db: DbOrTx, attachmentIds: string[]): Promise<Map<string, DocumentAnalysis>> {
  if (!attachmentIds.length) return new Map();
  const rows = await db.select().from(documentReadings).where(inArray(documentReadings.attachmentId, attachmentIds));
  return new Map(rows.map((r) => [r.attachmentId, fromReadingRow(r)]));
}

export type ReadingStats = {
  waiting: number;
  reading: number;
  readLastDay: number;
  p50Ms: number | null;
  p95Ms: number | null;
  unreadableLastDay: number;
  wrongTypeLastDay: number;
};

/**
 * The reader's progress for the admin jobs page: documents of items still
 * being drafted that have no reading yet (waiting, or in a running job), and
 * the last day's throughput and read times.
 */
export async function readingStats(db: DbOrTx): Promise<ReadingStats> {
  const [pending] = await db.execute<{ waiting: number; reading: number }>(sql`
    select count(*) filter (where s.status = 'received')::int as waiting,
           count(*) filter (where s.status = 'drafting')::int as reading
      from ${attachments} a
      join ${submissions} s on s.id = a.submission_id
      left join ${documentReadings} r on r.attachment_id = a.id
     where s.status in ('received', 'drafting') and r.attachment_id is null`);
  const [day] = await db.execute<{ n: number; p50: number | null; p95: number | null; unreadable: number; wrong: number }>(sql`
    select count(*)::int as n,
           percentile_cont(0.5) within group (order by duration_ms) as p50,
           percentile_cont(0.95) within group (order by duration_ms) as p95,
           count(*) filter (where jsonb_array_length(quality -> 'problems') > 0)::int as unreadable,
           count(*) filter (where detected_type = 'unknown')::int as wrong
      from ${documentReadings}
     where created_at > now() - interval '24 hours'`);
  return {
    waiting: pending?.waiting ?? 0,
    reading: pending?.reading ?? 0,
    readLastDay: day?.n ?? 0,
    p50Ms: day?.p50 === null || day?.p50 === undefined ? null : Math.round(Number(day.p50)),
    p95Ms: day?.p95 === null || day?.p95 === undefined ? null : Math.round(Number(day.p95)),
    unreadableLastDay: day?.unreadable ?? 0,
    wrongTypeLastDay: day?.wrong ?? 0,
  };
}
