/**
 * Rule-based document checks: every verdict comes with the checks that led to
 * it, each a short sentence an officer can verify against the document in
 * front of them. The full NIK never appears in a detail (it is stored with
 * the suggestion and shown on screens where NIKs are masked by default).
 */
import { ageOn, checkKkNumber, jakartaDate, maskNik, parseNik, type NikProblem, type ParsedNik } from './nik';
import { namesMatch } from './name-match';
import type { AttachmentInput, CheckResult, DocVerdict, DocumentCheckOutput, DocumentChecker, SubmissionInput } from './types';

export const DOC_LABELS: Record<string, string> = {
  ktp: 'KTP-el',
  kk: 'Kartu Keluarga (KK)',
  akta: 'Akta kelahiran',
  surat_pengantar: 'Surat pengantar/keterangan',
  foto: 'Pas foto',
  other: 'Dokumen pendukung',
};

export const docLabel = (docType: string) => DOC_LABELS[docType] ?? docType;

/** Below the match threshold but this close, a name is more likely a typo than another person: a warning, not a failure. */
const NAME_WARN_FLOOR = 0.75;
/** Age from which a citizen must hold a KTP-el (UU 24/2013 Pasal 63). */
const ADULT_AGE = 17;

const SEX_LABEL = { L: 'laki-laki', P: 'perempuan' } as const;

/** YYYY-MM-DD → DD-MM-YYYY, the order Indonesian documents print. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** Accepts YYYY-MM-DD or DD-MM-YYYY (as printed); returns YYYY-MM-DD or null. */
function parseDocDate(value: string): string | null {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const m = /^(\d{2})[-/.](\d{2})[-/.](\d{4})$/.exec(v);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

const pass = (name: string, detail: string): CheckResult => ({ name, result: 'pass', detail });
const fail = (name: string, detail: string): CheckResult => ({ name, result: 'fail', detail });
const warn = (name: string, detail: string): CheckResult => ({ name, result: 'warn', detail });

const STRUCTURE_PROBLEMS: NikProblem[] = ['format', 'birthdate_invalid', 'birthdate_future', 'serial_zero'];

function isUnreadable(a: AttachmentInput): boolean {
  return a.readable === false || a.extracted._unreadable === '1';
}

/** Structure, region and birth-date/sex checks of one NIK; `who` says whose NIK it is in the detail. */
function nikChecks(nik: string, parsed: ParsedNik, form: Record<string, string>, who: string): CheckResult[] {
  const masked = maskNik(nik);
  const checks: CheckResult[] = [];
  if (parsed.problems.includes('format')) {
    checks.push(fail('nik_structure', `${who} ${masked || '(kosong)'} tidak terdiri dari 16 digit angka.`));
    return checks;
  }
  const structural = parsed.problems.filter((p) => STRUCTURE_PROBLEMS.includes(p));
  if (structural.includes('birthdate_invalid')) {
    const dd = nik.slice(6, 8);
    const mm = nik.slice(8, 10);
    checks.push(fail('nik_structure', `${who} ${masked}: digit tanggal lahir (${dd}/${mm}) bukan tanggal yang sah.`));
  } else if (structural.includes('birthdate_future')) {
    checks.push(fail('nik_structure', `${who} ${masked}: tanggal lahir ${formatDate(parsed.birthDate ?? '')} belum terjadi.`));
  } else if (structural.includes('serial_zero')) {
    checks.push(fail('nik_structure', `${who} ${masked}: nomor urut 0000 tidak pernah diterbitkan.`));
  } else {
    checks.push(pass('nik_structure', `${who} ${masked} terdiri dari 16 digit dengan tanggal lahir dan nomor urut yang sah.`));
  }

  if (parsed.district) {
    const d = parsed.district;
    checks.push(pass('nik_region', `Kode wilayah ${d.code} = Kec. ${d.name}, ${d.regencyName}, ${d.provinceName}.`));
  } else {
    checks.push(fail('nik_region', `Kode wilayah ${parsed.districtCode} pada ${who} tidak terdaftar dalam data wilayah Kemendagri.`));
  }

  const formDate = form.tanggal_lahir?.trim();
  const formSex = form.jenis_kelamin?.trim().toUpperCase();
  if (parsed.birthDate && parsed.sex && (formDate || formSex)) {
    const problems: string[] = [];
    if (formDate && formDate !== parsed.birthDate) {
      problems.push(`tanggal lahir pada NIK ${formatDate(parsed.birthDate)}, di formulir ${formatDate(formDate)}`);
    }
    if ((formSex === 'L' || formSex === 'P') && formSex !== parsed.sex) {
      problems.push(
        parsed.sex === 'L'
          ? `NIK menunjukkan laki-laki (hari lahir tidak ditambah 40), formulir menyebut ${SEX_LABEL[formSex]}`
          : `NIK menunjukkan perempuan (hari lahir ditambah 40), formulir menyebut ${SEX_LABEL[formSex]}`,
      );
    }
    checks.push(
      problems.length
        ? fail('nik_birthdate_sex', `Tidak sesuai: ${problems.join('; ')}.`)
        : pass(
            'nik_birthdate_sex',
            `Tanggal lahir (${formatDate(parsed.birthDate)}) dan jenis kelamin (${SEX_LABEL[parsed.sex]}) pada NIK sesuai formulir.`,
          ),
    );
  } else if (parsed.birthDate) {
    checks.push(warn('nik_birthdate_sex', 'Formulir tidak memuat tanggal lahir atau jenis kelamin untuk dibandingkan dengan NIK.'));
  }
  return checks;
}

function nameCheck(name: string, onDoc: string | undefined, inForm: string, docName: string, subject = 'Nama'): CheckResult {
  if (!onDoc?.trim()) return warn(name, `${subject} tidak terbaca dari ${docName}; periksa secara manual.`);
  if (!inForm.trim()) return warn(name, `${subject} tidak diisi di formulir; periksa secara manual.`);
  const m = namesMatch(onDoc, inForm);
  const pct = Math.round(m.score * 100);
  if (m.match) return pass(name, `${subject} di ${docName} (${onDoc.trim()}) sesuai formulir (kemiripan ${pct}%).`);
  if (m.score >= NAME_WARN_FLOOR) {
    return warn(name, `${subject} mirip tetapi tidak sama: ${docName} "${onDoc.trim()}", formulir "${inForm.trim()}" (kemiripan ${pct}%).`);
  }
  return fail(name, `${subject} berbeda: ${docName} "${onDoc.trim()}", formulir "${inForm.trim()}" (kemiripan ${pct}%).`);
}

/** Where two 16-digit numbers differ, by position: tells the officer "one typo" without showing the digits. */
function differingPositions(a: string, b: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) out.push(i + 1);
  return out;
}

export class RuleDocumentChecker implements DocumentChecker {
  check(input: SubmissionInput): DocumentCheckOutput {
    const now = input.receivedAt;
    const flags = new Set<string>();
    const formNik = parseNik(input.nik, now);
    if (!formNik.ok) flags.add('invalid_nik');

    const byType = new Map<string, AttachmentInput>();
    for (const a of input.attachments) if (!byType.has(a.docType)) byType.set(a.docType, a);
    const docTypes = [...input.requiredDocs, ...[...byType.keys()].filter((t) => !input.requiredDocs.includes(t))];
    const hasKtp = byType.has('ktp');

    const verdicts: DocVerdict[] = docTypes.map((docType) => {
      const att = byType.get(docType);
      const label = docLabel(docType);
      if (!att) {
        return {
          docType,
          attachmentId: null,
          verdict: 'missing',
          checks: [fail('required_present', `${label} wajib untuk layanan ini, tetapi belum dilampirkan.`)],
        };
      }
      if (isUnreadable(att)) {
        return {
          docType,
          attachmentId: att.id,
          verdict: 'unreadable',
          checks: [fail('readable', `${label} tidak dapat dibaca (buram, gelap, atau terpotong); perlu diunggah ulang.`)],
        };
      }
      const checks = this.checksFor(att, input, formNik, hasKtp, flags);
      return {
        docType,
        attachmentId: att.id,
        verdict: checks.some((c) => c.result === 'fail') ? 'invalid' : 'valid',
        checks,
      };
    });

    if (input.earlierSameService.length > 0) flags.add('possible_duplicate');
    if (input.serviceCode === 'pengaduan') flags.add('complaint');
    const birthDate = formNik.birthDate ?? (parseDocDate(input.form.tanggal_lahir ?? '') || null);
    if (input.serviceCode === 'akta-kelahiran' || (birthDate && ageOn(birthDate, now) < ADULT_AGE)) flags.add('minor_involved');

    const order = ['invalid_nik', 'nik_mismatch', 'possible_duplicate', 'minor_involved', 'complaint'];
    return { verdicts, flags: [...flags].sort((a, b) => order.indexOf(a) - order.indexOf(b)) };
  }

  private checksFor(
    att: AttachmentInput,
    input: SubmissionInput,
    formNik: ParsedNik,
    hasKtp: boolean,
    flags: Set<string>,
  ): CheckResult[] {
    const x = att.extracted;
    const now = input.receivedAt;
    switch (att.docType) {
      case 'ktp': {
        const docNik = x.nik?.trim() || input.nik;
        const parsed = docNik === input.nik ? formNik : parseNik(docNik, now);
        if (!parsed.ok) flags.add('invalid_nik');
        const checks = nikChecks(docNik, parsed, input.form, 'NIK');
        if (!x.nik?.trim()) {
          checks.push(warn('nik_matches_form', 'NIK tidak terbaca dari KTP; yang diperiksa adalah NIK di formulir.'));
        } else if (x.nik.trim() === input.nik.trim()) {
          checks.push(pass('nik_matches_form', `NIK pada KTP sama dengan NIK di formulir (${maskNik(input.nik)}).`));
        } else {
          flags.add('nik_mismatch');
          const diff = differingPositions(x.nik.trim(), input.nik.trim());
          const where = diff.length <= 3 ? ` pada digit ke-${diff.join(', ')}` : ` pada ${diff.length} digit`;
          checks.push(
            fail('nik_matches_form', `NIK pada KTP (${maskNik(x.nik.trim())}) berbeda dengan NIK di formulir (${maskNik(input.nik)})${where}.`),
          );
        }
        checks.push(nameCheck('name_matches_form', x.nama, input.citizenName, 'KTP'));
        const until = x.berlaku_hingga?.trim();
        if (until && until.toUpperCase() !== 'SEUMUR HIDUP') {
          const date = parseDocDate(until);
          if (!date) {
            checks.push(warn('ktp_expiry', `Masa berlaku tercetak "${until}" tidak dapat dibaca sebagai tanggal.`));
          } else if (date < jakartaDate(input.receivedAt)) {
            // UU 24/2013 Pasal 64(7): a citizen's KTP-el no longer expires, so an old printed date is a note, not a refusal.
            checks.push(
              warn('ktp_expiry', `Masa berlaku tercetak ${formatDate(date)} sudah lewat; KTP-el WNI berlaku seumur hidup (UU 24/2013 Pasal 64 ayat 7).`),
            );
          } else {
            checks.push(pass('ktp_expiry', `KTP berlaku hingga ${formatDate(date)}.`));
          }
        }
        return checks;
      }
      case 'kk': {
        const checks: CheckResult[] = [];
        const no = x.nomor_kk?.trim();
        if (!no) {
          checks.push(warn('kk_structure', 'Nomor KK tidak terbaca dari dokumen; periksa secara manual.'));
        } else {
          const kk = checkKkNumber(no);
          if (kk.problems.includes('format')) checks.push(fail('kk_structure', `Nomor KK ${maskNik(no)} tidak terdiri dari 16 digit angka.`));
          else if (!kk.district) checks.push(fail('kk_structure', `Kode wilayah ${kk.districtCode} pada nomor KK tidak terdaftar dalam data wilayah Kemendagri.`));
          else if (!kk.ok) checks.push(fail('kk_structure', `Nomor KK ${maskNik(no)}: nomor urut 0000 tidak pernah diterbitkan.`));
          else checks.push(pass('kk_structure', `Nomor KK 16 digit, kode wilayah ${kk.district.code} = Kec. ${kk.district.name}, ${kk.district.regencyName}.`));
          const formKk = input.kkNumber?.trim();
          if (!formKk) checks.push(warn('kk_matches_form', 'Nomor KK tidak diisi di formulir.'));
          else if (formKk === no) checks.push(pass('kk_matches_form', `Nomor KK pada dokumen sama dengan formulir (${maskNik(no)}).`));
          else checks.push(fail('kk_matches_form', `Nomor KK pada dokumen (${maskNik(no)}) berbeda dengan formulir (${maskNik(formKk)}).`));
        }
        const members = [x.kepala_keluarga, ...(x.anggota ?? '').split(',')].map((s) => s?.trim() ?? '').filter(Boolean);
        if (!members.length) {
          checks.push(warn('name_in_kk', 'Daftar anggota keluarga tidak terbaca dari KK; periksa secara manual.'));
        } else {
          const best = members.map((m) => ({ m, ...namesMatch(m, input.citizenName) })).sort((a, b) => b.score - a.score)[0];
          const pct = Math.round(best.score * 100);
          if (best.match) checks.push(pass('name_in_kk', `${input.citizenName} tercantum di KK sebagai "${best.m}" (kemiripan ${pct}%).`));
          else if (best.score >= NAME_WARN_FLOOR) checks.push(warn('name_in_kk', `Nama paling mirip di KK: "${best.m}" (kemiripan ${pct}%); pastikan orang yang sama.`));
          else checks.push(fail('name_in_kk', `${input.citizenName} tidak ditemukan di antara ${members.length} anggota keluarga pada KK.`));
        }
        // Without a KTP in the file (new KTP-el), the KK is where the applicant's NIK is listed: check it here.
        if (!hasKtp) checks.push(...nikChecks(input.nik, formNik, input.form, 'NIK pemohon'));
        return checks;
      }
      default: {
        const checks: CheckResult[] = [
          pass('readable', att.docType === 'foto' ? 'Pas foto terbaca; kesesuaian wajah tetap diperiksa petugas.' : `${docLabel(att.docType)} terbaca.`),
        ];
        if (x.nama_anak && input.form.nama_anak) {
          checks.push(nameCheck('child_name_matches_form', x.nama_anak, input.form.nama_anak, docLabel(att.docType), 'Nama anak'));
        }
        if (att.docType === 'surat_pengantar' && x.nama) {
          checks.push(nameCheck('name_matches_form', x.nama, input.citizenName, 'surat'));
        }
        return checks;
      }
    }
  }
}
