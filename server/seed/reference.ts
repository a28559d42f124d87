/**
 * Reference data the review workflow needs beyond the demo: the office
 * calendar (national holidays and cuti bersama) and answer templates.
 * Idempotent: safe on every start.
 */
import type { DbOrTx } from '@/db/client';
import { answerTemplates, holidays, services } from '@/db/schema';

/** National holidays and cuti bersama, per the joint ministerial decree (SKB 3 Menteri); admins keep it current. */
export const HOLIDAYS: { date: string; name: string }[] = [
  { date: '2026-01-01', name: 'Tahun Baru 2026 Masehi' },
  { date: '2026-01-16', name: 'Isra Mikraj Nabi Muhammad SAW' },
  { date: '2026-02-17', name: 'Tahun Baru Imlek 2577 Kongzili' },
  { date: '2026-03-19', name: 'Hari Suci Nyepi Tahun Baru Saka 1948' },
  { date: '2026-03-20', name: 'Idul Fitri 1447 Hijriah' },
  { date: '2026-03-21', name: 'Idul Fitri 1447 Hijriah' },
  { date: '2026-03-23', name: 'Cuti bersama Idul Fitri' },
  { date: '2026-03-24', name: 'Cuti bersama Idul Fitri' },
  { date: '2026-04-03', name: 'Wafat Yesus Kristus' },
  { date: '2026-05-01', name: 'Hari Buruh Internasional' },
  { date: '2026-05-14', name: 'Kenaikan Yesus Kristus' },
  { date: '2026-05-27', name: 'Idul Adha 1447 Hijriah' },
  { date: '2026-05-31', name: 'Hari Raya Waisak 2570 BE' },
  { date: '2026-06-01', name: 'Hari Lahir Pancasila' },
  { date: '2026-06-16', name: 'Tahun Baru Islam 1448 Hijriah' },
  { date: '2026-08-17', name: 'Hari Kemerdekaan Republik Indonesia' },
  { date: '2026-08-25', name: 'Maulid Nabi Muhammad SAW' },
  { date: '2026-12-24', name: 'Cuti bersama Hari Raya Natal' },
  { date: '2026-12-25', name: 'Hari Raya Natal' },
  { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' },
];

const TEMPLATES: { serviceCode: string | null; titleId: string; titleEn: string; body: string; sortOrder: number }[] = [
  {
    serviceCode: null,
    titleId: 'Jam layanan & pengambilan',
    titleEn: 'Office hours & pick-up',
    body: 'Dokumen dapat diambil di loket pelayanan pada hari kerja pukul 08.00–15.00 WIB dengan membawa bukti tiket ini.',
    sortOrder: 1,
  },
  {
    serviceCode: null,
    titleId: 'Layanan tanpa biaya',
    titleEn: 'No fee',
    body: 'Seluruh layanan administrasi kependudukan tidak dipungut biaya (UU 24/2013 Pasal 79A). Laporkan bila ada pungutan.',
    sortOrder: 2,
  },
  {
    serviceCode: null,
    titleId: 'Unggah ulang dokumen',
    titleEn: 'Re-upload a document',
    body: 'Mohon unggah ulang dokumen yang diminta dalam format JPG/PDF yang jelas terbaca (tidak buram, seluruh sisi terlihat) melalui tautan status permohonan Anda.',
    sortOrder: 3,
  },
  {
    serviceCode: 'ktp-el',
    titleId: 'Perekaman biometrik',
    titleEn: 'Biometric capture',
    body: 'Silakan datang ke kantor kecamatan atau Disdukcapil untuk perekaman foto, sidik jari dan iris mata bila belum pernah melakukan perekaman.',
    sortOrder: 10,
  },
  {
    serviceCode: 'akta-kelahiran',
    titleId: 'Surat keterangan lahir',
    titleEn: 'Birth statement',
    body: 'Lampirkan surat keterangan lahir dari rumah sakit, puskesmas, bidan, atau SPTJM kebenaran data kelahiran bila tidak ada.',
    sortOrder: 10,
  },
  {
    serviceCode: 'pindah-datang',
    titleId: 'SKPWNI',
    titleEn: 'Moving certificate (SKPWNI)',
    body: 'Surat Keterangan Pindah (SKPWNI) dari daerah asal wajib dilampirkan; KK baru diterbitkan di daerah tujuan setelah data diverifikasi.',
    sortOrder: 10,
  },
];

/** Before anything computes an SLA. */
export async function seedCalendar(db: DbOrTx) {
  await db.insert(holidays).values(HOLIDAYS).onConflictDoNothing();
}

/** After the services exist: templates of services this installation does not offer are skipped. */
export async function seedAnswerTemplates(db: DbOrTx) {
  const existing = await db.select({ id: answerTemplates.id }).from(answerTemplates).limit(1);
  if (existing.length > 0) return;
  const offered = new Set((await db.select({ code: services.code }).from(services)).map((s) => s.code));
  const rows = TEMPLATES.filter((t) => t.serviceCode === null || offered.has(t.serviceCode));
  if (rows.length > 0) await db.insert(answerTemplates).values(rows);
}
