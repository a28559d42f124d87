/**
 * Document checks on what the console itself read from each file. Every
 * verdict comes with the checks that led to it, each a sentence an officer
 * can verify against the highlighted place on the image. Order of judgement:
 * not read → unreadable pixels → wrong kind of document → cut off or read
 * with too little confidence → content checks. Only a document of the right
 * type, read clearly, whose key fields were read with confidence and pass
 * every check, is `valid`. Fields the channel sent are compared with the
 * reading and never stand in for it. Full NIKs never appear in a detail.
 */
import type { CheckEvidence, DocVerdict, ReadField, UnreadableReason } from '@/db/schema';
import { MIN_READ_CONFIDENCE_FOR_AUTO } from '@/lib/policy-rules';
import { channelEvidence, differingPositions, docEvidence, docLabel, fail, formatDate, parseDocDate, pass, pct, warn } from './check-helpers';
import { normalizeKkNumber, normalizeNik } from '@/lib/nik';
import { namesMatch } from './name-match';
import { ageOn, checkKkNumber, jakartaDate, maskNik, parseNik, type NikProblem, type ParsedNik } from './nik';
import type { AttachmentInput, CheckResult, DocumentAnalysis, DocumentCheckOutput, DocumentChecker, SubmissionInput } from './types';

export { DOC_LABELS, docLabel, formatDate } from './check-helpers';

/** Below the match threshold but this close, a name is more likely a typo than another person: a warning, not a failure. */
const NAME_WARN_FLOOR = 0.75;
/** Age from which a citizen must hold a KTP-el (UU 24/2013 Pasal 63). */
const ADULT_AGE = 17;
/** A field read with less confidence than this cannot make a check pass: it becomes a warning to look. */
export const FIELD_MIN_CONFIDENCE = 0.7;
/** How sure a document-type classification must be before the checks read its fields as that type. */
const TYPE_MIN_SCORE = 0.3;

const SEX_LABEL = { L: 'laki-laki', P: 'perempuan' } as const;
const STRUCTURE_PROBLEMS: NikProblem[] = ['format', 'birthdate_invalid', 'birthdate_future', 'serial_zero'];

const REASON_TEXT: Record<UnreadableReason, string> = {
  blurred: 'gambar buram',
  too_dark: 'gambar terlalu gelap',
  too_bright: 'gambar terlalu terang/silau',
  too_small: 'gambar terlalu kecil',
  cut_off: 'dokumen terpotong atau tidak utuh',
  low_confidence: 'tulisan tidak terbaca dengan jelas',
  no_text: 'tidak ada tulisan yang terbaca',
  not_read: 'dokumen belum dibaca mesin',
  unsupported_format: 'format berkas tidak dapat dibaca',
};
const PIXEL_PROBLEMS: UnreadableReason[] = ['blurred', 'too_dark', 'too_bright', 'too_small'];

/** Structure, region and birth-date/sex checks of one NIK; `who` says whose NIK it is in the detail. */
function nikChecks(nik: string, parsed: ParsedNik, form: Record<string, string>, who: string, field?: ReadField): CheckResult[] {
  const masked = maskNik(nik);
  const ev = field ? docEvidence('nik', field) : [];
  const checks: CheckResult[] = [];
  if (parsed.problems.includes('format')) {
    checks.push(fail('nik_structure', `${who} ${masked || '(kosong)'} tidak terdiri dari 16 digit angka.`, ev));
    return checks;
  }
  const structural = parsed.problems.filter((p) => STRUCTURE_PROBLEMS.includes(p));
  if (structural.includes('birthdate_invalid')) {
    checks.push(fail('nik_structure', `${who} ${masked}: digit tanggal lahir (${nik.slice(6, 8)}/${nik.slice(8, 10)}) bukan tanggal yang sah.`, ev));
  } else if (structural.includes('birthdate_future')) {
    checks.push(fail('nik_structure', `${who} ${masked}: tanggal lahir ${formatDate(parsed.birthDate ?? '')} belum terjadi.`, ev));
  } else if (structural.includes('serial_zero')) {
    checks.push(fail('nik_structure', `${who} ${masked}: nomor urut 0000 tidak pernah diterbitkan.`, ev));
  } else {
    checks.push(pass('nik_structure', `${who} ${masked} terdiri dari 16 digit dengan tanggal lahir dan nomor urut yang sah.`, ev));
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
    if (formDate && formDate !== parsed.birthDate) problems.push(`tanggal lahir pada NIK ${formatDate(parsed.birthDate)}, di formulir ${formatDate(formDate)}`);
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
        : pass('nik_birthdate_sex', `Tanggal lahir (${formatDate(parsed.birthDate)}) dan jenis kelamin (${SEX_LABEL[parsed.sex]}) pada NIK sesuai formulir.`),
    );
  } else if (parsed.birthDate) {
    checks.push(warn('nik_birthdate_sex', 'Formulir tidak memuat tanggal lahir atau jenis kelamin untuk dibandingkan dengan NIK.'));
  }
  return checks;
}

function nameCheck(name: string, onDoc: ReadField | undefined, inForm: string, docName: string, subject = 'Nama', field = 'nama'): CheckResult {
  const ev = docEvidence(field, onDoc);
  if (!onDoc?.value.trim()) return warn(name, `${subject} tidak terbaca dari ${docName}; periksa secara manual.`);
  if (!inForm.trim()) return warn(name, `${subject} tidak diisi di formulir; periksa secara manual.`, ev);
  const m = namesMatch(onDoc.value, inForm);
  const read = onDoc.value.trim();
  if (m.match && onDoc.confidence < FIELD_MIN_CONFIDENCE) {
    return warn(name, `${subject} di ${docName} terbaca "${read}" dengan keyakinan rendah (${pct(onDoc.confidence)}); pastikan pada gambar.`, ev);
  }
  if (m.match) return pass(name, `${subject} di ${docName} (${read}) sesuai formulir (kemiripan ${pct(m.score)}).`, ev);
  if (m.score >= NAME_WARN_FLOOR)
    return warn(name, `${subject} mirip tetapi tidak sama: ${docName} "${read}", formulir "${inForm.trim()}" (kemiripan ${pct(m.score)}).`, ev);
  return fail(name, `${subject} berbeda: ${docName} "${read}", formulir "${inForm.trim()}" (kemiripan ${pct(m.score)}).`, ev);
}

/** The channel's own fields, where sent, compared with the reading: a disagreement is shown, never resolved in the channel's favour. */
function channelCheck(att: AttachmentInput, reading: DocumentAnalysis, flags: Set<string>): CheckResult | null {
  const x = att.extracted;
  const compared: { field: string; ok: boolean }[] = [];
  const evidence = [];
  for (const field of ['nik', 'nomor_kk', 'nama', 'kepala_keluarga', 'tanggal_lahir', 'nama_anak']) {
    const sent = x[field]?.trim();
    const read = reading.fields[field];
    if (!sent || !read) continue;
    const ok =
      field === 'nik' || field === 'nomor_kk'
        ? (normalizeNik(sent) ?? sent) === read.value
        : field === 'tanggal_lahir'
          ? (parseDocDate(sent) ?? sent) === read.value
          : namesMatch(sent, read.value).match;
    compared.push({ field, ok });
    evidence.push(...channelEvidence(field, sent));
  }
  if (!compared.length) return null;
  const differing = compared.filter((c) => !c.ok).map((c) => c.field);
  if (!differing.length)
    return pass('channel_agrees', `Data yang dikirim kanal (${compared.map((c) => c.field).join(', ')}) sama dengan yang terbaca dari dokumen.`, evidence);
  flags.add('channel_mismatch');
  return warn(
    'channel_agrees',
    `Data yang dikirim kanal berbeda dengan yang terbaca dari dokumen pada: ${differing.join(', ')}. Yang dipakai adalah hasil baca dokumen.`,
    evidence,
  );
}

type Judged = Pick<DocVerdict, 'verdict' | 'checks' | 'readConfidence' | 'reasons' | 'detectedType'>;

const typeMatches = (wanted: string, r: DocumentAnalysis) => (wanted === 'other' ? true : r.detectedType === wanted && r.typeScore >= TYPE_MIN_SCORE);

export class RuleDocumentChecker implements DocumentChecker {
  check(input: SubmissionInput): DocumentCheckOutput {
    const flags = new Set<string>();
    const formNik = parseNik(input.nik, input.receivedAt);
    if (!formNik.ok) flags.add('invalid_nik');
    const byType = new Map<string, AttachmentInput>();
    for (const a of input.attachments) if (!byType.has(a.docType)) byType.set(a.docType, a);
    const docTypes = [...input.requiredDocs, ...[...byType.keys()].filter((t) => !input.requiredDocs.includes(t))];
    const hasKtp = byType.has('ktp');

    const verdicts: DocVerdict[] = docTypes.map((docType) => {
      const att = byType.get(docType);
      if (!att) {
        return {
          docType,
          attachmentId: null,
          verdict: 'missing',
          checks: [fail('required_present', `${docLabel(docType)} wajib untuk layanan ini, tetapi belum dilampirkan.`)],
        };
      }
      return { docType, attachmentId: att.id, ...this.judge(att, input, formNik, hasKtp, flags) };
    });
    if (verdicts.some((v) => v.reasons?.includes('not_read'))) flags.add('documents_not_read');
    if (verdicts.some((v) => v.reasons?.includes('wrong_document_type'))) flags.add('wrong_document_type');
    // Nothing is approved automatically on a document the reader was unsure of, whatever a policy says (an always-blocked flag).
    if (verdicts.some((v) => v.attachmentId && !((v.readConfidence ?? 0) >= MIN_READ_CONFIDENCE_FOR_AUTO))) flags.add('low_read_confidence');

    if (input.earlierSameService.length > 0) flags.add('possible_duplicate');
    if (input.serviceCode === 'pengaduan') flags.add('complaint');
    const birthDate = formNik.birthDate ?? (parseDocDate(input.form.tanggal_lahir ?? '') || null);
    if (input.serviceCode === 'akta-kelahiran' || (birthDate && ageOn(birthDate, input.receivedAt) < ADULT_AGE)) flags.add('minor_involved');

    const order = [
      'documents_not_read',
      'low_read_confidence',
      'wrong_document_type',
      'invalid_nik',
      'nik_mismatch',
      'document_tampered',
      'channel_mismatch',
      'possible_duplicate',
      'minor_involved',
      'complaint',
    ];
    const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
    return { verdicts, flags: [...flags].sort((a, b) => rank(a) - rank(b)) };
  }

  private judge(att: AttachmentInput, input: SubmissionInput, formNik: ParsedNik, hasKtp: boolean, flags: Set<string>): Judged {
    const label = docLabel(att.docType);
    const r = att.reading;
    if (!r) {
      return {
        verdict: 'unreadable',
        reasons: ['not_read'],
        readConfidence: 0,
        checks: [fail('readable', `${label} belum dibaca oleh mesin; periksa dokumen secara manual.`)],
      };
    }
    const quality = `ketajaman ${r.quality.sharpness}, kecerahan ${Math.round(r.quality.brightness)}, ${r.quality.width}×${r.quality.height} px`;
    const pixel = r.quality.problems.filter((p) => PIXEL_PROBLEMS.includes(p));
    if (pixel.length) {
      return {
        verdict: 'unreadable',
        reasons: pixel,
        readConfidence: Math.min(r.meanConfidence, 0.3),
        checks: [fail('readable', `${label} tidak dapat dibaca: ${pixel.map((p) => REASON_TEXT[p]).join(', ')} (${quality}); perlu diunggah ulang.`)],
      };
    }
    if (!typeMatches(att.docType, r)) {
      const seen =
        r.detectedType === 'unknown'
          ? r.lines.length
            ? 'bukan dokumen kependudukan yang dikenali'
            : 'tidak ada tulisan dokumen yang terbaca'
          : `tampak seperti ${docLabel(r.detectedType)}`;
      return {
        verdict: 'invalid',
        reasons: ['wrong_document_type'],
        detectedType: r.detectedType,
        readConfidence: r.meanConfidence,
        checks: [fail('document_type', `Berkas yang diunggah sebagai ${label} ${seen} (skor jenis ${pct(r.typeScore)}).`)],
      };
    }
    const typeCheck = pass(
      'document_type',
      att.docType === 'foto'
        ? `Berkas tampak sebagai pas foto berlatar polos (skor ${pct(r.typeScore)}).`
        : `Berkas dikenali sebagai ${label} (skor jenis ${pct(r.typeScore)}).`,
    );
    const soft = r.quality.problems.filter((p) => !PIXEL_PROBLEMS.includes(p));
    if (soft.length && att.docType !== 'foto') {
      return {
        verdict: 'unreadable',
        reasons: soft,
        readConfidence: Math.min(r.meanConfidence, 0.5),
        checks: [
          typeCheck,
          fail(
            'readable',
            `${label} tidak dapat dibaca utuh: ${soft.map((p) => REASON_TEXT[p]).join(', ')} (keyakinan baca ${pct(r.meanConfidence)}); perlu diunggah ulang.`,
          ),
        ],
      };
    }
    const content = this.contentChecks(att, r, input, formNik, hasKtp, flags);
    const channel = channelCheck(att, r, flags);
    const checks = [typeCheck, ...content.checks, ...(channel ? [channel] : [])];
    if (content.unreadKey) {
      return {
        verdict: 'unreadable',
        reasons: ['low_confidence'],
        readConfidence: content.confidence,
        checks: [
          ...checks,
          fail(
            'readable',
            `${content.unreadKey} pada ${label} tidak terbaca dengan jelas; perlu diunggah ulang foto yang tajam dan utuh.`,
            content.unreadEvidence,
          ),
        ],
      };
    }
    const failed = checks.some((c) => c.result === 'fail');
    return {
      verdict: failed ? 'invalid' : 'valid',
      checks,
      readConfidence: content.confidence,
      ...(content.tampered ? { reasons: ['tampered' as const] } : {}),
    };
  }

  /** Checks of the fields read; `unreadKey` names a key field that could not be read; `confidence` is the weakest key field's. */
  private contentChecks(
    att: AttachmentInput,
    r: DocumentAnalysis,
    input: SubmissionInput,
    formNik: ParsedNik,
    hasKtp: boolean,
    flags: Set<string>,
  ): { checks: CheckResult[]; unreadKey: string | null; confidence: number; tampered: boolean; unreadEvidence?: CheckEvidence[] } {
    const f = r.fields;
    const now = input.receivedAt;
    // The verdict is as sure as its key fields (the page's mean, junk lines included, already decided "readable at all").
    const weakest = (...fs: (ReadField | undefined)[]) => Math.min(...fs.map((x) => x?.confidence ?? 0));
    // The form's NIK as normalised at every entry point (lib/nik.ts); what was stored, when it is not a NIK at all.
    const applicantNik = formNik.nik ?? input.nik.trim();
    switch (att.docType) {
      case 'ktp': {
        const nik = f.nik;
        if (!nik || nik.value.length !== 16)
          return { checks: [], unreadKey: 'NIK', confidence: weakest(nik), tampered: false, unreadEvidence: docEvidence('nik', nik) };
        if (!f.nama) return { checks: [], unreadKey: 'Nama', confidence: weakest(f.nama), tampered: false };
        // A NIK read unsurely that differs from the form is as likely a misreading as another person: a person compares them.
        if (nik.value !== applicantNik && nik.confidence < FIELD_MIN_CONFIDENCE)
          return { checks: [], unreadKey: 'NIK', confidence: weakest(nik), tampered: false, unreadEvidence: docEvidence('nik', nik) };
        const parsed = parseNik(nik.value, now);
        if (!parsed.ok) flags.add('invalid_nik');
        const checks = nikChecks(nik.value, parsed, input.form, 'NIK pada KTP', nik);
        if (nik.value === applicantNik) {
          checks.push(
            nik.confidence < FIELD_MIN_CONFIDENCE
              ? warn(
                  'nik_matches_form',
                  `NIK pada KTP terbaca sama dengan formulir, tetapi dengan keyakinan rendah (${pct(nik.confidence)}); cocokkan pada gambar.`,
                  docEvidence('nik', nik),
                )
              : pass('nik_matches_form', `NIK yang terbaca pada KTP sama dengan NIK di formulir (${maskNik(applicantNik)}).`, docEvidence('nik', nik)),
          );
        } else {
          flags.add('nik_mismatch');
          const diff = differingPositions(nik.value, applicantNik);
          const where = diff.length <= 3 ? ` pada digit ke-${diff.join(', ')}` : ` pada ${diff.length} digit`;
          checks.push(
            fail(
              'nik_matches_form',
              `NIK yang terbaca pada KTP (${maskNik(nik.value)}) berbeda dengan NIK di formulir (${maskNik(applicantNik)})${where}.`,
              docEvidence('nik', nik),
            ),
          );
        }
        checks.push(nameCheck('name_matches_form', f.nama, input.citizenName, 'KTP'));
        // The printed birth date and sex must agree with the NIK printed on the same card: an edited card rarely gets both right.
        let tampered = false;
        if (parsed.birthDate && parsed.sex) {
          const problems: string[] = [];
          if (f.tanggal_lahir && f.tanggal_lahir.value !== parsed.birthDate)
            problems.push(`tanggal lahir tercetak ${formatDate(f.tanggal_lahir.value)}, menurut NIK ${formatDate(parsed.birthDate)}`);
          const printedSex = f.jenis_kelamin?.value === 'LAKI-LAKI' ? 'L' : f.jenis_kelamin?.value === 'PEREMPUAN' ? 'P' : null;
          if (printedSex && printedSex !== parsed.sex) problems.push(`jenis kelamin tercetak ${SEX_LABEL[printedSex]}, menurut NIK ${SEX_LABEL[parsed.sex]}`);
          const ev = [...docEvidence('tanggal_lahir', f.tanggal_lahir), ...docEvidence('jenis_kelamin', f.jenis_kelamin)];
          if (problems.length) {
            tampered = true;
            flags.add('document_tampered');
            checks.push(fail('ktp_consistent', `Isi KTP tidak konsisten dengan NIK-nya sendiri: ${problems.join('; ')}. Kemungkinan dokumen diubah.`, ev));
          } else if (f.tanggal_lahir && f.jenis_kelamin) {
            checks.push(pass('ktp_consistent', 'Tanggal lahir dan jenis kelamin yang tercetak sesuai dengan NIK pada kartu.', ev));
          } else {
            checks.push(warn('ktp_consistent', 'Tanggal lahir atau jenis kelamin tidak terbaca dari KTP; bandingkan dengan NIK secara manual.', ev));
          }
        }
        if (input.unitRegionCode && parsed.district && !parsed.district.code.startsWith(input.unitRegionCode)) {
          checks.push(
            warn(
              'nik_region_unit',
              `NIK terdaftar di ${parsed.district.regencyName}, di luar wilayah unit ini (${input.unitRegionCode}); wajar untuk pindah datang, periksa untuk layanan lain.`,
            ),
          );
        }
        const until = f.berlaku_hingga?.value;
        if (until && until !== 'SEUMUR HIDUP') {
          if (until < jakartaDate(now)) {
            // UU 24/2013 Pasal 64(7): a citizen's KTP-el no longer expires, so an old printed date is a note, not a refusal.
            checks.push(
              warn(
                'ktp_expiry',
                `Masa berlaku tercetak ${formatDate(until)} sudah lewat; KTP-el WNI berlaku seumur hidup (UU 24/2013 Pasal 64 ayat 7).`,
                docEvidence('berlaku_hingga', f.berlaku_hingga),
              ),
            );
          } else {
            checks.push(pass('ktp_expiry', `KTP berlaku hingga ${formatDate(until)}.`, docEvidence('berlaku_hingga', f.berlaku_hingga)));
          }
        }
        return { checks, unreadKey: null, confidence: weakest(nik, f.nama), tampered };
      }
      case 'kk': {
        const checks: CheckResult[] = [];
        const no = f.nomor_kk;
        if (!no || no.value.length !== 16) return { checks, unreadKey: 'Nomor KK', confidence: weakest(no), tampered: false };
        const kk = checkKkNumber(no.value);
        const ev = docEvidence('nomor_kk', no);
        if (!kk.district) checks.push(fail('kk_structure', `Kode wilayah ${kk.districtCode} pada nomor KK tidak terdaftar dalam data wilayah Kemendagri.`, ev));
        else if (!kk.ok) checks.push(fail('kk_structure', `Nomor KK ${maskNik(no.value)}: nomor urut 0000 tidak pernah diterbitkan.`, ev));
        else
          checks.push(pass('kk_structure', `Nomor KK 16 digit, kode wilayah ${kk.district.code} = Kec. ${kk.district.name}, ${kk.district.regencyName}.`, ev));
        const formKk = input.kkNumber ? (normalizeKkNumber(input.kkNumber) ?? input.kkNumber.trim()) : undefined;
        if (!formKk) checks.push(warn('kk_matches_form', 'Nomor KK tidak diisi di formulir.', ev));
        else if (formKk === no.value) checks.push(pass('kk_matches_form', `Nomor KK yang terbaca sama dengan formulir (${maskNik(no.value)}).`, ev));
        else checks.push(fail('kk_matches_form', `Nomor KK yang terbaca (${maskNik(no.value)}) berbeda dengan formulir (${maskNik(formKk)}).`, ev));
        let tampered = false;
        if (f.qr_nomor_kk) {
          if (f.qr_nomor_kk.value === no.value) checks.push(pass('kk_qr', 'Kode QR pada KK memuat nomor KK yang sama dengan yang tercetak.'));
          else {
            tampered = true;
            flags.add('document_tampered');
            checks.push(
              fail('kk_qr', `Kode QR pada KK memuat nomor lain (${maskNik(f.qr_nomor_kk.value)}) daripada yang tercetak: kemungkinan dokumen diubah.`, ev),
            );
          }
        }
        const names = [...r.members.map((m) => ({ name: m.nama, nik: m.nik })), ...(f.kepala_keluarga ? [{ name: f.kepala_keluarga, nik: undefined }] : [])];
        if (!names.length) {
          checks.push(warn('name_in_kk', 'Daftar anggota keluarga tidak terbaca dari KK; periksa secara manual.'));
        } else {
          const best = names.map((m) => ({ m, ...namesMatch(m.name.value, input.citizenName) })).sort((a, b) => b.score - a.score)[0];
          const ev2 = docEvidence('anggota', best.m.name);
          if (best.match)
            checks.push(pass('name_in_kk', `${input.citizenName} tercantum di KK sebagai "${best.m.name.value}" (kemiripan ${pct(best.score)}).`, ev2));
          else if (best.score >= NAME_WARN_FLOOR)
            checks.push(warn('name_in_kk', `Nama paling mirip di KK: "${best.m.name.value}" (kemiripan ${pct(best.score)}); pastikan orang yang sama.`, ev2));
          else checks.push(fail('name_in_kk', `${input.citizenName} tidak ditemukan di antara ${names.length} nama yang terbaca pada KK.`));
          const memberNik = r.members.find((m) => m.nik?.value === applicantNik);
          if (memberNik)
            checks.push(pass('member_nik', `NIK pemohon (${maskNik(applicantNik)}) tercantum pada baris anggota keluarga.`, docEvidence('nik', memberNik.nik)));
          else if (r.members.length && best.match) {
            const row = r.members.find((m) => m.nama === best.m.name);
            if (row?.nik && row.nik.confidence >= FIELD_MIN_CONFIDENCE && row.nik.value.length === 16) {
              flags.add('nik_mismatch');
              checks.push(
                fail(
                  'member_nik',
                  `Di KK, NIK ${best.m.name.value} terbaca ${maskNik(row.nik.value)}, berbeda dengan NIK di formulir (${maskNik(applicantNik)}).`,
                  docEvidence('nik', row.nik),
                ),
              );
            } else {
              checks.push(
                warn(
                  'member_nik',
                  `NIK pemohon (${maskNik(applicantNik)}) tidak terbaca dengan yakin di antara anggota keluarga pada KK; cocokkan pada gambar.`,
                  row?.nik ? docEvidence('nik', row.nik) : [],
                ),
              );
            }
          }
        }
        // Without a KTP in the file (new KTP-el), the KK is where the applicant's NIK is listed: check its structure here.
        if (!hasKtp) checks.push(...nikChecks(applicantNik, formNik, input.form, 'NIK pemohon'));
        return { checks, unreadKey: null, confidence: weakest(no), tampered };
      }
      case 'foto':
        return {
          checks: [pass('readable', 'Pas foto dengan latar polos; kesesuaian wajah tetap diperiksa petugas.')],
          unreadKey: null,
          confidence: Math.max(r.typeScore, 0.5),
          tampered: false,
        };
      case 'akta': {
        const checks: CheckResult[] = [];
        if (!f.nama_anak) return { checks, unreadKey: 'Nama anak', confidence: 0, tampered: false };
        const child = input.form.nama_anak ?? input.citizenName;
        checks.push(nameCheck('child_name_matches_form', f.nama_anak, child, 'akta', 'Nama', 'nama_anak'));
        const formDate = input.form.tanggal_lahir_anak ?? input.form.tanggal_lahir;
        if (f.tanggal_lahir && formDate) {
          checks.push(
            f.tanggal_lahir.value === formDate
              ? pass(
                  'birthdate_matches_form',
                  `Tanggal lahir pada akta (${formatDate(f.tanggal_lahir.value)}) sesuai formulir.`,
                  docEvidence('tanggal_lahir', f.tanggal_lahir),
                )
              : fail(
                  'birthdate_matches_form',
                  `Tanggal lahir pada akta ${formatDate(f.tanggal_lahir.value)}, di formulir ${formatDate(formDate)}.`,
                  docEvidence('tanggal_lahir', f.tanggal_lahir),
                ),
          );
        }
        return { checks, unreadKey: null, confidence: weakest(f.nama_anak), tampered: false };
      }
      default: {
        const checks: CheckResult[] = [pass('readable', `${docLabel(att.docType)} terbaca (keyakinan baca ${pct(r.meanConfidence)}).`)];
        if (f.nama_anak && input.form.nama_anak)
          checks.push(nameCheck('child_name_matches_form', f.nama_anak, input.form.nama_anak, docLabel(att.docType), 'Nama anak', 'nama_anak'));
        if (att.docType === 'surat_pengantar' && f.nama && !f.nama_anak) checks.push(nameCheck('name_matches_form', f.nama, input.citizenName, 'surat'));
        if (att.docType === 'surat_pengantar' && f.nik?.value.length === 16 && f.nik.confidence >= FIELD_MIN_CONFIDENCE) {
          checks.push(
            f.nik.value === applicantNik
              ? pass('nik_matches_form', 'NIK pada surat sama dengan NIK di formulir.', docEvidence('nik', f.nik))
              : fail(
                  'nik_matches_form',
                  `NIK pada surat (${maskNik(f.nik.value)}) berbeda dengan NIK di formulir (${maskNik(applicantNik)}).`,
                  docEvidence('nik', f.nik),
                ),
          );
        }
        return { checks, unreadKey: null, confidence: r.meanConfidence, tampered: false };
      }
    }
  }
}
