import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrafter } from '@/server/ai/factory';
import { checkGrounding, GroundedDrafter, parseIdNumber, type GroundingContext } from '@/server/ai/grounding';
import { KNOWLEDGE_BASE } from '@/server/ai/knowledge-base';
import { OpenAiCompatibleDrafter } from '@/server/ai/openai-adapter';
import { RetrievalDrafter } from '@/server/ai/retrieval-drafter';
import type { Citation, DocVerdict, DocumentCheckOutput, DraftOutput, Drafter, SubmissionInput } from '@/server/ai/types';

const article = (id: string) => KNOWLEDGE_BASE.find((a) => a.id === id)!;
/** A citation of an article's sentence that contains `words`. */
const cite = (id: string, words: string): Citation => {
  const a = article(id);
  const passage = a.body.split(/(?<=[.!?])\s+(?=[A-Z0-9("])/).find((s) => s.includes(words));
  if (!passage) throw new Error(`no sentence with "${words}" in ${id}`);
  return { articleId: id, title: a.title, passage };
};
const valid = (docType: string): DocVerdict => ({
  docType,
  attachmentId: `a-${docType}`,
  verdict: 'valid',
  checks: [{ name: 'readable', result: 'pass', detail: 'Terbaca.' }],
});
const missing = (docType: string): DocVerdict => ({
  docType,
  attachmentId: null,
  verdict: 'missing',
  checks: [{ name: 'required_present', result: 'fail', detail: 'Dokumen wajib untuk layanan ini, tetapi belum dilampirkan.' }],
});

/** A KTP-el request citing the KTP-el requirements article (3 hari kerja, Rp 0, KK and pas foto). */
const ktpCtx = (over: Partial<GroundingContext> = {}): GroundingContext => ({
  recommendation: 'approve',
  citations: [cite('kb-ktp-el-syarat', 'paling lama 3 hari kerja')],
  articles: KNOWLEDGE_BASE,
  requiredDocs: ['kk', 'foto'],
  verdicts: [valid('kk'), valid('foto')],
  serviceCode: 'ktp-el',
  ...over,
});
const codes = (draft: string, ctx: GroundingContext) => checkGrounding(draft, ctx).problems.map((p) => p.code);

describe('checkGrounding: amounts', () => {
  it('reads Indonesian number formats', () => {
    expect(parseIdNumber('50.000')).toBe(50_000);
    expect(parseIdNumber('50.000,00')).toBe(50_000);
    expect(parseIdNumber('1,5')).toBe(1.5);
    expect(parseIdNumber('tiga')).toBe(3);
    expect(parseIdNumber('empat belas')).toBe(14);
    expect(parseIdNumber('dua puluh lima')).toBe(25);
    expect(parseIdNumber('sepuluh')).toBe(10);
  });

  it('flags a fee the cited article does not state, in any spelling, with a sentence and the excerpt', () => {
    for (const fee of ['Rp 50.000', 'Rp50.000,00', 'Rp. 50.000,-', '50 ribu rupiah', 'Rp 50 ribu']) {
      const r = checkGrounding(`Yth. Ibu Siti,\nPenerbitan KTP-el dikenakan biaya ${fee} dan selesai paling lama 3 hari kerja.`, ktpCtx());
      expect(r.ok, fee).toBe(false);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ code: 'draft_ungrounded_amount' });
      expect(r.problems[0].detail).toContain('Rp50.000');
      expect(r.problems[0].excerpt).toContain('dikenakan biaya');
    }
  });

  it('treats "gratis" and "tidak dipungut biaya" as Rp 0, grounded only where the article says so', () => {
    expect(codes('Pengurusan KTP-el gratis.', ktpCtx())).toEqual([]);
    expect(codes('Layanan ini tidak dipungut biaya apa pun.', ktpCtx())).toEqual([]);
    // The keringanan article states a threshold of Rp10 juta and no fee at all.
    const pbb = ktpCtx({ citations: [cite('kb-pbb-p2-keringanan', 'Rp10 juta')], requiredDocs: ['ktp'], verdicts: [valid('ktp')], serviceCode: 'pbb-p2' });
    expect(codes('Permohonan keringanan PBB-P2 gratis.', pbb)).toEqual(['draft_ungrounded_amount']);
    expect(codes('NJOP tidak kena pajak paling rendah Rp 10.000.000.', pbb)).toEqual([]);
    expect(codes('NJOP tidak kena pajak paling rendah Rp 15 juta.', pbb)).toEqual(['draft_ungrounded_amount']);
  });
});

describe('checkGrounding: durations', () => {
  it('flags a processing time the cited article does not state, in digits or words', () => {
    expect(codes('KTP-el Anda akan selesai paling lama 14 hari kerja.', ktpCtx())).toEqual(['draft_ungrounded_duration']);
    expect(codes('KTP-el Anda akan selesai dalam dua minggu.', ktpCtx())).toEqual(['draft_ungrounded_duration']);
    expect(codes('Mohon menunggu 1 x 24 jam.', ktpCtx())).toEqual(['draft_ungrounded_duration']);
    const r = checkGrounding('Terima kasih.\nKTP-el dapat Anda terima dalam sebulan.', ktpCtx({ recommendation: 'approve' }));
    expect(r.problems[0]).toMatchObject({ code: 'draft_ungrounded_duration', excerpt: 'KTP-el dapat Anda terima dalam sebulan.' });
  });

  it('accepts the same duration written otherwise, the service standard, and words that are not durations', () => {
    expect(codes('KTP-el diterbitkan paling lama tiga hari kerja.', ktpCtx())).toEqual([]);
    expect(codes('KTP-el diterbitkan dalam 3 hari.', ktpCtx())).toEqual([]);
    expect(codes('Kegiatan sehari-hari Anda tidak terganggu; faskes berlaku mulai tanggal 1 bulan berikutnya.', ktpCtx())).toEqual([]);
    // The service's own processing time (its standar pelayanan) is grounded even when that article is not cited.
    expect(codes('Permohonan diproses paling lama 3 hari kerja.', ktpCtx({ citations: [] }))).toEqual([]);
    expect(codes('Permohonan diproses paling lama 3 hari kerja.', ktpCtx({ citations: [], serviceCode: 'pbb-p2' }))).toEqual(['draft_ungrounded_duration']);
  });
});

describe('checkGrounding: documents', () => {
  it('flags a document asked for that is neither in the articles, the requirements nor the checks', () => {
    const r = checkGrounding('Mohon melampirkan surat pengantar RT/RW dan pas foto.', ktpCtx());
    expect(r.problems).toEqual([
      {
        code: 'draft_ungrounded_document',
        detail: expect.stringContaining('surat pengantar RT/RW'),
        excerpt: 'Mohon melampirkan surat pengantar RT/RW dan pas foto.',
      },
    ]);
    expect(codes('- Akta kelahiran: belum dilampirkan.', ktpCtx())).toEqual(['draft_ungrounded_document']);
    expect(codes('Silakan bawa NPWP Anda ke kantor kecamatan.', ktpCtx())).toEqual(['draft_ungrounded_document']);
  });

  it('accepts documents of the cited article, the service requirements and the verdicts, and mere mentions', () => {
    expect(codes('Mohon melampirkan Kartu Keluarga (KK) dan pas foto.', ktpCtx({ citations: [] }))).toEqual([]);
    // A required surat_pengantar upload stands for any cover or statement letter (here SKPWNI).
    expect(codes('Mohon melampirkan surat keterangan pindah (SKPWNI).', ktpCtx({ citations: [], requiredDocs: ['surat_pengantar'] }))).toEqual([]);
    // What the classifier saw in a wrong upload is named in the request for the right one.
    const wrong: DocVerdict = { ...valid('kk'), verdict: 'invalid', reasons: ['wrong_document_type'], detectedType: 'akta' };
    expect(codes('Berkas yang diunggah tampak seperti akta kelahiran; mohon unggah Kartu Keluarga.', ktpCtx({ verdicts: [wrong] }))).toEqual([]);
    // Naming a document without asking for it is not a requirement.
    expect(codes('Nama Anda sudah sesuai dengan akta kelahiran.', ktpCtx())).toEqual([]);
  });
});

describe('checkGrounding: the outcome against the recommendation', () => {
  const info = ktpCtx({ recommendation: 'request_info', verdicts: [missing('kk'), valid('foto')] });
  it('flags an approval while documents are requested or the request is rejected', () => {
    for (const s of [
      'Permohonan Anda telah kami setujui.',
      'Permohonan Anda disetujui.',
      'Permohonan Anda diterima dan diproses.',
      'KTP-el Anda sudah dapat diambil di kantor kecamatan.',
      'Berkas Anda telah lengkap.',
    ]) {
      const r = checkGrounding(`Yth. Ibu Siti,\n${s}\nHormat kami.`, info);
      expect(
        r.problems.map((p) => p.code),
        s,
      ).toEqual(['draft_contradicts_recommendation']);
      expect(r.problems[0].excerpt).toBe(s);
      expect(r.problems[0].detail).toContain('meminta kelengkapan dokumen');
    }
    expect(codes('Permohonan Anda telah kami setujui.', ktpCtx({ recommendation: 'reject' }))).toEqual(['draft_contradicts_recommendation']);
  });

  it('flags a refusal while approving', () => {
    expect(codes('Mohon maaf, permohonan Anda ditolak.', ktpCtx())).toEqual(['draft_contradicts_recommendation']);
    expect(codes('Permohonan Anda belum dapat kami proses karena NIK tidak valid.', ktpCtx())).toEqual(['draft_contradicts_recommendation']);
  });

  it('does not read negations, conditions or quoted rules as the outcome', () => {
    expect(codes('Mohon maaf, permohonan Anda belum dapat kami setujui karena KK belum dilampirkan.', info)).toEqual([]);
    expect(codes('Permohonan tidak disetujui sebelum berkas lengkap.', info)).toEqual([]);
    expect(codes('Agar permohonan dapat kami proses, mohon lengkapi Kartu Keluarga. KTP-el dapat diambil setelah berkas lengkap.', info)).toEqual([]);
    expect(codes('Permohonan Anda telah kami terima dan akan diproses setelah Kartu Keluarga dilampirkan.', info)).toEqual([]);
    expect(codes('Permohonan akan ditolak apabila data yang Anda berikan tidak benar.', ktpCtx())).toEqual([]);
    // "dapat dicetak sendiri" is the KK article's rule, quoted with its marker, not a statement that this KK is ready.
    const kk = cite('kb-kk-perubahan-syarat', 'dapat dicetak sendiri');
    expect(
      codes(`Sebagai informasi: ${kk.passage} [1]`, { ...info, citations: [kk], requiredDocs: ['ktp', 'kk', 'surat_pengantar'], serviceCode: 'kk-perubahan' }),
    ).toEqual([]);
    // An admin's article may state a rule the way an approval reads; quoted with its marker, it is still a rule.
    const pickup = {
      id: 'kb-loket',
      title: 'Pengambilan dokumen',
      serviceCode: 'ktp-el',
      body: 'KTP-el yang sudah dicetak dapat diambil di loket kecamatan pada jam kerja. Pengambilan tidak dipungut biaya.',
    };
    const rule: Citation = { articleId: pickup.id, title: pickup.title, passage: 'KTP-el yang sudah dicetak dapat diambil di loket kecamatan pada jam kerja.' };
    const withRule = { ...info, articles: [...KNOWLEDGE_BASE, pickup], citations: [rule] };
    expect(codes(`Mohon lengkapi Kartu Keluarga.\nSebagai informasi: ${rule.passage} [1]`, withRule)).toEqual([]);
    expect(codes('Mohon lengkapi Kartu Keluarga.\nKTP-el Anda sudah dicetak dan dapat diambil di loket.', withRule)).toEqual([
      'draft_contradicts_recommendation',
    ]);
  });
});

// ───────────────── no false alarm on the built-in drafter ─────────────────

/** The seed's kinds of messages and form choices per service (server/seed/data.ts). */
const SERVICES: Record<string, { docs: string[]; messages: string[]; forms: Record<string, string>[] }> = {
  'ktp-el': {
    docs: ['kk', 'foto'],
    messages: [
      'Selamat pagi, saya sudah berusia 17 tahun dan ingin membuat KTP-el untuk pertama kali.',
      'KTP-el saya hilang waktu di pasar, mohon penggantian. Apakah perlu surat kehilangan dari polisi?',
      'Anak saya baru 17 tahun bulan ini, mau buat KTP-el. Kapan bisa diambil?',
    ],
    forms: [{ alasan: 'baru' }, { alasan: 'hilang' }, { alasan: 'rusak' }],
  },
  'kk-perubahan': {
    docs: ['ktp', 'kk', 'surat_pengantar'],
    messages: [
      'Mohon perubahan KK karena saya baru menikah dan status perkawinan berubah.',
      'Saya ingin menambahkan anak saya yang baru lahir ke dalam Kartu Keluarga.',
      'Saya mau pisah KK dari orang tua karena sudah berkeluarga dan tinggal di Kecamatan Coblong.',
    ],
    forms: [
      { jenis_perubahan: 'perubahan status perkawinan' },
      { jenis_perubahan: 'penambahan anggota keluarga' },
      { jenis_perubahan: 'perubahan pekerjaan' },
      { jenis_perubahan: 'pisah KK' },
    ],
  },
  'akta-kelahiran': {
    docs: ['kk', 'ktp', 'surat_pengantar'],
    messages: [
      'Mohon penerbitan akta kelahiran untuk anak kami Galang.',
      'Saya terlambat mengurus akta kelahiran anak (Galang), apakah masih bisa dan perlu ke pengadilan?',
    ],
    forms: [{}],
  },
  'pindah-datang': {
    docs: ['ktp', 'kk', 'surat_pengantar'],
    messages: [
      'Saya pindah dari Garut ke Kecamatan Coblong, SKPWNI sudah ada. Mohon diproses kedatangan dan KK barunya.',
      'Kami pindah karena pekerjaan, mohon penerbitan KK dan KTP-el dengan alamat baru.',
    ],
    forms: [{ alasan_pindah: 'pekerjaan' }],
  },
  'pbb-p2': {
    docs: ['ktp'],
    messages: [
      'Mohon balik nama SPPT PBB atas tanah yang saya beli, NOP 327301000100100010.',
      'Luas bangunan di SPPT tahun 2025 tidak sesuai dengan kondisi sebenarnya, mohon pembetulan.',
      'Saya mengajukan keringanan PBB karena penghasilan menurun sejak usaha saya tutup.',
    ],
    forms: [{ jenis_permohonan: 'mutasi nama wajib pajak' }, { jenis_permohonan: 'pembetulan SPPT' }, { jenis_permohonan: 'pengurangan/keringanan' }],
  },
  bansos: {
    docs: ['ktp', 'kk'],
    messages: [
      'Saya ingin mendaftar sebagai penerima bantuan sosial PKH, suami sudah tidak bekerja sejak tahun lalu.',
      'Mohon dicek apakah keluarga kami sudah masuk DTKS, kami belum pernah menerima BPNT.',
      'Data pekerjaan saya di DTKS sudah berubah, mohon diperbarui agar bisa menerima bantuan.',
    ],
    forms: [{ program: 'PKH' }, { program: 'BPNT' }, { program: 'PBI-JK' }],
  },
  'bpjs-kesehatan': {
    docs: ['ktp', 'kk'],
    messages: [
      'Mohon didaftarkan BPJS Kesehatan PBI untuk keluarga kami, kami tidak mampu membayar iuran.',
      'Saya ingin pindah faskes dari Puskesmas Coblong ke klinik yang lebih dekat dengan rumah.',
      'Kartu BPJS saya nonaktif, mohon bantuan reaktivasi. Nomor kartu 0001234567890.',
      'Mohon perubahan data nama di kartu BPJS karena tidak sesuai dengan KTP.',
    ],
    forms: [
      { jenis_permohonan: 'pendaftaran PBI' },
      { jenis_permohonan: 'pindah faskes' },
      { jenis_permohonan: 'perubahan data' },
      { jenis_permohonan: 'reaktivasi' },
    ],
  },
  pengaduan: {
    docs: ['ktp'],
    messages: [
      'Saya sudah tiga kali datang ke kantor Kecamatan Coblong untuk perekaman KTP-el tetapi alatnya selalu rusak.',
      'Ada oknum yang meminta uang Rp 100.000 agar akta kelahiran cepat selesai. Mohon ditindaklanjuti.',
      'Pengajuan KK saya sudah lebih dari dua minggu belum ada kabar, mohon informasi.',
    ],
    forms: [{ kategori: 'pelayanan' }, { kategori: 'pungutan liar' }],
  },
};

type Kind = DocVerdict['verdict'];
const REASON_SETS: DocVerdict['reasons'][] = [['blurred'], ['too_dark', 'cut_off'], ['unsupported_format'], ['no_text', 'low_confidence'], ['not_read'], []];
function verdictOf(docType: string, kind: Kind, k: number): DocVerdict {
  if (kind === 'valid')
    return { docType, attachmentId: `a-${docType}`, verdict: 'valid', checks: [{ name: 'readable', result: k % 2 ? 'warn' : 'pass', detail: 'Terbaca.' }] };
  if (kind === 'missing') return missing(docType);
  if (kind === 'unreadable') {
    return {
      docType,
      attachmentId: `a-${docType}`,
      verdict: 'unreadable',
      reasons: REASON_SETS[k % REASON_SETS.length],
      checks: [{ name: 'readable', result: 'fail', detail: 'Tidak dapat dibaca (buram, gelap, atau terpotong); perlu diunggah ulang.' }],
    };
  }
  const reasons = ([['wrong_document_type'], ['tampered'], undefined] as const)[k % 3];
  return {
    docType,
    attachmentId: `a-${docType}`,
    verdict: 'invalid',
    reasons: reasons ? [...reasons] : undefined,
    detectedType: reasons?.[0] === 'wrong_document_type' ? (docType === 'ktp' ? 'kk' : 'ktp') : undefined,
    checks: [{ name: 'name_matches_form', result: 'fail', detail: 'Nama berbeda: KTP "SITI AMINAH", formulir "Siti Aminah Putri" (kemiripan 62%).' }],
  };
}

describe('checkGrounding on the built-in RetrievalDrafter', () => {
  it('finds nothing in its drafts over every service, kind of request, document outcome and flag', async () => {
    const drafter = new RetrievalDrafter();
    const kinds: Kind[] = ['valid', 'missing', 'unreadable', 'invalid'];
    const seen = new Set<string>();
    let k = 0;
    let n = 0;
    for (const [serviceCode, def] of Object.entries(SERVICES)) {
      for (const message of def.messages) {
        for (const form of def.forms) {
          // All valid; each document in turn missing, unreadable or invalid; and one mixed combination.
          const combos: Kind[][] = [def.docs.map(() => 'valid')];
          for (let i = 0; i < def.docs.length; i++) for (const kind of kinds.slice(1)) combos.push(def.docs.map((_, j) => (j === i ? kind : 'valid')));
          combos.push(def.docs.map((_, j) => kinds[(j + k) % kinds.length]));
          for (const combo of combos) {
            for (const flags of [[], ['invalid_nik'], ['nik_mismatch'], ['possible_duplicate']]) {
              k++;
              const checks: DocumentCheckOutput = { verdicts: def.docs.map((d, i) => verdictOf(d, combo[i], k)), flags };
              const input: SubmissionInput = {
                serviceCode,
                requiredDocs: def.docs,
                citizenName: 'Siti Aminah',
                nik: '3273014506900001',
                kkNumber: null,
                message,
                form: { jenis_kelamin: k % 3 ? 'P' : 'L', ...form },
                attachments: [],
                earlierSameService: flags.includes('possible_duplicate') ? ['LR-2026-000001'] : [],
                receivedAt: new Date('2026-03-02T03:00:00Z'),
              };
              const out = await drafter.draft(input, checks);
              seen.add(out.recommendation);
              const r = checkGrounding(out.draftAnswer, {
                recommendation: out.recommendation,
                citations: out.citations,
                articles: KNOWLEDGE_BASE,
                requiredDocs: def.docs,
                verdicts: checks.verdicts,
                serviceCode,
              });
              expect(r.problems, `${serviceCode} / ${message} / ${JSON.stringify(form)} / ${combo.join(',')} / ${flags.join(',')}\n${out.draftAnswer}`).toEqual(
                [],
              );
              n++;
            }
          }
        }
      }
    }
    expect(seen).toEqual(new Set(['approve', 'request_info', 'reject']));
    expect(n).toBeGreaterThan(1500);
  });
});

// ───────────────── GroundedDrafter ─────────────────

const input: SubmissionInput = {
  serviceCode: 'ktp-el',
  requiredDocs: ['kk', 'foto'],
  citizenName: 'Siti Nurhaliza',
  nik: '3273014506900001',
  kkNumber: '3273010101090001',
  message: 'Mohon dibuatkan KTP-el baru.',
  form: { tanggal_lahir: '1990-06-05', jenis_kelamin: 'P', alasan: 'baru' },
  attachments: [],
  earlierSameService: [],
  receivedAt: new Date('2026-03-02T03:00:00Z'),
};
const complete: DocumentCheckOutput = { verdicts: [valid('kk'), valid('foto')], flags: [] };
const noKk: DocumentCheckOutput = { verdicts: [missing('kk'), valid('foto')], flags: [] };

const fixed = (over: Partial<DraftOutput>): Drafter => ({
  draft: async () => ({
    draftAnswer: 'Yth. Ibu Siti Nurhaliza, permohonan KTP-el Anda akan kami proses paling lama 3 hari kerja.',
    citations: [cite('kb-ktp-el-syarat', 'paling lama 3 hari kerja')],
    recommendation: 'approve',
    confidence: 0.9,
    modelName: 'fake',
    modelVersion: 'fake-1',
    latencyMs: 5,
    ...over,
  }),
});

describe('GroundedDrafter', () => {
  it('passes a grounded draft through untouched', async () => {
    const out = await new GroundedDrafter(fixed({}), { articles: KNOWLEDGE_BASE }).draft(input, complete);
    expect(out).toMatchObject({ modelName: 'fake', recommendation: 'approve' });
    expect(out.flags).toBeUndefined();
  });

  it('keeps a draft with an invented fee but flags it, with the finding for the officer', async () => {
    const inner = fixed({ draftAnswer: 'Yth. Ibu Siti, KTP-el Anda selesai paling lama 3 hari kerja dengan biaya Rp 25.000.' });
    const out = await new GroundedDrafter(inner, { articles: KNOWLEDGE_BASE }).draft(input, complete);
    expect(out.modelName).toBe('fake');
    expect(out.draftAnswer).toContain('Rp 25.000');
    expect(out.flags).toEqual(['draft_ungrounded_amount']);
    expect(out.groundingProblems?.[0]).toMatchObject({ code: 'draft_ungrounded_amount', excerpt: expect.stringContaining('Rp 25.000') });
  });

  it('refuses a draft that approves while documents are missing: the built-in draft replaces it, with flags', async () => {
    const inner = fixed({
      draftAnswer: 'Yth. Ibu Siti, permohonan KTP-el Anda telah kami setujui dan dapat diambil besok.',
      recommendation: 'request_info',
      confidence: 0.5,
    });
    const out = await new GroundedDrafter(inner, { articles: KNOWLEDGE_BASE }).draft(input, noKk);
    expect(out.modelName).toBe('layanan-bm25');
    expect(out.recommendation).toBe('request_info');
    expect(out.draftAnswer).not.toContain('setujui');
    expect(out.draftAnswer).toContain('Kartu Keluarga (KK): belum dilampirkan.');
    expect(out.flags).toEqual(['draft_refused', 'draft_contradicts_recommendation']);
    expect(out.groundingProblems?.[0].excerpt).toContain('telah kami setujui');
  });
});

// ───────────────── the retry, against a fake OpenAI-compatible server ─────────────────

let replies: string[] = [];
let calls: { messages: { role: string; content: string }[] }[] = [];
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as (typeof calls)[number]);
      const draftAnswer = replies[Math.min(calls.length, replies.length) - 1];
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          model: 'qwen2.5-7b-instruct',
          choices: [
            {
              message: {
                content: JSON.stringify({
                  draftAnswer,
                  recommendation: 'approve',
                  confidence: 0.8,
                  citations: [
                    { articleId: 'kb-ktp-el-syarat', passage: 'KTP-el diterbitkan paling lama 3 hari kerja sejak perekaman dan berkas dinyatakan lengkap.' },
                    { articleId: 'kb-ktp-el-syarat', passage: 'Pengurusan KTP-el tidak dipungut biaya (Rp 0).' },
                  ],
                }),
              },
            },
          ],
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const GOOD = 'Yth. Ibu Siti Nurhaliza, berkas Anda lengkap. KTP-el diterbitkan paling lama 3 hari kerja [1] dan tidak dipungut biaya [2].';
const FEE = 'Yth. Ibu Siti Nurhaliza, berkas Anda lengkap. KTP-el diterbitkan paling lama 3 hari kerja dengan biaya administrasi Rp 50.000.';
const SLOW = 'Yth. Ibu Siti Nurhaliza, berkas Anda lengkap. KTP-el diterbitkan paling lama 14 hari kerja dan tidak dipungut biaya.';
const REFUSES = 'Yth. Ibu Siti Nurhaliza, mohon maaf permohonan KTP-el Anda ditolak karena berkas tidak lengkap.';

const model = () =>
  new GroundedDrafter(new OpenAiCompatibleDrafter({ baseUrl, model: 'qwen2.5-7b', articles: KNOWLEDGE_BASE, timeoutMs: 2000, maxRetries: 0 }), {
    articles: KNOWLEDGE_BASE,
  });

describe('GroundedDrafter around the OpenAI-compatible adapter', () => {
  it('retries once with the findings in the prompt and keeps the grounded second draft', async () => {
    calls = [];
    replies = [FEE, GOOD];
    const out = await model().draft(input, complete);
    expect(calls).toHaveLength(2);
    expect(calls[0].messages).toHaveLength(2);
    const feedback = calls[1].messages.at(-1)!;
    expect(feedback.role).toBe('user');
    expect(feedback.content).toContain('tidak lolos pemeriksaan');
    expect(feedback.content).toContain('Rp50.000');
    expect(feedback.content).toContain('biaya administrasi Rp 50.000');
    expect(out.draftAnswer).toBe(GOOD);
    expect(out.flags).toEqual(['draft_retried']);
    expect(out.modelName).toBe('qwen2.5-7b');
  });

  it('keeps the second draft with its problem codes when both are ungrounded', async () => {
    calls = [];
    replies = [FEE, SLOW];
    const out = await model().draft(input, complete);
    expect(calls).toHaveLength(2);
    expect(out.draftAnswer).toBe(SLOW);
    expect(out.flags).toEqual(['draft_retried', 'draft_ungrounded_duration']);
    expect(out.modelName).toBe('qwen2.5-7b');
  });

  it('refuses when both drafts contradict the recommendation, and falls back to the built-in draft', async () => {
    calls = [];
    replies = [REFUSES, REFUSES];
    const out = await model().draft(input, complete);
    expect(calls).toHaveLength(2);
    expect(out.modelName).toBe('layanan-bm25');
    expect(out.recommendation).toBe('approve');
    expect(out.draftAnswer).not.toContain('ditolak');
    expect(out.flags).toEqual(['draft_retried', 'draft_refused', 'draft_contradicts_recommendation']);
  });

  it('is what createDrafter builds, around either drafter', () => {
    const builtIn = createDrafter(KNOWLEDGE_BASE, {});
    expect(builtIn).toBeInstanceOf(GroundedDrafter);
    expect(builtIn.inner).toBeInstanceOf(RetrievalDrafter);
    expect(createDrafter(KNOWLEDGE_BASE, { AI_BASE_URL: baseUrl, AI_MODEL: 'm' }).inner).toBeInstanceOf(OpenAiCompatibleDrafter);
  });
});
