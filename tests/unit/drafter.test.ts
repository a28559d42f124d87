import { describe, expect, it } from 'vitest';
import { Bm25Index, tokenize } from '@/server/ai/bm25';
import { KNOWLEDGE_BASE } from '@/server/ai/knowledge-base';
import { makeKkNumber, makeNik } from '@/server/ai/nik';
import { recommend, RetrievalDrafter } from '@/server/ai/retrieval-drafter';
import { RuleDocumentChecker } from '@/server/ai/rule-checker';
import type { SubmissionInput } from '@/server/ai/types';

const nik = makeNik({ districtCode: '34.04.07', birthDate: '1985-02-11', sex: 'L', serial: 77 });
const kk = makeKkNumber({ districtCode: '34.04.07', issuedDate: '2018-05-02', serial: 9 });

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
      { id: 'kk', docType: 'kk', extracted: { nomor_kk: kk, kepala_keluarga: 'Bayu Wibowo', anggota: 'Bayu Wibowo, Sri Rahayu' } },
      { id: 'ktp', docType: 'ktp', extracted: { nik, nama: 'BAYU WIBOWO', berlaku_hingga: 'SEUMUR HIDUP' } },
      { id: 'skl', docType: 'surat_pengantar', extracted: { nama_anak: 'Galang Wibowo' } },
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
    fuzzy.attachments[1] = { ...fuzzy.attachments[1], extracted: { nik, nama: 'BAYU WIBISONO', berlaku_hingga: '2019-01-01' } };
    const a = await drafter.draft(clean, checker.check(clean));
    const b = await drafter.draft(fuzzy, checker.check(fuzzy));
    expect(b.recommendation).toBe('approve');
    expect(b.confidence).toBeLessThan(a.confidence);
  });
});
