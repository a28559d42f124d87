/**
 * Tesseract 5 (Debian's `tesseract-ocr` with the Indonesian `ind` data), run
 * as a child process per page: PNG on stdin, TSV on stdout. A process per
 * page keeps a crash or a hang contained (killed at the timeout), and the
 * OS spreads pages over the cores; OMP_THREAD_LIMIT=1 stops each process
 * from spinning threads that only fight the others.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { PageBox, ReadLine } from '@/db/schema';
import { DocumentReadError } from './errors';

export type TesseractOptions = {
  binary?: string;
  lang?: string;
  timeoutMs?: number;
  concurrency?: number;
  /**
   * Keep each page's OCR under this folder, keyed by the page's pixels and the engine: the demo seed reads the
   * same deterministic specimens on every fresh start. Never set for the live pipeline (readings are stored per attachment).
   */
  cacheDir?: string;
};

export type OcrWord = { text: string; conf: number; box: PageBox };
/** A line with its words: the words give a field its own box and confidence; only the line is stored. */
export type OcrLine = ReadLine & { words: OcrWord[] };
export type TesseractPage = { lines: OcrLine[] };

const DEFAULT_TIMEOUT_MS = 20_000;

let versionCache: { binary: string; version: string | null } | null = null;

/** The engine's version ("5.3.0"), or null when the binary is not installed. */
export function tesseractVersion(binary = 'tesseract'): string | null {
  if (versionCache?.binary === binary) return versionCache.version;
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 5000 });
  const m = /tesseract\s+v?(\d+\.\d+(?:\.\d+)?)/i.exec(`${out.stdout ?? ''}${out.stderr ?? ''}`);
  versionCache = { binary, version: out.error || !m ? null : m[1] };
  return versionCache.version;
}

/** A small counting semaphore: at most `n` OCR processes at once in this server process. */
class Slots {
  private waiting: (() => void)[] = [];
  private used = 0;
  constructor(private readonly n: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.used >= this.n) await new Promise<void>((r) => this.waiting.push(r));
    this.used++;
    try {
      return await fn();
    } finally {
      this.used--;
      this.waiting.shift()?.();
    }
  }
}
let slots: Slots | null = null;

/**
 * TSV columns: level page block par line word left top width height conf text.
 * Level 5 rows are words; a line is the words sharing (block, par, line).
 * Boxes become fractions of the page so the viewer can draw them at any zoom.
 */
export function parseTsv(tsv: string, width: number, height: number, page: number): OcrLine[] {
  const lines = new Map<string, { words: { text: string; conf: number; l: number; t: number; r: number; b: number }[] }>();
  for (const row of tsv.split('\n')) {
    const c = row.split('\t');
    if (c.length < 12 || c[0] !== '5') continue;
    const text = c.slice(11).join('\t').trim();
    const conf = Number(c[10]);
    if (!text || !Number.isFinite(conf) || conf < 0) continue;
    const [l, t, w, h] = [Number(c[6]), Number(c[7]), Number(c[8]), Number(c[9])];
    const key = `${c[2]}.${c[3]}.${c[4]}`;
    const line = lines.get(key) ?? { words: [] };
    line.words.push({ text, conf: conf / 100, l, t, r: l + w, b: t + h });
    lines.set(key, line);
  }
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  const box = (l: number, t: number, r: number, b: number): PageBox => ({
    page,
    x: round(l / width),
    y: round(t / height),
    w: round((r - l) / width),
    h: round((b - t) / height),
  });
  return [...lines.values()].map(({ words }) => {
    const l = Math.min(...words.map((w) => w.l));
    const t = Math.min(...words.map((w) => w.t));
    const r = Math.max(...words.map((w) => w.r));
    const b = Math.max(...words.map((w) => w.b));
    // Weighted by length: a long, well-read NIK should count more than a stray "|" read at 30%.
    const chars = words.reduce((n, w) => n + w.text.length, 0);
    const conf = words.reduce((s, w) => s + w.conf * w.text.length, 0) / chars;
    return {
      text: words.map((w) => w.text).join(' '),
      conf: Math.round(conf * 1000) / 1000,
      box: box(l, t, r, b),
      words: words.map((w) => ({ text: w.text, conf: w.conf, box: box(w.l, w.t, w.r, w.b) })),
    };
  });
}

const PSM = '6';
const PAGE_ARGS = ['--psm', PSM];
/** One line of digits: a NIK or KK number cut out of the page. */
const DIGIT_ARGS = ['--psm', '7', '-c', 'tessedit_char_whitelist=0123456789'];

/** The digits in one box of a page, read again on their own (enlarged, digits only). */
export async function ocrDigits(png: Buffer, size: { width: number; height: number }, box: PageBox, opts: TesseractOptions = {}): Promise<string> {
  // A digit's width of room on the right: the first reading may have lost the last digit to noise.
  const padX = 0.01;
  const padRight = 0.035;
  const padY = box.h * 0.35;
  const left = Math.max(0, Math.floor((box.x - padX) * size.width));
  const top = Math.max(0, Math.floor((box.y - padY) * size.height));
  const width = Math.min(size.width - left, Math.ceil((box.w + padX + padRight) * size.width));
  const height = Math.min(size.height - top, Math.ceil((box.h + 2 * padY) * size.height));
  if (width < 8 || height < 8) return '';
  const crop = await sharp(png)
    .extract({ left, top, width, height })
    .greyscale()
    .resize({ height: Math.max(height, 64) })
    .png()
    .toBuffer();
  const meta = await sharp(crop).metadata();
  const page = await cached(crop, { width: meta.width ?? width, height: meta.height ?? height }, 0, opts, DIGIT_ARGS);
  return page.lines
    .map((l) => l.text)
    .join('')
    .replace(/\D/g, '');
}

export function ocrPage(png: Buffer, size: { width: number; height: number }, page: number, opts: TesseractOptions = {}): Promise<TesseractPage> {
  return cached(png, size, page, opts, PAGE_ARGS);
}

async function cached(png: Buffer, size: { width: number; height: number }, page: number, opts: TesseractOptions, args: string[]): Promise<TesseractPage> {
  if (!opts.cacheDir) return runTesseract(png, size, page, opts, args);
  const key = createHash('sha256')
    .update(png)
    .update(`|${tesseractVersion(opts.binary)}|${opts.lang ?? 'ind'}|${args.join(' ')}|${page}`)
    .digest('hex');
  const file = path.join(opts.cacheDir, `${key}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TesseractPage;
  } catch {
    const result = await runTesseract(png, size, page, opts, args);
    mkdirSync(opts.cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(result));
    renameSync(tmp, file);
    return result;
  }
}

function runTesseract(png: Buffer, size: { width: number; height: number }, page: number, opts: TesseractOptions, args: string[]): Promise<TesseractPage> {
  const binary = opts.binary ?? 'tesseract';
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  slots ??= new Slots(opts.concurrency ?? Math.max(1, os.availableParallelism()));
  return slots.run(
    () =>
      new Promise<TesseractPage>((resolve, reject) => {
        // psm 6: one uniform block, so "Label : value" stays on one line as printed on the cards.
        const child = spawn(binary, ['stdin', 'stdout', '-l', opts.lang ?? 'ind', ...args, 'tsv'], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        const out: Buffer[] = [];
        let err = '';
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new DocumentReadError('TIMEOUT', `OCR of page ${page + 1} took longer than ${timeoutMs} ms`));
        }, timeoutMs);
        child.stdout.on('data', (d: Buffer) => out.push(d));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('error', (e: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          reject(
            e.code === 'ENOENT'
              ? new DocumentReadError('ENGINE_MISSING', `OCR engine "${binary}" is not installed (apt-get install tesseract-ocr tesseract-ocr-ind)`)
              : new DocumentReadError('ENGINE_FAILED', e.message),
          );
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          if (code !== 0) return reject(new DocumentReadError('ENGINE_FAILED', `tesseract exited with ${code}: ${err.trim().slice(0, 300)}`));
          resolve({ lines: parseTsv(Buffer.concat(out).toString('utf8'), size.width, size.height, page) });
        });
        child.stdin.on('error', () => {}); // a process that died early closes stdin; 'close' reports why
        child.stdin.end(png);
      }),
  );
}
