/**
 * Small, pure helpers for reading OCR output: the same glyph confusions
 * (O/0, I/1, S/5, B/8…) turn up in every engine, so numbers are repaired
 * only where a number is expected, and words are compared with a bounded
 * edit distance instead of exact equality.
 */
import type { PageBox } from '@/db/schema';

/** Upper-case letters only: "Tempat/Tgl Lahir :" → "TEMPATTGLLAHIR". */
export const lettersOf = (s: string) => s.toUpperCase().replace(/[^A-Z]/g, '');

const DIGIT_LOOKALIKES: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  U: '0',
  '°': '0',
  I: '1',
  l: '1',
  i: '1',
  '|': '1',
  '!': '1',
  ']': '1',
  '[': '1',
  J: '1',
  T: '7',
  Z: '2',
  z: '2',
  S: '5',
  s: '5',
  B: '8',
  G: '6',
  b: '6',
  A: '4',
  g: '9',
  q: '9',
};

/** Where a number is expected: look-alike letters become digits; anything else is dropped. */
export function repairDigits(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (DIGIT_LOOKALIKES[ch]) out += DIGIT_LOOKALIKES[ch];
  }
  return out;
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Fewest edits to find `needle` anywhere inside `hay` (Sellers' approximate substring search). */
export function approxFind(hay: string, needle: string): number {
  if (!needle) return 0;
  let row = new Array<number>(needle.length + 1);
  for (let j = 0; j <= needle.length; j++) row[j] = j;
  let best = row[needle.length];
  for (let i = 1; i <= hay.length; i++) {
    const next = new Array<number>(needle.length + 1);
    next[0] = 0;
    for (let j = 1; j <= needle.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (hay[i - 1] === needle[j - 1] ? 0 : 1));
    }
    row = next;
    best = Math.min(best, row[needle.length]);
  }
  return best;
}

/** Edits tolerated when matching a printed label of this many letters. */
export const tolerance = (len: number) => (len <= 3 ? 0 : len <= 6 ? 1 : len <= 12 ? 2 : 3);

export function approxContains(hay: string, needle: string): boolean {
  return hay.includes(needle) || approxFind(hay, needle) <= tolerance(needle.length);
}

export function unionBox(boxes: PageBox[]): PageBox | undefined {
  if (!boxes.length) return undefined;
  const l = Math.min(...boxes.map((b) => b.x));
  const t = Math.min(...boxes.map((b) => b.y));
  const r = Math.max(...boxes.map((b) => b.x + b.w));
  const bt = Math.max(...boxes.map((b) => b.y + b.h));
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return { page: boxes[0].page, x: round(l), y: round(t), w: round(r - l), h: round(bt - t) };
}

/** DD-MM-YYYY (any separator, look-alike digits repaired) inside a text → YYYY-MM-DD, or null. */
export function findDate(s: string): string | null {
  const m = /([0-9OoIlSB]{2})\s?[-/.,]\s?([0-9OoIlSB]{2})\s?[-/.,]\s?([0-9OoIlSB]{4})/.exec(s);
  if (m) {
    const [d, mo, y] = [repairDigits(m[1]), repairDigits(m[2]), repairDigits(m[3])];
    if (validDate(y, mo, d)) return `${y}-${mo}-${d}`;
  }
  // Separators lost: eight digits in a row, DDMMYYYY.
  const run = /(?:^|\D)(\d{8})(?:\D|$)/.exec(s.replace(/\s/g, ''));
  if (run) {
    const [d, mo, y] = [run[1].slice(0, 2), run[1].slice(2, 4), run[1].slice(4)];
    if (validDate(y, mo, d)) return `${y}-${mo}-${d}`;
  }
  return null;
}

function validDate(y: string, m: string, d: string): boolean {
  const yy = Number(y);
  const mm = Number(m);
  const dd = Number(d);
  if (yy < 1900 || yy > 2100 || mm < 1 || mm > 12 || dd < 1) return false;
  return dd <= new Date(Date.UTC(yy, mm, 0)).getUTCDate();
}

/** Closest word of a fixed vocabulary (religions, marital status…), or null when nothing is close. */
export function snapTo<T extends string>(raw: string, vocabulary: readonly T[]): { value: T; distance: number } | null {
  const l = lettersOf(raw);
  if (!l) return null;
  let best: { value: T; distance: number } | null = null;
  for (const v of vocabulary) {
    const target = lettersOf(v);
    // The value may be followed by noise from the card's right column: compare its start.
    const d = Math.min(levenshtein(l.slice(0, target.length), target), levenshtein(l, target));
    if (!best || d < best.distance) best = { value: v, distance: d };
  }
  return best && best.distance <= tolerance(lettersOf(best.value).length) ? best : null;
}
