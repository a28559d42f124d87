/**
 * "Label : value" lines, as KTP-el, KK headers and letters print them. A
 * label is recognised at the start of a line by its letters within a small
 * edit distance (OCR turns ":" into ";", '"' or "#", and drops letters), and
 * its value is the rest of the line: the words after the label, with their
 * own box and confidence.
 */
import type { ReadField } from '@/db/schema';
import { lettersOf, levenshtein, tolerance, unionBox } from './ocr-text';
import type { OcrLine, OcrWord } from './tesseract';

export type LabelSpec = { key: string; label: string };

export type LabelHit = { key: string; line: OcrLine; lineIndex: number; value: OcrWord[] };

/** Splits "NIK:3273…" or "Lahir:" so the separator never glues a label to its value. */
function splitWords(line: OcrLine): OcrWord[] {
  const out: OcrWord[] = [];
  for (const w of line.words) {
    const parts = w.text.split(/(?<=[:;])|(?=[:;])/).filter(Boolean);
    if (parts.length === 1) out.push(w);
    else for (const p of parts) out.push({ ...w, text: p });
  }
  return out;
}

const SEPARATOR = /^[:;"'#!=|.,\-—–_~*»«“”’`]+$/;

/** How many leading words spell the label (within tolerance), or 0. */
function labelLength(words: OcrWord[], label: string): number {
  const target = lettersOf(label);
  const tol = tolerance(target.length);
  let acc = '';
  for (let i = 0; i < Math.min(words.length, 5); i++) {
    acc += lettersOf(words[i].text);
    if (acc.length >= target.length - tol) {
      const d = levenshtein(acc, target);
      if (d <= tol) {
        // One more word may still belong to the label ("Tgl" + "Lahir"): take the closer reading.
        const further = i + 1 < words.length ? levenshtein(acc + lettersOf(words[i + 1].text), target) : Infinity;
        return further < d ? i + 2 : i + 1;
      }
      if (acc.length > target.length + tol) return 0;
    }
  }
  return 0;
}

/** For each label, the first line that starts with it; a line is used by one label only (longest label wins). */
export function findLabelled(lines: OcrLine[], specs: LabelSpec[]): Map<string, LabelHit> {
  const hits = new Map<string, LabelHit>();
  const bySpecificity = [...specs].sort((a, b) => lettersOf(b.label).length - lettersOf(a.label).length);
  const used = new Set<number>();
  for (const spec of bySpecificity) {
    for (let i = 0; i < lines.length; i++) {
      if (used.has(i)) continue;
      const words = splitWords(lines[i]);
      // Some lines start with noise from the card's edge ("|", "ke"): allow one stray leading word.
      for (const skip of [0, 1]) {
        if (skip && (words.length < 2 || lettersOf(words[0].text).length > 2)) break;
        const n = labelLength(words.slice(skip), spec.label);
        if (!n) continue;
        let value = words.slice(skip + n);
        while (value.length && SEPARATOR.test(value[0].text)) value = value.slice(1);
        // The ":" after a label is often read as a lone "1", "l" or "|": in that place it is the separator, not the value.
        if (value.length > 1 && /^[1lI|!]$/.test(value[0].text)) value = value.slice(1);
        if (value.length && /^[:;"'#!=|]/.test(value[0].text)) value = [{ ...value[0], text: value[0].text.replace(/^[:;"'#!=|]+/, '') }, ...value.slice(1)];
        hits.set(spec.key, { key: spec.key, line: lines[i], lineIndex: i, value: value.filter((w) => w.text) });
        used.add(i);
        break;
      }
      if (hits.has(spec.key)) break;
    }
  }
  return hits;
}

/** Cuts a value where another label of the same line begins (a KTP prints "Gol. Darah" right of "Jenis Kelamin"). */
export function cutAtLabel(words: OcrWord[], labels: string[]): OcrWord[] {
  for (let i = 1; i < words.length; i++) {
    for (const label of labels) if (labelLength(words.slice(i), label)) return words.slice(0, i);
  }
  return words;
}

/** The field made of these words: text, confidence weighted by length, box. */
export function fieldOf(words: OcrWord[], text?: string, confidenceFactor = 1): ReadField | undefined {
  if (!words.length) return undefined;
  const chars = words.reduce((n, w) => n + w.text.length, 0) || 1;
  const conf = words.reduce((s, w) => s + w.conf * w.text.length, 0) / chars;
  return {
    value: text ?? words.map((w) => w.text).join(' '),
    confidence: Math.round(Math.max(0, Math.min(1, conf * confidenceFactor)) * 1000) / 1000,
    box: unionBox(words.map((w) => w.box)),
  };
}
