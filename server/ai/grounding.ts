/**
 * The grounding check: before a draft reaches an officer, every fee, every
 * duration and every document it asks for is traced to the articles it cites
 * (or, for documents, to the service's requirements and the document checks),
 * and what it says about the outcome must agree with its recommendation.
 *
 * It is deliberately conservative: a statement counts as grounded when the
 * same value appears anywhere in a cited article, so it catches invented
 * numbers and documents, not paraphrases. The built-in RetrievalDrafter only
 * copies sentences of the articles it cites, so it never trips it (a test
 * runs it over every service and many document outcomes).
 *
 * GroundedDrafter wraps any Drafter with it: one retry with the findings when
 * the drafter accepts feedback; then a draft that contradicts its
 * recommendation is refused (the built-in draft replaces it), and any other
 * finding travels with the draft as flags for the officer.
 */
import type { KbArticle } from './knowledge-base';
import { RetrievalDrafter } from './retrieval-drafter';
import type {
  Citation,
  DocVerdict,
  DocumentCheckOutput,
  DraftOutput,
  Drafter,
  FeedbackDrafter,
  GroundingProblem,
  GroundingProblemCode,
  SubmissionInput,
} from './types';

export type { GroundingProblem, GroundingProblemCode };

export type GroundingContext = {
  recommendation: DraftOutput['recommendation'];
  citations: Citation[];
  /** The knowledge base the drafter answered from: cited articles are looked up here by id. */
  articles: KbArticle[];
  /** docType codes the service requires (services.required_docs). */
  requiredDocs: string[];
  verdicts: DocVerdict[];
  /** The service: its articles' processing time (the service standard) counts as grounded. */
  serviceCode?: string;
};

export type GroundingResult = { ok: boolean; problems: GroundingProblem[] };

/** Flags GroundedDrafter adds to a draft, besides the problem codes. */
export const DRAFT_RETRIED = 'draft_retried';
export const DRAFT_REFUSED = 'draft_refused';

// ───────────────────────────── numbers ─────────────────────────────

const UNITS: Record<string, number> = { nol: 0, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9 };
const UNIT_WORD = Object.keys(UNITS).join('|');
/** "tiga", "sepuluh", "sebelas", "empat belas", "dua puluh lima", "seratus". */
const WORD_NUMBER = `(?:(?:${UNIT_WORD})\\s+(?:belas|puluh(?:\\s+(?:${UNIT_WORD}))?)|sepuluh|sebelas|seratus|${UNIT_WORD})`;
/** 50.000 · 50.000,00 · 1,5 · 50000 */
const DIGITS = String.raw`\d+(?:[.,]\d+)*`;
const NUMBER = `(?:${DIGITS}|${WORD_NUMBER})`;

/** Indonesian digits ("50.000,00", "1,5") or words ("dua puluh lima") to a number; NaN when it is neither. */
export function parseIdNumber(raw: string): number {
  const s = raw.trim().toLowerCase();
  if (/^\d/.test(s)) {
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ''));
    if (/^\d+,\d+$/.test(s)) return Number(s.replace(',', '.'));
    return Number(s);
  }
  const words = s.split(/\s+/);
  if (words.length === 1) {
    if (s === 'sepuluh') return 10;
    if (s === 'sebelas') return 11;
    if (s === 'seratus') return 100;
    return UNITS[s] ?? NaN;
  }
  const first = UNITS[words[0]];
  if (first === undefined) return NaN;
  if (words[1] === 'belas') return 10 + first;
  if (words[1] === 'puluh') return first * 10 + (words[2] ? (UNITS[words[2]] ?? NaN) : 0);
  return NaN;
}

const MULTIPLIER: Record<string, number> = { ribu: 1e3, rb: 1e3, juta: 1e6, jt: 1e6, miliar: 1e9, milyar: 1e9, triliun: 1e12 };

// ───────────────────────────── amounts ─────────────────────────────

type Found = { value: string; raw: string; index: number };

const AMOUNT_PATTERNS: { re: RegExp; value: (m: RegExpExecArray) => number }[] = [
  // Rp 50.000 · Rp50.000,00 · Rp. 50.000,- · Rp 1,5 juta · Rp10 juta · Rp 0
  {
    re: new RegExp(String.raw`\brp\.?\s?(${DIGITS})(?:,-)?(?:\s*(ribu|rb|juta|jt|miliar|milyar|triliun)\b)?`, 'gi'),
    value: (m) => parseIdNumber(m[1]) * (m[2] ? MULTIPLIER[m[2].toLowerCase()] : 1),
  },
  // 50 ribu · dua juta rupiah
  {
    re: new RegExp(String.raw`\b(${NUMBER})\s+(ribu|juta|miliar|milyar|triliun)\b`, 'gi'),
    value: (m) => parseIdNumber(m[1]) * MULTIPLIER[m[2].toLowerCase()],
  },
  // 50000 rupiah
  { re: new RegExp(String.raw`\b(${NUMBER})\s+rupiah\b`, 'gi'), value: (m) => parseIdNumber(m[1]) },
  // gratis · tidak dipungut biaya · tanpa biaya · bebas biaya · tidak dikenakan biaya
  {
    re: /\b(?:gratis|cuma-cuma|tanpa\s+(?:dipungut\s+)?(?:biaya|bayaran|pungutan)|bebas\s+biaya|(?:tidak|tak)\s+(?:ada\s+)?(?:dipungut|dikenakan|dikenai|dibebankan|memungut|mengenakan)?\s*(?:biaya|bayaran|pungutan)(?:\s+apa\s*pun)?|(?:tidak|tak)\s+(?:dipungut|dikenakan|dikenai)\s+(?:biaya|bayaran|pungutan))\b/gi,
    value: () => 0,
  },
];

function findAmounts(text: string): Found[] {
  const out: Found[] = [];
  for (const p of AMOUNT_PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const v = p.value(m);
      if (Number.isFinite(v)) out.push({ value: String(Math.round(v * 100) / 100), raw: m[0], index: m.index });
    }
  }
  return out;
}

// ───────────────────────────── durations ─────────────────────────────

/** Durations on one scale per kind: working and calendar days and weeks in days, hours, months. */
const DURATION_UNIT: Record<string, [string, number]> = {
  'hari kerja': ['day', 1],
  'hari kalender': ['day', 1],
  hari: ['day', 1],
  minggu: ['day', 7],
  pekan: ['day', 7],
  jam: ['hour', 1],
  bulan: ['month', 1],
};

const DURATION_PATTERNS: { re: RegExp; value: (m: RegExpExecArray) => string | null }[] = [
  // 3 hari kerja · tiga hari · 24 jam · 2 minggu · 3 bulan (not "tanggal 1 bulan berikutnya")
  {
    re: new RegExp(String.raw`(?<!\btanggal\s)(?<!\btgl\.?\s)\b(${NUMBER})\s+(hari\s+kerja|hari\s+kalender|hari|jam|minggu|pekan|bulan)\b(?!-)`, 'gi'),
    value: (m) => {
      const n = parseIdNumber(m[1]);
      const [unit, factor] = DURATION_UNIT[m[2].toLowerCase().replace(/\s+/g, ' ')];
      return Number.isFinite(n) ? `${Math.round(n * factor * 100) / 100} ${unit}` : null;
    },
  },
  // 1 x 24 jam
  {
    re: /\b(\d+)\s*[x×]\s*24\s*jam\b/gi,
    value: (m) => `${Number(m[1]) * 24} hour`,
  },
  // sehari · seminggu · sebulan · sejam (not "sehari-hari")
  {
    re: /\bse(hari|minggu|pekan|bulan|jam)\b(?!-)/gi,
    value: (m) => {
      const [unit, factor] = DURATION_UNIT[m[1].toLowerCase()];
      return `${factor} ${unit}`;
    },
  },
];

function findDurations(text: string): Found[] {
  const out: Found[] = [];
  for (const p of DURATION_PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const v = p.value(m);
      if (v) out.push({ value: v, raw: m[0], index: m.index });
    }
  }
  return out;
}

// ───────────────────────────── documents ─────────────────────────────

type DocumentKind = { key: string; label: string; pattern: RegExp };

/** Documents a reply may ask a citizen for, as Indonesian offices name them. */
export const DOCUMENT_KINDS: DocumentKind[] = [
  { key: 'ktp', label: 'KTP-el', pattern: /\b(?:e-?ktp|ktp(?:-?el)?|kartu tanda penduduk(?: elektronik)?)\b/i },
  { key: 'kk', label: 'Kartu Keluarga', pattern: /\bkartu keluarga\b|\bKK\b/ },
  { key: 'akta_kelahiran', label: 'akta kelahiran', pattern: /\bakt[ae] kelahiran\b/i },
  { key: 'buku_nikah', label: 'buku nikah atau akta perkawinan', pattern: /\bbuku nikah\b|\bakt[ae] (?:perkawinan|nikah)\b/i },
  { key: 'akta_cerai', label: 'akta perceraian', pattern: /\bakt[ae] (?:perceraian|cerai)\b/i },
  { key: 'akta_kematian', label: 'akta kematian', pattern: /\bakt[ae] kematian\b|\bsurat keterangan kematian\b/i },
  { key: 'surat_pengantar', label: 'surat pengantar RT/RW', pattern: /\bsurat pengantar\b/i },
  { key: 'skpwni', label: 'surat keterangan pindah', pattern: /\bsurat keterangan pindah\b|\bskpwni\b|\bsurat pindah\b/i },
  { key: 'surat_kelahiran', label: 'surat keterangan kelahiran', pattern: /\bsurat keterangan (?:kelahiran|lahir)\b/i },
  { key: 'surat_kehilangan', label: 'surat keterangan kehilangan', pattern: /\bsurat (?:keterangan )?kehilangan\b/i },
  { key: 'sktm', label: 'surat keterangan tidak mampu', pattern: /\bsktm\b|\bsurat keterangan tidak mampu\b/i },
  { key: 'surat_waris', label: 'surat keterangan waris', pattern: /\bsurat keterangan (?:ahli )?waris\b/i },
  { key: 'surat_kuasa', label: 'surat kuasa', pattern: /\bsurat kuasa\b/i },
  { key: 'sptjm', label: 'SPTJM', pattern: /\bsptjm\b|\bsurat pernyataan tanggung jawab mutlak\b/i },
  { key: 'pas_foto', label: 'pas foto', pattern: /\bpas ?foto\b/i },
  { key: 'ijazah', label: 'ijazah', pattern: /\bijazah\b/i },
  { key: 'sertifikat', label: 'sertifikat tanah', pattern: /\bsertifikat\b|\bsertipikat\b/i },
  { key: 'ajb', label: 'akta jual beli', pattern: /\bakt[ae] jual beli\b|\bAJB\b/ },
  { key: 'sppt', label: 'SPPT PBB', pattern: /\bsppt\b/i },
  { key: 'npwp', label: 'NPWP', pattern: /\bnpwp\b/i },
  { key: 'paspor', label: 'paspor', pattern: /\bpaspor\b/i },
  { key: 'kia', label: 'Kartu Identitas Anak', pattern: /\bkartu identitas anak\b|\bKIA\b/ },
  { key: 'kartu_jkn', label: 'kartu BPJS Kesehatan', pattern: /\bkartu (?:bpjs|jkn|kis)\b|\bkartu indonesia sehat\b/i },
  { key: 'kks', label: 'Kartu Keluarga Sejahtera', pattern: /\bkartu keluarga sejahtera\b|\bKKS\b/ },
];

/** The document kinds a docType of the console stands for (a surat_pengantar upload is any cover or statement letter). */
const DOC_TYPE_KINDS: Record<string, string[]> = {
  ktp: ['ktp'],
  kk: ['kk'],
  akta: ['akta_kelahiran', 'buku_nikah', 'akta_cerai', 'akta_kematian'],
  surat_pengantar: ['surat_pengantar', 'skpwni', 'surat_kelahiran', 'surat_kehilangan', 'sktm', 'surat_waris', 'surat_kuasa', 'sptjm'],
  foto: ['pas_foto'],
};

/** A sentence asks for documents when it says attach, upload, send, bring, requirement, complete, or is an item of a list. */
const REQUEST_CUE =
  /\b(?:(?:di|me|ter)?lampir\w*|(?:di|meng)?unggah\w*|(?:di|me)?kirim\w*|(?:di|mem)?bawa\w*|(?:di|me)?nyertakan|sertakan|(?:per)?syarat\w*|(?:me)?lengkapi|(?:di|me)?nyerahkan|serahkan|diperlukan|dibutuhkan|siapkan|wajib)\b/i;
const LIST_ITEM = /^\s*(?:[-•*]|\d+[.)])\s/;

function kindsIn(text: string): Set<string> {
  return new Set(DOCUMENT_KINDS.filter((k) => k.pattern.test(text)).map((k) => k.key));
}

// ───────────────────────────── outcome ─────────────────────────────

const NEGATION = /\b(?:belum|tidak|tak|bukan|tdk|blm|gagal|batal)\b/i;
/** A sentence about what would happen once something is done ("dapat diambil setelah berkas lengkap"). */
const CONDITION = /\b(?:setelah|sesudah|apabila|jika|bila|bilamana|kalau|asalkan|sepanjang|begitu|selama|agar|supaya|untuk dapat)\b/i;

/**
 * Phrases that say the request is granted or done. Only "telah/sudah (kami) setujui" holds in a sentence with a
 * condition; the others describe what happens next ("diterima dan diproses setelah berkas lengkap") there.
 */
const APPROVAL_PHRASES: { re: RegExp; strong: boolean }[] = [
  { re: /\b(?:telah|sudah)\s+(?:kami\s+)?(?:setujui|disetujui|kabulkan|dikabulkan)\b/i, strong: true },
  { re: /\b(?:kami\s+)?(?:setujui|kabulkan)\b|\b(?:disetujui|dikabulkan)\b/i, strong: false },
  { re: /\b(?:telah\s+|sudah\s+)?(?:kami\s+)?(?:di)?terima\s+dan\s+(?:sedang\s+|segera\s+|akan\s+)?(?:kami\s+)?(?:di)?proses\b/i, strong: false },
  { re: /\b(?:telah|sudah)\s+(?:selesai(?:\s+(?:di)?proses)?|terbit|diterbitkan|dicetak|jadi)\b/i, strong: false },
  { re: /\bberkas\s+(?:anda\s+)?(?:telah|sudah)\s+lengkap\b/i, strong: false },
  { re: /\b(?:dapat|bisa|siap)\s+(?:segera\s+)?(?:diambil|dicetak|diunduh)\b/i, strong: false },
  { re: /\bsilakan\s+(?:mengambil|ambil)\b/i, strong: false },
];

/** Phrases that say the request is refused (not in a sentence with a condition: "akan ditolak apabila …"). */
const REJECTION_PHRASES: RegExp[] = [
  /\b(?:di|kami\s+)tolak\b/i,
  /\b(?:belum|tidak|tak)\s+(?:dapat|bisa)\s+(?:kami\s+)?(?:proses|diproses|setujui|disetujui|terima|diterima|kabulkan|dikabulkan|tindak\s*lanjuti|ditindaklanjuti)\b/i,
  /\b(?:tidak|belum)\s+(?:kami\s+)?(?:setujui|disetujui|kabulkan|dikabulkan)\b/i,
  /\btidak\s+memenuhi\s+(?:syarat|persyaratan|kriteria)\b/i,
];

const REC_LABEL: Record<DraftOutput['recommendation'], string> = {
  approve: 'menyetujui',
  request_info: 'meminta kelengkapan dokumen',
  reject: 'menolak',
};

// ───────────────────────────── the check ─────────────────────────────

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function splitSentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?;:])\s+(?=[A-Z0-9("'-])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The sentence of `text` around `index`, cut to a readable length. */
function excerptAt(text: string, index: number, length: number): string {
  const stop = text.lastIndexOf('. ', index);
  const start = Math.max(text.lastIndexOf('\n', index) + 1, stop >= 0 ? stop + 2 : 0);
  let end = text.length;
  for (const mark of ['\n', '. ']) {
    const i = text.indexOf(mark, index + length);
    if (i >= 0) end = Math.min(end, i + 1);
  }
  const s = squash(text.slice(start, end));
  if (s.length <= 200) return s;
  const from = Math.max(0, index - start - 80);
  return `…${squash(text.slice(start + from, start + from + 180))}…`;
}

function amountDetail(value: string, raw: string): string {
  const n = Number(value);
  const what = n === 0 ? `menyatakan layanan ini tanpa biaya ("${raw}")` : `menyebut biaya Rp${n.toLocaleString('id-ID')} ("${raw}")`;
  return `Draf ${what}, padahal artikel yang dikutip tidak menyebutkannya; periksa biayanya sebelum mengirim.`;
}

/** Every fee, duration and document of the draft traced to the cited articles; the outcome it states agrees with the recommendation. */
export function checkGrounding(draft: string, ctx: GroundingContext): GroundingResult {
  const byId = new Map(ctx.articles.map((a) => [a.id, a]));
  const cited = [...new Map(ctx.citations.map((c) => [c.articleId, byId.get(c.articleId)])).values()].filter((a): a is KbArticle => !!a);
  const checkTexts = ctx.verdicts.flatMap((v) => v.checks.map((c) => c.detail));
  const serviceTimes = ctx.serviceCode ? ctx.articles.filter((a) => a.serviceCode === ctx.serviceCode).map((a) => a.processingTime ?? '') : [];
  const source = [
    ...cited.flatMap((a) => [a.title, a.body, a.processingTime ?? '']),
    ...ctx.citations.map((c) => c.passage),
    ...checkTexts,
    ...serviceTimes,
  ].join('\n');

  const problems: GroundingProblem[] = [];
  const seen = new Set<string>();
  const add = (code: GroundingProblemCode, key: string, detail: string, excerpt: string) => {
    if (seen.has(`${code}:${key}`)) return;
    seen.add(`${code}:${key}`);
    problems.push({ code, detail, excerpt });
  };

  // Fees.
  const knownAmounts = new Set(findAmounts(source).map((a) => a.value));
  for (const a of findAmounts(draft)) {
    if (knownAmounts.has(a.value)) continue;
    add('draft_ungrounded_amount', a.value, amountDetail(a.value, squash(a.raw)), excerptAt(draft, a.index, a.raw.length));
  }

  // Durations.
  const knownDurations = new Set(findDurations(source).map((d) => d.value));
  for (const d of findDurations(draft)) {
    if (knownDurations.has(d.value)) continue;
    add(
      'draft_ungrounded_duration',
      d.value,
      `Draf menyebut jangka waktu "${squash(d.raw)}" yang tidak tercantum dalam artikel yang dikutip; periksa waktunya sebelum mengirim.`,
      excerptAt(draft, d.index, d.raw.length),
    );
  }

  // Documents asked for.
  const knownKinds = kindsIn(source);
  for (const docType of [...ctx.requiredDocs, ...ctx.verdicts.flatMap((v) => [v.docType, v.detectedType ?? ''])]) {
    for (const k of DOC_TYPE_KINDS[docType] ?? []) knownKinds.add(k);
  }
  for (const line of draft.split('\n')) {
    for (const sentence of splitSentences(line)) {
      if (!LIST_ITEM.test(line) && !REQUEST_CUE.test(sentence)) continue;
      for (const kind of DOCUMENT_KINDS) {
        if (knownKinds.has(kind.key) || !kind.pattern.test(sentence)) continue;
        add(
          'draft_ungrounded_document',
          kind.key,
          `Draf meminta ${kind.label}, yang tidak tercantum dalam artikel yang dikutip, persyaratan layanan, maupun hasil pemeriksaan dokumen.`,
          squash(sentence).slice(0, 200),
        );
      }
    }
  }

  // The outcome. Sentences quoted from the cited articles state rules, not this request's outcome: leave them out.
  let own = draft.replace(/\[\d+\]/g, ' ').replace(/[ \t]+/g, ' ');
  const quoted = [...ctx.citations.map((c) => c.passage), ...cited.flatMap((a) => splitSentences(a.body))].map(squash).filter((s) => s.length > 20);
  for (const q of quoted.sort((a, b) => b.length - a.length)) own = own.split(q).join('\n');
  const ownSentences = splitSentences(own);
  if (ctx.recommendation !== 'approve') {
    for (const sentence of ownSentences) {
      const hit = APPROVAL_PHRASES.map((p) => ({ p, m: p.re.exec(sentence) })).find(({ p, m }) => {
        if (!m) return false;
        const before = sentence
          .slice(Math.max(0, m.index - 40), m.index)
          .split(/\s+/)
          .slice(-4)
          .join(' ');
        if (NEGATION.test(before)) return false;
        return p.strong || !CONDITION.test(sentence);
      });
      if (!hit) continue;
      add(
        'draft_contradicts_recommendation',
        'approve',
        `Draf menyatakan permohonan disetujui atau selesai, padahal rekomendasinya ${REC_LABEL[ctx.recommendation]}.`,
        sentence.slice(0, 200),
      );
      break;
    }
  } else {
    for (const sentence of ownSentences) {
      if (CONDITION.test(sentence) || !REJECTION_PHRASES.some((re) => re.test(sentence))) continue;
      add(
        'draft_contradicts_recommendation',
        'reject',
        'Draf menyatakan permohonan ditolak atau belum dapat diproses, padahal rekomendasinya menyetujui.',
        sentence.slice(0, 200),
      );
      break;
    }
  }

  return { ok: problems.length === 0, problems };
}

/** The findings, as the retry prompt tells them to the model. */
export function groundingFeedback(problems: GroundingProblem[], recommendation: DraftOutput['recommendation']): string {
  return [
    'Draf sebelumnya tidak lolos pemeriksaan kesesuaian dengan artikel basis pengetahuan dan hasil pemeriksaan dokumen:',
    ...problems.map((p, i) => `${i + 1}. ${p.detail} Kutipan: "${p.excerpt}"`),
    'Tulis ulang draf. Sebutkan biaya, jangka waktu, dan dokumen hanya bila tercantum dalam artikel yang Anda kutip (atau dalam hasil pemeriksaan dokumen), dan kutip artikel tersebut.',
    `Rekomendasi Anda adalah ${recommendation}: draf tidak boleh menyatakan permohonan disetujui, selesai, atau dapat diambil bila rekomendasinya bukan approve, dan tidak boleh menyatakan ditolak bila rekomendasinya approve.`,
  ].join('\n');
}

export function acceptsFeedback(d: Drafter): d is FeedbackDrafter {
  return typeof (d as Partial<FeedbackDrafter>).draftWithFeedback === 'function';
}

export type GroundedDrafterOptions = {
  articles: KbArticle[];
  serviceNames?: Record<string, string>;
  /** What replaces a refused draft; the built-in RetrievalDrafter over the same articles by default. */
  fallback?: Drafter;
};

/**
 * Any Drafter, checked: a draft that fails the grounding check is retried once with the findings (when the
 * drafter accepts feedback, flag `draft_retried`); a draft that still contradicts its recommendation is refused
 * and the built-in draft is used instead (flags `draft_refused` and the codes); other findings keep the draft
 * and add their codes as flags.
 */
export class GroundedDrafter implements Drafter {
  readonly inner: Drafter;
  private readonly articles: KbArticle[];
  private readonly fallback: Drafter;

  constructor(inner: Drafter, opts: GroundedDrafterOptions) {
    this.inner = inner;
    this.articles = opts.articles;
    this.fallback =
      opts.fallback ?? (inner instanceof RetrievalDrafter ? inner : new RetrievalDrafter({ articles: opts.articles, serviceNames: opts.serviceNames }));
  }

  check(input: SubmissionInput, checks: DocumentCheckOutput, out: DraftOutput): GroundingResult {
    return checkGrounding(out.draftAnswer, {
      recommendation: out.recommendation,
      citations: out.citations,
      articles: this.articles,
      requiredDocs: input.requiredDocs,
      verdicts: checks.verdicts,
      serviceCode: input.serviceCode,
    });
  }

  async draft(input: SubmissionInput, checks: DocumentCheckOutput): Promise<DraftOutput> {
    let out = await this.inner.draft(input, checks);
    let result = this.check(input, checks, out);
    if (result.ok) return out;
    const flags = new Set(out.flags ?? []);
    let latencyMs = out.latencyMs;

    if (acceptsFeedback(this.inner)) {
      flags.add(DRAFT_RETRIED);
      try {
        const second = await this.inner.draftWithFeedback(input, checks, groundingFeedback(result.problems, out.recommendation));
        latencyMs += second.latencyMs;
        out = second;
        for (const f of second.flags ?? []) flags.add(f);
        result = this.check(input, checks, second);
        if (result.ok) return { ...second, latencyMs, flags: [...flags] };
      } catch {
        // The retry could not be made (timeout, bad answer): the first draft and its findings stand.
      }
    }

    const codes = [...new Set(result.problems.map((p) => p.code))];
    if (codes.includes('draft_contradicts_recommendation')) {
      const safe = await this.fallback.draft(input, checks);
      return {
        ...safe,
        latencyMs: latencyMs + safe.latencyMs,
        flags: [...new Set([...(safe.flags ?? []), ...flags, DRAFT_REFUSED, ...codes])],
        groundingProblems: result.problems,
      };
    }
    return { ...out, latencyMs, flags: [...new Set([...flags, ...codes])], groundingProblems: result.problems };
  }
}
