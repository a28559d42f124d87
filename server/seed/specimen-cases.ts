/**
 * A labelled set of document uploads for testing and evaluating the document
 * reader: phone photos (and some PDFs, PNG scans, WebP and SVG files) of
 * specimen KTP-el, KK, kutipan akta kelahiran, surat pengantar and pas foto,
 * with the truth about each: what it really is, whether it can be read at
 * all, what is printed on it, and what the citizen typed in the form.
 *
 * Deterministic for (count, seed): the same cases, byte for byte, on every
 * run (given the same sharp/libvips and fonts). The people come from the demo
 * seed's generator (server/seed/data.ts), so names follow the regions' cultures and
 * every NIK is structurally valid for a real kecamatan.
 *
 * For a count of 320: 55% readable documents of the requested type, 15%
 * unreadable (heavy blur, dark, overexposed, tiny, cut off), 15% wrong type
 * (random pictures, receipts, another of our documents), 10% tampered (the
 * form's NIK or name differs from the printed one), 5% other formats.
 */
import sharp from 'sharp';
import type { DocType as AnyDocType } from '@/lib/vocabulary';
import { makeNik, type Sex } from '@/server/ai/nik';
import { regencyByCode } from '@/server/ai/regions';
import { ktpFieldsOf, makeCitizen, personName, printed, Rng, UNIT_DEFS, villageOf, type Citizen, type Person, type UnitDef } from './data';
import { aktaNumber, aktaSvg, fotoSvg, kkQrText, kkSvg, ktpSvg, letterPdf, letterSvg, type AktaFields, type KkFields, type KtpFields } from './documents';
import { photograph, randomScene, receiptLike, scanPng, sceneSvg, UNREADABLE_DEGRADATIONS, type Degradation } from './specimen-photo';

/** A specimen is one of the document kinds the reader classifies: every type but 'other'. */
export type DocType = Exclude<AnyDocType, 'other'>;
export type CaseCategory = 'readable' | 'unreadable' | 'wrongType' | 'tampered' | 'otherFormat';
export type CaseMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf' | 'image/svg+xml';

export type DocumentCase = {
  /** e.g. 'case-0042' */
  id: string;
  /** Which of the five mixes the case belongs to (for reports and tests). */
  category: CaseCategory;
  /** The slot the citizen uploaded it into. */
  requestedType: DocType;
  bytes: Buffer;
  mime: CaseMime;
  truth: {
    /** What the picture really is ('unknown' for random pictures and receipts). */
    type: DocType | 'unknown';
    /** False for the unreadable degradations. */
    readable: boolean;
    degradation: Degradation;
    /**
     * What is printed (values as printed, dates as YYYY-MM-DD).
     * ktp: nik, nama, tempat_lahir, tanggal_lahir, jenis_kelamin, gol_darah, alamat, rt_rw, kel_desa, kecamatan, agama, status_perkawinan, pekerjaan, berlaku_hingga ('SEUMUR HIDUP' or a date), provinsi, kabupaten.
     * kk: nomor_kk, kepala_keluarga, alamat, rt_rw, kel_desa, kecamatan, kabupaten, provinsi, tanggal_terbit.
     * akta: nomor_akta, nama_anak, tempat_lahir, tanggal_lahir, jenis_kelamin, anak_ke, nama_ayah, nama_ibu.
     * surat_pengantar: nomor_surat, nama, nik, perihal.
     * foto: latar ('merah' | 'biru').
     * unknown: kind ('landscape' … or 'struk' | 'tagihan') only.
     */
    fields: Record<string, string>;
    /** kk: the household as printed. */
    members?: { nama: string; nik: string; hubungan: string }[];
    /** kk: the text in the QR code. */
    qr?: string;
  };
  /** What the citizen typed in the form: equal to the printed fields (up to letter case) except for tampered cases. */
  form: { nama: string; nik: string; tanggal_lahir?: string; jenis_kelamin?: 'L' | 'P'; kk?: string };
  /** The form's NIK or name differs from the printed one: a mismatch the checks must catch. */
  tampered: boolean;
};

/** Reference time for ages and issue dates: fixed, so the cases do not change with the clock. */
const NOW = new Date('2026-03-16T04:00:00Z');
const DAY = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s.'-])([a-z])/g, (_, p: string, ch: string) => p + ch.toUpperCase());

function mixSeed(seed: number, i: number, salt = 0): number {
  let h = (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b) ^ salt) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ───────────────────────────── documents of a citizen ─────────────────────────────

type Ctx = { rng: Rng; c: Citizen; unit: UnitDef; regencyName: string };
type Rendered = { svg: string; fields: Record<string, string>; members?: DocumentCase['truth']['members']; qr?: string; pdf?: Buffer };

function ktpDoc({ rng, c, regencyName }: Ctx): Rendered {
  const oldCard = Date.parse(c.birthDate) < Date.UTC(1994, 0, 1) && rng.chance(0.08);
  const earliest = Math.max(Date.parse(c.birthDate) + 17 * 365.25 * DAY, NOW.getTime() - 9 * 365.25 * DAY);
  const issued = oldCard
    ? `${rng.int(2011, 2015)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`
    : isoDate(rng.float(earliest, Math.max(earliest, NOW.getTime() - 30 * DAY)));
  const until = oldCard ? `${Number(issued.slice(0, 4)) + 5}${issued.slice(4)}` : 'SEUMUR HIDUP';
  const f: KtpFields = ktpFieldsOf(c, { nik: c.nik, nama: c.name.toUpperCase(), regencyName, until, issued });

  return {
    svg: ktpSvg(f),
    fields: {
      nik: f.nik,
      nama: f.nama,
      tempat_lahir: f.tempatLahir,
      tanggal_lahir: c.birthDate,
      jenis_kelamin: f.jenisKelamin,
      gol_darah: f.golDarah!,
      alamat: f.alamat,
      rt_rw: f.rtRw,
      kel_desa: f.kelDesa!,
      kecamatan: f.kecamatan,
      agama: f.agama,
      status_perkawinan: f.statusPerkawinan,
      pekerjaan: f.pekerjaan,
      berlaku_hingga: until,
      provinsi: f.provinsi.toUpperCase(),
      kabupaten: f.kabupaten.toUpperCase(),
    },
  };
}

function kkDoc({ c, regencyName }: Ctx): Rendered {
  const f: KkFields = {
    nomor: c.kkNumber,
    kepalaKeluarga: c.headName.toUpperCase(),
    alamat: `${c.street.toUpperCase()} NO. ${c.houseNo}`,
    rtRw: `${pad(c.rt, 3)}/${pad(c.rw, 3)}`,
    kelDesa: villageOf(c),
    kecamatan: c.district.name.toUpperCase(),
    kabupaten: regencyName.toUpperCase(),
    provinsi: c.district.provinceName.toUpperCase(),
    members: c.family.map((m) => ({
      nama: m.name.toUpperCase(),
      nik: m.nik,
      jenisKelamin: m.sex === 'L' ? 'LAKI-LAKI' : 'PEREMPUAN',
      tempatLahir: c.birthplace.toUpperCase(),
      tanggalLahir: printed(m.birthDate),
      hubungan: m.relation,
    })),
    tanggalTerbit: printed(c.kkIssued),
  };
  return {
    svg: kkSvg(f),
    fields: {
      nomor_kk: f.nomor,
      kepala_keluarga: f.kepalaKeluarga,
      alamat: f.alamat,
      rt_rw: f.rtRw,
      kel_desa: f.kelDesa!,
      kecamatan: f.kecamatan,
      kabupaten: f.kabupaten,
      provinsi: f.provinsi,
      tanggal_terbit: c.kkIssued,
    },
    members: f.members.map((m) => ({ nama: m.nama, nik: m.nik, hubungan: m.hubungan })),
    qr: kkQrText(f),
  };
}

/** The citizen's own akta when they are a child of the household, else the akta of their youngest child (or a newborn). */
function aktaDoc({ rng, c, unit, regencyName }: Ctx): Rendered {
  const father = c.family.find((m) => m.relation === 'KEPALA KELUARGA' && m.sex === 'L');
  const wife = c.family.find((m) => m.relation === 'ISTRI');
  const children = c.family.filter((m) => m.relation === 'ANAK');
  const self = children.find((m) => m.nik === c.nik);
  const newborn = (): Person => {
    const sex: Sex = rng.chance(0.5) ? 'L' : 'P';
    return { name: personName(rng, c.culture, sex), sex, birthDate: isoDate(NOW.getTime() - rng.float(20, 400) * DAY), nik: '' };
  };
  const child: Person = self ?? children.at(-1) ?? newborn();
  const registered = isoDate(Math.min(Date.parse(child.birthDate) + rng.int(3, 60) * DAY, NOW.getTime() - DAY));
  const birthOrder = Math.max(1, children.findIndex((m) => m.nik === child.nik) + 1);
  const place = rng.chance(0.7) ? regencyName.toUpperCase() : c.birthplace.toUpperCase();
  const f: AktaFields = {
    nomor: aktaNumber(unit.regionCode, registered, rng.int(1, 9999)),
    tempatLahir: self ? c.birthplace.toUpperCase() : place,
    tanggalLahir: printed(child.birthDate),
    namaAnak: child.name.toUpperCase(),
    anakKe: birthOrder,
    jenisKelamin: child.sex === 'L' ? 'LAKI-LAKI' : 'PEREMPUAN',
    namaAyah: (father?.name ?? personName(rng, c.culture, 'L')).toUpperCase(),
    namaIbu: (wife?.name ?? personName(rng, c.culture, 'P')).toUpperCase(),
    kotaTerbit: regencyName.toUpperCase(),
    tanggalTerbit: printed(registered),
    pejabat: `Kepala Dinas Kependudukan dan Pencatatan Sipil ${regencyName}`,
  };
  return {
    svg: aktaSvg(f),
    fields: {
      nomor_akta: f.nomor,
      nama_anak: f.namaAnak,
      tempat_lahir: f.tempatLahir,
      tanggal_lahir: child.birthDate,
      jenis_kelamin: f.jenisKelamin,
      anak_ke: String(f.anakKe),
      nama_ayah: f.namaAyah,
      nama_ibu: f.namaIbu,
    },
  };
}

function suratDoc({ rng, c, regencyName }: Ctx): Rendered {
  const nomor = `${rng.int(10, 480)}/RT.${pad(c.rt, 3)}/${pad(rng.int(1, 12))}/${rng.int(2025, 2026)}`;
  const keperluan = rng.pick(['Pembuatan KTP-el', 'Perubahan Kartu Keluarga', 'Pengurusan akta kelahiran', 'Pindah datang', 'Pendaftaran BPJS Kesehatan']);
  const opts = {
    kop: [
      `PEMERINTAH ${regencyName.toUpperCase()}`,
      `KECAMATAN ${c.district.name.toUpperCase()}`,
      `RUKUN TETANGGA ${pad(c.rt, 3)} / RUKUN WARGA ${pad(c.rw, 3)}`,
    ],
    judul: 'SURAT PENGANTAR',
    nomor,
    lines: [
      'Yang bertanda tangan di bawah ini menerangkan bahwa:',
      `Nama : ${c.name.toUpperCase()}`,
      `NIK : ${c.nik}`,
      `Alamat : ${c.street} No. ${c.houseNo}`,
      `Keperluan : ${keperluan}`,
      'Demikian surat pengantar ini dibuat untuk dipergunakan sebagaimana mestinya.',
    ],
    tempatTanggal: `${regencyName.replace(/^(Kota|Kabupaten) /, '')}, ${printed(isoDate(NOW.getTime() - rng.int(1, 30) * DAY))}`,
    penandatangan: `Ketua RT ${pad(c.rt, 3)}`,
  };
  return { svg: letterSvg(opts), pdf: letterPdf(opts), fields: { nomor_surat: nomor, nama: c.name.toUpperCase(), nik: c.nik, perihal: 'surat pengantar' } };
}

function fotoDoc({ c }: Ctx): Rendered {
  const latar = Number(c.birthDate.slice(0, 4)) % 2 ? 'merah' : 'biru';
  return { svg: fotoSvg({ background: latar, nama: c.name }), fields: { latar } };
}

const RENDER: Record<DocType, (ctx: Ctx) => Rendered> = { ktp: ktpDoc, kk: kkDoc, akta: aktaDoc, surat_pengantar: suratDoc, foto: fotoDoc };

// ───────────────────────────── the mix ─────────────────────────────

/** What a case will be, before anything is rendered. */
export type CasePlan = {
  category: CaseCategory;
  requested: DocType;
  /** What to put in the slot: one of our documents, or not a document. */
  content: DocType | 'scene' | 'receipt';
  degradation: Degradation;
  format: 'photo' | 'pdf' | 'png' | 'webp' | 'svg';
};

const READABLE_TYPES: [DocType, number][] = [
  ['ktp', 35],
  ['kk', 22],
  ['akta', 15],
  ['surat_pengantar', 18],
  ['foto', 10],
];
const UNREADABLE_TYPES: [DocType, number][] = [
  ['ktp', 35],
  ['kk', 25],
  ['akta', 15],
  ['surat_pengantar', 15],
  ['foto', 10],
];
const TAMPERED_TYPES: [DocType, number][] = [
  ['ktp', 50],
  ['kk', 25],
  ['surat_pengantar', 15],
  ['akta', 10],
];
const OTHER_FORMAT_TYPES: [DocType, number][] = [
  ['ktp', 35],
  ['kk', 25],
  ['akta', 15],
  ['foto', 15],
  ['surat_pengantar', 10],
];
/** Real documents in the wrong slot: [what it is, where it was uploaded]. */
const CROSS: [DocType, DocType][] = [
  ['ktp', 'kk'],
  ['kk', 'akta'],
  ['kk', 'ktp'],
  ['ktp', 'foto'],
  ['foto', 'ktp'],
  ['akta', 'surat_pengantar'],
  ['surat_pengantar', 'kk'],
  ['ktp', 'akta'],
  ['akta', 'kk'],
  ['kk', 'surat_pengantar'],
];
const ALL_TYPES: DocType[] = ['ktp', 'kk', 'akta', 'surat_pengantar', 'foto'];

/** How many cases of each category a count gets (rounded; the readable share takes the remainder). */
export function caseMix(count: number): Record<CaseCategory, number> {
  const unreadable = Math.round(count * 0.15);
  const wrongType = Math.round(count * 0.15);
  const tampered = Math.round(count * 0.1);
  const otherFormat = Math.round(count * 0.05);
  return { readable: count - unreadable - wrongType - tampered - otherFormat, unreadable, wrongType, tampered, otherFormat };
}

/** The mix for (count, seed), in case order: cheap (nothing is rendered), and what generateDocumentCases renders. */
export function planDocumentCases(count: number, seed: number): CasePlan[] {
  const rng = new Rng(mixSeed(seed, -1));
  const mix = caseMix(count);
  const categories: CaseCategory[] = (Object.keys(mix) as CaseCategory[]).flatMap((k) => Array<CaseCategory>(mix[k]).fill(k));
  for (let i = categories.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [categories[i], categories[j]] = [categories[j], categories[i]];
  }
  let unreadableIndex = 0;
  let wrongIndex = 0;
  return categories.map((category): CasePlan => {
    const soft = (): Degradation => (rng.chance(0.45) ? 'clean' : 'mild');
    switch (category) {
      case 'readable': {
        const t = rng.weighted(READABLE_TYPES);
        // Letters: two in three are the office's PDF, the rest a photo of the printed letter.
        const pdf = t === 'surat_pengantar' && rng.chance(2 / 3);
        return { category, requested: t, content: t, degradation: pdf ? 'clean' : soft(), format: pdf ? 'pdf' : 'photo' };
      }
      case 'unreadable': {
        // The five degradations in turn, so each gets a fifth of the unreadable cases.
        const degradation = UNREADABLE_DEGRADATIONS[unreadableIndex++ % UNREADABLE_DEGRADATIONS.length];
        const t = rng.weighted(UNREADABLE_TYPES);
        return { category, requested: t, content: t, degradation, format: 'photo' };
      }
      case 'wrongType': {
        const k = wrongIndex++ % 3;
        if (k === 0) return { category, requested: rng.pick(ALL_TYPES), content: 'scene', degradation: 'mild', format: 'photo' };
        if (k === 1) return { category, requested: rng.pick(ALL_TYPES.filter((t) => t !== 'foto')), content: 'receipt', degradation: soft(), format: 'photo' };
        const [is, as] = rng.pick(CROSS);
        const pdf = is === 'surat_pengantar' && rng.chance(0.5);
        return { category, requested: as, content: is, degradation: pdf ? 'clean' : soft(), format: pdf ? 'pdf' : 'photo' };
      }
      case 'tampered': {
        const t = rng.weighted(TAMPERED_TYPES);
        const pdf = t === 'surat_pengantar' && rng.chance(0.5);
        return { category, requested: t, content: t, degradation: pdf ? 'clean' : soft(), format: pdf ? 'pdf' : 'photo' };
      }
      case 'otherFormat': {
        const t = rng.weighted(OTHER_FORMAT_TYPES);
        const format = rng.pick(['png', 'webp', 'svg'] as const);
        return { category, requested: t, content: t, degradation: format === 'webp' ? soft() : 'clean', format };
      }
    }
  });
}

// ───────────────────────────── tampering ─────────────────────────────

/** Another structurally valid NIK of the same person's district, date and sex: one the document does not carry. */
function otherNik(nik: string, rng: Rng, avoid: Set<string>): string {
  const day = Number(nik.slice(6, 8));
  const female = day > 40;
  const birth = `${Number(nik.slice(10, 12)) > 26 ? 19 : 20}${nik.slice(10, 12)}-${nik.slice(8, 10)}-${pad(female ? day - 40 : day)}`;
  const district = `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`;
  for (;;) {
    // Mostly a typo-like change of one or two serial digits; sometimes a different serial altogether.
    let candidate: string;
    if (rng.chance(0.7)) {
      const pos = rng.int(12, 15);
      candidate = `${nik.slice(0, pos)}${(Number(nik[pos]) + rng.int(1, 9)) % 10}${nik.slice(pos + 1)}`;
    } else {
      candidate = makeNik({ districtCode: district, birthDate: birth, sex: female ? 'P' : 'L', serial: rng.int(1, 9999) });
    }
    if (candidate !== nik && candidate.slice(12) !== '0000' && !avoid.has(candidate)) return candidate;
  }
}

function otherName(c: Citizen, rng: Rng, printedNames: Set<string>): string {
  for (;;) {
    const n = personName(rng, c.culture, c.sex);
    if (!printedNames.has(n.toUpperCase())) return n;
  }
}

// ───────────────────────────── rendering ─────────────────────────────

async function render(
  p: CasePlan,
  r: Rendered | null,
  photoSeed: number,
  content: CasePlan['content'],
): Promise<{ bytes: Buffer; mime: CaseMime; kind?: string }> {
  if (content === 'scene') return { bytes: await randomScene(photoSeed), mime: 'image/jpeg', kind: sceneSvg(photoSeed).kind };
  if (content === 'receipt') {
    const rc = receiptLike(photoSeed);
    return { bytes: (await photograph(Buffer.from(rc.svg, 'utf8'), { seed: photoSeed, degradation: p.degradation })).bytes, mime: 'image/jpeg', kind: rc.kind };
  }
  const svg = Buffer.from(r!.svg, 'utf8');
  switch (p.format) {
    case 'pdf':
      return { bytes: r!.pdf!, mime: 'application/pdf' };
    case 'svg':
      return { bytes: svg, mime: 'image/svg+xml' };
    case 'png':
      // A scan at a slightly higher resolution than the SVG's own.
      return { bytes: await scanPng(svg, 1.25), mime: 'image/png' };
    case 'webp': {
      // A photo forwarded through a chat app that re-encodes to WebP.
      const shot = await photograph(svg, { seed: photoSeed, degradation: p.degradation });
      return { bytes: await sharp(shot.bytes).webp({ quality: 72 }).toBuffer(), mime: 'image/webp' };
    }
    case 'photo': {
      // A cut-off photo loses its top (title, number) or its left side (labels, start of the values).
      const cutSide = p.degradation === 'cutOff' ? ((photoSeed >>> 4) % 2 ? 'top' : 'left') : undefined;
      return { bytes: (await photograph(svg, { seed: photoSeed, degradation: p.degradation, cutSide })).bytes, mime: 'image/jpeg' };
    }
  }
}

/**
 * The cases, one at a time (each photo takes some tens of milliseconds).
 * Deterministic for (count, seed); `for await (const c of generateDocumentCases(320, 13))`.
 */
export async function* generateDocumentCases(count: number, seed: number): AsyncGenerator<DocumentCase> {
  const plans = planDocumentCases(count, seed);
  const serials = new Set<string>();
  const regencyNames = new Map(UNIT_DEFS.map((u) => [u.code, regencyByCode(u.regionCode)?.name ?? u.name]));
  for (const [i, p] of plans.entries()) {
    const rng = new Rng(mixSeed(seed, i));
    const unit = rng.pick(UNIT_DEFS);
    // Akta cases need a household with children; KTP cases adults; a few 17-year-olds for new cards.
    const ages: [number, number] =
      p.content === 'akta' ? (rng.chance(0.5) ? [17, 24] : [28, 45]) : p.content === 'ktp' && rng.chance(0.2) ? [17, 19] : [20, 70];
    const c = makeCitizen(rng, unit, NOW, ages, serials);
    const ctx: Ctx = { rng, c, unit, regencyName: regencyNames.get(unit.code)! };
    const r = p.content === 'scene' || p.content === 'receipt' ? null : RENDER[p.content](ctx);
    const out = await render(p, r, mixSeed(seed, i, 0x70686f74), p.content);

    const form: DocumentCase['form'] = { nama: c.name, nik: c.nik, tanggal_lahir: c.birthDate, jenis_kelamin: c.sex };
    if (p.requested === 'kk' || p.content === 'kk') form.kk = c.kkNumber;
    let tampered = false;
    if (p.category === 'tampered') {
      tampered = true;
      const printedNames = new Set([...c.family.map((m) => m.name.toUpperCase()), ...Object.values(r?.fields ?? {})]);
      const niks = new Set(c.family.map((m) => m.nik));
      // A foto has nothing to contradict; the mix never tampers one.
      if (p.content === 'akta' || rng.chance(0.4)) form.nama = otherName(c, rng, printedNames);
      else form.nik = otherNik(c.nik, rng, niks);
    }
    // The name typed as people type it: sometimes capitals, mostly title case.
    if (!tampered && rng.chance(0.3)) form.nama = form.nama.toUpperCase();
    else form.nama = titleCase(form.nama);

    const truthType: DocumentCase['truth']['type'] = p.content === 'scene' || p.content === 'receipt' ? 'unknown' : p.content;
    const fields = r ? r.fields : { kind: out.kind ?? 'scene' };
    yield {
      id: `case-${pad(i + 1, 4)}`,
      category: p.category,
      requestedType: p.requested,
      bytes: out.bytes,
      mime: out.mime,
      truth: {
        type: truthType,
        readable: p.category !== 'unreadable',
        degradation: p.degradation,
        fields,
        ...(r?.members ? { members: r.members } : {}),
        ...(r?.qr ? { qr: r.qr } : {}),
      },
      form,
      tampered,
    };
  }
}
