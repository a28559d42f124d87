/**
 * What the console's document reader found, as a reviewer may see it: the
 * measurements (type, confidence, image quality, engine) always, and the
 * content (fields, KK members, OCR lines) only for a document this person has
 * opened, because opening is what the audit trail records (UU 27/2022 PDP).
 * Personal numbers never leave the server unmasked: NIK and KK numbers, and
 * any long run of digits in free text, are masked like everywhere else.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { attachments, documentReadings, documentViews, type ImageQuality, type ReadField, type ReadLine, type ReadMember } from '@/db/schema';
import { normalizeNik } from '@/lib/nik';
import { maskNik } from '@/server/ai/nik';
import type { Actor } from '../core/actor';

/** Fields that hold a NIK or KK number by name (nik, nik_ayah, nomor_kk, qr_nomor_kk …). */
const NUMBER_FIELD = /(^|_)(nik|kk|nomor_kk|no_kk)($|_)/i;

/**
 * A run of digits as OCR writes it: digits and the letters OCR mistakes for
 * digits (O for 0, I/l/| for 1, S for 5, B for 8, Z for 2, G for 6), with at
 * most one space or dot between them (a NIK read as "3273 0112 0390 0001" or
 * "32730112O3900001" is still a NIK). Dashes split: "05-06-1990" is a date.
 */
const DIGIT_RUN = /[0-9OoDQIl|!SBZG](?:[ .]?[0-9OoDQIl|!SBZG])*/g;
const DIGITISH = /[0-9OoDQIl|!SBZG]/;
/** Fewer real digits than this in a run is a date part, an RT/RW or a house number, not an identifier. */
const MIN_DIGITS = 8;

/**
 * Masks every identifier-length digit run in a text: the first and last four
 * digit-like characters stay (as maskNik keeps them), the rest become `*`,
 * separators stay where they were. Over-masking a number that is not an
 * identifier is accepted; leaking seven digits of a NIK split by an OCR error is not.
 */
export function maskDigitRuns(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/\D/g, '').length;
    if (digits < MIN_DIGITS) return run;
    const total = [...run].filter((c) => DIGITISH.test(c)).length;
    let seen = 0;
    return [...run]
      .map((c) => {
        if (!DIGITISH.test(c)) return c;
        seen++;
        return total > 8 && (seen <= 4 || seen > total - 4) ? c : '*';
      })
      .join('');
  });
}

/** A NIK or KK number under the one rule of lib/nik.ts (separators between digit groups removed). */
const isSixteenDigits = (v: string) => normalizeNik(v) !== null;

function maskField(key: string, f: ReadField): ReadField {
  const value = NUMBER_FIELD.test(key) || isSixteenDigits(f.value) ? maskNik(f.value.replace(/[\s.-]/g, '')) : maskDigitRuns(f.value);
  return { ...f, value };
}

export type ReaderFinding = {
  attachmentId: string;
  detectedType: string;
  typeScore: number;
  meanConfidence: number;
  quality: ImageQuality;
  engine: string;
  engineVersion: string;
  durationMs: number;
  pageSizes: { width: number; height: number }[];
  /** This person opened the document (an audited view): only then are fields, members and lines included. */
  opened: boolean;
  fields: Record<string, ReadField>;
  members: ReadMember[];
  lines: ReadLine[];
};

/**
 * The readings of a submission's documents for a reviewer whose unit access
 * was already checked (the review page loads the submission itself).
 */
export async function readingsOnSubmission(db: DbOrTx, actor: Actor, submissionId: string): Promise<ReaderFinding[]> {
  const rows = await db
    .select({ r: documentReadings, viewedAt: documentViews.firstViewedAt })
    .from(attachments)
    .innerJoin(documentReadings, eq(documentReadings.attachmentId, attachments.id))
    .leftJoin(documentViews, and(eq(documentViews.attachmentId, attachments.id), eq(documentViews.userId, actor.id)))
    .where(eq(attachments.submissionId, submissionId))
    .orderBy(asc(attachments.createdAt), asc(attachments.docType));
  return rows.map(({ r, viewedAt }) => {
    const opened = viewedAt !== null;
    return {
      attachmentId: r.attachmentId,
      detectedType: r.detectedType,
      typeScore: r.typeScore,
      meanConfidence: r.meanConfidence,
      quality: r.quality,
      engine: r.engine,
      engineVersion: r.engineVersion,
      durationMs: r.durationMs,
      pageSizes: r.pageSizes,
      opened,
      fields: opened ? Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, maskField(k, f)])) : {},
      members: opened
        ? r.members.map((m) => ({
            nama: { ...m.nama, value: maskDigitRuns(m.nama.value) },
            ...(m.nik ? { nik: { ...m.nik, value: maskNik(m.nik.value) } } : {}),
            ...(m.hubungan ? { hubungan: m.hubungan } : {}),
          }))
        : [],
      lines: opened ? r.lines.map((l) => ({ text: maskDigitRuns(l.text), conf: l.conf, box: l.box })) : [],
    };
  });
}
