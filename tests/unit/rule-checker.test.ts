import { describe, expect, it } from 'vitest';
import { makeKkNumber, makeNik } from '@/server/ai/nik';
import { RuleDocumentChecker } from '@/server/ai/rule-checker';
import type { SubmissionInput } from '@/server/ai/types';
import { field, members, reading } from './reading-fixtures';

const nik = makeNik({ districtCode: '32.73.02', birthDate: '1990-06-05', sex: 'P', serial: 12 });
const kk = makeKkNumber({ districtCode: '32.73.02', issuedDate: '2015-03-02', serial: 45 });

function ktpReading(over: Record<string, string> = {}) {
  return reading('ktp', { nik, nama: 'SITI AMINAH', tanggal_lahir: '1990-06-05', jenis_kelamin: 'PEREMPUAN', berlaku_hingga: 'SEUMUR HIDUP', ...over });
}
function kkReading(
  list = members(['AHMAD FAUZI', '3273021203850001', 'KEPALA KELUARGA'], ['SITI AMINAH', nik, 'ISTRI'], ['RIZKI FAUZI', '3273020101080003', 'ANAK']),
) {
  return reading('kk', { nomor_kk: kk, kepala_keluarga: list[0]?.nama.value ?? 'AHMAD FAUZI' }, { members: list });
}
const withDoc = (input: SubmissionInput, docType: string, change: (a: SubmissionInput['attachments'][number]) => SubmissionInput['attachments'][number]) => ({
  ...input,
  attachments: input.attachments.map((a) => (a.docType === docType ? change(a) : a)),
});

function kkPerubahan(over: Partial<SubmissionInput> = {}): SubmissionInput {
  return {
    serviceCode: 'kk-perubahan',
    requiredDocs: ['ktp', 'kk', 'surat_pengantar'],
    citizenName: 'Hj. Siti Aminah',
    nik,
    kkNumber: kk,
    message: 'Mohon perubahan KK karena status perkawinan berubah.',
    form: { tanggal_lahir: '1990-06-05', jenis_kelamin: 'P' },
    attachments: [
      { id: 'a-ktp', docType: 'ktp', extracted: {}, reading: ktpReading() },
      { id: 'a-kk', docType: 'kk', extracted: {}, reading: kkReading() },
      { id: 'a-sp', docType: 'surat_pengantar', extracted: {}, reading: reading('surat_pengantar', { nama: 'SITI AMINAH', perihal: 'SURAT PENGANTAR' }) },
    ],
    earlierSameService: [],
    receivedAt: new Date('2026-03-10T03:00:00Z'),
    ...over,
  };
}

const checker = new RuleDocumentChecker();
const allDetails = (out: ReturnType<RuleDocumentChecker['check']>) => out.verdicts.flatMap((v) => v.checks.map((c) => c.detail)).join('\n');

describe('RuleDocumentChecker', () => {
  it('passes a complete, consistent file and explains the NIK in words', () => {
    const out = checker.check(kkPerubahan());
    expect(out.verdicts.map((v) => [v.docType, v.verdict])).toEqual([
      ['ktp', 'valid'],
      ['kk', 'valid'],
      ['surat_pengantar', 'valid'],
    ]);
    expect(out.flags).toEqual([]);
    const ktp = out.verdicts[0];
    expect(ktp.attachmentId).toBe('a-ktp');
    expect(ktp.checks.map((c) => c.name)).toEqual([
      'document_type',
      'nik_structure',
      'nik_region',
      'nik_birthdate_sex',
      'nik_matches_form',
      'name_matches_form',
      'ktp_consistent',
    ]);
    // The weakest key field (NIK, name), not the page's mean.
    expect(ktp.readConfidence).toBeCloseTo(0.93);
    expect(ktp.checks.find((c) => c.name === 'nik_region')?.detail).toBe('Kode wilayah 32.73.02 = Kec. Coblong, Kota Bandung, Jawa Barat.');
  });

  it('never writes the full NIK or KK number into a detail or its evidence', () => {
    const out = checker.check(kkPerubahan({ nik: `${nik.slice(0, 15)}9` }));
    const details = allDetails(out);
    expect(details).not.toContain(nik);
    expect(details).not.toContain(kk);
    expect(details).toContain('3273********0012');
    const evidence = JSON.stringify(out.verdicts.flatMap((v) => v.checks.flatMap((c) => c.evidence ?? [])));
    expect(evidence).not.toContain(nik);
    expect(evidence).not.toContain(kk);
    expect(evidence).toContain('"box"');
  });

  it('gives no verdict on content for a document nobody read, whatever the channel claims', () => {
    const input = withDoc(kkPerubahan(), 'ktp', (a) => ({ ...a, extracted: { nik, nama: 'SITI AMINAH', berlaku_hingga: 'SEUMUR HIDUP' }, reading: null }));
    const out = checker.check(input);
    expect(out.verdicts[0]).toMatchObject({ verdict: 'unreadable', reasons: ['not_read'], readConfidence: 0 });
    expect(out.flags).toContain('documents_not_read');
  });

  it('judges a picture that is not the requested document as invalid: wrong_document_type', () => {
    const scene = withDoc(kkPerubahan(), 'kk', (a) => ({
      ...a,
      extracted: { nomor_kk: kk, kepala_keluarga: 'Ahmad Fauzi', anggota: 'Siti Aminah' },
      reading: reading('unknown', {}, { typeScore: 0, meanConfidence: 0, lines: [] }),
    }));
    const kkVerdict = checker.check(scene).verdicts[1];
    expect(kkVerdict).toMatchObject({ verdict: 'invalid', reasons: ['wrong_document_type'] });
    expect(kkVerdict.checks[0].detail).toContain('tidak ada tulisan dokumen');
    const ktpAsKk = withDoc(kkPerubahan(), 'kk', (a) => ({ ...a, reading: ktpReading() }));
    const v = checker.check(ktpAsKk).verdicts[1];
    expect(v).toMatchObject({ verdict: 'invalid', detectedType: 'ktp' });
    expect(v.checks[0].detail).toContain('tampak seperti KTP-el');
    expect(checker.check(ktpAsKk).flags).toContain('wrong_document_type');
  });

  it('says why a photo cannot be read (blurred, dark, cut off) instead of judging its content', () => {
    const blurred = withDoc(kkPerubahan(), 'ktp', (a) => ({
      ...a,
      reading:
        ktpReading() && reading('unknown', {}, { quality: { width: 900, height: 600, sharpness: 2.1, brightness: 150, contrast: 30, problems: ['blurred'] } }),
    }));
    expect(checker.check(blurred).verdicts[0]).toMatchObject({ verdict: 'unreadable', reasons: ['blurred'] });
    expect(checker.check(blurred).verdicts[0].checks[0].detail).toContain('buram');
    const cut = withDoc(kkPerubahan(), 'ktp', (a) => ({ ...a, reading: { ...ktpReading(), quality: { ...ktpReading().quality, problems: ['cut_off'] } } }));
    expect(checker.check(cut).verdicts[0]).toMatchObject({ verdict: 'unreadable', reasons: ['cut_off'] });
  });

  it('sends a KTP whose NIK could not be read to a person as unreadable, not valid', () => {
    const noNik = withDoc(kkPerubahan(), 'ktp', (a) => ({ ...a, reading: reading('ktp', { nama: 'SITI AMINAH', nik: field('327302450690', 0.4) }) }));
    expect(checker.check(noNik).verdicts[0]).toMatchObject({ verdict: 'unreadable', reasons: ['low_confidence'] });
  });

  it('lets a low-confidence reading lower the verdict confidence and only warn', () => {
    const weak = withDoc(kkPerubahan(), 'ktp', (a) => ({
      ...a,
      reading: ktpReading({}) && reading('ktp', { nik: field(nik, 0.55), nama: 'SITI AMINAH', tanggal_lahir: '1990-06-05', jenis_kelamin: 'PEREMPUAN' }),
    }));
    const v = checker.check(weak).verdicts[0];
    expect(v.checks.find((c) => c.name === 'nik_matches_form')).toMatchObject({ result: 'warn' });
    expect(v.readConfidence).toBeCloseTo(0.55);
  });

  it('catches an edited KTP: the printed birth date disagrees with the NIK on the same card', () => {
    const edited = withDoc(kkPerubahan(), 'ktp', (a) => ({ ...a, reading: ktpReading({ tanggal_lahir: '1992-06-05' }) }));
    const out = checker.check(edited);
    expect(out.verdicts[0]).toMatchObject({ verdict: 'invalid', reasons: ['tampered'] });
    expect(out.verdicts[0].checks.find((c) => c.name === 'ktp_consistent')).toMatchObject({ result: 'fail' });
    expect(out.flags).toContain('document_tampered');
  });

  it("compares the channel's fields with the reading and trusts the reading", () => {
    const other = `${nik.slice(0, 12)}0099`;
    const input = withDoc(kkPerubahan(), 'ktp', (a) => ({ ...a, extracted: { nik: other } }));
    const out = checker.check(input);
    expect(out.verdicts[0].checks.find((c) => c.name === 'channel_agrees')).toMatchObject({ result: 'warn' });
    expect(out.verdicts[0].checks.find((c) => c.name === 'nik_matches_form')).toMatchObject({ result: 'pass' });
    expect(out.flags).toContain('channel_mismatch');
  });

  it('catches a KK whose QR code carries another number than the printed one', () => {
    const input = withDoc(kkPerubahan(), 'kk', (a) => ({
      ...a,
      reading: { ...kkReading(), fields: { ...kkReading().fields, qr_nomor_kk: field(`${kk.slice(0, 12)}0001`, 1) } },
    }));
    const v = checker.check(input).verdicts[1];
    expect(v.checks.find((c) => c.name === 'kk_qr')).toMatchObject({ result: 'fail' });
    expect(v.verdict).toBe('invalid');
  });

  it('marks a required document that was not attached as missing', () => {
    const input = kkPerubahan();
    const out = checker.check({ ...input, attachments: input.attachments.filter((a) => a.docType !== 'surat_pengantar') });
    const sp = out.verdicts.find((v) => v.docType === 'surat_pengantar');
    expect(sp).toMatchObject({ verdict: 'missing', attachmentId: null });
    expect(sp?.checks).toEqual([expect.objectContaining({ name: 'required_present', result: 'fail' })]);
  });

  it('flags nik_mismatch when the form NIK differs from the KTP, and says where', () => {
    const formNik = `${nik.slice(0, 15)}9`;
    const out = checker.check(kkPerubahan({ nik: formNik }));
    expect(out.flags).toContain('nik_mismatch');
    expect(out.flags).not.toContain('invalid_nik');
    const check = out.verdicts[0].checks.find((c) => c.name === 'nik_matches_form');
    expect(check).toMatchObject({ result: 'fail' });
    expect(check?.detail).toContain('digit ke-16');
    expect(out.verdicts[0].verdict).toBe('invalid');
  });

  it('catches a woman whose NIK lacks the +40 (sex disagrees with the form)', () => {
    const manNik = makeNik({ districtCode: '32.73.02', birthDate: '1990-06-05', sex: 'L', serial: 12 });
    const input = withDoc(kkPerubahan({ nik: manNik }), 'ktp', (a) => ({ ...a, reading: ktpReading({ nik: manNik, jenis_kelamin: 'LAKI-LAKI' }) }));
    const out = checker.check(input);
    const c = out.verdicts[0].checks.find((x) => x.name === 'nik_birthdate_sex');
    expect(c?.result).toBe('fail');
    expect(c?.detail).toContain('laki-laki');
  });

  it('flags invalid_nik for an unknown kecamatan code', () => {
    const bad = `3273990506900001`;
    const input = withDoc(kkPerubahan({ nik: bad, form: {} }), 'ktp', (a) => ({ ...a, reading: ktpReading({ nik: bad }) }));
    const out = checker.check(input);
    expect(out.flags).toContain('invalid_nik');
    expect(out.verdicts[0].checks.find((c) => c.name === 'nik_region')).toMatchObject({ result: 'fail' });
  });

  it('fails a KK that does not list the applicant', () => {
    const input = withDoc(kkPerubahan(), 'kk', (a) => ({
      ...a,
      reading: kkReading(members(['JOKO WIDODO', '3273021203850001'], ['SRI RAHAYU', '3273024203870002'])),
    }));
    const kkVerdict = checker.check(input).verdicts.find((v) => v.docType === 'kk');
    expect(kkVerdict?.verdict).toBe('invalid');
    expect(kkVerdict?.checks.find((c) => c.name === 'name_in_kk')?.result).toBe('fail');
  });

  it('only warns about an expired printed date: KTP-el is valid for life', () => {
    const input = withDoc(kkPerubahan(), 'ktp', (a) => ({ ...a, reading: ktpReading({ berlaku_hingga: '2017-08-17' }) }));
    const ktp = checker.check(input).verdicts[0];
    expect(ktp.checks.find((c) => c.name === 'ktp_expiry')).toMatchObject({ result: 'warn' });
    expect(ktp.verdict).toBe('valid');
  });

  it('raises possible_duplicate, complaint and minor_involved', () => {
    expect(checker.check(kkPerubahan({ earlierSameService: ['BDG-2026-000001'] })).flags).toContain('possible_duplicate');
    expect(checker.check(kkPerubahan({ serviceCode: 'pengaduan', requiredDocs: ['ktp'] })).flags).toContain('complaint');
    const teen = makeNik({ districtCode: '32.73.02', birthDate: '2010-01-01', sex: 'L', serial: 3 });
    const out = checker.check({
      ...kkPerubahan({ serviceCode: 'ktp-el', requiredDocs: ['kk', 'foto'], nik: teen, form: { tanggal_lahir: '2010-01-01', jenis_kelamin: 'L' } }),
      attachments: [],
    });
    expect(out.flags).toContain('minor_involved');
    expect(out.verdicts.map((v) => v.verdict)).toEqual(['missing', 'missing']);
  });

  it('checks the applicant NIK on the KK when the service takes no KTP (new KTP-el)', () => {
    const teen = makeNik({ districtCode: '32.73.02', birthDate: '2008-01-01', sex: 'L', serial: 3 });
    const out = checker.check({
      ...kkPerubahan({
        serviceCode: 'ktp-el',
        requiredDocs: ['kk', 'foto'],
        nik: teen,
        citizenName: 'Rizki Fauzi',
        form: { tanggal_lahir: '2008-01-02', jenis_kelamin: 'L' },
      }),
      attachments: [
        { id: 'k', docType: 'kk', extracted: {}, reading: kkReading() },
        { id: 'f', docType: 'foto', extracted: {}, reading: reading('foto', {}, { typeScore: 0.9 }) },
      ],
    });
    const kkChecks = out.verdicts[0].checks;
    expect(kkChecks.find((c) => c.name === 'nik_birthdate_sex')).toMatchObject({ result: 'fail' });
    expect(out.verdicts[0].verdict).toBe('invalid');
    expect(out.verdicts[1].verdict).toBe('valid');
  });
});
