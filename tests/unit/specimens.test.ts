import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { caseMix, generateDocumentCases, planDocumentCases, type DocumentCase } from '@/server/seed/specimen-cases';
import { aktaSvg, kkQrText, kkSvg, KTP_LABELS, ktpSvg, type KkFields, type KtpFields } from '@/server/seed/documents';
import { photograph, photoParams, randomScene, receiptLike, UNREADABLE_DEGRADATIONS } from '@/server/seed/specimen-photo';
import { parseNik } from '@/server/ai/nik';

const run = promisify(execFile);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const dir = mkdtempSync(path.join(tmpdir(), 'specimens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KTP: KtpFields = {
  provinsi: 'Jawa Barat',
  kabupaten: 'Kota Bandung',
  nik: '3273014508990003',
  nama: 'EUIS KOMARIAH',
  tempatLahir: 'BANDUNG',
  tanggalLahir: '05-08-1999',
  jenisKelamin: 'PEREMPUAN',
  golDarah: 'O',
  alamat: 'JL. SOEKARNO-HATTA NO. 123 BLOK C',
  rtRw: '003/007',
  kelDesa: 'CIPAGANTI',
  kecamatan: 'COBLONG',
  agama: 'ISLAM',
  statusPerkawinan: 'BELUM KAWIN',
  pekerjaan: 'KARYAWAN SWASTA',
  berlakuHingga: 'SEUMUR HIDUP',
  kotaTerbit: 'Bandung',
  tanggalTerbit: '01-02-2020',
};
const KK: KkFields = {
  nomor: '3273011203200012',
  kepalaKeluarga: 'BAMBANG SANTOSO WICAKSONO',
  alamat: 'JL. CIHAMPELAS NO. 12',
  rtRw: '003/007',
  kelDesa: 'CIPAGANTI',
  kecamatan: 'COBLONG',
  kabupaten: 'KOTA BANDUNG',
  provinsi: 'JAWA BARAT',
  tanggalTerbit: '12-03-2020',
  members: [
    {
      nama: 'BAMBANG SANTOSO WICAKSONO',
      nik: '3273010101800003',
      jenisKelamin: 'LAKI-LAKI',
      tempatLahir: 'BANDUNG',
      tanggalLahir: '01-01-1980',
      hubungan: 'KEPALA KELUARGA',
    },
    { nama: 'SITI MAIMUNAH', nik: '3273014202820004', jenisKelamin: 'PEREMPUAN', tempatLahir: 'TASIKMALAYA', tanggalLahir: '02-02-1982', hubungan: 'ISTRI' },
  ],
};

/** Tesseract as the reader runs it: Indonesian, one block of text, one thread. */
async function ocr(image: Buffer, name: string): Promise<string> {
  const file = path.join(dir, `${name}.png`);
  writeFileSync(file, await sharp(image).png().toBuffer());
  const { stdout } = await run('tesseract', [file, '-', '-l', 'ind', '--psm', '6'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
  return stdout;
}

async function decodeQr(image: Buffer): Promise<string | null> {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

async function take(count: number, seed: number, n: number): Promise<DocumentCase[]> {
  const out: DocumentCase[] = [];
  for await (const c of generateDocumentCases(count, seed)) {
    out.push(c);
    if (out.length === n) break;
  }
  return out;
}

describe('specimen documents', () => {
  it('print every KTP-el label, the whole NIK and the specimen marks', () => {
    const svg = ktpSvg(KTP);
    for (const label of KTP_LABELS) expect(svg).toContain(`>${label}<`);
    expect(svg).toContain(`: ${KTP.nik}<`);
    expect(svg).toContain(': CIPAGANTI<');
    for (const s of [
      svg,
      kkSvg(KK),
      aktaSvg({
        nomor: '3273-LT-12032020-0012',
        tempatLahir: 'KOTA BANDUNG',
        tanggalLahir: '01-03-2020',
        namaAnak: 'RIZKY',
        anakKe: 1,
        jenisKelamin: 'LAKI-LAKI',
        namaAyah: 'ASEP',
        namaIbu: 'EUIS',
        kotaTerbit: 'KOTA BANDUNG',
        tanggalTerbit: '12-03-2020',
      }),
      receiptLike(1).svg,
    ]) {
      expect(s).toContain('SPESIMEN');
      expect(s).toContain('CONTOH – BUKAN DOKUMEN ASLI');
      expect(s).not.toMatch(/<script|javascript:|href=|xlink|<foreignObject|on\w+=/i);
    }
    expect(kkQrText(KK)).toBe('KK|3273011203200012|BAMBANG SANTOSO WICAKSONO|12-03-2020');
  });

  it('photographs deterministically, with no randomness outside the seed', async () => {
    const svg = Buffer.from(ktpSvg(KTP));
    const [a, b, c] = await Promise.all([
      photograph(svg, { seed: 5, degradation: 'mild' }),
      photograph(svg, { seed: 5, degradation: 'mild' }),
      photograph(svg, { seed: 6, degradation: 'mild' }),
    ]);
    expect(a.mime).toBe('image/jpeg');
    expect(sha(a.bytes)).toBe(sha(b.bytes));
    expect(sha(c.bytes)).not.toBe(sha(a.bytes));
    const p = photoParams({ seed: 5, degradation: 'mild' });
    expect(Math.abs(p.rotateDeg)).toBeLessThanOrEqual(4);
    expect(p.quality).toBeGreaterThanOrEqual(55);
    expect(p.quality).toBeLessThanOrEqual(85);
  });

  it('degrades unreadable photos in their pixels: the NIK cannot be read back', async () => {
    const svg = Buffer.from(ktpSvg(KTP));
    const clean = await photograph(svg, { seed: 1, degradation: 'clean' });
    expect(await ocr(clean.bytes, 'clean')).toContain(KTP.nik);
    for (const degradation of UNREADABLE_DEGRADATIONS) {
      const p = photoParams({ seed: 2, degradation });
      if (degradation === 'heavyBlur') expect(p.blurSigma).toBeGreaterThanOrEqual(6);
      if (degradation === 'dark') expect(p.exposure.a).toBeLessThanOrEqual(0.25);
      if (degradation === 'cutOff') expect(p.keep).toBeLessThanOrEqual(0.55);
      const shot = await photograph(svg, { seed: 2, degradation, cutSide: 'top' });
      const meta = await sharp(shot.bytes).metadata();
      if (degradation === 'tiny') expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(200);
      const text = await ocr(shot.bytes, degradation);
      expect(text.replace(/\s/g, ''), degradation).not.toContain(KTP.nik);
    }
  }, 20_000);

  it('prints a KK QR code that still decodes from a photo', async () => {
    const svg = Buffer.from(kkSvg(KK));
    const [clean, mild] = await Promise.all([photograph(svg, { seed: 3, degradation: 'clean' }), photograph(svg, { seed: 4, degradation: 'mild' })]);
    expect(await decodeQr(clean.bytes)).toBe(kkQrText(KK));
    expect(await decodeQr(mild.bytes)).toBe(kkQrText(KK));
  });

  it('makes pictures that are not documents', async () => {
    const scene = await randomScene(7);
    const meta = await sharp(scene).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBeGreaterThanOrEqual(1000);
    expect(sha(await randomScene(7))).toBe(sha(scene));
    expect(receiptLike(2).svg).toMatch(/STRUK BELANJA|BUKTI PEMBAYARAN/);
  });
});

describe('document cases', () => {
  it('mixes 320 cases as planned: 55% readable, 15% unreadable, 15% wrong type, 10% tampered, 5% other formats', () => {
    const plans = planDocumentCases(320, 13);
    const count = (f: (p: (typeof plans)[number]) => boolean) => plans.filter(f).length;
    expect(caseMix(320)).toEqual({ readable: 176, unreadable: 48, wrongType: 48, tampered: 32, otherFormat: 16 });
    for (const [k, v] of Object.entries(caseMix(320))) expect(count((p) => p.category === k)).toBe(v);
    // Each unreadable degradation gets about a fifth.
    for (const d of UNREADABLE_DEGRADATIONS) expect(count((p) => p.degradation === d)).toBeGreaterThanOrEqual(9);
    // KTP the most among readable documents, then KK; letters mostly PDFs; some JPEG photos of letters.
    const readable = plans.filter((p) => p.category === 'readable');
    const of = (t: string) => readable.filter((p) => p.requested === t).length;
    expect(of('ktp')).toBeGreaterThan(of('kk'));
    expect(of('kk')).toBeGreaterThan(of('foto'));
    expect(readable.filter((p) => p.requested === 'surat_pengantar' && p.format === 'pdf').length).toBeGreaterThan(
      readable.filter((p) => p.requested === 'surat_pengantar' && p.format === 'photo').length,
    );
    const wrong = plans.filter((p) => p.category === 'wrongType');
    expect(wrong.every((p) => p.content !== p.requested)).toBe(true);
    expect(new Set(wrong.map((p) => (p.content === 'scene' || p.content === 'receipt' ? p.content : 'document')))).toEqual(
      new Set(['scene', 'receipt', 'document']),
    );
    expect(new Set(plans.filter((p) => p.category === 'otherFormat').map((p) => p.format))).toEqual(new Set(['png', 'webp', 'svg']));
    expect(planDocumentCases(320, 13)).toEqual(plans);
  });

  it('generates the same bytes for the same seed, with consistent truth and forms', async () => {
    const [a, b] = await Promise.all([take(320, 13, 12), take(320, 13, 4)]);
    expect(b.map((c) => sha(c.bytes))).toEqual(a.slice(0, 4).map((c) => sha(c.bytes)));
    expect(a.map((c) => c.id).slice(0, 3)).toEqual(['case-0001', 'case-0002', 'case-0003']);
    const plans = planDocumentCases(320, 13);
    for (const [i, c] of a.entries()) {
      expect(c.category).toBe(plans[i].category);
      expect(c.truth.readable).toBe(c.category !== 'unreadable');
      expect(c.tampered).toBe(c.category === 'tampered');
      expect(parseNik(c.form.nik, new Date('2026-03-16T04:00:00Z')).ok).toBe(true);
      if (c.mime === 'application/pdf') {
        expect(c.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        continue;
      }
      const meta = await sharp(c.bytes).metadata();
      expect(meta.format).toBe(c.mime === 'image/svg+xml' ? 'svg' : c.mime.split('/')[1]);
      const longest = Math.max(meta.width!, meta.height!);
      if (c.truth.degradation === 'tiny') expect(longest).toBeLessThanOrEqual(200);
      else expect(longest).toBeGreaterThanOrEqual(350);
      if (c.truth.type === 'ktp') {
        expect(c.truth.fields.nik).toMatch(/^\d{16}$/);
        expect(c.truth.fields.tanggal_lahir).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (!c.tampered && c.requestedType === 'ktp') {
          expect(c.form.nik).toBe(c.truth.fields.nik);
          expect(c.form.nama.toUpperCase()).toBe(c.truth.fields.nama);
        }
      }
      if (c.truth.type === 'kk')
        expect(c.truth.qr).toBe(
          `KK|${c.truth.fields.nomor_kk}|${c.truth.fields.kepala_keluarga}|${c.truth.fields.tanggal_terbit.split('-').reverse().join('-')}`,
        );
    }
  }, 20_000);

  it('catches tampering in the form, not in the document', async () => {
    const plans = planDocumentCases(60, 21);
    const firstTampered = plans.findIndex((p) => p.category === 'tampered');
    expect(firstTampered).toBeGreaterThanOrEqual(0);
    const cases = await take(60, 21, firstTampered + 1);
    const c = cases[firstTampered];
    expect(c.tampered).toBe(true);
    const f = c.truth.fields;
    const printedNik = f.nik;
    const printedNames = [f.nama, f.nama_ayah, f.nama_ibu, f.nama_anak, f.kepala_keluarga, ...(c.truth.members ?? []).map((m) => m.nama)].filter(Boolean);
    const nikDiffers = printedNik ? c.form.nik !== printedNik : !(c.truth.members ?? []).some((m) => m.nik === c.form.nik);
    const nameDiffers = !printedNames.includes(c.form.nama.toUpperCase());
    expect(nikDiffers || nameDiffers).toBe(true);
  }, 20_000);
});
