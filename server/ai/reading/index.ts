/**
 * The document reader the pipeline uses. Today one engine (Tesseract, see
 * the README for why it won over PaddleOCR on our documents); its settings
 * are validated by `npm start` with the others, so a typo fails at start, not on every document.
 */
import { env } from '@/lib/env';
import type { DocumentReader } from '../types';
import { TesseractDocumentReader } from './tesseract-reader';

export { DocumentReadError } from './errors';
export { TesseractDocumentReader } from './tesseract-reader';

let reader: DocumentReader | null = null;

/** Settings from the one environment schema (lib/env.ts): a bad one throws an EnvError naming it. */
export function documentReader(): DocumentReader {
  if (reader) return reader;
  reader = new TesseractDocumentReader({ binary: env.TESSERACT_PATH, lang: env.OCR_LANG, timeoutMs: env.OCR_TIMEOUT_MS, concurrency: env.OCR_CONCURRENCY });
  return reader;
}
