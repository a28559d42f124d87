import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attachments, documentReadings, type ReadLine } from '@/db/schema';
import { openAttachment } from '@/server/services/review/attachments';
import { getReview } from '@/server/services/review/review';
import { makeAdmin, makeSubmission, makeUnit, testDb } from './fixtures';

// The numbers a KTP and a KK of the fixture citizen carry (fixtures.ts): they must never reach a reviewer whole.
const NIK = '3273014506900001';
const KK = '3273010101090001';
const CHILD_NIK = '3273011208150003';
const SECRETS = [NIK, KK, CHILD_NIK, '32730112O8150003', '3273 0101 0109 0001'];

const box = (y: number, w = 0.4) => ({ page: 0, x: 0.3, y, w, h: 0.045 });
const line = (text: string, y: number, conf = 0.91): ReadLine => ({ text, conf, box: box(y, 0.6) });

async function withReadings() {
  const db = testDb();
  const u = await makeUnit(db);
  const sub = await makeSubmission(db, u.unitId);
  const [kkDoc] = await db.select({ id: attachments.id }).from(attachments).where(eq(attachments.submissionId, sub.id));
  const [ktpDoc] = await db
    .insert(attachments)
    .values({ submissionId: sub.id, docType: 'ktp', filename: 'ktp.jpg', mime: 'image/jpeg', size: 6, sha256: 'k', content: Buffer.from('jpeg..') })
    .returning({ id: attachments.id });
  const quality = { width: 1280, height: 806, sharpness: 31.4, brightness: 182.6, contrast: 54.2, problems: [] };
  await db.insert(documentReadings).values([
    {
      attachmentId: ktpDoc.id,
      sha256: 'k',
      engine: 'tesseract',
      engineVersion: '5.3.0',
      detectedType: 'ktp',
      typeScore: 0.86,
      meanConfidence: 0.88,
      quality,
      fields: {
        nik: { value: NIK, confidence: 0.94, box: box(0.18) },
        nama: { value: 'SITI NURHALIZA', confidence: 0.92, box: box(0.26) },
        tanggal_lahir: { value: '1990-06-05', confidence: 0.63, box: box(0.32) },
        alamat: { value: 'JL. CIHAMPELAS NO. 12', confidence: 0.81, box: box(0.38) },
      },
      lines: [
        line('PROVINSI JAWA BARAT', 0.04),
        line(`NIK : ${NIK}`, 0.18),
        // OCR read an 0 as O and split the number: still a NIK.
        line('NIK : 32730112O8150003', 0.2, 0.52),
        line('Nama : SITI NURHALIZA', 0.26),
        line('Tempat/Tgl Lahir : BANDUNG, 05-06-1990', 0.32),
        line('RT/RW : 004/007', 0.44),
      ],
      pageSizes: [{ width: 1280, height: 806 }],
      durationMs: 640,
    },
    {
      attachmentId: kkDoc.id,
      sha256: 'x',
      engine: 'tesseract',
      engineVersion: '5.3.0',
      detectedType: 'kk',
      typeScore: 0.9,
      meanConfidence: 0.84,
      quality,
      fields: {
        nomor_kk: { value: KK, confidence: 0.9, box: box(0.1) },
        qr_nomor_kk: { value: KK, confidence: 1 },
        kepala_keluarga: { value: 'AHMAD SUBAGJA', confidence: 0.88, box: box(0.16) },
        // A number field under a name the masking does not know still has 16 digits.
        nomor_lain: { value: CHILD_NIK, confidence: 0.7 },
      },
      members: [
        {
          nama: { value: 'AHMAD SUBAGJA', confidence: 0.9, box: box(0.4) },
          nik: { value: '3273010203850002', confidence: 0.9, box: box(0.4, 0.2) },
          hubungan: 'KEPALA KELUARGA',
        },
        { nama: { value: 'SITI NURHALIZA', confidence: 0.9 }, nik: { value: NIK, confidence: 0.88 }, hubungan: 'ISTRI' },
        { nama: { value: 'RAFI SUBAGJA', confidence: 0.9 }, nik: { value: CHILD_NIK, confidence: 0.61 }, hubungan: 'ANAK' },
      ],
      lines: [
        line(`KARTU KELUARGA No. ${KK}`, 0.06),
        line('No. KK 3273 0101 0109 0001', 0.08),
        line(`1 AHMAD SUBAGJA 3273010203850002 LAKI-LAKI BANDUNG`, 0.4),
        line(`3 RAFI SUBAGJA ${CHILD_NIK} LAKI-LAKI BANDUNG`, 0.48),
      ],
      pageSizes: [{ width: 1600, height: 1131 }],
      durationMs: 910,
    },
  ]);
  return { db, u, sub, ktpId: ktpDoc.id, kkId: kkDoc.id };
}

// What the review page carries of the reader's findings (review.get): the one path to them.
const readingsForReviewer = async (db: Parameters<typeof getReview>[0], actor: Parameters<typeof getReview>[1], submissionId: string) =>
  (await getReview(db, actor, submissionId)).readings;

describe('readings on the review page', () => {
  it('shows what was read only for documents this person opened, with every NIK and KK number masked', async () => {
    const { db, u, sub, ktpId, kkId } = await withReadings();

    // Before opening: the measurements, not the content.
    const before = await readingsForReviewer(db, u.officer, sub.id);
    expect(before).toHaveLength(2);
    const ktpBefore = before.find((r) => r.attachmentId === ktpId)!;
    expect(ktpBefore).toMatchObject({ detectedType: 'ktp', typeScore: 0.86, meanConfidence: 0.88, engine: 'tesseract', durationMs: 640, opened: false });
    expect(ktpBefore.fields).toEqual({});
    expect(ktpBefore.lines).toEqual([]);

    await openAttachment(db, u.officer, ktpId);
    await openAttachment(db, u.officer, kkId);
    const after = await readingsForReviewer(db, u.officer, sub.id);
    const ktp = after.find((r) => r.attachmentId === ktpId)!;
    const kk = after.find((r) => r.attachmentId === kkId)!;
    expect(ktp.opened).toBe(true);

    const json = JSON.stringify(after.map((r) => ({ fields: r.fields, members: r.members, lines: r.lines })));
    for (const secret of SECRETS) expect(json).not.toContain(secret);
    // No run of 8 or more digits survives anywhere (fields, members, lines).
    expect(json).not.toMatch(/\d{8,}/);

    expect(ktp.fields.nik).toEqual({ value: '3273********0001', confidence: 0.94, box: { page: 0, x: 0.3, y: 0.18, w: 0.4, h: 0.045 } });
    expect(ktp.fields.nama.value).toBe('SITI NURHALIZA');
    expect(ktp.fields.tanggal_lahir).toMatchObject({ value: '1990-06-05', confidence: 0.63 });
    expect(ktp.lines.map((l) => l.text)).toEqual([
      'PROVINSI JAWA BARAT',
      'NIK : 3273********0001',
      'NIK : 3273********0003',
      'Nama : SITI NURHALIZA',
      'Tempat/Tgl Lahir : BANDUNG, 05-06-1990',
      'RT/RW : 004/007',
    ]);
    expect(kk.fields.nomor_kk.value).toBe('3273********0001');
    expect(kk.fields.qr_nomor_kk.value).toBe('3273********0001');
    expect(kk.fields.nomor_lain.value).toBe('3273********0003');
    expect(kk.fields.kepala_keluarga.value).toBe('AHMAD SUBAGJA');
    expect(kk.members.map((m) => [m.nama.value, m.nik?.value, m.hubungan])).toEqual([
      ['AHMAD SUBAGJA', '3273********0002', 'KEPALA KELUARGA'],
      ['SITI NURHALIZA', '3273********0001', 'ISTRI'],
      ['RAFI SUBAGJA', '3273********0003', 'ANAK'],
    ]);
    expect(kk.lines[1].text).toBe('No. KK 3273 **** **** 0001');
    expect(kk.members[0].nik?.box).toEqual({ page: 0, x: 0.3, y: 0.4, w: 0.2, h: 0.045 });
  });

  it('is part of the review page, and what one person opened stays theirs', async () => {
    const { db, u, sub, ktpId } = await withReadings();
    await openAttachment(db, u.officer, ktpId);
    const mine = await getReview(db, u.officer, sub.id);
    expect(mine.readings.find((r) => r.attachmentId === ktpId)?.fields.nik?.value).toBe('3273********0001');
    expect(JSON.stringify(mine.readings)).not.toContain(NIK);
    // A colleague who has not opened the KTP does not get its content through the page either.
    const colleague = await getReview(db, u.officer2, sub.id);
    expect(colleague.readings.find((r) => r.attachmentId === ktpId)).toMatchObject({ opened: false, fields: {}, members: [], lines: [] });
  });

  it('is refused for an officer of another unit, and admins never get document content', async () => {
    const { db, sub } = await withReadings();
    const other = await makeUnit(db);
    await expect(readingsForReviewer(db, other.officer, sub.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readingsForReviewer(db, other.supervisor, sub.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const admin = await makeAdmin(db);
    expect(await readingsForReviewer(db, admin, sub.id)).toEqual([]);
  });
});
