/**
 * The built-in DocumentReader: rasterise, measure the image, OCR every page
 * with Tesseract, decide what the document is, extract its fields, decode
 * a KK's QR code. Offline: Tesseract and its Indonesian data come from
 * Debian packages, MuPDF and sharp from npm.
 */
import jsQR from 'jsqr';
import sharp from 'sharp';
import type { PageBox, ReadField, UnreadableReason } from '@/db/schema';
import type { DocumentAnalysis, DocumentReader } from '../types';
import { checkKkNumber, parseNik } from '../nik';
import { classify, type PhotoFeatures } from './classify';
import { DocumentReadError } from './errors';
import { extractAkta, extractKk, extractKtp, extractLetter, type Extracted } from './extract';
import { estimateSkew, straighten } from './deskew';
import { measureQuality } from './image-quality';
import { unionBox } from './ocr-text';
import { rasterize } from './rasterize';
import { ocrDigits, ocrPage, tesseractVersion, type OcrLine, type TesseractOptions } from './tesseract';

/** Mean OCR confidence below which the text is more guess than reading. */
export const MIN_MEAN_CONFIDENCE = 0.6;
/** A type whose printed labels are mostly missing was photographed in part. */
const MIN_LABEL_SHARE = 0.5;

async function photoFeatures(png: Buffer): Promise<PhotoFeatures> {
  const { data, info } = await sharp(png).resize({ width: 96, height: 128, fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let plain = 0;
  let skin = 0;
  let central = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * 3;
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if ((r > 140 && g < 100 && b < 100 && r - g > 70) || (b > 120 && r < 100 && b - r > 60 && b > g)) plain++;
      const inCentre = x > info.width * 0.25 && x < info.width * 0.75 && y > info.height * 0.15 && y < info.height * 0.6;
      if (inCentre) {
        central++;
        if (r > 170 && g > 130 && b > 100 && r > g && g > b && r - b > 25 && r - b < 110) skin++;
      }
    }
  }
  const meta = await sharp(png).metadata();
  return { plainBackgroundShare: plain / (info.width * info.height), centralSkinShare: skin / central, aspect: (meta.width ?? 1) / (meta.height ?? 1) };
}

async function decodeQr(png: Buffer): Promise<string[]> {
  // jsQR finds a code best at a few module sizes: try the page as rendered, then smaller.
  for (const width of [0, 1000, 700]) {
    const img = width ? sharp(png).resize({ width, withoutEnlargement: true }) : sharp(png);
    const { data, info } = await img.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height, { inversionAttempts: 'dontInvert' });
    if (code?.data) return [code.data];
  }
  return [];
}

/** Table rules and card edges come out as "|", "!" or "—" at the ends of lines: drop them so labels start their line. */
function cleanLines(lines: OcrLine[]): OcrLine[] {
  const junk = (t: string) => !/[A-Za-z0-9]/.test(t);
  const out: OcrLine[] = [];
  for (const l of lines) {
    let words = l.words;
    while (words.length && junk(words[0].text)) words = words.slice(1);
    while (words.length && junk(words[words.length - 1].text)) words = words.slice(0, -1);
    if (!words.length) continue;
    const chars = words.reduce((n, w) => n + w.text.length, 0);
    out.push({
      ...l,
      words,
      text: words.map((w) => w.text).join(' '),
      conf: Math.round((words.reduce((s, w) => s + w.conf * w.text.length, 0) / chars) * 1000) / 1000,
      box: unionBox(words.map((w) => w.box)) ?? l.box,
    });
  }
  return out;
}

/** Text cut by the frame: a line of real text that runs into the image's edge. */
function touchesEdge(lines: OcrLine[]): boolean {
  return lines.some((l) => l.text.replace(/[^A-Za-z0-9]/g, '').length >= 4 && l.conf > 0.5 && (l.box.x < 0.004 || l.box.x + l.box.w > 0.996));
}

export class TesseractDocumentReader implements DocumentReader {
  constructor(private readonly opts: TesseractOptions = {}) {}

  async read(bytes: Buffer, mime: string): Promise<DocumentAnalysis> {
    const started = performance.now();
    const version = tesseractVersion(this.opts.binary);
    if (!version) throw new DocumentReadError('ENGINE_MISSING', 'OCR engine "tesseract" is not installed (apt-get install tesseract-ocr tesseract-ocr-ind)');
    const pages = await rasterize(bytes, mime);
    const original =
      mime.startsWith('image/') && mime !== 'image/svg+xml'
        ? await sharp(bytes)
            .metadata()
            .catch(() => null)
        : null;
    const measured = await measureQuality(pages[0].png, { width: original?.width ?? pages[0].width, height: original?.height ?? pages[0].height });
    const quality = measured;
    // Nothing can be read from a blurred, dark, washed-out or tiny picture: say so without pretending to read it.
    if (quality.problems.length) {
      return {
        engine: 'tesseract',
        engineVersion: `${version} ${this.opts.lang ?? 'ind'}`,
        lines: [],
        pageSizes: pages.map((p) => ({ width: p.width, height: p.height })),
        quality,
        qr: [],
        durationMs: Math.round(performance.now() - started),
        detectedType: 'unknown',
        typeScore: 0,
        meanConfidence: 0,
        fields: {},
        members: [],
      };
    }
    // Fields are extracted on the straightened pages (rows and columns line up there); boxes go back onto the page as stored at the end.
    const straight = await Promise.all(pages.map(async (p) => straighten(p.png, p, await estimateSkew(p.png))));
    const lines: OcrLine[] = [];
    const ocr = await Promise.all(straight.map((page, i) => ocrPage(page.png, page, i, this.opts)));
    for (const p of ocr) lines.push(...cleanLines(p.lines));

    const text = lines.map((l) => l.text).join('\n');
    // Texture of the table around a photographed card reads as a few lines of junk at near-zero confidence: they say
    // nothing about how well the document itself was read, so the mean is over the lines that are text at all.
    const textLines = lines.filter((l) => l.conf >= 0.3);
    const textChars = textLines.reduce((n, l) => n + l.text.length, 0);
    const meanConfidence = textChars ? Math.round((textLines.reduce((s, l) => s + l.conf * l.text.length, 0) / textChars) * 1000) / 1000 : 0;
    const lettered = lines.filter((l) => /[A-Za-z]{3}/.test(l.text) && l.conf > 0.5);
    const photo = mime === 'application/pdf' ? null : await photoFeatures(pages[0].png);
    let kind = classify(text, lettered.length, photo);
    const qr = kind.type === 'kk' || kind.type === 'unknown' ? await decodeQr(pages[0].png) : [];
    // A KK's QR says what it is even when most of the page is outside the photo.
    if (kind.type === 'unknown' && qr.some((q) => q.startsWith('KK|'))) kind = { ...kind, type: 'kk', score: Math.max(kind.score, 0.5) };

    let extracted: Extracted = { fields: {}, members: [], labelsFound: 0, labelsExpected: 0 };
    if (kind.type === 'ktp') extracted = extractKtp(lines);
    else if (kind.type === 'kk') extracted = extractKk(lines, qr);
    else if (kind.type === 'akta') extracted = extractAkta(lines);
    else if (kind.type === 'surat_pengantar') extracted = extractLetter(lines);

    await this.confirmNumbers(extracted, straight);

    const problems = new Set<UnreadableReason>(quality.problems);
    if (kind.type !== 'foto' && kind.type !== 'unknown') {
      if (meanConfidence < MIN_MEAN_CONFIDENCE) problems.add('low_confidence');
      if (extracted.labelsExpected && extracted.labelsFound / extracted.labelsExpected < MIN_LABEL_SHARE) problems.add('cut_off');
      if (touchesEdge(lines)) problems.add('cut_off');
    }
    const back = (b: PageBox | undefined) => (b ? straight[b.page].toOriginal(b) : undefined);
    const backField = (f: ReadField): ReadField => ({ ...f, ...(f.box ? { box: back(f.box) } : {}) });
    return {
      engine: 'tesseract',
      engineVersion: `${version} ${this.opts.lang ?? 'ind'}`,
      lines: lines.map(({ words: _words, ...line }) => ({ ...line, box: back(line.box)! })),
      pageSizes: pages.map((p) => ({ width: p.width, height: p.height })),
      quality: { ...quality, problems: [...problems] },
      qr,
      durationMs: Math.round(performance.now() - started),
      detectedType: kind.type,
      typeScore: kind.score,
      meanConfidence,
      fields: Object.fromEntries(Object.entries(extracted.fields).map(([k, f]) => [k, backField(f)])),
      members: extracted.members.map((m) => ({ ...m, nama: backField(m.nama), ...(m.nik ? { nik: backField(m.nik) } : {}) })),
    };
  }

  /**
   * A NIK or KK number decides a case, so it is read a second time: its line cut out, enlarged and
   * read as digits only. Agreement raises the confidence; disagreement lowers it, so a check built on
   * it warns instead of passing. The form's number is never used to choose between the two readings.
   */
  private async confirmNumbers(extracted: Extracted, pages: { png: Buffer; width: number; height: number }[]) {
    await this.rereadNumbers(extracted, pages);
    // A KK's QR code is an independent reading of its number: agreement settles it.
    const kk = extracted.fields.nomor_kk;
    if (kk && extracted.fields.qr_nomor_kk?.value === kk.value) extracted.fields.nomor_kk = { ...kk, confidence: Math.max(kk.confidence, 0.98) };
  }

  private async rereadNumbers(extracted: Extracted, pages: { png: Buffer; width: number; height: number }[]) {
    for (const key of ['nik', 'nomor_kk'] as const) {
      const f = extracted.fields[key];
      if (!f?.box) continue;
      const page = pages[f.box.page];
      // The second reading only confirms or doubts the first: if it cannot run, the first reading stands as it is.
      const again = await ocrDigits(page.png, page, f.box, this.opts).catch(() => null);
      if (!again) continue;
      // Structure (region code, date digits) is checked without the form: it tells a misread from a real number.
      const plausible = (v: string) => v.length === 16 && (key === 'nik' ? parseNik(v).ok : checkKkNumber(v).ok);
      const fromAgain = [again, again.length === 17 && /^1/.test(again) ? again.slice(1) : ''].filter(plausible);
      // The crop may take in a neighbour's digit ("No." read as 0): the number found inside the second reading agrees.
      if (fromAgain.includes(f.value) || (plausible(f.value) && again.includes(f.value)))
        extracted.fields[key] = { ...f, confidence: Math.max(f.confidence, Math.min(0.97, f.confidence + 0.15)) };
      // A number repaired from the second reading is shown, but never trusted enough to pass or fail a check alone.
      else if (!plausible(f.value) && fromAgain.length) extracted.fields[key] = { ...f, value: fromAgain[0], confidence: 0.65 };
      else extracted.fields[key] = { ...f, confidence: Math.min(f.confidence, 0.5) };
    }
  }
}
