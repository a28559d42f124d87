/**
 * Each test seeds its own unit, people and submissions, so tests never depend
 * on each other or on the demo data.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { aiSuggestions, attachments, reasonCodes, services, submissions, units, users, type DocVerdict } from '@/db/schema';
import type { Role } from '@/lib/vocabulary';
import type { Actor } from '@/server/services/core/actor';
import { decide } from '@/server/services/review/decisions';
import { claim } from '@/server/services/review/queue';
import { hashPassword } from '@/server/services/core/sign-in';

let conn: ReturnType<typeof createDb> | null = null;
export function testDb(): Db {
  conn ??= createDb(inject('databaseUrl'), 24);
  return conn.db;
}
export function testSql() {
  testDb();
  return conn!.sql;
}

export const TEST_PASSWORD = 'Rahasia#2026';
let passwordHash: Promise<string> | null = null;

export async function ensureReferenceData(db: Db) {
  await db
    .insert(services)
    .values([
      { code: 'ktp-el', nameId: 'KTP Elektronik', nameEn: 'Electronic ID card', requiredDocs: ['kk', 'foto'], slaHours: 72 },
      { code: 'kk-perubahan', nameId: 'Perubahan KK', nameEn: 'Family card update', requiredDocs: ['ktp', 'kk'], slaHours: 72 },
    ])
    .onConflictDoNothing();
  await db
    .insert(reasonCodes)
    .values([
      { code: 'ai_verdict_wrong', labelId: 'Penilaian dokumen oleh AI keliru', labelEn: 'AI judged the document wrongly', sortOrder: 1 },
      { code: 'doc_invalid', labelId: 'Dokumen tidak sah', labelEn: 'Document not valid', sortOrder: 2 },
      { code: 'retired_code', labelId: 'Kode lama', labelEn: 'Old code', active: false, sortOrder: 99 },
    ])
    .onConflictDoNothing();
}

export type UnitFixture = {
  unitId: string;
  unitName: string;
  officer: Actor;
  officer2: Actor;
  supervisor: Actor;
};

async function makeUser(db: Db, unitId: string | null, role: Role, label: string): Promise<Actor> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const suffix = randomUUID().slice(0, 8);
  const email = `${label}-${suffix}@test.layanan.go.id`;
  const [u] = await db
    .insert(users)
    .values({ email, name: `${label} ${suffix}`, role, unitId, passwordHash: await passwordHash })
    .returning();
  return { id: u.id, name: u.name, email: u.email, role: u.role, unitId: u.unitId };
}

export async function makeUnit(db: Db): Promise<UnitFixture> {
  await ensureReferenceData(db);
  const code = `t${randomUUID().slice(0, 8)}`;
  const [unit] = await db
    .insert(units)
    .values({ code, name: `Disdukcapil Uji ${code}`, regionCode: '32.73', ticketPrefix: code.toUpperCase() })
    .returning();
  return {
    unitId: unit.id,
    unitName: unit.name,
    officer: await makeUser(db, unit.id, 'officer', 'petugas'),
    officer2: await makeUser(db, unit.id, 'officer', 'petugas2'),
    supervisor: await makeUser(db, unit.id, 'supervisor', 'supervisor'),
  };
}

export async function makeAdmin(db: Db): Promise<Actor> {
  return makeUser(db, null, 'admin', 'admin');
}

export type SubmissionFixture = { id: string; ticket: string; suggestionId: string };

let ticketSeq = 0;

export async function makeSubmission(
  db: Db,
  unitId: string,
  opts: {
    recommendation?: 'approve' | 'reject' | 'request_info';
    verdicts?: DocVerdict[];
    slaHoursFromNow?: number;
    status?: 'pending_review' | 'in_review';
    nik?: string;
  } = {},
): Promise<SubmissionFixture> {
  const ticket = `IT-${process.pid}-${++ticketSeq}-${randomUUID().slice(0, 6)}`;
  const [sub] = await db
    .insert(submissions)
    .values({
      ticket,
      unitId,
      serviceCode: 'ktp-el',
      channel: 'portal',
      citizenName: 'Siti Nurhaliza',
      nik: opts.nik ?? '3273014506900001',
      kkNumber: '3273010101090001',
      phone: '081234567890',
      address: 'Jl. Cihampelas No. 12, Kec. Coblong, Kota Bandung',
      message: 'Mohon pembuatan KTP-el baru.',
      form: { tanggal_lahir: '1990-06-05', jenis_kelamin: 'P' },
      status: opts.status ?? 'pending_review',
      slaDueAt: sql`now() + make_interval(hours => ${opts.slaHoursFromNow ?? 24})`,
    })
    .returning();
  const verdicts: DocVerdict[] = opts.verdicts ?? [
    { docType: 'kk', attachmentId: null, verdict: 'valid', checks: [{ name: 'kk_structure', result: 'pass', detail: 'OK' }] },
    { docType: 'foto', attachmentId: null, verdict: 'valid', checks: [{ name: 'readable', result: 'pass', detail: 'OK' }] },
  ];
  await db.insert(attachments).values({
    submissionId: sub.id,
    docType: 'kk',
    filename: 'kk.svg',
    mime: 'image/svg+xml',
    size: 5,
    sha256: 'x',
    content: Buffer.from('<svg/>'),
  });
  const [sug] = await db
    .insert(aiSuggestions)
    .values({
      submissionId: sub.id,
      version: 1,
      draftAnswer: 'Yth. Ibu Siti Nurhaliza, permohonan KTP-el Anda lengkap dan akan diproses.',
      recommendation: opts.recommendation ?? 'approve',
      confidence: 0.91,
      docVerdicts: verdicts,
      modelName: 'test-model',
      modelVersion: '1',
    })
    .returning();
  await db.update(submissions).set({ latestSuggestionId: sug.id }).where(eq(submissions.id, sub.id));
  return { id: sub.id, ticket, suggestionId: sug.id };
}

/** A submission an officer approved, with the NIK the citizen will type (its last four digits open the status page). */
export async function makeDecidedSubmission(db: Db, unit?: UnitFixture) {
  const u = unit ?? (await makeUnit(db));
  const nik = `327301450690${String(Math.floor(Math.random() * 9000) + 1000)}`;
  const sub = await makeSubmission(db, u.unitId, { nik });
  const c = await claim(db, u.officer, sub.id);
  await decide(db, u.officer, {
    submissionId: sub.id,
    version: c.version,
    suggestionId: sub.suggestionId,
    outcome: 'approve',
    answer: 'Permohonan KTP-el Anda kami setujui dan akan dicetak.',
    verdicts: [],
    reasonCode: null,
    note: null,
    timeSpentMs: 90_000,
  });
  return { unit: u, sub, nik };
}
