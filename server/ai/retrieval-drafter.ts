/**
 * The built-in drafter: BM25 retrieval over the knowledge base plus a
 * templated reply. It cannot invent facts: every statement about rules, fees
 * or times is a sentence copied from a cited article, and when nothing
 * relevant is found the draft says so and leaves the answer to the officer.
 */
import { Bm25Index, tokenize } from './bm25';
import { KNOWLEDGE_BASE, SERVICE_NAMES, type KbArticle } from './knowledge-base';
import { docLabel } from './rule-checker';
import type { Citation, DocVerdict, DocumentCheckOutput, DraftOutput, Drafter, SubmissionInput } from './types';

export type Recommendation = DraftOutput['recommendation'];

/**
 * Missing or unreadable documents come first: the citizen can fix them, and
 * asking is kinder than refusing. An invalid or mismatched NIK cannot be fixed
 * by sending another scan, so it leads to a rejection. Any other invalid
 * document (a name that does not match) is asked for again.
 */
export function recommend(checks: DocumentCheckOutput): Recommendation {
  if (checks.verdicts.some((v) => v.verdict === 'missing' || v.verdict === 'unreadable')) return 'request_info';
  if (checks.flags.includes('invalid_nik') || checks.flags.includes('nik_mismatch')) return 'reject';
  if (checks.verdicts.some((v) => v.verdict === 'invalid')) return 'request_info';
  return 'approve';
}

/** For a service without its own articles: raw BM25 score below which the best article is taken as unrelated. */
export const MIN_RELEVANT_SCORE = 6;
/** Distinct words of a purpose a sentence must use to be quoted for that purpose. */
const MIN_PURPOSE_TERMS = 2;
/** Summed IDF of the message words a sentence shares, above which it is worth quoting to the citizen. */
const MIN_RELATED_SENTENCE = 5;
/**
 * Scale of the saturating map from BM25 score to [0, 1): a score of TAU gives 0.63, 2·TAU gives 0.86.
 * A clear match on a service's own article scores about 3–12 in this knowledge base.
 */
const TAU = 3;
/** Flags that call for a person's judgement however clean the documents look. */
const CAUTION_FLAGS = ['possible_duplicate', 'minor_involved'];

/**
 * confidence = 0.35 · r + 0.65 · c − 0.05 · (caution flags), clamped to [0, 1], where
 *  r = 1 − exp(−top / TAU): how strongly the knowledge base covers the request;
 *  c = share of checks that support the recommendation, a warning counting half.
 *      For an approval that is the share of passed checks. For a request or a
 *      rejection the failed checks are the evidence and passed ones do not
 *      contradict it, so only warnings (uncertain readings) dilute it.
 * The checks weigh more because the recommendation rests on them; retrieval
 * only decides how well the reply can explain it. With no relevant article
 * the result is capped at 0.4, below any sensible auto-approve threshold.
 */
export function confidenceOf(topScore: number, checks: DocumentCheckOutput, recommendation: Recommendation, relevant: boolean): number {
  const r = 1 - Math.exp(-Math.max(0, topScore) / TAU);
  const all = checks.verdicts.flatMap((v) => v.checks);
  const passes = all.filter((c) => c.result === 'pass').length;
  const warns = all.filter((c) => c.result === 'warn').length;
  const fails = all.filter((c) => c.result === 'fail').length;
  const support = recommendation === 'approve' ? passes : passes + fails;
  const c = all.length ? (support + 0.5 * warns) / all.length : 0.5;
  const caution = checks.flags.filter((f) => CAUTION_FLAGS.includes(f)).length;
  let confidence = 0.35 * r + 0.65 * c - 0.05 * caution;
  if (!relevant) confidence = Math.min(confidence, 0.4);
  return Math.round(Math.min(1, Math.max(0, confidence)) * 1000) / 1000;
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "12 Maret 2026", in WIB. */
export function formatDateId(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3600_000);
  return `${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()}`;
}

function sentences(body: string): string[] {
  return body
    .split(/(?<=[.!?])\s+(?=[A-Z0-9("])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** What the reply needs a sentence for; the words steer which sentence of an article is quoted. */
const PURPOSE = {
  time: 'diproses diterbitkan paling lama hari kerja tanggapan',
  fee: 'biaya dipungut gratis Rp',
  requirements: 'persyaratan melampirkan syarat dokumen KTP-el Kartu Keluarga surat keterangan pengantar',
  nik: 'NIK tidak valid sesuai perbaikan data Disdukcapil',
} as const;

type Purpose = keyof typeof PURPOSE;

/** Form fields in which a citizen picks the kind of request within a service (see server/seed/data.ts and the intake schema). */
export const INTENT_FIELDS = ['jenis_permohonan', 'jenis_perubahan', 'program', 'alasan'] as const;

/** What the citizen asked for within the service, from the form: "perubahan data", "pembetulan SPPT", "PKH". Empty when the form does not say. */
export function requestIntent(form: Record<string, string>): string {
  return INTENT_FIELDS.map((k) => form[k]?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
}

/**
 * Weight of the intent score (BM25 of the form's kind of request alone) added to the weighted query score of the
 * service's own articles: enough that "perubahan data" beats an article that only shares the service's name, while
 * a message that clearly asks for something else still decides.
 */
const INTENT_WEIGHT = 2;

/** Why a document must be sent again, in words a citizen understands. */
const REASON_TEXT: Record<string, string> = {
  blurred: 'foto buram',
  too_dark: 'foto terlalu gelap',
  too_bright: 'foto terlalu terang atau silau',
  too_small: 'ukuran atau resolusi foto terlalu kecil',
  cut_off: 'sebagian dokumen terpotong',
  low_confidence: 'tulisan pada dokumen kurang jelas terbaca',
  no_text: 'tidak ada tulisan yang dapat kami baca',
  not_read: 'berkas belum dapat kami baca secara otomatis',
  unsupported_format: 'format berkas tidak dapat kami buka',
  tampered: 'berkas tampak telah disunting',
};
/** Reasons a better photo fixes. `not_read` is not one: the console's reader did not run, so a person looks at the file. */
const PHOTO_REASONS = new Set(['blurred', 'too_dark', 'too_bright', 'too_small', 'cut_off', 'low_confidence', 'no_text']);

/**
 * The line of the request for documents about one unreadable or invalid document, saying why when the reader
 * gave reasons: "KTP-el: foto buram dan terlalu gelap; mohon unggah ulang foto yang tajam, tidak terpotong, dengan
 * cahaya cukup." Null when the verdict has no reasons (the caller keeps its general sentence).
 */
export function reasonLine(v: DocVerdict): string | null {
  const reasons = [...new Set(v.reasons ?? [])];
  if (!reasons.length) return null;
  const label = docLabel(v.docType);
  const what: string[] = [];
  const advice: string[] = [];
  if (reasons.includes('wrong_document_type')) {
    // What it looked like instead, when that is a document the console knows by name (docLabel echoes unknown codes).
    const seen = v.detectedType && !['unknown', 'other', v.docType].includes(v.detectedType) ? docLabel(v.detectedType) : null;
    what.push(`berkas yang diunggah bukan ${label}${seen && seen !== v.detectedType ? `, melainkan tampak seperti ${seen}` : ''}`);
    advice.push(`mohon unggah ${label} yang benar`);
  }
  const quality = reasons.filter((r) => REASON_TEXT[r] && r !== 'tampered' && r !== 'unsupported_format');
  what.push(...quality.map((r) => REASON_TEXT[r]));
  if (reasons.includes('unsupported_format')) {
    what.push(REASON_TEXT.unsupported_format);
    advice.push('mohon unggah dalam format JPG, PNG, atau PDF');
  }
  if (reasons.includes('tampered')) {
    what.push(REASON_TEXT.tampered);
    advice.push('mohon unggah foto atau pindaian dokumen asli tanpa suntingan');
  }
  if (quality.some((r) => PHOTO_REASONS.has(r))) advice.push('mohon unggah ulang foto yang tajam, tidak terpotong, dengan cahaya cukup');
  else if (reasons.includes('not_read')) advice.push('petugas kami akan memeriksanya secara langsung');
  if (!what.length) return null;
  const list = what.length === 1 ? what[0] : `${what.slice(0, -1).join(', ')} dan ${what[what.length - 1]}`;
  return `- ${label}: ${list}${advice.length ? `; ${advice.join('; ')}` : ''}.`;
}

export class RetrievalDrafter implements Drafter {
  readonly modelName = 'layanan-bm25';
  readonly modelVersion = '1.0.0';
  private readonly articles: Map<string, KbArticle>;
  private readonly index: Bm25Index;
  private readonly serviceNames: Record<string, string>;

  constructor(opts: { articles?: KbArticle[]; serviceNames?: Record<string, string> } = {}) {
    const articles = opts.articles ?? KNOWLEDGE_BASE;
    this.articles = new Map(articles.map((a) => [a.id, a]));
    this.index = new Bm25Index(articles.map((a) => ({ id: a.id, text: `${a.title}. ${a.title}. ${a.body}` })));
    this.serviceNames = { ...SERVICE_NAMES, ...opts.serviceNames };
  }

  /**
   * Articles for a query, own-service articles first (they answer "how does my request go"), then general ones.
   * With an intent (the kind of request from the form), the service's own articles are also ranked by how well
   * they match it, so a name correction gets the perubahan-data article, not the service's registration one.
   * `score` stays the plain BM25 score of the query (the drafter's confidence reads it).
   */
  retrieve(serviceCode: string, query: string, intent = ''): { article: KbArticle; score: number }[] {
    const weight = (a: KbArticle) => (a.serviceCode === serviceCode ? 1.5 : a.serviceCode === null ? 1 : 0.6);
    const scores = (q: string) => new Map(q.trim() ? this.index.search(q, this.index.size).map((h) => [h.id, h.score]) : []);
    const plain = scores(query);
    const byIntent = scores(intent);
    return [...new Set([...plain.keys(), ...byIntent.keys()])]
      .map((id) => {
        const article = this.articles.get(id)!;
        const score = plain.get(id) ?? 0;
        const boost = article.serviceCode === serviceCode ? INTENT_WEIGHT * (byIntent.get(id) ?? 0) : 0;
        return { article, score, rank: score * weight(article) + boost };
      })
      .filter((h) => h.rank > 0)
      .sort((a, b) => b.rank - a.rank)
      .slice(0, 8)
      .map(({ article, score }) => ({ article, score }));
  }

  /**
   * The sentence that serves the purpose best, by how many of the purpose's words it uses (rarer words
   * break ties, then the citizen's own words). Without a purpose, the sentence closest to the message.
   */
  private pickSentence(article: KbArticle, purpose: Purpose | null, message: string): { text: string; terms: number; idf: number } {
    let best = { text: article.body, terms: -1, idf: -1, tie: -1 };
    for (const text of sentences(article.body)) {
      const o = this.index.overlap(purpose ? PURPOSE[purpose] : message, text);
      const tie = purpose ? this.index.overlap(message, text).idf : 0;
      const better = o.terms > best.terms || (o.terms === best.terms && (o.idf > best.idf || (o.idf === best.idf && tie > best.tie)));
      if (better) best = { text, ...o, tie };
    }
    return best;
  }

  async draft(input: SubmissionInput, checks: DocumentCheckOutput): Promise<DraftOutput> {
    const started = performance.now();
    const serviceName = this.serviceNames[input.serviceCode] ?? '';
    const query = `${serviceName} ${input.message}`;
    const hits = this.retrieve(input.serviceCode, query, requestIntent(input.form));
    const topScore = hits.reduce((m, h) => Math.max(m, h.score), 0);
    // A service the knowledge base covers is answerable by definition; anything else must match on its own words.
    const relevant = tokenize(query).length > 0 && (hits.some((h) => h.article.serviceCode === input.serviceCode) || topScore >= MIN_RELEVANT_SCORE);
    const recommendation = recommend(checks);

    const citations: Citation[] = [];
    const citeText = (article: KbArticle, passage: string): string => {
      let n = citations.findIndex((c) => c.articleId === article.id && c.passage === passage) + 1;
      if (n === 0) {
        citations.push({ articleId: article.id, title: article.title, passage });
        n = citations.length;
      }
      return `${passage} [${n}]`;
    };
    const own = hits.find((h) => h.article.serviceCode === input.serviceCode)?.article;
    const primary = relevant ? (own ?? hits[0]?.article) : undefined;
    // Where to look for a sentence: the best article first, then the service's others, then general ones.
    const candidates = (first: KbArticle | undefined): KbArticle[] => {
      const list = [first, ...hits.map((h) => h.article).filter((a) => a.serviceCode === input.serviceCode)];
      list.push(...[...this.articles.values()].filter((a) => a.serviceCode === input.serviceCode || a.serviceCode === null));
      return [...new Set(list.filter((a): a is KbArticle => a !== undefined))];
    };
    const cite = (first: KbArticle | undefined, purpose: Purpose): string => {
      if (!relevant) return '';
      for (const article of candidates(first)) {
        const s = this.pickSentence(article, purpose, input.message);
        if (s.terms >= MIN_PURPOSE_TERMS) return citeText(article, s.text);
      }
      return '';
    };

    const sex = input.form.jenis_kelamin?.trim().toUpperCase();
    const salutation = sex === 'L' ? 'Bapak' : sex === 'P' ? 'Ibu' : 'Bapak/Ibu';
    const isComplaint = input.serviceCode === 'pengaduan';
    const noun = isComplaint ? 'pengaduan' : 'permohonan';
    const lines: string[] = [`Yth. ${salutation} ${input.citizenName.trim()},`, ''];
    lines.push(
      `Terima kasih, ${noun}${serviceName && !isComplaint ? ` layanan ${serviceName}` : ''} yang Anda sampaikan pada ${formatDateId(input.receivedAt)} telah kami terima dan periksa.`,
    );
    if (input.earlierSameService.length) {
      lines.push(
        `Kami mencatat Anda pernah mengajukan ${noun} serupa (${input.earlierSameService.join(', ')}); ${noun} ini kami periksa bersama ${noun} tersebut.`,
      );
    }
    lines.push('');

    if (recommendation === 'approve') {
      // The processing time is stated once: in the cited sentence when there is one, else in the template.
      const timeSentence = cite(primary, 'time');
      const time = primary?.processingTime;
      const within = time && !timeSentence ? ` paling lama ${time}` : '';
      if (isComplaint)
        lines.push(`Pengaduan Anda telah kami catat dan akan kami tindak lanjuti bersama unit terkait${within ? ` dengan tanggapan awal${within}` : ''}.`);
      else if (checks.verdicts.length) lines.push(`Berkas Anda telah lengkap dan sesuai, sehingga permohonan akan kami proses${within}.`);
      else lines.push(`Permohonan Anda akan kami tindak lanjuti${within}.`);
      if (timeSentence) lines.push(timeSentence);
      const feeSentence = cite(primary, 'fee');
      if (feeSentence && feeSentence !== timeSentence) lines.push(feeSentence);
    } else if (recommendation === 'request_info') {
      lines.push(`Agar ${noun} dapat kami proses, mohon lengkapi atau perbaiki dokumen berikut:`);
      for (const v of checks.verdicts) {
        if (v.verdict === 'valid') continue;
        const label = docLabel(v.docType);
        const why = v.verdict === 'missing' ? null : reasonLine(v);
        if (v.verdict === 'missing') lines.push(`- ${label}: belum dilampirkan.`);
        else if (why) lines.push(why);
        else if (v.verdict === 'unreadable')
          lines.push(`- ${label}: tidak dapat dibaca; mohon unggah ulang foto atau pindaian yang jelas dan tidak terpotong.`);
        else {
          const failed = v.checks.find((c) => c.result === 'fail');
          lines.push(`- ${label}: ${failed ? failed.detail : 'tidak sesuai'} Mohon kirimkan dokumen yang benar.`);
        }
      }
      const req = cite(primary, 'requirements');
      if (req) lines.push('', req);
      lines.push('Silakan kirimkan dokumen tersebut melalui kanal yang sama dengan menyebutkan nomor tiket Anda.');
    } else {
      const nikFail = checks.verdicts.flatMap((v) => v.checks).find((c) => c.result === 'fail' && c.name.startsWith('nik_'));
      const reason = checks.flags.includes('nik_mismatch')
        ? 'NIK yang Anda isikan pada formulir tidak sama dengan NIK pada KTP-el yang dilampirkan'
        : 'NIK yang dicantumkan tidak valid';
      lines.push(`Mohon maaf, ${noun} Anda belum dapat kami proses karena ${reason}.`);
      if (nikFail) lines.push(`Hasil pemeriksaan: ${nikFail.detail}`);
      const nik = cite(this.articles.get('kb-nik-data'), 'nik');
      if (nik) lines.push(nik);
      lines.push(`Setelah data NIK diperbaiki atau dipastikan benar, Anda dapat mengajukan ${noun} kembali.`);
    }

    // What the citizen actually wrote about may be in another sentence than the template needs: quote it once.
    if (relevant && recommendation !== 'reject') {
      const related = hits
        .slice(0, 2)
        .map((h) => ({ article: h.article, ...this.pickSentence(h.article, null, input.message) }))
        .filter((r) => r.idf >= MIN_RELATED_SENTENCE && !citations.some((c) => c.passage === r.text))
        .sort((a, b) => b.idf - a.idf)[0];
      if (related) lines.push('', `Sebagai informasi: ${citeText(related.article, related.text)}`);
    }

    if (!relevant) {
      lines.push(
        '',
        'Pertanyaan Anda memerlukan penjelasan langsung dari petugas, karena informasinya belum tersedia dalam basis pengetahuan layanan kami. Petugas kami akan melengkapi jawaban ini.',
      );
    }
    if (citations.length) {
      // One entry per article, with every marker that points into it: "[1][2] Persyaratan akta kelahiran".
      const byArticle = new Map<string, { title: string; markers: string }>();
      citations.forEach((c, i) => {
        const entry = byArticle.get(c.articleId) ?? { title: c.title, markers: '' };
        entry.markers += `[${i + 1}]`;
        byArticle.set(c.articleId, entry);
      });
      lines.push('', `Rujukan: ${[...byArticle.values()].map((e) => `${e.markers} ${e.title}`).join('; ')}.`);
    }
    lines.push('', 'Hormat kami,', 'Petugas Layanan');

    return {
      draftAnswer: lines.join('\n').replace(/\n{3,}/g, '\n\n'),
      citations,
      recommendation,
      confidence: confidenceOf(topScore, checks, recommendation, relevant),
      modelName: this.modelName,
      modelVersion: this.modelVersion,
      latencyMs: Math.round(performance.now() - started),
    };
  }
}
