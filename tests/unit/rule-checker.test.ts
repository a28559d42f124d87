import { describe, expect, it } from 'vitest';
import { makeKkNumber, makeNik } from '@/server/ai/nik';
import { RuleDocumentChecker } from '@/server/ai/rule-checker';
import type { SubmissionInput } from '@/server/ai/types';

const nik = makeNik({ districtCode: '32.73.02', birthDate: '1990-06-05', sex: 'P', serial: 12 });
const kk = makeKkNumber({ districtCode: '32.73.02', issuedDate: '2015-03-02', serial: 45 });

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
      { id: 'a-ktp', docType: 'ktp', extracted: { nik, nama: 'SITI AMINAH', berlaku_hingga: 'SEUMUR HIDUP' } },
      { id: 'a-kk', docType: 'kk', extracted: { nomor_kk: kk, kepala_keluarga: 'Ahmad Fauzi', anggota: 'Ahmad Fauzi, Siti Aminah, Rizki Fauzi' } },
      { id: 'a-sp', docType: 'surat_pengantar', extracted: { nama: 'Siti Aminah' } },
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
    expect(ktp.checks.map((c) => c.name)).toEqual(['nik_structure', 'nik_region', 'nik_birthdate_sex', 'nik_matches_form', 'name_matches_form']);
    expect(ktp.checks.find((c) => c.name === 'nik_region')?.detail).toBe('Kode wilayah 32.73.02 = Kec. Coblong, Kota Bandung, Jawa Barat.');
  });

  it('never writes the full NIK or KK number into a detail', () => {
    const details = allDetails(checker.check(kkPerubahan({ nik: `${nik.slice(0, 15)}9` })));
    expect(details).not.toContain(nik);
    expect(details).not.toContain(kk);
    expect(details).toContain('3273********0012');
  });

  it('marks a required document that was not attached as missing', () => {
    const input = kkPerubahan();
    const out = checker.check({ ...input, attachments: input.attachments.filter((a) => a.docType !== 'surat_pengantar') });
    const sp = out.verdicts.find((v) => v.docType === 'surat_pengantar');
    expect(sp).toMatchObject({ verdict: 'missing', attachmentId: null });
    expect(sp?.checks).toEqual([expect.objectContaining({ name: 'required_present', result: 'fail' })]);
  });

  it('marks an unreadable scan as unreadable, whether flagged on the input or in the extracted fields', () => {
    const input = kkPerubahan();
    const a = checker.check({ ...input, attachments: input.attachments.map((x) => (x.docType === 'kk' ? { ...x, readable: false } : x)) });
    expect(a.verdicts.find((v) => v.docType === 'kk')?.verdict).toBe('unreadable');
    const b = checker.check({ ...input, attachments: input.attachments.map((x) => (x.docType === 'kk' ? { ...x, extracted: { _unreadable: '1' } } : x)) });
    expect(b.verdicts.find((v) => v.docType === 'kk')?.verdict).toBe('unreadable');
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
    const input = kkPerubahan({ nik: manNik });
    input.attachments[0] = { ...input.attachments[0], extracted: { ...input.attachments[0].extracted, nik: manNik } };
    const out = checker.check(input);
    const c = out.verdicts[0].checks.find((x) => x.name === 'nik_birthdate_sex');
    expect(c?.result).toBe('fail');
    expect(c?.detail).toContain('laki-laki');
  });

  it('flags invalid_nik for an unknown kecamatan code', () => {
    const bad = `3273990506900001`;
    const input = kkPerubahan({ nik: bad, form: {} });
    input.attachments[0] = { ...input.attachments[0], extracted: { ...input.attachments[0].extracted, nik: bad } };
    const out = checker.check(input);
    expect(out.flags).toContain('invalid_nik');
    expect(out.verdicts[0].checks.find((c) => c.name === 'nik_region')).toMatchObject({ result: 'fail' });
  });

  it('fails a KK that does not list the applicant', () => {
    const input = kkPerubahan();
    input.attachments[1] = { ...input.attachments[1], extracted: { ...input.attachments[1].extracted, kepala_keluarga: 'Joko Widodo', anggota: 'Joko Widodo, Sri Rahayu' } };
    const kkVerdict = checker.check(input).verdicts.find((v) => v.docType === 'kk');
    expect(kkVerdict?.verdict).toBe('invalid');
    expect(kkVerdict?.checks.find((c) => c.name === 'name_in_kk')?.result).toBe('fail');
  });

  it('only warns about an expired printed date: KTP-el is valid for life', () => {
    const input = kkPerubahan();
    input.attachments[0] = { ...input.attachments[0], extracted: { ...input.attachments[0].extracted, berlaku_hingga: '2017-08-17' } };
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
      ...kkPerubahan({ serviceCode: 'ktp-el', requiredDocs: ['kk', 'foto'], nik: teen, citizenName: 'Rizki Fauzi', form: { tanggal_lahir: '2008-01-02', jenis_kelamin: 'L' } }),
      attachments: [
        { id: 'k', docType: 'kk', extracted: { nomor_kk: kk, kepala_keluarga: 'Ahmad Fauzi', anggota: 'Ahmad Fauzi, Siti Aminah, Rizki Fauzi' } },
        { id: 'f', docType: 'foto', extracted: {} },
      ],
    });
    const kkChecks = out.verdicts[0].checks;
    expect(kkChecks.find((c) => c.name === 'nik_birthdate_sex')).toMatchObject({ result: 'fail' });
    expect(out.verdicts[0].verdict).toBe('invalid');
    expect(out.verdicts[1].verdict).toBe('valid');
  });
});
