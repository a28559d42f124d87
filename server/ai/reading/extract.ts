/**
 * Field extraction per document type, from OCR lines. Each field keeps the
 * words it came from (box, confidence); a value repaired from look-alike
 * characters or failing its own format (a NIK of 15 digits) loses confidence,
 * so a check built on it can never look surer than the reading was.
 */
import type { ReadField, ReadMember } from '@/db/schema';
import { cutAtLabel, fieldOf, findLabelled, type LabelSpec } from './labelled-lines';
import { findDate, lettersOf, repairDigits, snapTo } from './ocr-text';
import type { OcrLine, OcrWord } from './tesseract';

export type Extracted = { fields: Record<string, ReadField>; members: ReadMember[]; labelsFound: number; labelsExpected: number };

const KTP_LABELS: LabelSpec[] = [
  { key: 'nik', label: 'NIK' },
  { key: 'nama', label: 'Nama' },
  { key: 'tempat_tgl_lahir', label: 'Tempat/Tgl Lahir' },
  { key: 'jenis_kelamin', label: 'Jenis Kelamin' },
  { key: 'alamat', label: 'Alamat' },
  { key: 'rt_rw', label: 'RT/RW' },
  { key: 'kel_desa', label: 'Kel/Desa' },
  { key: 'kecamatan', label: 'Kecamatan' },
  { key: 'agama', label: 'Agama' },
  { key: 'status_perkawinan', label: 'Status Perkawinan' },
  { key: 'pekerjaan', label: 'Pekerjaan' },
  { key: 'kewarganegaraan', label: 'Kewarganegaraan' },
  { key: 'berlaku_hingga', label: 'Berlaku Hingga' },
];

export const RELIGIONS = ['ISLAM', 'KRISTEN', 'KATOLIK', 'HINDU', 'BUDDHA', 'KONGHUCU', 'KEPERCAYAAN TERHADAP TUHAN YME'] as const;
export const MARITAL = ['BELUM KAWIN', 'KAWIN', 'CERAI HIDUP', 'CERAI MATI'] as const;
const SEXES = ['LAKI-LAKI', 'PEREMPUAN'] as const;
const CITIZENSHIP = ['WNI', 'WNA'] as const;

/** Each repaired look-alike costs this much confidence: "5" read as "S" is likely, not certain. */
const REPAIR_PENALTY = 0.97;

/** A 16-digit number (NIK, KK) from the words after its label. */
export function numberField(words: OcrWord[], digits = 16): ReadField | undefined {
  // The run of number-like words right after the label (OCR may split a NIK into pieces).
  const used: OcrWord[] = [];
  let value = '';
  let repairs = 0;
  for (const w of words) {
    // A word is part of the number only when it is mostly digits: "PEREMPUAN" must not become "04".
    const digitsInWord = w.text.match(/\d/g)?.length ?? 0;
    const fixed = digitsInWord * 2 >= w.text.replace(/[:;.,]/g, '').length ? repairDigits(w.text) : '';
    if (!fixed) {
      if (value) break;
      continue;
    }
    repairs += [...w.text].filter((c) => !(c >= '0' && c <= '9') && repairDigits(c)).length;
    value += fixed;
    used.push(w);
    // Stop at the number's length; one more digit only when the first piece may be a misread separator.
    const loneFirst = used[0].text.length === 1;
    if (value.length >= digits + (loneFirst ? 1 : 0) || used.length >= 4) break;
  }
  if (!used.length) return undefined;
  // The last digit is often glued to noise after it ("7a—"): take the next word's leading digits when one or two are missing.
  const after = words[words.indexOf(used[used.length - 1]) + 1];
  if (value.length < digits && value.length >= digits - 2 && after) {
    const lead = /^[0-9OoIlSB]+/.exec(after.text)?.[0] ?? '';
    if (lead && value.length + lead.length === digits) {
      value += repairDigits(lead);
      used.push(after);
    }
  }
  // The separator after the label is often read as "1" or "|" ("NIK 1 3273…", "NIK :|3273…"): one digit too many at the front.
  if (value.length === digits + 1 && /^[1lI|!:;i]/.test(used[0].text)) value = value.slice(1);
  else if (value.length > digits && repairDigits(used[0].text).length <= 2 && value.length - repairDigits(used[0].text).length === digits) {
    value = value.slice(repairDigits(used[0].text).length);
    used.shift();
  }
  const ok = value.length === digits;
  // A lone "1" before the number may be the separator misread: the number is then one digit short and unsure.
  const doubtful = used.length > 1 && /^[1lI|!]$/.test(used[0].text) ? 0.6 : 1;
  return fieldOf(used, ok ? value : value.slice(0, digits + 2), (ok ? 1 : 0.3) * doubtful * REPAIR_PENALTY ** repairs);
}

/** A person's or place's name: letters, spaces and the punctuation names use; trailing specks of noise dropped. */
export function nameField(words: OcrWord[]): ReadField | undefined {
  const kept = [...words];
  const speck = (w: OcrWord) =>
    (lettersOf(w.text).length < 2 && !/^[A-Z]\.$/.test(w.text)) ||
    (lettersOf(w.text).length <= 3 && !w.text.includes('.') && w.conf < 0.8 && kept.length > 1) ||
    (lettersOf(w.text).length <= 4 && !w.text.includes('.') && w.conf < 0.7 && kept.length > 2);
  // Letters of the SPESIMEN watermark or the photo's edge read after a name are short and unsure.
  while (kept.length > 1 && speck(kept[kept.length - 1])) kept.pop();
  while (kept.length && lettersOf(kept[0].text).length === 0) kept.shift();
  if (!kept.length) return undefined;
  const text = kept
    .map((w) => w.text.toUpperCase().replace(/[^A-Z.',\- ]/g, ''))
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? fieldOf(kept, text) : undefined;
}

function vocabField(words: OcrWord[], vocabulary: readonly string[]): ReadField | undefined {
  const raw = words.map((w) => w.text).join(' ');
  const snapped = snapTo(raw, vocabulary);
  if (!snapped) return fieldOf(words, raw, 0.4);
  const n = Math.max(1, snapped.value.split(' ').length);
  return fieldOf(words.slice(0, n), snapped.value, 1 - 0.08 * snapped.distance);
}

function dateField(words: OcrWord[]): ReadField | undefined {
  const raw = words.map((w) => w.text).join(' ');
  const date = findDate(raw);
  return date ? fieldOf(words, date) : undefined;
}

const textField = (words: OcrWord[]) =>
  words.length
    ? fieldOf(
        words,
        words
          .map((w) => w.text)
          .join(' ')
          .trim(),
      )
    : undefined;

function put(fields: Record<string, ReadField>, key: string, f: ReadField | undefined) {
  if (f && f.value) fields[key] = f;
}

export function extractKtp(lines: OcrLine[]): Extracted {
  const hits = findLabelled(lines, KTP_LABELS);
  const fields: Record<string, ReadField> = {};
  const v = (k: string) => hits.get(k)?.value ?? [];
  put(fields, 'nik', numberField(v('nik')));
  put(fields, 'nama', nameField(v('nama')));
  const ttl = v('tempat_tgl_lahir');
  const comma = ttl.findIndex((w) => /,/.test(w.text) || findDate(w.text));
  const placeWords = comma >= 0 ? ttl.slice(0, /,$/.test(ttl[comma].text) ? comma + 1 : comma) : ttl;
  put(fields, 'tempat_lahir', nameField(placeWords.map((w) => ({ ...w, text: w.text.replace(/,.*$/, '') }))));
  put(fields, 'tanggal_lahir', dateField(ttl));
  put(fields, 'jenis_kelamin', vocabField(cutAtLabel(v('jenis_kelamin'), ['Gol. Darah', 'Gol Darah']), SEXES));
  const golIdx = v('jenis_kelamin').findIndex((w, i) => i > 0 && /^gol/i.test(w.text));
  if (golIdx > 0) {
    const blood = v('jenis_kelamin')
      .slice(golIdx)
      .map((w) => w.text)
      .join(' ')
      .match(/\b(AB|A|B|O|0|-)\s*[+-]?\s*$/i);
    if (blood) put(fields, 'gol_darah', fieldOf(v('jenis_kelamin').slice(-1), blood[1].replace('0', 'O').toUpperCase()));
  }
  put(fields, 'alamat', textField(v('alamat')));
  const rt = repairDigits(
    v('rt_rw')
      .map((w) => w.text)
      .join(''),
  );
  if (rt.length >= 6) put(fields, 'rt_rw', fieldOf(v('rt_rw'), `${rt.slice(0, 3)}/${rt.slice(-3)}`, rt.length === 6 ? 1 : 0.6));
  put(fields, 'kel_desa', nameField(v('kel_desa')));
  put(fields, 'kecamatan', nameField(v('kecamatan')));
  put(fields, 'agama', vocabField(v('agama'), RELIGIONS));
  put(fields, 'status_perkawinan', vocabField(v('status_perkawinan'), MARITAL));
  put(fields, 'pekerjaan', nameField(v('pekerjaan')));
  put(fields, 'kewarganegaraan', vocabField(v('kewarganegaraan'), CITIZENSHIP));
  const until = v('berlaku_hingga');
  if (until.length) {
    const lifetime = /SEUMUR/.test(lettersOf(until.map((w) => w.text).join(' '))) || snapTo(until.map((w) => w.text).join(' '), ['SEUMUR HIDUP']);
    put(fields, 'berlaku_hingga', lifetime ? fieldOf(until.slice(0, 2), 'SEUMUR HIDUP') : dateField(until));
  }
  // Without its label (cut off, smudged), the NIK is still the one 16-digit number on the card.
  if (!fields.nik) {
    for (const line of lines) {
      const f = numberField(line.words);
      if (f && f.value.length === 16) {
        fields.nik = { ...f, confidence: Math.round(f.confidence * 0.8 * 1000) / 1000 };
        break;
      }
    }
  }
  const provinceLine = lines.find((l) => /^PROVINSI/.test(lettersOf(l.text)));
  if (provinceLine) put(fields, 'provinsi', nameField(provinceLine.words.slice(1)));
  return { fields, members: [], labelsFound: hits.size, labelsExpected: KTP_LABELS.length };
}

/** Labels of a KK's header; the right column's labels end the left column's values. */
const KK_LABELS: LabelSpec[] = [
  { key: 'kepala_keluarga', label: 'Nama Kepala Keluarga' },
  { key: 'alamat', label: 'Alamat' },
  { key: 'rt_rw', label: 'RT/RW' },
];
const KK_RIGHT_LABELS = ['Kecamatan', 'Kabupaten/Kota', 'Provinsi', 'Desa/Kelurahan', 'Kode Pos'];
const RELATIONS = ['KEPALA KELUARGA', 'ISTRI', 'SUAMI', 'ANAK', 'MENANTU', 'CUCU', 'ORANG TUA', 'MERTUA', 'FAMILI LAIN', 'PEMBANTU', 'LAINNYA'] as const;

export function extractKk(lines: OcrLine[], qr: string[]): Extracted {
  const fields: Record<string, ReadField> = {};
  const members: ReadMember[] = [];
  const hits = findLabelled(lines, KK_LABELS);
  put(fields, 'kepala_keluarga', nameField(cutAtLabel(hits.get('kepala_keluarga')?.value ?? [], KK_RIGHT_LABELS)));
  put(fields, 'alamat', textField(cutAtLabel(hits.get('alamat')?.value ?? [], KK_RIGHT_LABELS)));
  const noLine = lines.find((l) => /^NO/.test(lettersOf(l.words[0]?.text ?? '')) && numberField(l.words.slice(1))?.value.length === 16);
  if (noLine) put(fields, 'nomor_kk', numberField(noLine.words.slice(1)));
  // The table header tells where the name column starts: anything left of it is the row number, however it was read.
  const header = lines.find((l) => /NAMALENGKAP/.test(lettersOf(l.text)));
  const nameColumn = header?.words.find((w) => /^nama$/i.test(w.text))?.box.x;
  for (const line of lines) {
    if (line === noLine) continue;
    // A member row: [no] NAME… NIK SEX PLACE DATE RELATION.
    const nikAt = line.words.findIndex((w) => repairDigits(w.text).length >= 14 && /\d{6}/.test(w.text));
    if (nikAt < 1) continue;
    const nik = numberField(line.words.slice(nikAt, nikAt + 3));
    const nameWords = line.words
      .slice(0, nikAt)
      .filter((w, i) => (nameColumn !== undefined ? w.box.x >= nameColumn - 0.012 : !(i === 0 && /^\d{1,2}\.?$/.test(w.text))));
    const nama = nameField(nameWords);
    if (!nama || !nik) continue;
    const rest = line.words
      .slice(nikAt + 1)
      .map((w) => w.text)
      .join(' ');
    const relation =
      RELATIONS.find((r) => lettersOf(rest).endsWith(lettersOf(r))) ?? snapTo(rest.split(/\d{2}[-/.]\d{2}[-/.]\d{4}/).pop() ?? '', RELATIONS)?.value;
    members.push({ nama, nik, ...(relation ? { hubungan: relation } : {}) });
  }
  // The QR of a current KK prints the number and the head of the family: a second, independent reading.
  const q = qr.map((t) => t.split('|')).find((p) => p[0] === 'KK' && /^\d{16}$/.test(p[1] ?? ''));
  if (q) {
    fields.qr_nomor_kk = { value: q[1], confidence: 1 };
    if (q[2]) fields.qr_kepala_keluarga = { value: q[2], confidence: 1 };
    if (!fields.nomor_kk) fields.nomor_kk = { value: q[1], confidence: 0.95 };
  }
  const found = hits.size + (noLine ? 1 : 0) + (members.length ? 1 : 0);
  return { fields, members, labelsFound: found, labelsExpected: KK_LABELS.length + 2 };
}

const AKTA_LABELS: LabelSpec[] = [
  { key: 'nama_anak', label: 'Nama Anak' },
  { key: 'nama', label: 'Nama' },
  { key: 'tanggal_lahir', label: 'Tanggal Lahir' },
  { key: 'tempat_lahir', label: 'Tempat Lahir' },
  { key: 'nama_ayah', label: 'Nama Ayah' },
  { key: 'nama_ibu', label: 'Nama Ibu' },
  { key: 'ayah', label: 'Ayah' },
  { key: 'ibu', label: 'Ibu' },
];

/** Text after a phrase inside a line ("telah lahir BUDI", "dari ayah X dan ibu Y"), up to a stop word. */
function after(lines: OcrLine[], phrase: string, stop?: RegExp): OcrWord[] {
  const target = lettersOf(phrase);
  for (const line of lines) {
    const ws = line.words;
    for (let i = 0; i < ws.length; i++) {
      let acc = '';
      for (let j = i; j < Math.min(ws.length, i + 4); j++) {
        acc += lettersOf(ws[j].text);
        if (acc === target) {
          const rest = ws.slice(j + 1);
          const end = stop ? rest.findIndex((w) => stop.test(w.text)) : -1;
          return end >= 0 ? rest.slice(0, end) : rest;
        }
        if (acc.length >= target.length) break;
      }
    }
  }
  return [];
}

export function extractAkta(lines: OcrLine[]): Extracted {
  const fields: Record<string, ReadField> = {};
  const hits = findLabelled(lines, AKTA_LABELS);
  const v = (k: string) => hits.get(k)?.value ?? [];
  put(fields, 'nama_anak', nameField(v('nama_anak').length ? v('nama_anak') : v('nama').length ? v('nama') : after(lines, 'telah lahir', /^anak$/i)));
  put(fields, 'tanggal_lahir', dateField(v('tanggal_lahir').length ? v('tanggal_lahir') : after(lines, 'pada tanggal')));
  put(fields, 'nama_ayah', nameField(v('nama_ayah').length ? v('nama_ayah') : v('ayah').length ? v('ayah') : after(lines, 'dari ayah', /^dan$/i)));
  put(fields, 'nama_ibu', nameField(v('nama_ibu').length ? v('nama_ibu') : v('ibu').length ? v('ibu') : after(lines, 'dan ibu')));
  const sex = lines.map((l) => /\b(LAKI-LAKI|LAKI LAKI|PEREMPUAN)\b/i.exec(l.text)).find(Boolean);
  if (sex)
    put(fields, 'jenis_kelamin', {
      value: sex[1].toUpperCase().startsWith('LAKI') ? 'LAKI-LAKI' : 'PEREMPUAN',
      confidence: lines.find((l) => l.text.includes(sex[0]))?.conf ?? 0.5,
    });
  for (const line of lines) {
    const m = /(\d{4})\s?-\s?LT\s?-\s?(\d{8})\s?-\s?(\d{4})/i.exec(line.text.replace(/[Oo]/g, '0'));
    if (m) {
      fields.nomor_akta = fieldOf(line.words, `${m[1]}-LT-${m[2]}-${m[3]}`) ?? { value: m[0], confidence: line.conf };
      break;
    }
  }
  const found = ['nama_anak', 'tanggal_lahir', 'nama_ibu', 'nomor_akta'].filter((k) => fields[k]).length;
  return { fields, members: [], labelsFound: found, labelsExpected: 4 };
}

const LETTER_LABELS: LabelSpec[] = [
  { key: 'nama_anak', label: 'Nama anak' },
  { key: 'nama_ibu', label: 'Nama ibu' },
  { key: 'nama', label: 'Nama' },
  { key: 'nik', label: 'NIK' },
  { key: 'alamat', label: 'Alamat' },
  { key: 'keperluan', label: 'Keperluan' },
  { key: 'tanggal_lahir', label: 'Tanggal lahir' },
  { key: 'pelapor', label: 'Pelapor' },
  { key: 'nomor', label: 'Nomor' },
];

export function extractLetter(lines: OcrLine[]): Extracted {
  const fields: Record<string, ReadField> = {};
  const hits = findLabelled(lines, LETTER_LABELS);
  const v = (k: string) => hits.get(k)?.value ?? [];
  put(fields, 'nama', nameField(v('nama')));
  put(fields, 'nik', numberField(v('nik')));
  put(fields, 'alamat', textField(v('alamat')));
  put(fields, 'keperluan', textField(v('keperluan')));
  put(fields, 'nama_anak', nameField(v('nama_anak')));
  put(fields, 'nama_ibu', nameField(v('nama_ibu')));
  put(fields, 'pelapor', nameField(v('pelapor')));
  put(fields, 'tanggal_lahir_anak', dateField(v('tanggal_lahir')));
  put(fields, 'nomor_surat', textField(v('nomor')));
  const title = lines.find((l) => /SURAT(PENGANTAR|KETERANGAN|PERNYATAAN)/.test(lettersOf(l.text)));
  if (title) put(fields, 'perihal', fieldOf(title.words, title.text.trim()));
  return { fields, members: [], labelsFound: hits.size + (title ? 1 : 0), labelsExpected: 3 };
}
