import { describe, expect, it } from 'vitest';
import { Bm25Index, tokenize } from '@/server/ai/bm25';
import { KNOWLEDGE_BASE } from '@/server/ai/knowledge-base';
import { makeKkNumber, makeNik } from '@/server/ai/nik';
import { reasonLine, recommend, requestIntent, RetrievalDrafter } from '@/server/ai/retrieval-drafter';
import { RuleDocumentChecker } from '@/server/ai/rule-checker';
import type { DocVerdict, DocumentCheckOutput, SubmissionInput } from '@/server/ai/types';
import { members, reading } from './reading-fixtures';

const nik = makeNik({ districtCode: '34.04.07', birthDate: '1985-02-11', sex: 'L', serial: 77 });
const kk = makeKkNumber({ districtCode: '34.04.07', issuedDate: '2018-05-02', serial: 9 });

function ktpReading(over: Record<string, string> = {}) {
  return reading('ktp', { nik, nama: 'BAYU WIBOWO', tanggal_lahir: '1985-02-11', jenis_kelamin: 'LAKI-LAKI', berlaku_hingga: 'SEUMUR HIDUP', ...over });
}

function akta(over: Partial<SubmissionInput> = {}): SubmissionInput {
  return {
    serviceCode: 'akta-kelahiran',
    requiredDocs: ['kk', 'ktp', 'surat_pengantar'],
    citizenName: 'Bayu Wibowo',
    nik,
    kkNumber: kk,
    message: 'Mohon penerbitan akta kelahiran untuk anak kami Galang Wibowo.',
    form: { tanggal_lahir: '1985-02-11', jenis_kelamin: 'L', nama_anak: 'Galang Wibowo' },
    attachments: [
      {
        id: 'kk',
        docType: 'kk',
        extracted: {},
        reading: reading(
          'kk',
          { nomor_kk: kk, kepala_keluarga: 'BAYU WIBOWO' },
          { members: members(['BAYU WIBOWO', nik, 'KEPALA KELUARGA'], ['SRI RAHAYU', '3404075506870002', 'ISTRI']) },
        ),
      },
      { id: 'ktp', docType: 'ktp', extracted: {}, reading: ktpReading() },
      { id: 'skl', docType: 'surat_pengantar', extracted: {}, reading: reading('surat_pengantar', { nama_anak: 'GALANG WIBOWO' }) },
    ],
    earlierSameService: [],
    receivedAt: new Date('2026-03-02T02:00:00Z'),
    ...over,
  };
}

const checker = new RuleDocumentChecker();
const drafter = new RetrievalDrafter();

describe('bm25', () => {
  it('drops stopwords and punctuation, and ranks the matching document first', () => {
    expect(tokenize('Mohon, saya ingin membuat KTP-el!')).toEqual(['membuat', 'ktp', 'el']);
    const index = new Bm25Index([
      { id: 'a', text: 'akta kelahiran anak' },
      { id: 'b', text: 'pajak bumi dan bangunan' },
    ]);
    expect(index.search('akta anak saya').map((h) => h.id)).toEqual(['a']);
    expect(index.search('vaksin rabies')).toEqual([]);
  });
});

describe('RetrievalDrafter', () => {
  it('approves a complete request, greets the citizen and cites knowledge-base sentences', async () => {
    const input = akta();
    const checks = checker.check(input);
    const out = await drafter.draft(input, checks);
    expect(out.recommendation).toBe('approve');
    expect(out.modelName).toBe('layanan-bm25');
    expect(out.modelVersion).toBe('1.0.0');
    expect(out.draftAnswer.startsWith('Yth. Bapak Bayu Wibowo,')).toBe(true);
    expect(out.citations.length).toBeGreaterThan(0);
    const ids = new Set(KNOWLEDGE_BASE.map((a) => a.id));
    out.citations.forEach((c, i) => {
      expect(ids.has(c.articleId)).toBe(true);
      // Every citation is a sentence of its article, quoted in the draft with its marker.
      expect(KNOWLEDGE_BASE.find((a) => a.id === c.articleId)?.body).toContain(c.passage);
      expect(out.draftAnswer).toContain(`${c.passage} [${i + 1}]`);
    });
    expect(out.citations[0].articleId).toBe('kb-akta-kelahiran-syarat');
    expect(out.draftAnswer).toMatch(/5 hari kerja/);
    expect(out.confidence).toBeGreaterThan(0.8);
    expect(out.confidence).toBeLessThanOrEqual(1);
    expect(Number.isInteger(out.latencyMs)).toBe(true);
  });

  it('asks for the missing document by name', async () => {
    const input = akta();
    input.attachments = input.attachments.filter((a) => a.docType !== 'kk');
    const out = await drafter.draft(input, checker.check(input));
    expect(out.recommendation).toBe('request_info');
    expect(out.draftAnswer).toContain('Kartu Keluarga (KK): belum dilampirkan.');
    expect(out.citations.some((c) => /Persyaratan akta kelahiran/.test(c.passage) || c.passage.includes('Kartu Keluarga'))).toBe(true);
  });

  it('rejects a NIK that does not match the KTP and explains why, without the full NIK', async () => {
    const input = akta({ nik: `${nik.slice(0, 15)}1` });
    const out = await drafter.draft(input, checker.check(input));
    expect(out.recommendation).toBe('reject');
    expect(out.draftAnswer).toContain('tidak sama dengan NIK pada KTP-el');
    expect(out.draftAnswer).not.toContain(nik);
    expect(out.citations.map((c) => c.articleId)).toContain('kb-nik-data');
  });

  it('says it does not know when nothing in the knowledge base is relevant, with low confidence', async () => {
    const input = akta({
      serviceCode: 'izin-keramaian',
      requiredDocs: [],
      attachments: [],
      message: 'Kapan jadwal vaksinasi rabies gratis untuk kucing peliharaan di taman kota?',
    });
    const out = await drafter.draft(input, checker.check(input));
    expect(out.citations).toEqual([]);
    expect(out.confidence).toBeLessThanOrEqual(0.4);
    expect(out.draftAnswer).toContain('belum tersedia dalam basis pengetahuan');
  });

  it('recommends by the documents: missing before a bad NIK, a bad NIK before other defects', () => {
    const v = (docType: string, verdict: 'valid' | 'invalid' | 'unreadable' | 'missing') => ({ docType, attachmentId: null, verdict, checks: [] });
    expect(recommend({ verdicts: [v('ktp', 'valid')], flags: [] })).toBe('approve');
    expect(recommend({ verdicts: [v('ktp', 'invalid'), v('kk', 'missing')], flags: ['invalid_nik'] })).toBe('request_info');
    expect(recommend({ verdicts: [v('ktp', 'invalid')], flags: ['nik_mismatch'] })).toBe('reject');
    expect(recommend({ verdicts: [v('kk', 'invalid')], flags: [] })).toBe('request_info');
  });

  it('is less confident when checks only warn than when they pass', async () => {
    const clean = akta();
    const fuzzy = akta();
    fuzzy.attachments[1] = { ...fuzzy.attachments[1], reading: ktpReading({ nama: 'BAYU WIBISONO', berlaku_hingga: '2019-01-01' }) };
    const a = await drafter.draft(clean, checker.check(clean));
    const b = await drafter.draft(fuzzy, checker.check(fuzzy));
    expect(b.recommendation).toBe('approve');
    expect(b.confidence).toBeLessThan(a.confidence);
  });
});

describe('RetrievalDrafter follows the kind of request within a service', () => {
  const valid = (docType: string): DocVerdict => ({
    docType,
    attachmentId: docType,
    verdict: 'valid',
    checks: [{ name: 'readable', result: 'pass', detail: 'Terbaca.' }],
  });
  const clean: DocumentCheckOutput = { verdicts: [valid('ktp'), valid('kk')], flags: [] };
  const request = (serviceCode: string, message: string, form: Record<string, string> = {}): SubmissionInput => ({
    serviceCode,
    requiredDocs: ['ktp', 'kk'],
    citizenName: 'Dewi Lestari',
    nik,
    kkNumber: kk,
    message,
    form: { jenis_kelamin: 'P', ...form },
    attachments: [],
    earlierSameService: [],
    receivedAt: new Date('2026-03-02T02:00:00Z'),
  });

  it('reads the kind of request from the form', () => {
    expect(requestIntent({ jenis_permohonan: ' perubahan data ', nama: 'x' })).toBe('perubahan data');
    expect(requestIntent({ program: 'PKH', jenis_kelamin: 'P' })).toBe('PKH');
    expect(requestIntent({})).toBe('');
  });

  it('cites the perubahan-data article first for a BPJS Kesehatan name correction, not PBI registration', async () => {
    for (const [message, form] of [
      ['Mohon perubahan data nama di kartu BPJS karena tidak sesuai dengan KTP.', { jenis_permohonan: 'perubahan data' }],
      ['Nama saya salah di kartu BPJS, mohon koreksi nama sesuai KTP-el.', {}],
    ] as const) {
      const out = await drafter.draft(request('bpjs-kesehatan', message, form), clean);
      expect(out.citations[0]?.articleId, message).toBe('kb-bpjs-perubahan-data');
      expect(out.citations.map((c) => c.articleId)).not.toContain('kb-bpjs-pbi');
    }
  });

  it('lets the form choose between the service articles when the message does not say', async () => {
    const expected: Record<string, string> = {
      'pendaftaran PBI': 'kb-bpjs-pbi',
      'pindah faskes': 'kb-bpjs-pindah-faskes',
      'perubahan data': 'kb-bpjs-perubahan-data',
      reaktivasi: 'kb-bpjs-reaktivasi',
    };
    for (const [jenis, article] of Object.entries(expected)) {
      const out = await drafter.draft(request('bpjs-kesehatan', 'Mohon bantuan untuk kartu BPJS Kesehatan saya.', { jenis_permohonan: jenis }), clean);
      expect(out.citations[0]?.articleId, jenis).toBe(article);
    }
  });

  it('cites the pembetulan SPPT article for a PBB-P2 correction, and the programme article for bansos', async () => {
    const pbb = await drafter.draft(
      request('pbb-p2', 'Luas bangunan di SPPT tahun 2025 tidak sesuai dengan kondisi sebenarnya, mohon pembetulan.', { jenis_permohonan: 'pembetulan SPPT' }),
      clean,
    );
    expect(pbb.citations[0]?.articleId).toBe('kb-pbb-p2-pembetulan');
    expect(pbb.draftAnswer).toContain('7 hari kerja');
    const mutasi = await drafter.draft(
      request('pbb-p2', 'Mohon balik nama SPPT PBB atas tanah yang saya beli.', { jenis_permohonan: 'mutasi nama wajib pajak' }),
      clean,
    );
    expect(mutasi.citations[0]?.articleId).toBe('kb-pbb-p2-mutasi');
    const bpnt = await drafter.draft(
      request('bansos', 'Mohon dicek apakah keluarga kami sudah masuk DTKS, kami belum pernah menerima BPNT.', { program: 'BPNT' }),
      clean,
    );
    expect(bpnt.citations[0]?.articleId).toBe('kb-bansos-bpnt');
    const married = await drafter.draft(
      request('kk-perubahan', 'Mohon perubahan KK karena saya baru menikah.', { jenis_perubahan: 'perubahan status perkawinan' }),
      clean,
    );
    expect(married.citations[0]?.articleId).toBe('kb-kk-status-perkawinan');
  });

  it('works on the articles it is given (as admins edit them), not on built-in ids', async () => {
    const own = new RetrievalDrafter({
      articles: [
        {
          id: 'a1',
          title: 'Pendaftaran peserta JKN',
          serviceCode: 'bpjs-kesehatan',
          body: 'Pendaftaran peserta baru melampirkan KTP-el dan Kartu Keluarga. Pendaftaran diproses paling lama 2 hari kerja.',
        },
        {
          id: 'a2',
          title: 'Koreksi data peserta',
          serviceCode: 'bpjs-kesehatan',
          body: 'Koreksi nama peserta mengikuti data pada KTP-el. Koreksi diproses paling lama 1 hari kerja.',
        },
      ],
    });
    const byForm = await own.draft(request('bpjs-kesehatan', 'Mohon bantuan kartu BPJS saya.', { jenis_permohonan: 'koreksi data' }), clean);
    expect(byForm.citations[0]?.articleId).toBe('a2');
    expect(byForm.draftAnswer).toContain('1 hari kerja');
    const byForm2 = await own.draft(request('bpjs-kesehatan', 'Mohon bantuan kartu BPJS saya.', { jenis_permohonan: 'pendaftaran' }), clean);
    expect(byForm2.citations[0]?.articleId).toBe('a1');
  });
});

describe('RetrievalDrafter says why a document must be sent again', () => {
  const bpjs = (verdicts: DocVerdict[]): SubmissionInput => ({
    serviceCode: 'bpjs-kesehatan',
    requiredDocs: ['ktp', 'kk'],
    citizenName: 'Dewi Lestari',
    nik,
    kkNumber: kk,
    message: 'Mohon perubahan data nama di kartu BPJS.',
    form: { jenis_kelamin: 'P', jenis_permohonan: 'perubahan data' },
    attachments: verdicts.map((v) => ({ id: v.attachmentId, docType: v.docType as 'ktp', extracted: {}, reading: null })),
    earlierSameService: [],
    receivedAt: new Date('2026-03-02T02:00:00Z'),
  });
  const fail = [{ name: 'readable', result: 'fail' as const, detail: 'Tidak dapat dibaca.' }];

  it("names the reader's reasons in plain Indonesian, with what to do", async () => {
    const verdicts: DocVerdict[] = [
      { docType: 'ktp', attachmentId: 'k', verdict: 'unreadable', reasons: ['blurred'], checks: fail },
      { docType: 'kk', attachmentId: 'c', verdict: 'invalid', reasons: ['wrong_document_type'], detectedType: 'ktp', checks: fail },
    ];
    const out = await drafter.draft(bpjs(verdicts), { verdicts, flags: [] });
    expect(out.recommendation).toBe('request_info');
    expect(out.draftAnswer).toContain('- KTP-el: foto buram; mohon unggah ulang foto yang tajam, tidak terpotong, dengan cahaya cukup.');
    expect(out.draftAnswer).toContain(
      '- Kartu Keluarga (KK): berkas yang diunggah bukan Kartu Keluarga (KK), melainkan tampak seperti KTP-el; mohon unggah Kartu Keluarga (KK) yang benar.',
    );
  });

  it('joins several reasons, explains formats and edited files, and keeps the general sentence without reasons', () => {
    const v = (reasons: DocVerdict['reasons'], verdict: DocVerdict['verdict'] = 'unreadable'): DocVerdict => ({
      docType: 'ktp',
      attachmentId: 'k',
      verdict,
      reasons,
      checks: fail,
    });
    expect(reasonLine(v(['too_dark', 'cut_off']))).toBe(
      '- KTP-el: foto terlalu gelap dan sebagian dokumen terpotong; mohon unggah ulang foto yang tajam, tidak terpotong, dengan cahaya cukup.',
    );
    expect(reasonLine(v(['unsupported_format']))).toBe('- KTP-el: format berkas tidak dapat kami buka; mohon unggah dalam format JPG, PNG, atau PDF.');
    expect(reasonLine(v(['tampered'], 'invalid'))).toBe(
      '- KTP-el: berkas tampak telah disunting; mohon unggah foto atau pindaian dokumen asli tanpa suntingan.',
    );
    // The console's reader did not run: nothing for the citizen to fix, a person looks at the file.
    expect(reasonLine(v(['not_read']))).toBe('- KTP-el: berkas belum dapat kami baca secara otomatis; petugas kami akan memeriksanya secara langsung.');
    // An upload the classifier did not recognise at all is only said not to be the document asked for.
    expect(reasonLine({ ...v(['wrong_document_type'], 'invalid'), docType: 'kk', detectedType: 'unknown' })).toBe(
      '- Kartu Keluarga (KK): berkas yang diunggah bukan Kartu Keluarga (KK); mohon unggah Kartu Keluarga (KK) yang benar.',
    );
    expect(reasonLine(v([]))).toBeNull();
    expect(reasonLine(v(undefined))).toBeNull();
  });
});
