/**
 * A small Okapi BM25 index (k1 = 1.2, b = 0.75) with an Indonesian tokenizer.
 * The knowledge base is a few dozen articles, so an in-memory index built at
 * start-up is exact and instant; nothing here needs a search server.
 */

/** Function words and courtesy phrases that appear in every message and say nothing about the topic. */
export const STOPWORDS = new Set([
  'yang',
  'dan',
  'di',
  'ke',
  'dari',
  'untuk',
  'dengan',
  'ini',
  'itu',
  'saya',
  'mohon',
  'kami',
  'kita',
  'anda',
  'kamu',
  'atau',
  'pada',
  'dalam',
  'adalah',
  'akan',
  'sudah',
  'telah',
  'bisa',
  'dapat',
  'juga',
  'ada',
  'oleh',
  'sebagai',
  'karena',
  'agar',
  'supaya',
  'jika',
  'apabila',
  'bila',
  'tersebut',
  'para',
  'pak',
  'bu',
  'bapak',
  'ibu',
  'terima',
  'kasih',
  'tolong',
  'mau',
  'ingin',
  'ya',
  'saja',
  'sih',
  'dong',
  'kak',
  'min',
  'selamat',
  'pagi',
  'siang',
  'sore',
  'malam',
  'assalamualaikum',
  'wr',
  'wb',
  'hormat',
  'apa',
  'bagaimana',
  'gimana',
  'nya',
  'lagi',
  'masih',
  'belum',
  'sebagaimana',
  'sesuai',
  'secara',
  'tentang',
  'hal',
  'tsb',
  'dgn',
  'yg',
  'utk',
  'sy',
  'tidak',
  'tdk',
  'jadi',
  'kalau',
  'kalo',
  'maka',
  'setelah',
  'sebelum',
  'sejak',
  'paling',
  'lebih',
  'serta',
  'namun',
  'tetapi',
  'tapi',
  'harus',
  'wajib',
  'perlu',
  'sehingga',
  'dimana',
  'the',
  'of',
  'and',
]);

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Lowercase, punctuation to spaces, stopwords out, and the enclitic "-nya" off ("kartunya" → "kartu"). */
export function tokenize(text: string): string[] {
  return stripAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .map((t) => (t.length > 5 && t.endsWith('nya') ? t.slice(0, -3) : t))
    .filter((t) => t.length >= 2 && !STOPWORDS.has(t));
}

export type Bm25Hit = { id: string; score: number };

export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly docs: { id: string; tf: Map<string, number>; length: number }[];
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;

  constructor(documents: { id: string; text: string }[], opts: { k1?: number; b?: number } = {}) {
    this.k1 = opts.k1 ?? 1.2;
    this.b = opts.b ?? 0.75;
    this.docs = documents.map((d) => {
      const tokens = tokenize(d.text);
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return { id: d.id, tf, length: tokens.length };
    });
    this.avgLength = this.docs.reduce((n, d) => n + d.length, 0) / Math.max(1, this.docs.length);
  }

  get size(): number {
    return this.docs.length;
  }

  /** The "+1" variant of IDF (Lucene's): never negative, so a very common term cannot push a document down. */
  idf(term: string): number {
    const n = this.docs.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Documents with a positive score, best first; ties keep index order so results are deterministic. */
  search(query: string, limit = 5): Bm25Hit[] {
    const terms = [...new Set(tokenize(query))];
    const hits: Bm25Hit[] = [];
    for (const d of this.docs) {
      let score = 0;
      for (const t of terms) {
        const f = d.tf.get(t);
        if (!f) continue;
        const norm = this.k1 * (1 - this.b + (this.b * d.length) / this.avgLength);
        score += this.idf(t) * ((f * (this.k1 + 1)) / (f + norm));
      }
      if (score > 0) hits.push({ id: d.id, score });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  /** Overlap of a query with a short text (one sentence): distinct shared terms, and their summed IDF. */
  overlap(query: string, text: string): { terms: number; idf: number } {
    const q = new Set(tokenize(query));
    let terms = 0;
    let idf = 0;
    for (const t of new Set(tokenize(text))) {
      if (!q.has(t)) continue;
      terms += 1;
      idf += this.idf(t);
    }
    return { terms, idf };
  }
}
