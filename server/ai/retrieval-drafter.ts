/**
 * The built-in drafter: BM25 retrieval over the knowledge base plus a
 * templated reply. It cannot invent facts: every statement about rules, fees
 * or times is a sentence copied from a cited article, and when nothing
 * relevant is found the draft says so and leaves the answer to the officer.
 */
import { Bm25Index, tokenize } from './bm25';
import { KNOWLEDGE_BASE, SERVICE_NAMES, type KbArticle } from './knowledge-base';
import { docLabel } from './rule-checker';
import type { Citation, DocumentCheckOutput, DraftOutput, Drafter, SubmissionInput } from './types';

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

  /** Articles for a query, own-service articles first (they answer "how does my request go"), then general ones. */
  retrieve(serviceCode: string, query: string): { article: KbArticle; score: number }[] {
    const weight = (a: KbArticle) => (a.serviceCode === serviceCode ? 1.5 : a.serviceCode === null ? 1 : 0.6);
    return this.index
      .search(query, 8)
      .map((h) => ({ article: this.articles.get(h.id)!, score: h.score }))
      .sort((a, b) => b.score * weight(b.article) - a.score * weight(a.article));
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
    const hits = this.retrieve(input.serviceCode, query);
    const topScore = hits.reduce((m, h) => Math.max(m, h.score), 0);
    // A service the knowledge base covers is answerable by definition; anything else must match on its own words.
    const relevant =
      tokenize(query).length > 0 &&
      (hits.some((h) => h.article.serviceCode === input.serviceCode) || topScore >= MIN_RELEVANT_SCORE);
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
      if (isComplaint) lines.push(`Pengaduan Anda telah kami catat dan akan kami tindak lanjuti bersama unit terkait${within ? ` dengan tanggapan awal${within}` : ''}.`);
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
        if (v.verdict === 'missing') lines.push(`- ${label}: belum dilampirkan.`);
        else if (v.verdict === 'unreadable') lines.push(`- ${label}: tidak dapat dibaca; mohon unggah ulang foto atau pindaian yang jelas dan tidak terpotong.`);
        else {
          const failed = v.checks.find((c) => c.result === 'fail');
          lines.push(`- ${label}: ${failed ? failed.detail : 'tidak sesuai'} Mohon kirimkan dokumen yang benar.`);
        }
      }
      const req = cite(primary, 'requirements');
      if (req) lines.push('', req);
      lines.push('Silakan kirimkan dokumen tersebut melalui kanal yang sama dengan menyebutkan nomor tiket Anda.');
    } else {
      const nikFail = checks.verdicts
        .flatMap((v) => v.checks)
        .find((c) => c.result === 'fail' && c.name.startsWith('nik_'));
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
