/**
 * The document reader the pipeline uses. Today one engine (Tesseract, see
 * the README for why it won over PaddleOCR on our documents); the settings
 * are validated here so a typo fails at start, not on every document.
 */
import { z } from 'zod';
import type { DocumentReader } from '../types';
import { TesseractDocumentReader } from './tesseract-reader';

export { DocumentReadError } from './errors';
export { TesseractDocumentReader } from './tesseract-reader';

const ZReaderSettings = z.object({
  TESSERACT_PATH: z.string().min(1).default('tesseract'),
  OCR_LANG: z.string().regex(/^[a-z_+]+$/, { error: 'OCR_LANG must name Tesseract languages, e.g. "ind" or "ind+eng"' }).default('ind'),
  OCR_TIMEOUT_MS: z.coerce.number({ error: 'OCR_TIMEOUT_MS must be a number of milliseconds' }).int().min(1000).max(600_000).default(20_000),
  OCR_CONCURRENCY: z.coerce.number({ error: 'OCR_CONCURRENCY must be a whole number' }).int().min(1).max(64).optional(),
});

export type ReaderSettings = z.infer<typeof ZReaderSettings>;

export function parseReaderSettings(env: Record<string, string | undefined> = process.env): ReaderSettings {
  const picked = Object.fromEntries(Object.keys(ZReaderSettings.shape).map((k) => [k, env[k]?.trim() || undefined]));
  const parsed = ZReaderSettings.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new Error(`${name}: ${issue.message} (got "${env[name]}")`);
  }
  return parsed.data;
}

let reader: DocumentReader | null = null;

export function documentReader(): DocumentReader {
  if (reader) return reader;
  const s = parseReaderSettings();
  reader = new TesseractDocumentReader({ binary: s.TESSERACT_PATH, lang: s.OCR_LANG, timeoutMs: s.OCR_TIMEOUT_MS, concurrency: s.OCR_CONCURRENCY });
  return reader;
}
