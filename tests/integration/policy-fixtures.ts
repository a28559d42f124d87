/**
 * Seeding for the policy tests. Policies and the kill switch are global, so
 * each test gets its own service code (other tests' drafting is never
 * auto-approved by a policy set here), and only policy-routing.test.ts
 * touches the kill switch.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { aiSuggestions, attachments, decisions, services, submissions, type DocVerdict } from '@/db/schema';
import type { Actor } from '@/server/services/core/actor';
import { proposePolicy, approvePolicy } from '@/server/services/policy/policies';
import type { PolicyRules } from '@/lib/policy-rules';

export async function makeService(db: Db): Promise<string> {
  const code = `pol-${randomUUID().slice(0, 8)}`;
  await db.insert(services).values({ code, nameId: `Layanan uji ${code}`, nameEn: `Test service ${code}`, requiredDocs: ['kk'], slaHours: 72 });
  return code;
}

export const RULES: PolicyRules = {
  autoApproveEnabled: true,
  minConfidence: 0.9,
  requireAllDocsValid: true,
  blockedFlags: ['complaint', 'nik_mismatch'],
  dailyCapPerUnit: 100,
  qaSampleRate: 0,
};

/** An active policy put in force the way admins do it: proposed by one, approved by another. */
export async function activatePolicy(db: Db, author: Actor, approver: Actor, serviceCode: string, rules: Partial<PolicyRules> = {}) {
  const detail = await db.execute<{ version: number }>(sql`select version from policies where service_code = ${serviceCode} and status = 'active'`);
  const r = await proposePolicy(db, author, {
    serviceCode,
    rules: { ...RULES, ...rules },
    reason: 'Pengujian kebijakan otomatis',
    basedOnVersion: detail[0]?.version ?? null,
  });
  if (r.status === 'pending_approval') await approvePolicy(db, approver, { policyId: r.policyId, note: null });
  return r.policyId;
}

const VALID: DocVerdict[] = [{ docType: 'kk', attachmentId: null, verdict: 'valid', checks: [] }];

let seq = 0;

/** A submission the pipeline is drafting, with its fresh suggestion written (what routeSuggestion sees). */
export async function makeDrafted(
  db: Db,
  unitId: string,
  serviceCode: string,
  s: { recommendation?: 'approve' | 'reject' | 'request_info'; confidence?: number; verdicts?: DocVerdict[]; flags?: string[] } = {},
) {
  const ticket = `PO-${process.pid}-${++seq}-${randomUUID().slice(0, 6)}`;
  const [sub] = await db
    .insert(submissions)
    .values({
      ticket,
      unitId,
      serviceCode,
      channel: 'portal',
      citizenName: 'Budi Santoso',
      nik: '3273010101900001',
      message: 'Permohonan uji kebijakan.',
      status: 'drafting',
      slaDueAt: sql`now() + interval '3 days'`,
      version: 2,
    })
    .returning({ id: submissions.id });
  await db
    .insert(attachments)
    .values({ submissionId: sub.id, docType: 'kk', filename: 'kk.svg', mime: 'image/svg+xml', size: 6, sha256: 'abc', content: Buffer.from('<svg/>') });
  const [sug] = await db
    .insert(aiSuggestions)
    .values({
      submissionId: sub.id,
      version: 1,
      draftAnswer: 'Yth. Bapak Budi Santoso, permohonan Anda lengkap dan disetujui.',
      recommendation: s.recommendation ?? 'approve',
      confidence: s.confidence ?? 0.95,
      docVerdicts: s.verdicts ?? VALID,
      flags: s.flags ?? [],
      modelName: 'test-model',
      modelVersion: '1',
    })
    .returning({ id: aiSuggestions.id });
  await db.update(submissions).set({ latestSuggestionId: sug.id }).where(eq(submissions.id, sub.id));
  return { submissionId: sub.id, suggestionId: sug.id, ticket };
}

/**
 * History for the simulation: a decided submission with an AI suggestion and
 * a person's final decision, `daysAgo` days back.
 */
export async function seedHumanDecision(
  db: Db,
  unitId: string,
  serviceCode: string,
  h: {
    recommendation: 'approve' | 'reject' | 'request_info';
    confidence: number;
    outcome: 'approve' | 'reject' | 'request_info' | 'escalate';
    verdict?: DocVerdict['verdict'];
    flags?: string[];
    daysAgo?: number;
    actorId: string;
  },
) {
  const at = sql`now() - make_interval(days => ${h.daysAgo ?? 1})`;
  const [sub] = await db
    .insert(submissions)
    .values({
      ticket: `PH-${process.pid}-${++seq}-${randomUUID().slice(0, 6)}`,
      unitId,
      serviceCode,
      channel: 'portal',
      citizenName: 'Warga Uji',
      nik: '3273010101900002',
      message: 'Riwayat.',
      status: h.outcome === 'approve' ? 'approved' : h.outcome === 'reject' ? 'rejected' : h.outcome === 'escalate' ? 'escalated' : 'awaiting_citizen',
      receivedAt: at,
      slaDueAt: sql`now()`,
      version: 3,
    })
    .returning({ id: submissions.id });
  const [sug] = await db
    .insert(aiSuggestions)
    .values({
      submissionId: sub.id,
      version: 1,
      draftAnswer: 'Draf.',
      recommendation: h.recommendation,
      confidence: h.confidence,
      docVerdicts: [{ docType: 'kk', attachmentId: null, verdict: h.verdict ?? 'valid', checks: [] }],
      flags: h.flags ?? [],
      modelName: 'test-model',
      modelVersion: '1',
    })
    .returning({ id: aiSuggestions.id });
  await db.insert(decisions).values({
    submissionId: sub.id,
    unitId,
    suggestionId: sug.id,
    actorId: h.actorId,
    outcome: h.outcome,
    finalAnswer: 'Jawaban.',
    agreesWithAi: h.outcome === h.recommendation,
    answerEdited: false,
    kind: 'human',
    submissionVersion: 2,
    createdAt: at,
  });
  return { submissionId: sub.id, suggestionId: sug.id };
}
