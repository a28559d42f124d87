/**
 * Comparing a name typed in a form with the name printed on a document.
 * Indonesian names come with religious and academic titles ("Hj.", "Dr.",
 * "S.Kom."), shortened forms ("M." for Muhammad) and spellings from before
 * the 1972 reform (Soekarno, Djoko, Tjahjo) that still appear on documents of
 * the same person, so a strict comparison would flag honest citizens.
 */

/** Titles written before a name: removed only from the front, where they cannot be part of the name. */
const PREFIX_TITLES = new Set([
  'h',
  'hj',
  'haji',
  'hajjah',
  'dr',
  'drs',
  'dra',
  'ir',
  'prof',
  'kh',
  'ust',
  'ustadz',
  'ustazah',
  'bpk',
  'bapak',
  'pak',
  'ibu',
  'bu',
  'sdr',
  'sdri',
  'saudara',
  'saudari',
  'tn',
  'tuan',
  'ny',
  'nyonya',
  'nn',
  'nona',
  'an',
]);

/** Academic degrees (dots removed): after a comma, or written with dots, they are never part of a name. */
const DEGREES = new Set([
  'se',
  'sh',
  'mm',
  'skom',
  'spd',
  'mpd',
  'st',
  'mt',
  'ssi',
  'msi',
  'ssos',
  'sag',
  'sked',
  'skep',
  'sfarm',
  'amd',
  'sip',
  'skm',
  'mkes',
  'msc',
  'ma',
  'bsc',
  'phd',
  'mba',
  'sak',
  'sth',
  'spsi',
  'mh',
  'mag',
  'sp',
  'mkom',
  'ak',
  'sst',
  'ssit',
  'spdi',
  'shi',
  'sei',
  'mpdi',
  'lc',
  'dr',
  'drs',
  'dra',
  'ir',
  'sthi',
  'sgz',
  'sikom',
  'sds',
]);

/** Spellings of Muhammad, including the usual abbreviations. */
const MUHAMMAD = new Set([
  'm',
  'moh',
  'muh',
  'mhd',
  'mohd',
  'mochammad',
  'mohammad',
  'mohamad',
  'muhamad',
  'muhammad',
  'muchammad',
  'mochamad',
  'mokhammad',
  'muhammmad',
  'mukhammad',
  'mohammed',
  'muhammed',
]);

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Old (van Ophuijsen / Soewandi) spellings and doubled letters mapped onto one canonical form. */
export function canonicalToken(token: string): string {
  if (MUHAMMAD.has(token)) return 'muhamad';
  return token
    .replace(/oe/g, 'u')
    .replace(/dj/g, 'j')
    .replace(/tj/g, 'c')
    .replace(/ch/g, 'kh')
    .replace(/j/g, 'y')
    .replace(/th/g, 't')
    .replace(/ph/g, 'f')
    .replace(/([a-z])\1+/g, '$1');
}

/** Lowercase tokens with titles, degrees and punctuation removed (before canonical spelling). */
export function nameTokens(name: string): string[] {
  const text = stripAccents(name).toLowerCase();
  const [main, ...afterComma] = text.split(',');
  // Everything after a comma in an Indonesian name is degrees ("Budi Santoso, S.E., M.M.").
  const tail = afterComma.join(' ').split(/\s+/).filter(Boolean);
  const tailIsDegrees = tail.every((t) => DEGREES.has(t.replace(/[^a-z]/g, '')) || t.replace(/[^a-z]/g, '') === '');
  const raw = (tailIsDegrees ? main : text.replace(/,/g, ' ')).split(/\s+/).filter(Boolean);

  const tokens: string[] = [];
  let leading = true;
  for (const t of raw) {
    const letters = t.replace(/[^a-z]/g, '');
    if (!letters) continue;
    const dotted = /[a-z]\.[a-z]/.test(t);
    if (leading && PREFIX_TITLES.has(letters) && (t.endsWith('.') || letters.length > 1)) continue;
    // "S.Kom" or "M.M." inside the name part: a degree written without a comma.
    if (dotted && DEGREES.has(letters)) continue;
    leading = false;
    tokens.push(letters);
  }
  return tokens;
}

/**
 * Comparison key (not for display: "Djoko" becomes "yoko"): titles removed, canonical spelling, single spaces.
 * @internal exported for the tests (knip: not an export of the product)
 */
export function normaliseName(name: string): string {
  return nameTokens(name).map(canonicalToken).join(' ');
}

/** Jaro–Winkler similarity in [0, 1]; favours strings that share a prefix, as names that differ by a typo do. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(b.length - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** An initial ("R.") stands for any token starting with that letter, with a small discount. */
function tokenSimilarity(a: string, b: string): number {
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? 0.9 : 0;
  return jaroWinkler(a, b);
}

/** Each extra token on one side (a middle name left out) costs this factor. */
const EXTRA_TOKEN_PENALTY = 0.93;
export const NAME_MATCH_THRESHOLD = 0.9;

/**
 * Similarity of two names in [0, 1]. Token based, so word order and a left-out
 * middle name matter little; the whole-string score catches names split or
 * joined differently ("Nurhaliza" vs "Nur Haliza").
 */
export function nameSimilarity(a: string, b: string): number {
  const ta = nameTokens(a).map(canonicalToken);
  const tb = nameTokens(b).map(canonicalToken);
  if (!ta.length || !tb.length) return 0;
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  const used = new Set<number>();
  let sum = 0;
  for (const t of short) {
    let best = 0;
    let bestIdx = -1;
    long.forEach((u, idx) => {
      if (used.has(idx)) return;
      const s = tokenSimilarity(t, u);
      if (s > best) {
        best = s;
        bestIdx = idx;
      }
    });
    if (bestIdx >= 0) used.add(bestIdx);
    sum += best;
  }
  const tokenScore = (sum / short.length) * EXTRA_TOKEN_PENALTY ** (long.length - short.length);
  // Spacing differences ("Nur Haliza" vs "Nurhaliza") only show when the tokens are joined. Joined
  // strings are trusted only when nearly identical: Jaro–Winkler is generous with a long shared prefix.
  const wholeScore = jaroWinkler(ta.join(''), tb.join(''));
  return Math.max(tokenScore, wholeScore >= 0.97 ? wholeScore : 0);
}

export function namesMatch(a: string, b: string): { match: boolean; score: number } {
  const score = Math.round(nameSimilarity(a, b) * 1000) / 1000;
  return { match: score >= NAME_MATCH_THRESHOLD, score };
}
