/**
 * The demo data set, generated without touching the database: same seed and
 * reference time, same rows (ids included), byte for byte. server/seed/index.ts only
 * writes what this returns, which keeps the generator testable on its own.
 *
 * The AI columns are not invented: every suggestion is produced by running
 * the real RuleDocumentChecker and RetrievalDrafter on the generated
 * submission, then about one in ten is deliberately made wrong, so the
 * overrides, disagreement and automation-bias views have something true to show.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import os from 'node:os';
import type { aiSuggestions, attachments, decisions, documentReadings, reasonCodes, services, submissions, units, users } from '@/db/schema';
import type { DocVerdict } from '@/db/schema';
import { computeOverrides, requiresReason } from '@/lib/decision-rules';
import type { Channel, DocType, Outcome, Role, Verdict } from '@/lib/vocabulary';
import { makeKkNumber, makeNik, type Sex } from '@/server/ai/nik';
import { districtsOfRegency, regencyByCode, type District } from '@/server/ai/regions';
import { recommend, RetrievalDrafter, type Recommendation } from '@/server/ai/retrieval-drafter';
import { RuleDocumentChecker } from '@/server/ai/rule-checker';
import { capConfidenceByReading } from '@/server/ai/confidence';
import type { AttachmentInput, DocumentAnalysis, DocumentCheckOutput, DocumentReader, SubmissionInput } from '@/server/ai/types';
import { toReadingRow } from '@/server/services/review/document-reading';
import { withDisclosure, editSize } from '@/server/services/review/answer';
import { addWorkingHours, type OfficeCalendar } from '@/server/services/review/sla';
import { aktaNumber, aktaSvg, fotoSvg, kkSvg, ktpSvg, letterPdf, letterSvg, type KkMember, type KtpFields } from './documents';
import { mulberry32 } from './prng';
import { photograph, randomScene, receiptLike, UNREADABLE_DEGRADATIONS, type Degradation } from './specimen-photo';

// ───────────────────────────── randomness ─────────────────────────────

export { mulberry32 } from './prng';

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((n, [, w]) => n + w, 0);
    let r = this.next() * total;
    for (const [v, w] of entries) {
      if ((r -= w) < 0) return v;
    }
    return entries[entries.length - 1][0];
  }
  /** Random-looking but reproducible version-4 UUIDs, so the generated rows can reference each other before insert. */
  uuid(): string {
    const b = Array.from({ length: 16 }, () => Math.floor(this.next() * 256));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  digits(n: number): string {
    return Array.from({ length: n }, () => String(this.int(0, 9))).join('');
  }
}

// ───────────────────────────── reference data ─────────────────────────────

export const DEMO_PASSWORD = 'Demo#2026';

export type UnitDef = {
  code: 'bdg' | 'slm' | 'sby';
  name: string;
  regionCode: string;
  ticketPrefix: string;
  people: { officer: string; officer2: string; supervisor: string };
};

export const UNIT_DEFS: UnitDef[] = [
  {
    code: 'bdg',
    name: 'Disdukcapil Kota Bandung',
    regionCode: '32.73',
    ticketPrefix: 'BDG',
    people: { officer: 'Rina Kartika Sari', officer2: 'Asep Hidayat', supervisor: 'Dadang Suryana' },
  },
  {
    code: 'slm',
    name: 'Disdukcapil Kabupaten Sleman',
    regionCode: '34.04',
    ticketPrefix: 'SLM',
    people: { officer: 'Sri Wahyuni Lestari', officer2: 'Bayu Adi Nugroho', supervisor: 'Bambang Sulistyo' },
  },
  {
    code: 'sby',
    name: 'Disdukcapil Kota Surabaya',
    regionCode: '35.78',
    ticketPrefix: 'SBY',
    people: { officer: 'Dwi Cahyono', officer2: 'Nur Hidayati', supervisor: 'Rudi Hartono' },
  },
];

export type DemoAccount = { email: string; name: string; role: Role; unit: string | null; password: string };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  ...UNIT_DEFS.flatMap((u): DemoAccount[] => [
    { email: `petugas.${u.code}@layanan.go.id`, name: u.people.officer, role: 'officer', unit: u.name, password: DEMO_PASSWORD },
    { email: `petugas2.${u.code}@layanan.go.id`, name: u.people.officer2, role: 'officer', unit: u.name, password: DEMO_PASSWORD },
    { email: `supervisor.${u.code}@layanan.go.id`, name: u.people.supervisor, role: 'supervisor', unit: u.name, password: DEMO_PASSWORD },
  ]),
  { email: 'admin@layanan.go.id', name: 'Hendra Gunawan', role: 'admin', unit: null, password: DEMO_PASSWORD },
];

export const SERVICE_DEFS: (typeof services.$inferInsert)[] = [
  { code: 'ktp-el', nameId: 'KTP Elektronik (KTP-el)', nameEn: 'Electronic ID card (KTP-el)', requiredDocs: ['kk', 'foto'], slaHours: 72 },
  { code: 'kk-perubahan', nameId: 'Perubahan Kartu Keluarga', nameEn: 'Family card update', requiredDocs: ['ktp', 'kk', 'surat_pengantar'], slaHours: 72 },
  { code: 'akta-kelahiran', nameId: 'Akta Kelahiran', nameEn: 'Birth certificate', requiredDocs: ['kk', 'ktp', 'surat_pengantar'], slaHours: 120 },
  { code: 'pindah-datang', nameId: 'Pindah Datang', nameEn: 'Change of residence (moving in)', requiredDocs: ['ktp', 'kk', 'surat_pengantar'], slaHours: 120 },
  { code: 'pbb-p2', nameId: 'PBB-P2 (Pajak Bumi dan Bangunan)', nameEn: 'Land and building tax (PBB-P2)', requiredDocs: ['ktp'], slaHours: 168 },
  { code: 'bansos', nameId: 'Bantuan Sosial dan DTKS', nameEn: 'Social assistance (DTKS)', requiredDocs: ['ktp', 'kk'], slaHours: 240 },
  { code: 'bpjs-kesehatan', nameId: 'BPJS Kesehatan', nameEn: 'National health insurance (BPJS Kesehatan)', requiredDocs: ['ktp', 'kk'], slaHours: 72 },
  { code: 'pengaduan', nameId: 'Pengaduan Layanan', nameEn: 'Service complaint', requiredDocs: ['ktp'], slaHours: 120 },
];

export const REASON_CODE_DEFS: (typeof reasonCodes.$inferInsert)[] = [
  { code: 'ai_verdict_wrong', labelId: 'Penilaian dokumen oleh AI keliru', labelEn: 'AI judged a document wrongly', legalBasis: null, sortOrder: 1 },
  {
    code: 'doc_invalid',
    labelId: 'Dokumen tidak sah atau tidak sesuai',
    labelEn: 'Document not valid',
    legalBasis: 'Perpres 96/2018; Permendagri 108/2019',
    sortOrder: 2,
  },
  { code: 'doc_missing', labelId: 'Dokumen wajib belum lengkap', labelEn: 'Required document missing', legalBasis: 'Permendagri 108/2019', sortOrder: 3 },
  {
    code: 'nik_not_match',
    labelId: 'NIK tidak valid atau tidak sesuai',
    labelEn: 'NIK invalid or not matching',
    legalBasis: 'UU 24/2013 Pasal 13',
    sortOrder: 4,
  },
  { code: 'not_eligible', labelId: 'Tidak memenuhi syarat layanan', labelEn: 'Not eligible for the service', legalBasis: null, sortOrder: 5 },
  { code: 'duplicate_request', labelId: 'Permohonan ganda', labelEn: 'Duplicate request', legalBasis: null, sortOrder: 6 },
  { code: 'ai_answer_inaccurate', labelId: 'Jawaban AI tidak akurat', labelEn: 'AI answer inaccurate', legalBasis: null, sortOrder: 7 },
  {
    code: 'policy_exception',
    labelId: 'Pengecualian kebijakan (diskresi)',
    labelEn: 'Policy exception (discretion)',
    legalBasis: 'UU 30/2014 Pasal 22',
    sortOrder: 8,
  },
  { code: 'needs_supervisor', labelId: 'Perlu keputusan supervisor', labelEn: "Needs a supervisor's decision", legalBasis: null, sortOrder: 9 },
];

// ───────────────────────────── name and place pools ─────────────────────────────

export type Culture = 'sunda' | 'jawa' | 'campur';

const NAMES: Record<Culture, { m: string[]; f: string[]; m2: string[]; f2: string[] }> = {
  sunda: {
    m: [
      'Asep',
      'Ujang',
      'Dadang',
      'Cecep',
      'Deden',
      'Yayan',
      'Wawan',
      'Iwan',
      'Dede',
      'Encep',
      'Agus',
      'Rudi',
      'Rizky',
      'Fajar',
      'Ilham',
      'Gilang',
      'Galih',
      'Jajang',
      'Aep',
      'Usep',
      'Ade',
    ],
    f: [
      'Euis',
      'Neneng',
      'Imas',
      'Iis',
      'Cucu',
      'Entin',
      'Yati',
      'Rina',
      'Siti',
      'Dewi',
      'Nurul',
      'Rani',
      'Resti',
      'Wulan',
      'Tati',
      'Lilis',
      'Elis',
      'Teti',
      'Nining',
      'Popon',
    ],
    m2: [
      'Supriatna',
      'Sunandar',
      'Hermawan',
      'Saepudin',
      'Kurniawan',
      'Setiawan',
      'Permana',
      'Gunawan',
      'Hidayat',
      'Suryana',
      'Sumarna',
      'Maulana',
      'Ruhiyat',
      'Mulyana',
      'Sobandi',
      'Komarudin',
      'Ramdani',
      'Firmansyah',
      'Nugraha',
      'Sutisna',
    ],
    f2: [
      'Komariah',
      'Rosmiati',
      'Nurjanah',
      'Rahmawati',
      'Kurniasih',
      'Sumiati',
      'Hayati',
      'Rohaeti',
      'Maryani',
      'Apriliani',
      'Fitriani',
      'Lestari',
      'Nuraeni',
      'Mulyani',
      'Susilawati',
      'Handayani',
      'Yuliani',
    ],
  },
  jawa: {
    m: [
      'Bambang',
      'Joko',
      'Agus',
      'Budi',
      'Slamet',
      'Sugeng',
      'Hadi',
      'Eko',
      'Dwi',
      'Tri',
      'Wahyu',
      'Yoga',
      'Bayu',
      'Galang',
      'Aris',
      'Heru',
      'Sutrisno',
      'Suparman',
      'Teguh',
      'Wisnu',
      'Danang',
      'Purwanto',
    ],
    f: [
      'Sri',
      'Endang',
      'Tutik',
      'Wulan',
      'Ratna',
      'Dewi',
      'Yuni',
      'Retno',
      'Sulastri',
      'Ayu',
      'Nining',
      'Suparmi',
      'Kartini',
      'Ningsih',
      'Wiwik',
      'Dyah',
      'Sekar',
      'Puji',
    ],
    m2: [
      'Santoso',
      'Prasetyo',
      'Wibowo',
      'Susanto',
      'Nugroho',
      'Purnomo',
      'Setiawan',
      'Saputra',
      'Kurniawan',
      'Hartono',
      'Suryadi',
      'Widodo',
      'Hidayat',
      'Sulistyo',
      'Pamungkas',
      'Raharjo',
      'Wicaksono',
      'Utomo',
      'Cahyono',
      'Sasongko',
    ],
    f2: [
      'Lestari',
      'Rahayu',
      'Wahyuni',
      'Handayani',
      'Wijayanti',
      'Pratiwi',
      'Utami',
      'Susanti',
      'Rahmawati',
      'Kusumawati',
      'Purwanti',
      'Suryani',
      'Wulandari',
      'Anggraini',
      'Puspitasari',
      'Setyaningsih',
      'Astuti',
      'Widyastuti',
    ],
  },
  campur: {
    m: ['Moh. Hasan', 'Abdul Rohman', 'Zainal', 'Ahmad', 'Faisal', 'Hendra', 'Yohanes', 'Andreas', 'Michael', 'Rizal', 'Fikri', 'Mat'],
    f: ['Fatimah', 'Siti Maimunah', 'Linda', 'Maria', 'Novita', 'Yulia', 'Aisyah', 'Khadijah', 'Stefani', 'Meliana'],
    m2: ['Wijaya', 'Tanoto', 'Alatas', 'Gunawan', 'Halim', 'Sutanto', 'Effendi', 'Hamzah', 'Fauzi', 'Syahputra', 'Sahri'],
    f2: ['Wijaya', 'Halim', 'Susanti', 'Rahmawati', 'Hamidah', 'Kurniawati', 'Zahra', 'Safitri', 'Nurhayati', 'Oktaviani'],
  },
};

const UNIT_PLACES: Record<UnitDef['code'], { streets: string[]; birthplaces: string[]; cultures: [Culture, number][]; origin: string[] }> = {
  bdg: {
    streets: [
      'Jl. Cihampelas',
      'Jl. Ir. H. Juanda',
      'Jl. Setiabudi',
      'Jl. Pasteur',
      'Jl. Soekarno-Hatta',
      'Jl. Buah Batu',
      'Jl. Kiaracondong',
      'Jl. Cibaduyut',
      'Jl. Ahmad Yani',
      'Jl. Gegerkalong Hilir',
      'Jl. Sukajadi',
      'Jl. Terusan Jakarta',
      'Jl. Pajajaran',
      'Jl. Cigadung Raya',
      'Jl. Margahayu Raya',
      'Jl. Cijerah',
    ],
    birthplaces: ['Bandung', 'Garut', 'Tasikmalaya', 'Cimahi', 'Sumedang', 'Ciamis', 'Cianjur', 'Bandung'],
    cultures: [
      ['sunda', 85],
      ['campur', 15],
    ],
    origin: ['Kabupaten Garut', 'Kota Cimahi', 'Kabupaten Bandung Barat', 'Kota Tasikmalaya', 'Kota Bekasi'],
  },
  slm: {
    streets: [
      'Jl. Kaliurang Km 7',
      'Jl. Magelang Km 10',
      'Jl. Godean Km 5',
      'Jl. Seturan Raya',
      'Jl. Affandi',
      'Jl. Palagan Tentara Pelajar',
      'Jl. Wates Km 8',
      'Jl. Solo Km 12',
      'Jl. Monjali',
      'Jl. Turi Raya',
      'Jl. Cangkringan',
      'Jl. Perumnas Condongcatur',
    ],
    birthplaces: ['Sleman', 'Yogyakarta', 'Klaten', 'Magelang', 'Bantul', 'Gunungkidul', 'Purworejo', 'Sleman'],
    cultures: [
      ['jawa', 90],
      ['campur', 10],
    ],
    origin: ['Kabupaten Klaten', 'Kota Yogyakarta', 'Kabupaten Bantul', 'Kabupaten Magelang', 'Kota Semarang'],
  },
  sby: {
    streets: [
      'Jl. Raya Darmo',
      'Jl. Ahmad Yani',
      'Jl. Kertajaya',
      'Jl. Rungkut Industri',
      'Jl. Mulyosari',
      'Jl. Manyar Kertoarjo',
      'Jl. Kenjeran',
      'Jl. Wonokromo',
      'Jl. Diponegoro',
      'Jl. Dukuh Kupang',
      'Jl. Menur Pumpungan',
      'Jl. Gubeng Kertajaya',
      'Jl. Tambak Wedi',
    ],
    birthplaces: ['Surabaya', 'Sidoarjo', 'Gresik', 'Lamongan', 'Bangkalan', 'Malang', 'Mojokerto', 'Surabaya'],
    cultures: [
      ['jawa', 65],
      ['campur', 35],
    ],
    origin: ['Kabupaten Sidoarjo', 'Kabupaten Gresik', 'Kota Malang', 'Kabupaten Bangkalan', 'Kota Kediri'],
  },
};

const PHONE_PREFIXES = ['0811', '0812', '0813', '0821', '0822', '0852', '0853', '0857', '0858', '0877', '0878', '0895', '0896', '0881', '0838'];
const AGAMA: [string, number][] = [
  ['ISLAM', 86],
  ['KRISTEN', 6],
  ['KATOLIK', 4],
  ['HINDU', 1],
  ['BUDDHA', 2],
  ['KONGHUCU', 1],
];
const PEKERJAAN = [
  'KARYAWAN SWASTA',
  'WIRASWASTA',
  'PEDAGANG',
  'BURUH HARIAN LEPAS',
  'PEGAWAI NEGERI SIPIL',
  'GURU',
  'MENGURUS RUMAH TANGGA',
  'PETANI/PEKEBUN',
  'PELAJAR/MAHASISWA',
  'SOPIR',
  'PENSIUNAN',
];
const HOSPITALS = ['RSUD Kota', 'RS Bersalin Harapan Bunda', 'Puskesmas', 'Klinik Pratama Sehat Sentosa', 'Praktik Bidan Mandiri'];

const CHANNELS: [Channel, number][] = [
  ['portal', 40],
  ['whatsapp', 25],
  ['chatbot', 15],
  ['counter', 20],
];
const SERVICE_WEIGHTS: [string, number][] = [
  ['ktp-el', 18],
  ['kk-perubahan', 16],
  ['akta-kelahiran', 14],
  ['pindah-datang', 10],
  ['pbb-p2', 8],
  ['bansos', 10],
  ['bpjs-kesehatan', 12],
  ['pengaduan', 8],
];

/** Message templates per service: {kec} kecamatan, {anak} child, {asal} origin, {nop}, {bpjs}, {kerja}, {tahun}, {rs}, {jml}. */
const MESSAGES: Record<string, string[]> = {
  'ktp-el': [
    'Selamat pagi, saya sudah berusia 17 tahun dan ingin membuat KTP-el untuk pertama kali. Perekaman sudah saya lakukan di Kecamatan {kec}.',
    'Mohon dibuatkan KTP-el baru, KK dan pas foto sudah saya lampirkan. Terima kasih.',
    'KTP-el saya hilang waktu di pasar, mohon penggantian. Apakah perlu surat kehilangan dari polisi?',
    'Anak saya baru 17 tahun bulan ini, mau buat KTP-el. Kapan bisa diambil?',
    'KTP saya patah dan chipnya tidak terbaca, mohon dicetak ulang.',
  ],
  'kk-perubahan': [
    'Mohon perubahan KK karena saya baru menikah dan status perkawinan berubah.',
    'Saya ingin menambahkan anak saya yang baru lahir ke dalam Kartu Keluarga.',
    'Mohon pembaruan data pekerjaan di KK, sekarang saya bekerja sebagai {kerja}.',
    'Saya mau pisah KK dari orang tua karena sudah berkeluarga dan tinggal di Kecamatan {kec}.',
  ],
  'akta-kelahiran': [
    'Mohon penerbitan akta kelahiran untuk anak kami {anak}.',
    'Anak saya lahir di {rs}, surat keterangan lahir sudah saya lampirkan. Mohon dibuatkan akta kelahiran atas nama {anak}.',
    'Saya terlambat mengurus akta kelahiran anak ({anak}), apakah masih bisa dan perlu ke pengadilan?',
  ],
  'pindah-datang': [
    'Saya pindah dari {asal} ke Kecamatan {kec}, SKPWNI sudah ada. Mohon diproses kedatangan dan KK barunya.',
    'Mohon pencatatan pindah datang sekeluarga ({jml} orang) ke alamat baru di Kecamatan {kec}.',
    'Kami pindah karena pekerjaan, mohon penerbitan KK dan KTP-el dengan alamat baru.',
  ],
  'pbb-p2': [
    'Mohon balik nama SPPT PBB atas tanah yang saya beli, NOP {nop}.',
    'Luas bangunan di SPPT tahun {tahun} tidak sesuai dengan kondisi sebenarnya, mohon pembetulan.',
    'Saya mengajukan keringanan PBB karena penghasilan menurun sejak usaha saya tutup.',
  ],
  bansos: [
    'Saya ingin mendaftar sebagai penerima bantuan sosial PKH, suami sudah tidak bekerja sejak tahun lalu.',
    'Mohon dicek apakah keluarga kami sudah masuk DTKS, kami belum pernah menerima BPNT.',
    'Data pekerjaan saya di DTKS sudah berubah, mohon diperbarui agar bisa menerima bantuan.',
    'Ibu saya lansia dan tinggal sendiri, mohon diusulkan untuk menerima bantuan sosial.',
  ],
  'bpjs-kesehatan': [
    'Mohon didaftarkan BPJS Kesehatan PBI untuk keluarga kami, kami tidak mampu membayar iuran.',
    'Saya ingin pindah faskes dari Puskesmas {kec} ke klinik yang lebih dekat dengan rumah.',
    'Kartu BPJS saya nonaktif, mohon bantuan reaktivasi. Nomor kartu {bpjs}.',
    'Mohon perubahan data nama di kartu BPJS karena tidak sesuai dengan KTP.',
  ],
  pengaduan: [
    'Saya sudah tiga kali datang ke kantor Kecamatan {kec} untuk perekaman KTP-el tetapi alatnya selalu rusak.',
    'Ada oknum yang meminta uang Rp 100.000 agar akta kelahiran cepat selesai. Mohon ditindaklanjuti.',
    'Antrean di kantor Disdukcapil sangat panjang dan pendaftaran antrean online tidak berfungsi.',
    'Pengajuan KK saya sudah lebih dari dua minggu belum ada kabar, mohon informasi.',
  ],
};

const ESCALATION_NOTES = [
  'Pemohon menyatakan NIK-nya tercatat ganda dengan penduduk lain; perlu keputusan supervisor.',
  'Data KK pada dokumen tidak sama dengan database SIAK; mohon arahan sebelum diputuskan.',
  'Ada dugaan pungutan liar dalam aduan ini, perlu diteruskan ke inspektorat.',
  'Pemohon meminta pengecualian persyaratan karena kondisi darurat; butuh diskresi supervisor.',
];

const EDIT_ADDITIONS = [
  'Dokumen dapat diambil di loket pelayanan dengan menunjukkan nomor tiket ini.',
  'Status permohonan dapat Anda pantau melalui halaman status dengan nomor tiket.',
  'Apabila ada pertanyaan, silakan hubungi kami pada jam kerja (08.00–16.00 WIB).',
  'Mohon membawa dokumen asli saat pengambilan untuk dicocokkan petugas.',
];

// ───────────────────────────── people ─────────────────────────────

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
function wibDate(d: Date): string {
  return new Date(d.getTime() + 7 * HOUR).toISOString().slice(0, 10);
}
/** YYYY-MM-DD → DD-MM-YYYY as printed on documents. */
export function printed(iso: string): string {
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}
function birthDateForAge(rng: Rng, now: Date, minAge: number, maxAge: number): string {
  const age = rng.float(minAge, maxAge + 0.999);
  return isoDate(new Date(now.getTime() - age * 365.25 * DAY));
}

/** Pre-1972 spelling, as still printed on many older citizens' documents (Djoko, Tjahjono, Soetrisno). */
export function oldSpelling(name: string): string {
  return name
    .replace(/j/gi, (c) => (c === 'J' ? 'Dj' : 'dj'))
    .replace(/y/g, 'j')
    .replace(/c/gi, (c) => (c === 'C' ? 'Tj' : 'tj'))
    .replace(/u/, 'oe');
}

export type Person = { name: string; sex: Sex; birthDate: string; nik: string };

export type Citizen = Person & {
  culture: Culture;
  district: District;
  kkNumber: string;
  kkIssued: string;
  family: (Person & { relation: string })[];
  headName: string;
  phone: string;
  street: string;
  houseNo: number;
  rt: number;
  rw: number;
  birthplace: string;
  religion: string;
  job: string;
  married: boolean;
  /** Name as the citizen typed it in the form (may carry titles). */
  formName: string;
  /** Name as printed on the KTP (capitals, possibly old spelling). */
  ktpName: string;
};

export function personName(rng: Rng, culture: Culture, sex: Sex): string {
  const pool = NAMES[culture];
  const first = rng.pick(sex === 'L' ? pool.m : pool.f);
  const second = rng.pick(sex === 'L' ? pool.m2 : pool.f2);
  return first === second ? first : `${first} ${second}`;
}

export function makeCitizen(rng: Rng, unit: UnitDef, now: Date, ageRange: [number, number], serials: Set<string>): Citizen {
  const places = UNIT_PLACES[unit.code];
  const culture = rng.weighted(places.cultures);
  const sex: Sex = rng.chance(0.52) ? 'P' : 'L';
  const name = personName(rng, culture, sex);
  const birthDate = birthDateForAge(rng, now, ageRange[0], ageRange[1]);
  const district = rng.pick(districtsOfRegency(unit.regionCode));
  const nikFor = (bd: string, s: Sex) => {
    for (;;) {
      const nik = makeNik({ districtCode: district.code, birthDate: bd, sex: s, serial: rng.int(1, 9999) });
      if (!serials.has(nik)) {
        serials.add(nik);
        return nik;
      }
    }
  };
  const nik = nikFor(birthDate, sex);
  const age = (now.getTime() - Date.parse(birthDate)) / (365.25 * DAY);
  const married = age >= 22 && rng.chance(0.8);

  // The family as the KK lists it: a married citizen's own household, or the parents' household.
  const family: (Person & { relation: string })[] = [];
  const addChild = (motherBirth: string) => {
    const mb = Date.parse(motherBirth);
    // Children born while the mother was 20–42, and still young enough to live in the household.
    const minBirth = Math.max(mb + 20 * 365.25 * DAY, now.getTime() - 25 * 365.25 * DAY);
    const maxBirth = Math.min(mb + 42 * 365.25 * DAY, now.getTime() - 30 * DAY);
    if (minBirth >= maxBirth) return;
    const bd = isoDate(new Date(rng.float(minBirth, maxBirth)));
    const s: Sex = rng.chance(0.5) ? 'L' : 'P';
    family.push({ name: personName(rng, culture, s), sex: s, birthDate: bd, nik: nikFor(bd, s), relation: 'ANAK' });
  };
  let headName: string;
  if (married) {
    const spouseSex: Sex = sex === 'L' ? 'P' : 'L';
    const spouseBirth = birthDateForAge(rng, new Date(Date.parse(birthDate) + 365.25 * DAY * 30), 27, 33);
    const spouse = { name: personName(rng, culture, spouseSex), sex: spouseSex, birthDate: spouseBirth, nik: nikFor(spouseBirth, spouseSex) };
    const head = sex === 'L' ? { name, sex, birthDate, nik } : spouse;
    const wife = sex === 'L' ? spouse : { name, sex, birthDate, nik };
    family.push({ ...head, relation: 'KEPALA KELUARGA' }, { ...wife, relation: 'ISTRI' });
    headName = head.name;
    const kids = rng.int(0, 3);
    for (let i = 0; i < kids; i++) addChild(wife.birthDate);
  } else {
    const fatherBirth = isoDate(new Date(Date.parse(birthDate) - rng.float(24, 36) * 365.25 * DAY));
    const motherBirth = isoDate(new Date(Date.parse(fatherBirth) + rng.float(0, 5) * 365.25 * DAY));
    const father = { name: personName(rng, culture, 'L'), sex: 'L' as Sex, birthDate: fatherBirth, nik: nikFor(fatherBirth, 'L') };
    const mother = { name: personName(rng, culture, 'P'), sex: 'P' as Sex, birthDate: motherBirth, nik: nikFor(motherBirth, 'P') };
    family.push({ ...father, relation: 'KEPALA KELUARGA' }, { ...mother, relation: 'ISTRI' }, { name, sex, birthDate, nik, relation: 'ANAK' });
    headName = father.name;
    if (rng.chance(0.5)) addChild(motherBirth);
  }
  const kkIssued = isoDate(new Date(now.getTime() - rng.float(0.5, 12) * 365.25 * DAY));
  const kkNumber = makeKkNumber({ districtCode: district.code, issuedDate: kkIssued, serial: rng.int(1, 9999) });

  let formName = name;
  if (age >= 40 && rng.chance(0.1)) formName = `${sex === 'L' ? 'H.' : 'Hj.'} ${name}`;
  else if (age >= 24 && rng.chance(0.06)) formName = `${name}, ${rng.pick(['S.Pd.', 'S.E.', 'S.Kom.', 'S.H.', 'A.Md.'])}`;
  const ktpName = (age >= 50 && culture === 'jawa' && rng.chance(0.35) ? oldSpelling(name) : name).toUpperCase();

  return {
    name,
    sex,
    birthDate,
    nik,
    culture,
    district,
    kkNumber,
    kkIssued,
    family,
    headName,
    phone: `${rng.pick(PHONE_PREFIXES)}${rng.digits(rng.int(7, 8))}`,
    street: rng.pick(places.streets),
    houseNo: rng.int(1, 180),
    rt: rng.int(1, 12),
    rw: rng.int(1, 15),
    birthplace: rng.pick(places.birthplaces),
    religion: rng.weighted(AGAMA),
    job: age < 22 && !married ? 'PELAJAR/MAHASISWA' : rng.pick(PEKERJAAN),
    married,
    formName,
    ktpName,
  };
}

// ───────────────────────────── villages ─────────────────────────────

const villageCache = new Map<string, string[]>();
let villageLines: string[] | null = null;

/** Kelurahan/desa names of a kecamatan ('32.73.01'), in code order, from idn-area-data's villages.csv (read once). */
export function villagesOfDistrict(districtCode: string): string[] {
  const cached = villageCache.get(districtCode);
  if (cached) return cached;
  if (!villageLines) {
    const specifier = ['idn-area-data', 'package.json'].join('/');
    let dir = path.join(process.cwd(), 'node_modules', 'idn-area-data');
    try {
      dir = path.dirname(createRequire(import.meta.url).resolve(specifier));
    } catch {
      // fall back to the working directory's node_modules
    }
    villageLines = readFileSync(path.join(dir, 'data', 'villages.csv'), 'utf8').split(/\r?\n/);
  }
  const prefix = `${districtCode}.`;
  const names = villageLines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(l.indexOf(',', l.indexOf(',') + 1) + 1).trim());
  villageCache.set(districtCode, names);
  return names;
}

/** A stable 32-bit number for a string (FNV-1a): seeds for photos without drawing from the data set's stream. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The household's kelurahan/desa: fixed by the KK number, so the KTP and the KK agree. */
export function villageOf(c: Pick<Citizen, 'district' | 'kkNumber'>): string {
  const names = villagesOfDistrict(c.district.code);
  return names.length ? names[hashSeed(c.kkNumber) % names.length].toUpperCase() : '-';
}

const GOL_DARAH = ['-', '-', '-', 'A', 'B', 'AB', 'O', 'O', 'A+', 'O+'];

/** Blood group as the KTP prints it ('-' on most cards: it is optional), fixed by the NIK. */
export function golDarahOf(nik: string): string {
  return GOL_DARAH[hashSeed(`darah:${nik}`) % GOL_DARAH.length];
}

// ───────────────────────────── the data set ─────────────────────────────

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'] & { id: string };

export type AuditSeedEvent = {
  at: Date;
  /** Tie-breaker for events at the same instant: received before decided. */
  order: number;
  stream: string;
  actorId: string | null;
  actorRole: string | null;
  unitId: string;
  action: string;
  entityType: 'submission';
  entityId: string;
  payload: Record<string, unknown>;
};

export type DemoData = {
  units: Row<typeof units>[];
  services: (typeof services.$inferInsert)[];
  reasonCodes: (typeof reasonCodes.$inferInsert)[];
  /** Without password hashes: hashing is salted, so it happens at write time. */
  users: (Omit<typeof users.$inferInsert, 'passwordHash'> & { id: string })[];
  submissions: Row<typeof submissions>[];
  attachments: Row<typeof attachments>[];
  suggestions: Row<typeof aiSuggestions>[];
  decisions: Row<typeof decisions>[];
  readings: (typeof documentReadings.$inferInsert)[];
  audit: AuditSeedEvent[];
};

export type GenerateOptions = {
  seed?: number;
  now: Date;
  submissions?: number;
  calendar: OfficeCalendar;
  /** Reads every specimen as the drafting job would; without one, documents stay unread (and say so). */
  reader?: DocumentReader;
  onRead?: (done: number, total: number) => void;
};

type Broken = 'region' | 'date' | 'sex' | 'mismatch' | null;
type DocIssue = { missing?: string; unreadable?: string; wrongKk?: boolean };

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** A NIK whose DDMM digits are not a date (e.g. 35/14): a slip that the structure check must catch. */
function impossibleDateNik(nik: string, rng: Rng): string {
  const day = rng.pick(['00', '32', '35', '39', '72', '75']);
  const month = rng.pick(['00', '13', '14', '19', nik.slice(8, 10)]);
  return `${nik.slice(0, 6)}${day}${day === '00' || Number(day) > 40 ? nik.slice(8, 10) : month}${nik.slice(10)}`;
}

/** What a citizen's KTP-el prints (the demo seed and the labelled evaluation cases draw the same card). */
export function ktpFieldsOf(c: Citizen, card: { nik: string; nama: string; regencyName: string; until: string; issued: string }): KtpFields {
  return {
    provinsi: c.district.provinceName,
    kabupaten: card.regencyName,
    nik: card.nik,
    nama: card.nama,
    tempatLahir: c.birthplace.toUpperCase(),
    tanggalLahir: printed(c.birthDate),
    jenisKelamin: c.sex === 'L' ? 'LAKI-LAKI' : 'PEREMPUAN',
    golDarah: golDarahOf(card.nik),
    alamat: `${c.street.toUpperCase()} NO. ${c.houseNo}`,
    rtRw: `${pad(c.rt, 3)}/${pad(c.rw, 3)}`,
    kelDesa: villageOf(c),
    kecamatan: c.district.name.toUpperCase(),
    agama: c.religion,
    statusPerkawinan: c.married ? 'KAWIN' : 'BELUM KAWIN',
    pekerjaan: c.job,
    berlakuHingga: card.until === 'SEUMUR HIDUP' ? card.until : printed(card.until),
    kotaTerbit: card.regencyName.replace(/^(Kota|Kabupaten) /, ''),
    tanggalTerbit: printed(card.issued),
  };
}

export async function generateDemoData(opts: GenerateOptions): Promise<DemoData> {
  const rng = new Rng(opts.seed ?? 20260301);
  const now = opts.now;
  const total = opts.submissions ?? 360;
  const cal = opts.calendar;
  const checker = new RuleDocumentChecker();
  const drafter = new RetrievalDrafter();
  const serviceByCode = new Map(SERVICE_DEFS.map((s) => [s.code, s]));
  const serials = new Set<string>();

  const data: DemoData = {
    units: [],
    services: SERVICE_DEFS,
    reasonCodes: REASON_CODE_DEFS,
    users: [],
    submissions: [],
    attachments: [],
    suggestions: [],
    decisions: [],
    readings: [],
    audit: [],
  };
  // Sections 1–5 of every request run first; the documents are then read in parallel (OCR is the slow part),
  // and the AI's view and the decisions (sections 6–7) follow in the same order.
  const finishers: (() => Promise<void>)[] = [];
  const toRead: Row<typeof attachments>[] = [];

  const userIds = new Map<string, string>();
  for (const u of UNIT_DEFS) {
    const unitId = rng.uuid();
    data.units.push({
      id: unitId,
      code: u.code,
      name: u.name,
      regionCode: u.regionCode,
      ticketPrefix: u.ticketPrefix,
      createdAt: new Date(now.getTime() - 75 * DAY),
    });
    for (const a of DEMO_ACCOUNTS.filter((x) => x.unit === u.name)) {
      const id = rng.uuid();
      userIds.set(a.email, id);
      data.users.push({ id, email: a.email, name: a.name, role: a.role, unitId, createdAt: new Date(now.getTime() - 75 * DAY) });
    }
  }
  for (const a of DEMO_ACCOUNTS.filter((x) => x.unit === null)) {
    const id = rng.uuid();
    userIds.set(a.email, id);
    data.users.push({ id, email: a.email, name: a.name, role: a.role, unitId: null, createdAt: new Date(now.getTime() - 75 * DAY) });
  }

  const perUnit = UNIT_DEFS.map((_, i) => Math.floor(total / UNIT_DEFS.length) + (i < total % UNIT_DEFS.length ? 1 : 0));

  for (const [unitIndex, unit] of UNIT_DEFS.entries()) {
    const unitRow = data.units[unitIndex];
    const regency = regencyByCode(unit.regionCode);
    if (!regency) throw new Error(`Region ${unit.regionCode} is not in idn-area-data`);
    const officers = [userIds.get(`petugas.${unit.code}@layanan.go.id`)!, userIds.get(`petugas2.${unit.code}@layanan.go.id`)!];
    const count = perUnit[unitIndex];
    const pendingCount = Math.round(count * 0.375);

    // 1. When each request arrived and whether it is still waiting: the newest ones wait.
    type Slot = { serviceCode: string; channel: (typeof CHANNELS)[number][0]; receivedAt: Date; pending: boolean };
    const slots: Slot[] = [];
    for (let i = 0; i < count; i++) {
      const serviceCode = rng.weighted(SERVICE_WEIGHTS);
      const channel = rng.weighted(CHANNELS);
      const pending = i < pendingCount;
      const sla = serviceByCode.get(serviceCode)!.slaHours;
      let t: number;
      if (pending) {
        // Spread the SLA clocks: most still running, about a quarter past due.
        const span = addWorkingHours(now, sla, cal).getTime() - now.getTime();
        const elapsed = rng.weighted<[number, number]>([
          [[0.02, 0.75], 50],
          [[0.75, 0.98], 25],
          [[1.0, 1.35], 25],
        ]);
        t = now.getTime() - Math.min(45 * DAY, rng.float(elapsed[0], elapsed[1]) * span);
      } else {
        t = now.getTime() - rng.float(1, 60) * DAY;
      }
      let received = new Date(t);
      if (channel === 'counter') {
        // Walk-ins come during office hours on working days.
        const local = new Date(received.getTime() + 7 * HOUR);
        let day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
        while ([0, 6].includes(new Date(day).getUTCDay())) day -= DAY;
        received = new Date(day - 7 * HOUR + rng.float(8, 15.5) * HOUR);
        if (received.getTime() > now.getTime()) received = new Date(now.getTime() - rng.float(5, 90) * MINUTE);
      }
      slots.push({ serviceCode, channel, receivedAt: received, pending });
    }
    slots.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());

    // 2. Who asked: mostly one request each, some citizens come back (history and duplicates).
    const citizens: Citizen[] = [];
    const citizenOf: number[] = [];
    for (const slot of slots) {
      const repeatable = citizens.map((c, i) => ({ c, i })).filter(({ c }) => Date.parse(c.birthDate) < now.getTime() - 20 * 365.25 * DAY);
      if (citizens.length > 6 && repeatable.length && rng.chance(0.07)) {
        citizenOf.push(rng.pick(repeatable).i);
        continue;
      }
      const ages: [number, number] =
        slot.serviceCode === 'ktp-el' ? (rng.chance(0.7) ? [16.9, 19] : [20, 60]) : slot.serviceCode === 'akta-kelahiran' ? [21, 40] : [21, 75];
      citizens.push(makeCitizen(rng, unit, now, ages, serials));
      citizenOf.push(citizens.length - 1);
    }

    let seq = 0;
    const earlier: { nik: string; serviceCode: string; ticket: string; at: number }[] = [];

    for (const [slotIndex, slot] of slots.entries()) {
      const c = citizens[citizenOf[slotIndex]];
      const service = serviceByCode.get(slot.serviceCode)!;
      const year = wibDate(slot.receivedAt).slice(0, 4);
      seq += 1;
      const ticket = `${unit.ticketPrefix}-${year}-${pad(seq, 6)}`;
      const submissionId = rng.uuid();

      // 3. What can go wrong with this request, on purpose.
      const hasKtp = service.requiredDocs.includes('ktp');
      const broken: Broken = rng.chance(0.12)
        ? rng.weighted<Exclude<Broken, null>>([
            ['region', 3],
            ['date', 3],
            ['sex', 2],
            ['mismatch', hasKtp ? 4 : 0],
          ])
        : null;
      const issue: DocIssue = {};
      if (rng.chance(0.07)) issue.missing = rng.pick(service.requiredDocs);
      else if (rng.chance(0.045)) issue.unreadable = rng.pick(service.requiredDocs);
      if (service.requiredDocs.includes('kk') && rng.chance(0.015)) issue.wrongKk = true;

      let trueNik = c.nik;
      if (broken === 'region') {
        const known = new Set(districtsOfRegency(unit.regionCode).map((d) => d.code.slice(6)));
        let kec = 0;
        do kec = rng.int(40, 89);
        while (known.has(pad(kec)));
        trueNik = `${c.nik.slice(0, 4)}${pad(kec)}${c.nik.slice(6)}`;
      } else if (broken === 'date') {
        trueNik = impossibleDateNik(c.nik, rng);
      } else if (broken === 'sex' && c.sex === 'P') {
        trueNik = makeNik({ districtCode: c.district.code, birthDate: c.birthDate, sex: 'L', serial: Number(c.nik.slice(12)) });
      } else if (broken === 'sex') {
        trueNik = makeNik({ districtCode: c.district.code, birthDate: c.birthDate, sex: 'P', serial: Number(c.nik.slice(12)) });
      }
      // "mismatch": the citizen mistyped one serial digit in the form; the KTP carries the real number.
      let formNik = trueNik;
      if (broken === 'mismatch') {
        const pos = rng.int(12, 15);
        const digit = String((Number(trueNik[pos]) + rng.int(1, 9)) % 10);
        formNik = `${trueNik.slice(0, pos)}${digit}${trueNik.slice(pos + 1)}`;
        if (formNik.slice(12) === '0000') formNik = `${formNik.slice(0, 15)}1`;
      }

      // 4. The form, as the citizen filled it in.
      const address = `${c.street} No. ${c.houseNo}, RT ${pad(c.rt, 3)}/RW ${pad(c.rw, 3)}, Kec. ${c.district.name}, ${regency.name}`;
      const form: Record<string, string> = {
        tanggal_lahir: c.birthDate,
        jenis_kelamin: c.sex,
        tempat_lahir: c.birthplace,
        alamat: address,
      };
      const fill: Record<string, string> = {
        kec: c.district.name,
        kerja: rng.pick(PEKERJAAN).toLowerCase(),
        rs: rng.pick(HOSPITALS),
        tahun: String(Number(year) - rng.int(0, 1)),
      };
      let childName = '';
      switch (slot.serviceCode) {
        case 'ktp-el':
          form.alasan = rng.weighted([
            ['baru', 6],
            ['hilang', 2],
            ['rusak', 2],
          ]);
          break;
        case 'kk-perubahan':
          form.jenis_perubahan = rng.pick(['perubahan status perkawinan', 'penambahan anggota keluarga', 'perubahan pekerjaan', 'pisah KK']);
          break;
        case 'akta-kelahiran': {
          const childSex: Sex = rng.chance(0.5) ? 'L' : 'P';
          childName = personName(rng, c.culture, childSex);
          const late = rng.chance(0.2);
          form.nama_anak = childName;
          form.jenis_kelamin_anak = childSex;
          form.tanggal_lahir_anak = isoDate(new Date(slot.receivedAt.getTime() - rng.float(late ? 70 : 3, late ? 500 : 55) * DAY));
          form.tempat_lahir_anak = `${fill.rs} ${regency.name.replace(/^(Kota|Kabupaten) /, '')}`;
          form.nama_ibu = c.sex === 'P' ? c.name : (c.family.find((f) => f.relation === 'ISTRI')?.name ?? personName(rng, c.culture, 'P'));
          fill.anak = childName;
          break;
        }
        case 'pindah-datang': {
          const origin = rng.pick(UNIT_PLACES[unit.code].origin);
          form.alamat_asal = `${rng.pick(UNIT_PLACES[rng.pick(UNIT_DEFS).code].streets)} No. ${rng.int(1, 99)}, ${origin}`;
          form.alamat_tujuan = address;
          form.jumlah_anggota_pindah = String(Math.max(1, c.family.length - (c.married ? 0 : 2)));
          form.alasan_pindah = rng.pick(['pekerjaan', 'pendidikan', 'keluarga', 'perumahan']);
          fill.asal = origin;
          fill.jml = form.jumlah_anggota_pindah;
          break;
        }
        case 'pbb-p2': {
          const nop = `${unit.regionCode.replace('.', '')}${pad(Number(c.district.code.slice(6)), 3)}${rng.digits(3)}${pad(rng.int(1, 40), 3)}${rng.digits(4)}${rng.int(0, 1)}`;
          form.nop = nop;
          form.jenis_permohonan = rng.pick(['mutasi nama wajib pajak', 'pembetulan SPPT', 'pengurangan/keringanan']);
          form.tahun_pajak = fill.tahun;
          fill.nop = nop;
          break;
        }
        case 'bansos':
          form.program = rng.pick(['PKH', 'BPNT', 'PBI-JK']);
          form.pekerjaan = c.job.toLowerCase();
          form.jumlah_tanggungan = String(rng.int(1, 6));
          form.penghasilan_bulanan = String(rng.int(5, 30) * 100_000);
          break;
        case 'bpjs-kesehatan': {
          const card = `000${rng.digits(10)}`;
          form.no_kartu_bpjs = card;
          form.jenis_permohonan = rng.pick(['pendaftaran PBI', 'pindah faskes', 'perubahan data', 'reaktivasi']);
          fill.bpjs = card;
          break;
        }
        case 'pengaduan':
          form.kategori = rng.pick(['pelayanan', 'pungutan liar', 'sarana prasarana', 'waktu penyelesaian']);
          form.lokasi_kejadian = `Kantor Kecamatan ${c.district.name}`;
          form.tanggal_kejadian = isoDate(new Date(slot.receivedAt.getTime() - rng.float(1, 14) * DAY));
          break;
      }
      const message = rng.pick(MESSAGES[slot.serviceCode]).replace(/\{(\w+)\}/g, (_, k: string) => fill[k] ?? '');

      // 5. The documents: phone photos of specimen documents (a surat pengantar stays a PDF) and
      // what the channel sent along with each (`extracted`: the same keys whatever the picture shows).
      // An unreadable upload is unreadable in its pixels, a wrong upload is another picture: nothing
      // in `extracted` says so, the document reader has to find out. Photo seeds come from the
      // submission id, not from `rng`, so the rest of the data set draws exactly as before.
      const docSeed = (docType: string) => hashSeed(`${submissionId}:${docType}`);
      /** The degradation an uploaded photo got: one of the unreadable kinds for `issue.unreadable`. */
      const degradationOf = (docType: string): Degradation => {
        const s = docSeed(docType);
        if (issue.unreadable === docType) return UNREADABLE_DEGRADATIONS[s % UNREADABLE_DEGRADATIONS.length];
        return s % 5 < 2 ? 'clean' : 'mild';
      };
      const photo = async (docType: string, svg: string) => {
        const seed = docSeed(docType);
        // A cut-off photo loses its top (title, number) or its left side (labels, start of the values).
        const shot = await photograph(Buffer.from(svg, 'utf8'), { seed, degradation: degradationOf(docType), cutSide: (seed >>> 8) % 2 ? 'top' : 'left' });
        return shot.bytes;
      };
      // About one request in forty (one in 32 of those asking for a KK or pas foto) uploads a random
      // picture or a shop receipt in that slot.
      const wrongSlots = service.requiredDocs.filter((d) => (d === 'kk' || d === 'foto') && d !== issue.missing && d !== issue.unreadable);
      const wrongSeed = hashSeed(`${submissionId}:wrong-upload`);
      const wrongUpload: { docType: string; kind: 'scene' | 'receipt' } | null =
        wrongSlots.length && wrongSeed % 32 === 0
          ? { docType: wrongSlots[(wrongSeed >>> 8) % wrongSlots.length], kind: (wrongSeed >>> 12) % 2 ? 'scene' : 'receipt' }
          : null;
      const wrongPicture = async (seed: number) =>
        wrongUpload?.kind === 'scene' ? randomScene(seed) : (await photograph(Buffer.from(receiptLike(seed).svg, 'utf8'), { seed, degradation: 'mild' })).bytes;

      const atts: Row<typeof attachments>[] = [];
      // Ids and times are drawn in upload order; the photos render concurrently and are awaited below.
      const uploads: { row: Omit<Row<typeof attachments>, 'size' | 'sha256' | 'content'>; content: Promise<Buffer> }[] = [];
      const addDoc = (docType: DocType, content: Buffer | Promise<Buffer>, mime: string, ext: string, extracted: Record<string, string>) => {
        const wrong = wrongUpload?.docType === docType;
        uploads.push({
          row: {
            id: rng.uuid(),
            submissionId,
            docType,
            filename: `${docType.replace('_', '-')}-${ticket}.${wrong ? 'jpg' : ext}`,
            mime: wrong ? 'image/jpeg' : mime,
            extracted,
            createdAt: new Date(slot.receivedAt.getTime() + rng.int(1, 30) * 1000),
          },
          content: wrong ? wrongPicture(docSeed(docType)) : Promise.resolve(content),
        });
      };
      const kkHolder = issue.wrongKk ? makeCitizen(rng, unit, now, [25, 60], serials) : c;
      for (const docType of service.requiredDocs) {
        if (issue.missing === docType) continue;
        if (docType === 'ktp') {
          // Cards printed before 2016 still show a five-year validity; newer ones say SEUMUR HIDUP.
          const oldCard = Date.parse(c.birthDate) < Date.UTC(1994, 0, 1) && rng.chance(0.06);
          const earliest = Math.max(Date.parse(c.birthDate) + 17 * 365.25 * DAY, now.getTime() - 9 * 365.25 * DAY);
          const issued = oldCard
            ? `${rng.int(2011, 2015)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`
            : isoDate(new Date(rng.float(earliest, Math.max(earliest, now.getTime() - 30 * DAY))));
          const until = oldCard ? `${Number(issued.slice(0, 4)) + 5}${issued.slice(4)}` : 'SEUMUR HIDUP';
          const svg = ktpSvg(ktpFieldsOf(c, { nik: trueNik, nama: c.ktpName, regencyName: regency.name, until, issued }));
          addDoc('ktp', photo('ktp', svg), 'image/jpeg', 'jpg', {
            nik: trueNik,
            nama: c.ktpName,
            tempat_lahir: c.birthplace.toUpperCase(),
            tanggal_lahir: c.birthDate,
            jenis_kelamin: c.sex === 'L' ? 'LAKI-LAKI' : 'PEREMPUAN',
            alamat: `${c.street} No. ${c.houseNo}, RT ${pad(c.rt, 3)}/RW ${pad(c.rw, 3)}`,
            kecamatan: c.district.name,
            berlaku_hingga: until,
          });
        } else if (docType === 'kk') {
          const h = kkHolder;
          // For a wrongly issued NIK the KK lists the same wrong number: it is the citizen's record that is off.
          const members: KkMember[] = h.family.map((m) => ({
            nama: m.name.toUpperCase(),
            nik: h === c && m.nik === c.nik ? trueNik : m.nik,
            jenisKelamin: m.sex === 'L' ? 'LAKI-LAKI' : 'PEREMPUAN',
            tempatLahir: h.birthplace.toUpperCase(),
            tanggalLahir: printed(m.birthDate),
            hubungan: m.relation,
          }));
          const svg = kkSvg({
            nomor: h.kkNumber,
            kepalaKeluarga: h.headName.toUpperCase(),
            alamat: `${h.street.toUpperCase()} NO. ${h.houseNo}`,
            rtRw: `${pad(h.rt, 3)}/${pad(h.rw, 3)}`,
            kelDesa: villageOf(h),
            kecamatan: h.district.name.toUpperCase(),
            kabupaten: regency.name.toUpperCase(),
            provinsi: h.district.provinceName.toUpperCase(),
            members,
            tanggalTerbit: printed(h.kkIssued),
          });
          addDoc('kk', photo('kk', svg), 'image/jpeg', 'jpg', {
            nomor_kk: h.kkNumber,
            kepala_keluarga: h.headName,
            anggota: h.family.map((m) => m.name).join(', '),
            alamat: `${h.street} No. ${h.houseNo}, RT ${pad(h.rt, 3)}/RW ${pad(h.rw, 3)}`,
          });
        } else if (docType === 'foto') {
          const latar = Number(c.birthDate.slice(0, 4)) % 2 ? 'merah' : 'biru';
          addDoc('foto', photo('foto', fotoSvg({ background: latar, nama: c.name })), 'image/jpeg', 'jpg', { nama: c.name, latar });
        } else if (docType === 'akta') {
          // No service lists an akta today; when one does, the birth certificate is the child's (akta
          // kelahiran) or the citizen's own. Drawn from its own stream, like the photo seeds.
          const own = new Rng(docSeed('akta-data'));
          const father = c.family.find((m) => m.relation === 'KEPALA KELUARGA');
          const mother = c.family.find((m) => m.relation === 'ISTRI');
          const child = childName
            ? { name: childName, sex: form.jenis_kelamin_anak as Sex, birthDate: form.tanggal_lahir_anak }
            : { name: c.name, sex: c.sex, birthDate: c.birthDate };
          const registered = isoDate(new Date(Math.min(Date.parse(child.birthDate) + own.int(3, 40) * DAY, slot.receivedAt.getTime() - DAY)));
          const nomor = aktaNumber(unit.regionCode, registered, own.int(1, 9999));
          const namaAyah = (childName ? (c.sex === 'L' ? c.name : father?.name) : father?.name) ?? personName(own, c.culture, 'L');
          const namaIbu = (childName ? form.nama_ibu : mother?.name) ?? personName(own, c.culture, 'P');
          const svg = aktaSvg({
            nomor,
            tempatLahir: regency.name.toUpperCase(),
            tanggalLahir: printed(child.birthDate),
            namaAnak: child.name.toUpperCase(),
            anakKe: own.int(1, 3),
            jenisKelamin: child.sex === 'L' ? 'LAKI-LAKI' : 'PEREMPUAN',
            namaAyah: namaAyah.toUpperCase(),
            namaIbu: namaIbu.toUpperCase(),
            kotaTerbit: regency.name.toUpperCase(),
            tanggalTerbit: printed(registered),
          });
          addDoc('akta', photo('akta', svg), 'image/jpeg', 'jpg', { nomor_akta: nomor, nama_anak: child.name, tanggal_lahir: child.birthDate });
        } else if (docType === 'surat_pengantar') {
          const kind =
            slot.serviceCode === 'akta-kelahiran'
              ? { judul: 'SURAT KETERANGAN KELAHIRAN', kop: [`${fill.rs.toUpperCase()}`, regency.name.toUpperCase(), `Kec. ${c.district.name}`] }
              : slot.serviceCode === 'pindah-datang'
                ? {
                    judul: 'SURAT KETERANGAN PINDAH WNI',
                    kop: [`PEMERINTAH ${(fill.asal ?? 'DAERAH ASAL').toUpperCase()}`, 'DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL'],
                  }
                : {
                    judul: 'SURAT PENGANTAR',
                    kop: [
                      `PEMERINTAH ${regency.name.toUpperCase()}`,
                      `KECAMATAN ${c.district.name.toUpperCase()}`,
                      `RUKUN TETANGGA ${pad(c.rt, 3)} / RUKUN WARGA ${pad(c.rw, 3)}`,
                    ],
                  };
          const nomor = `${rng.int(10, 480)}/${slot.serviceCode === 'akta-kelahiran' ? 'SKL' : slot.serviceCode === 'pindah-datang' ? 'SKPWNI' : 'RT'}/${pad(rng.int(1, 12))}/${year}`;
          const lines =
            slot.serviceCode === 'akta-kelahiran'
              ? [
                  'Yang bertanda tangan di bawah ini menerangkan bahwa telah lahir seorang anak:',
                  `Nama anak        : ${childName}`,
                  `Jenis kelamin    : ${form.jenis_kelamin_anak === 'L' ? 'Laki-laki' : 'Perempuan'}`,
                  `Tanggal lahir    : ${printed(form.tanggal_lahir_anak)}`,
                  `Nama ibu         : ${form.nama_ibu}`,
                  `Pelapor          : ${c.name}`,
                  'Demikian surat keterangan ini dibuat untuk pengurusan akta kelahiran.',
                ]
              : [
                  'Yang bertanda tangan di bawah ini menerangkan bahwa:',
                  `Nama             : ${c.name}`,
                  `NIK              : ${trueNik}`,
                  `Alamat           : ${c.street} No. ${c.houseNo}`,
                  `Keperluan        : ${slot.serviceCode === 'pindah-datang' ? `pindah ke ${regency.name}` : service.nameId}`,
                  'Demikian surat pengantar ini dibuat untuk dipergunakan sebagaimana mestinya.',
                ];
          const signer =
            slot.serviceCode === 'akta-kelahiran'
              ? 'Bidan/Dokter Penolong'
              : slot.serviceCode === 'pindah-datang'
                ? 'Kepala Dinas'
                : `Ketua RT ${pad(c.rt, 3)}`;
          const letter = {
            kop: kind.kop,
            judul: kind.judul,
            nomor,
            lines,
            tempatTanggal: `${regency.name.replace(/^(Kota|Kabupaten) /, '')}, ${printed(wibDate(new Date(slot.receivedAt.getTime() - rng.int(1, 10) * DAY)))}`,
            penandatangan: signer,
          };
          const extracted: Record<string, string> = { nomor_surat: nomor, perihal: kind.judul.toLowerCase(), nama: c.name };
          if (slot.serviceCode === 'akta-kelahiran') {
            extracted.nama_anak = rng.chance(0.95) ? childName : personName(rng, c.culture, form.jenis_kelamin_anak as Sex);
            extracted.tanggal_lahir_anak = form.tanggal_lahir_anak;
          }
          // A letter is a PDF from the office; an unreadable one is a bad photo of the printed letter.
          if (issue.unreadable === 'surat_pengantar') addDoc('surat_pengantar', photo('surat_pengantar', letterSvg(letter)), 'image/jpeg', 'jpg', extracted);
          else addDoc('surat_pengantar', letterPdf(letter), 'application/pdf', 'pdf', extracted);
        }
      }
      // Some complaints come with a supporting letter or statement, photographed.
      if (slot.serviceCode === 'pengaduan' && rng.chance(0.4)) {
        const svg = letterSvg({
          kop: ['SURAT PERNYATAAN', 'PELAPOR PENGADUAN'],
          judul: 'KRONOLOGI KEJADIAN',
          nomor: `-/${year}`,
          lines: [
            `Nama: ${c.name}`,
            `Lokasi: ${form.lokasi_kejadian}`,
            `Tanggal kejadian: ${printed(form.tanggal_kejadian)}`,
            ...message.match(/.{1,70}(\s|$)/g)!.map((s) => s.trim()),
          ],
          tempatTanggal: `${regency.name.replace(/^(Kota|Kabupaten) /, '')}, ${printed(wibDate(slot.receivedAt))}`,
          penandatangan: c.name,
        });
        addDoc('other', photo('other', svg), 'image/jpeg', 'jpg', { nama: c.name, perihal: 'kronologi pengaduan' });
      }
      const contents = await Promise.all(uploads.map((u) => u.content));
      uploads.forEach((u, i) => atts.push({ ...u.row, size: contents[i].length, sha256: sha256(contents[i]), content: contents[i] }));

      toRead.push(...atts);
      finishers.push(async () => {
        // 6. The AI's view, from the real checker and drafter.
        const earlierSame = earlier
          .filter((e) => e.nik === formNik && e.serviceCode === slot.serviceCode && e.at > slot.receivedAt.getTime() - 90 * DAY)
          .map((e) => e.ticket);
        earlier.push({ nik: formNik, serviceCode: slot.serviceCode, ticket, at: slot.receivedAt.getTime() });
        const input: SubmissionInput = {
          serviceCode: slot.serviceCode,
          unitRegionCode: unit.regionCode,
          requiredDocs: service.requiredDocs,
          citizenName: c.formName,
          nik: formNik,
          kkNumber: c.kkNumber,
          message,
          form,
          attachments: atts.map((a): AttachmentInput => ({ id: a.id, docType: a.docType, extracted: a.extracted ?? {}, reading: readings.get(a.id) ?? null })),
          earlierSameService: earlierSame,
          receivedAt: slot.receivedAt,
        };
        const truth = checker.check(input);
        const truthRec = recommend(truth);
        const aiWrong = rng.chance(0.1);
        const aiChecks = aiWrong ? perturb(truth, rng) : truth;
        const draft = await drafter.draft(input, aiChecks);
        // Spread, and roughly calibrated: wrong suggestions tend to be less sure, but not always, so
        // thresholds in the policy simulator have something real to separate.
        const drop = aiWrong ? rng.float(0.02, 0.6) : rng.chance(0.2) ? rng.float(0.1, 0.4) : rng.float(-0.06, 0.08);
        // Never surer than the weakest reading, as in the live pipeline.
        const confidence = capConfidenceByReading(clamp(draft.confidence - drop, 0.3, 0.99), aiChecks.verdicts);
        const suggestionId = rng.uuid();
        const suggestedAt = new Date(slot.receivedAt.getTime() + rng.int(3, 45) * 1000);
        data.suggestions.push({
          id: suggestionId,
          submissionId,
          version: 1,
          draftAnswer: draft.draftAnswer,
          citations: draft.citations,
          recommendation: draft.recommendation,
          confidence: Math.round(confidence * 1000) / 1000,
          docVerdicts: aiChecks.verdicts,
          flags: aiChecks.flags,
          modelName: draft.modelName,
          modelVersion: draft.modelVersion,
          // Measured latency would differ per run; a drawn one keeps the data set reproducible.
          latencyMs: rng.int(35, 900),
          createdAt: suggestedAt,
        });

        // 7. The officer's decision on older requests.
        const slaDueAt = addWorkingHours(slot.receivedAt, service.slaHours, cal);
        let status: Row<typeof submissions>['status'] = 'pending_review';
        let decidedAt: Date | null = null;
        if (!slot.pending) {
          const d = decideDemo({ rng, now, cal, slot, service, truth, truthRec, aiChecks, aiRec: draft.recommendation, aiWrong, confidence, officers });
          status = d.status;
          decidedAt = d.decidedAt;
          const documents = [...atts].sort((a, b) => a.id.localeCompare(b.id)).map((a) => ({ id: a.id, sha256: a.sha256 }));
          const decisionId = rng.uuid();
          let finalAnswer: string;
          let answerEdited = false;
          let size = 0;
          if (d.kind === 'auto') {
            finalAnswer = `${draft.draftAnswer.trim()}\n\n— Jawaban ini disusun dengan bantuan AI dan disetujui otomatis sesuai kebijakan layanan ${unit.name}; Anda dapat meminta peninjauan oleh petugas.`;
          } else {
            let answer = draft.draftAnswer.trim();
            if (!d.agrees && d.outcome !== 'escalate') {
              if (d.outcome === truthRec) {
                // Disagreeing with a wrong AI means sending the answer the documents call for.
                answer = (await drafter.draft(input, truth)).draftAnswer.trim();
              } else {
                // The officer's own judgement: keep the greeting, write the decision by hand.
                const greeting = answer.split('\n\n').slice(0, 2).join('\n\n');
                answer = `${greeting}\n\n${outcomeNote(d.outcome)}\n\nHormat kami,\nPetugas Layanan`;
              }
            }
            if (rng.chance(0.2)) answer = answer.replace('\n\nHormat kami,', `\n\n${rng.pick(EDIT_ADDITIONS)}\n\nHormat kami,`);
            answerEdited = answer !== draft.draftAnswer.trim();
            size = editSize(draft.draftAnswer.trim(), answer);
            const officerName = data.users.find((u) => u.id === d.actorId)!.name;
            finalAnswer = d.outcome === 'escalate' ? answer : withDisclosure(answer, officerName, unit.name);
          }
          data.decisions.push({
            id: decisionId,
            submissionId,
            unitId: unitRow.id,
            suggestionId,
            actorId: d.actorId,
            outcome: d.outcome,
            finalAnswer,
            agreesWithAi: d.agrees,
            answerEdited,
            editSize: size,
            verdictOverrides: d.overrides,
            reasonCode: d.reasonCode,
            note: d.note,
            timeSpentMs: d.timeSpentMs,
            kind: d.kind,
            supersedes: null,
            submissionVersion: 1,
            snapshot: { suggestionVersion: 1, documents, policyVersion: null },
            createdAt: d.at,
          });
          data.audit.push({
            at: d.at,
            order: 1,
            stream: `unit:${unitRow.id}`,
            actorId: d.actorId,
            actorRole: d.kind === 'auto' ? 'system' : 'officer',
            unitId: unitRow.id,
            action: `decision.${d.outcome}`,
            entityType: 'submission',
            entityId: submissionId,
            payload: {
              ticket,
              decisionId,
              suggestionId,
              outcome: d.outcome,
              from: d.kind === 'auto' ? 'drafting' : 'in_review',
              to: status,
              reasonCode: d.reasonCode,
              agreesWithAi: d.agrees,
              verdictOverrides: d.overrides,
              source: 'demo-seed',
            },
          });
        }

        data.submissions.push({
          id: submissionId,
          ticket,
          unitId: unitRow.id,
          serviceCode: slot.serviceCode,
          channel: slot.channel,
          citizenName: c.formName,
          nik: formNik,
          kkNumber: c.kkNumber,
          phone: c.phone,
          address,
          kecamatan: c.district.name,
          message,
          form,
          status,
          receivedAt: slot.receivedAt,
          slaDueAt,
          claimedBy: null,
          leaseUntil: null,
          latestSuggestionId: suggestionId,
          decidedAt,
          version: slot.pending ? 1 : 2,
        });
        data.attachments.push(...atts);
        data.audit.push({
          at: slot.receivedAt,
          order: 0,
          stream: `unit:${unitRow.id}`,
          actorId: null,
          actorRole: 'system',
          unitId: unitRow.id,
          action: 'submission.received',
          entityType: 'submission',
          entityId: submissionId,
          payload: { ticket, serviceCode: slot.serviceCode, channel: slot.channel, source: 'demo-seed' },
        });
      });
    }
  }
  const readings = await readAll(toRead, opts.reader, opts.onRead);
  for (const [id, r] of readings) data.readings.push(toReadingRow(id, toRead.find((a) => a.id === id)!.sha256, r));
  for (const finish of finishers) await finish();
  data.audit.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order || a.entityId.localeCompare(b.entityId));
  return data;
}

/** Every specimen through the reader, a few at a time (the reader keeps one OCR process per core busy). */
async function readAll(
  atts: Row<typeof attachments>[],
  reader: DocumentReader | undefined,
  onRead?: (done: number, total: number) => void,
): Promise<Map<string, DocumentAnalysis>> {
  const out = new Map<string, DocumentAnalysis>();
  if (!reader) return out;
  let next = 0;
  const worker = async () => {
    while (next < atts.length) {
      const a = atts[next++];
      out.set(a.id, await reader.read(a.content, a.mime));
      onRead?.(out.size, atts.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(2, os.availableParallelism()) }, worker));
  return out;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function outcomeNote(outcome: Outcome): string {
  switch (outcome) {
    case 'approve':
      return 'Berdasarkan pertimbangan petugas, permohonan Anda tetap kami proses.';
    case 'reject':
      return 'Setelah diperiksa petugas, permohonan Anda tidak memenuhi syarat layanan ini.';
    case 'request_info':
      return 'Petugas memerlukan dokumen tambahan sebelum permohonan dapat diproses.';
    default:
      return '';
  }
}

/**
 * Makes the AI wrong the way rule-based checkers really are: it misses a
 * problem (a missing or failing document judged valid) or raises a false
 * alarm (a good scan judged unreadable).
 */
function perturb(truth: DocumentCheckOutput, rng: Rng): DocumentCheckOutput {
  const verdicts: DocVerdict[] = truth.verdicts.map((v) => ({ ...v, checks: v.checks.map((c) => ({ ...c })) }));
  // The reader's guarantees hold even for a wrong AI: a picture it could not read, or the wrong document, is
  // never turned valid. What it does get wrong is content (a missed mismatch) or a clear photo misread.
  const bad = verdicts.filter((v) => v.verdict === 'invalid' && !v.reasons?.includes('wrong_document_type'));
  if (bad.length) {
    const v = rng.pick(bad);
    v.verdict = 'valid';
    delete v.reasons;
    v.checks =
      v.checks.length && v.checks.every((c) => c.name === 'required_present' || c.name === 'readable')
        ? [{ name: v.checks[0].name, result: 'pass', detail: 'Dokumen ditemukan dan terbaca.' }]
        : v.checks.map((c) => (c.result === 'fail' ? { ...c, result: 'pass', detail: 'Tidak ditemukan ketidaksesuaian.' } : c));
    const stillBad = (name: string) => verdicts.some((x) => x.checks.some((c) => c.result === 'fail' && c.name === name));
    const flags = truth.flags.filter(
      (f) => !(f === 'nik_mismatch' && !stillBad('nik_matches_form')) && !(f === 'invalid_nik' && !stillBad('nik_structure') && !stillBad('nik_region')),
    );
    return { verdicts, flags };
  }
  const target = rng.pick(verdicts.filter((v) => v.attachmentId !== null).length ? verdicts.filter((v) => v.attachmentId !== null) : verdicts);
  if (target) {
    target.verdict = 'unreadable';
    target.reasons = ['low_confidence'];
    target.readConfidence = Math.min(target.readConfidence ?? 0.5, 0.5);
    target.checks = [{ name: 'readable', result: 'fail', detail: 'Sebagian teks tidak terbaca dengan yakin; perlu diunggah ulang.' }];
  }
  return { verdicts, flags: [...truth.flags] };
}

type DemoDecision = {
  outcome: Outcome;
  status: 'approved' | 'rejected' | 'awaiting_citizen' | 'escalated' | 'auto_approved';
  kind: 'human' | 'auto';
  actorId: string | null;
  agrees: boolean;
  overrides: { docType: string; from: string; to: string }[];
  reasonCode: string | null;
  note: string | null;
  timeSpentMs: number;
  at: Date;
  decidedAt: Date | null;
};

const STATUS_OF: Record<Outcome, DemoDecision['status']> = {
  approve: 'approved',
  reject: 'rejected',
  request_info: 'awaiting_citizen',
  escalate: 'escalated',
};

function decideDemo(a: {
  rng: Rng;
  now: Date;
  cal: OfficeCalendar;
  slot: { serviceCode: string; receivedAt: Date };
  service: { slaHours: number };
  truth: DocumentCheckOutput;
  truthRec: Recommendation;
  aiChecks: DocumentCheckOutput;
  aiRec: Recommendation;
  aiWrong: boolean;
  confidence: number;
  officers: string[];
}): DemoDecision {
  const { rng, now, cal, slot } = a;
  // When: mostly well inside the SLA, a few late; never in the future.
  const late = rng.chance(0.08);
  const fraction = late ? rng.float(1.02, 1.5) : rng.float(0.04, 0.9);
  let at = addWorkingHours(slot.receivedAt, a.service.slaHours * fraction, cal);
  const latest = now.getTime() - 5 * MINUTE;
  if (at.getTime() > latest) at = new Date(Math.max(slot.receivedAt.getTime() + 10 * MINUTE, latest - rng.float(0, 3) * HOUR));

  const auto =
    !a.aiWrong &&
    a.aiRec === 'approve' &&
    a.confidence >= 0.9 &&
    a.aiChecks.flags.length === 0 &&
    ['ktp-el', 'kk-perubahan', 'bpjs-kesehatan', 'pbb-p2'].includes(slot.serviceCode) &&
    rng.chance(0.3);
  if (auto) {
    const autoAt = new Date(slot.receivedAt.getTime() + rng.int(20, 120) * 1000);
    return {
      outcome: 'approve',
      status: 'auto_approved',
      kind: 'auto',
      actorId: null,
      agrees: true,
      overrides: [],
      reasonCode: null,
      note: null,
      timeSpentMs: 0,
      at: autoAt,
      decidedAt: autoAt,
    };
  }

  // The second officer of each unit is the fast one who tends to trust the AI (automation-bias analytics).
  const fast = rng.chance(0.45);
  const actorId = fast ? a.officers[1] : a.officers[0];
  const truthVerdicts = a.truth.verdicts.map((v) => ({ docType: v.docType, verdict: v.verdict as Verdict }));
  const aiVerdicts = a.aiChecks.verdicts.map((v) => ({ docType: v.docType, verdict: v.verdict as Verdict }));

  let outcome: Outcome;
  let finalVerdicts = truthVerdicts;
  let note: string | null = null;
  if (rng.chance(0.06)) {
    outcome = 'escalate';
    note = rng.pick(ESCALATION_NOTES);
    finalVerdicts = aiVerdicts;
  } else if (a.aiWrong && fast && rng.chance(0.4)) {
    // Rubber-stamped: the AI was wrong and nobody noticed. QA sampling should find these.
    outcome = a.aiRec;
    finalVerdicts = aiVerdicts;
  } else {
    outcome = a.truthRec;
    if (!a.aiWrong && rng.chance(0.05)) {
      // The officer knows something the documents do not show.
      if (slot.serviceCode === 'bansos' && outcome === 'approve') outcome = 'reject';
      else if (outcome === 'request_info') outcome = 'approve';
      else if (outcome === 'approve') outcome = 'request_info';
    }
  }
  const overrides = outcome === 'escalate' ? [] : computeOverrides(a.aiChecks.verdicts, finalVerdicts);
  const agrees = a.aiRec === outcome;
  let reasonCode: string | null = null;
  if (outcome === 'escalate') reasonCode = 'needs_supervisor';
  else if (requiresReason(outcome, agrees, overrides)) {
    if (overrides.length) reasonCode = 'ai_verdict_wrong';
    else if (outcome === 'reject') reasonCode = a.truth.flags.some((f) => f === 'invalid_nik' || f === 'nik_mismatch') ? 'nik_not_match' : 'not_eligible';
    else if (outcome === 'approve') reasonCode = 'policy_exception';
    else reasonCode = a.truth.verdicts.some((v) => v.verdict === 'missing') ? 'doc_missing' : 'doc_invalid';
  }
  if (reasonCode === 'policy_exception') note = 'Dokumen asli telah ditunjukkan pemohon di loket; diterima berdasarkan diskresi.';
  if (reasonCode === 'not_eligible') note = 'Hasil verifikasi lapangan: penghasilan keluarga di atas kriteria penerima.';

  const careful = !agrees || overrides.length > 0 || outcome === 'escalate';
  const seconds = fast ? rng.float(30, careful ? 200 : 110) : rng.float(70, careful ? 360 : 240);
  return {
    outcome,
    status: STATUS_OF[outcome],
    kind: 'human',
    actorId,
    agrees,
    overrides,
    reasonCode,
    note,
    timeSpentMs: Math.round(seconds * 1000),
    at,
    decidedAt: outcome === 'escalate' ? null : at,
  };
}
