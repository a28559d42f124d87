/**
 * The document reader on real images through the real engine (Tesseract):
 * what an officer relies on is that a readable KTP is read, and that a
 * random picture, a blurred photo or the wrong document is never "valid".
 */
import sharp, { type Sharp } from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { kkSvg, ktpSvg, letterPdf } from '@/server/seed/documents';
import { makeKkNumber, makeNik } from '@/server/ai/nik';
import { DocumentReadError, TesseractDocumentReader } from '@/server/ai/reading';
import { findDate, repairDigits } from '@/server/ai/reading/ocr-text';
import { parseTsv } from '@/server/ai/reading/tesseract';
import { RuleDocumentChecker } from '@/server/ai/rule-checker';
import type { DocumentAnalysis, SubmissionInput } from '@/server/ai/types';

const nik = makeNik({ districtCode: '32.73.01', birthDate: '1990-07-05', sex: 'P', serial: 3 });
const kkNo = makeKkNumber({ districtCode: '32.73.01', issuedDate: '2015-01-20', serial: 4 });
const ktp = {
  provinsi: 'Jawa Barat',
  kabupaten: 'Kota Bandung',
  nik,
  nama: 'SITI NURHALIZA',
  tempatLahir: 'BANDUNG',
  tanggalLahir: '05-07-1990',
  jenisKelamin: 'PEREMPUAN',
  alamat: 'JL. CIHAMPELAS NO. 12',
  rtRw: '003/007',
  kecamatan: 'SUKASARI',
  agama: 'ISLAM',
  statusPerkawinan: 'KAWIN',
  pekerjaan: 'KARYAWAN SWASTA',
  berlakuHingga: 'SEUMUR HIDUP',
  kotaTerbit: 'BANDUNG',
  tanggalTerbit: '12-03-2019',
};
const photo = (svg: string, edit: (s: Sharp) => Sharp = (s) => s) =>
  edit(sharp(Buffer.from(svg)).flatten({ background: '#777' }))
    .jpeg({ quality: 70 })
    .toBuffer();

const reader = new TesseractDocumentReader({ concurrency: 2 });
const checker = new RuleDocumentChecker();

function ktpRequest(docType: 'ktp' | 'kk', reading: DocumentAnalysis | null, extracted: Record<string, string> = {}): SubmissionInput {
  return {
    serviceCode: 'kk-perubahan',
    requiredDocs: [docType],
    citizenName: 'Siti Nurhaliza',
    nik,
    kkNumber: kkNo,
    message: 'Mohon perubahan data KK.',
    form: { tanggal_lahir: '1990-07-05', jenis_kelamin: 'P' },
    attachments: [{ id: 'a1', docType, extracted, reading }],
    earlierSameService: [],
    receivedAt: new Date('2026-11-20T03:00:00Z'),
  };
}

let clearKtp: DocumentAnalysis;
beforeAll(async () => {
  clearKtp = await reader.read(await photo(ktpSvg(ktp), (s) => s.rotate(1.5, { background: '#777' })), 'image/jpeg');
}, 30_000);

describe('TesseractDocumentReader on real images', () => {
  it('reads a photographed KTP-el: its type, NIK, name and birth date, each with a box on the page', () => {
    expect(clearKtp.detectedType).toBe('ktp');
    expect(clearKtp.fields.nik?.value).toBe(nik);
    expect(clearKtp.fields.nama?.value).toBe('SITI NURHALIZA');
    expect(clearKtp.fields.tanggal_lahir?.value).toBe('1990-07-05');
    expect(clearKtp.fields.jenis_kelamin?.value).toBe('PEREMPUAN');
    expect(clearKtp.fields.nik?.confidence).toBeGreaterThan(0.7);
    const box = clearKtp.fields.nik!.box!;
    expect(box.x).toBeGreaterThan(0);
    expect(box.x + box.w).toBeLessThanOrEqual(1);
    expect(box.y).toBeGreaterThan(0.1);
    expect(box.y).toBeLessThan(0.4);
    expect(clearKtp.quality.problems).toEqual([]);
    expect(checker.check(ktpRequest('ktp', clearKtp)).verdicts[0].verdict).toBe('valid');
  });

  it('never judges a random picture valid, even when the channel sent perfect fields for it', async () => {
    // Texture like a real photo's (leaves, gravel): a smooth drawing would be judged blurred instead.
    const grain = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 110, sigma: 40 } } })
      .png()
      .toBuffer();
    const scene = await sharp(grain)
      .composite([
        {
          input: Buffer.from(
            '<svg width="900" height="600"><circle cx="650" cy="160" r="90" fill="#f2d14b" fill-opacity="0.8"/><rect x="0" y="380" width="900" height="220" fill="#6b4f2a" fill-opacity="0.7"/><path d="M100 380 L260 160 L420 380 Z" fill="#2f5d2a" fill-opacity="0.7"/></svg>',
          ),
        },
      ])
      .jpeg()
      .toBuffer();
    const reading = await reader.read(scene, 'image/jpeg');
    expect(reading.detectedType).toBe('unknown');
    const v = checker.check(ktpRequest('kk', reading, { nomor_kk: kkNo, kepala_keluarga: 'BUDI SANTOSO', anggota: 'SITI NURHALIZA' })).verdicts[0];
    expect(v).toMatchObject({ verdict: 'invalid', reasons: ['wrong_document_type'] });
  }, 20_000);

  it('says a KTP uploaded as the KK is a KTP', () => {
    const v = checker.check(ktpRequest('kk', clearKtp)).verdicts[0];
    expect(v).toMatchObject({ verdict: 'invalid', detectedType: 'ktp' });
  });

  it('finds a blurred photo unreadable and says so, instead of reading it', async () => {
    const blurred = await reader.read(await photo(ktpSvg(ktp), (s) => s.blur(7)), 'image/jpeg');
    expect(blurred.quality.problems).toContain('blurred');
    const v = checker.check(ktpRequest('ktp', blurred)).verdicts[0];
    expect(v.verdict).toBe('unreadable');
    expect(v.checks.at(-1)?.detail).toContain('buram');
  }, 20_000);

  it('finds a dark photo unreadable', async () => {
    const dark = await reader.read(await photo(ktpSvg(ktp), (s) => s.linear(0.18, 0)), 'image/jpeg');
    expect(dark.quality.problems).toContain('too_dark');
    expect(checker.check(ktpRequest('ktp', dark)).verdicts[0].verdict).toBe('unreadable');
  }, 20_000);

  it('reads a KK table: number, head of family and members with their NIKs', async () => {
    const kk = await reader.read(
      await photo(
        kkSvg({
          nomor: kkNo,
          kepalaKeluarga: 'BUDI SANTOSO',
          alamat: 'JL. MERDEKA NO. 5',
          rtRw: '001/002',
          kecamatan: 'SUKASARI',
          kabupaten: 'KOTA BANDUNG',
          provinsi: 'JAWA BARAT',
          tanggalTerbit: '20-01-2015',
          members: [
            {
              nama: 'BUDI SANTOSO',
              nik: makeNik({ districtCode: '32.73.01', birthDate: '1985-03-12', sex: 'L', serial: 1 }),
              jenisKelamin: 'LAKI-LAKI',
              tempatLahir: 'BANDUNG',
              tanggalLahir: '12-03-1985',
              hubungan: 'KEPALA KELUARGA',
            },
            { nama: 'SITI NURHALIZA', nik, jenisKelamin: 'PEREMPUAN', tempatLahir: 'BANDUNG', tanggalLahir: '05-07-1990', hubungan: 'ISTRI' },
          ],
        }),
      ),
      'image/jpeg',
    );
    expect(kk.detectedType).toBe('kk');
    expect(kk.fields.nomor_kk?.value).toBe(kkNo);
    expect(kk.members.map((m) => m.nama.value)).toContain('SITI NURHALIZA');
    expect(kk.members.find((m) => m.nama.value === 'SITI NURHALIZA')?.nik?.value).toBe(nik);
    const v = checker.check(ktpRequest('kk', kk)).verdicts[0];
    expect(v.verdict).toBe('valid');
    expect(v.checks.find((c) => c.name === 'member_nik')?.result).toBe('pass');
  }, 20_000);

  it('renders and reads a PDF letter', async () => {
    const pdf = letterPdf({
      kop: ['PEMERINTAH KOTA BANDUNG', 'KECAMATAN SUKASARI'],
      judul: 'SURAT PENGANTAR',
      nomor: '12/RT/03/2026',
      lines: [
        'Yang bertanda tangan di bawah ini menerangkan bahwa:',
        'Nama             : SITI NURHALIZA',
        `NIK              : ${nik}`,
        'Keperluan        : perubahan KK',
      ],
      tempatTanggal: 'Bandung, 01-03-2026',
      penandatangan: 'Ketua RT 003',
    });
    const letter = await reader.read(pdf, 'application/pdf');
    expect(letter.detectedType).toBe('surat_pengantar');
    expect(letter.fields.nama?.value).toBe('SITI NURHALIZA');
    expect(letter.fields.nik?.value).toBe(nik);
    expect(letter.quality.problems).toEqual([]);
  }, 20_000);

  it('fails with a typed error when the engine is not installed, so the job retries and dead-letters', async () => {
    const missing = new TesseractDocumentReader({ binary: '/nonexistent/tesseract' });
    await expect(missing.read(Buffer.from('x'), 'image/png')).rejects.toMatchObject({ name: 'DocumentReadError', code: 'ENGINE_MISSING' });
    await expect(reader.read(Buffer.from('not an image'), 'image/png')).rejects.toBeInstanceOf(DocumentReadError);
  });
});

describe('OCR text repair', () => {
  it('repairs look-alike characters only where a number is expected', () => {
    expect(repairDigits('3273O1I5S7B9OOO3')).toBe('3273011557890003');
    expect(findDate('BANDUNG, O5-07-199O')).toBe('1990-07-05');
    expect(findDate('31-02-1990')).toBeNull();
  });

  it('groups Tesseract words into lines with page-relative boxes', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '5\t1\t1\t1\t1\t1\t100\t50\t40\t20\t96\tNIK',
      '5\t1\t1\t1\t1\t2\t160\t50\t300\t20\t90\t:3273014507900003',
      '5\t1\t1\t1\t2\t1\t100\t90\t60\t20\t-1\t',
    ].join('\n');
    const [line] = parseTsv(tsv, 1000, 500, 0);
    expect(line.text).toBe('NIK :3273014507900003');
    expect(line.box).toEqual({ page: 0, x: 0.1, y: 0.1, w: 0.36, h: 0.04 });
    expect(line.conf).toBeCloseTo((0.96 * 3 + 0.9 * 17) / 20, 3);
  });
});
