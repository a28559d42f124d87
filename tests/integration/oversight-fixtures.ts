/**
 * Seeding for the oversight tests: decisions with exactly the properties a
 * test needs (time spent, agreement, overrides, SLA, documents opened or not),
 * inserted directly, so expectations can be computed by hand.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { aiSuggestions, attachments, decisions, documentViews, qaItems, submissions } from '@/db/schema';
import { refreshAnalytics } from '@/server/services/oversight/analytics';

export type SeedDecision = {
  unitId: string;
  actorId: string | null;
  kind?: 'human' | 'auto';
  outcome: 'approve' | 'reject' | 'request_info' | 'escalate';
  recommendation?: 'approve' | 'reject' | 'request_info';
  answerEdited?: boolean;
  verdictChanged?: boolean;
  timeSpentMs?: number;
  channel?: 'portal' | 'chatbot' | 'whatsapp' | 'counter';
  kecamatan?: string | null;
  serviceCode?: string;
  model?: [string, string];
  /** Decision time, seconds before now. */
  agoSeconds?: number;
  slaBreached?: boolean;
  /** Whether the decider opened the (single) document before deciding. */
  opened?: boolean;
  reasonCode?: string | null;
};

let seq = 0;

export async function seedDecision(db: Db, s: SeedDecision): Promise<{ submissionId: string; decisionId: string; ticket: string }> {
  const ago = s.agoSeconds ?? 600;
  const ticket = `OV-${process.pid}-${++seq}-${randomUUID().slice(0, 6)}`;
  const recommendation = s.recommendation ?? 'approve';
  const [sub] = await db
    .insert(submissions)
    .values({
      ticket,
      unitId: s.unitId,
      serviceCode: s.serviceCode ?? 'ktp-el',
      channel: s.channel ?? 'portal',
      citizenName: 'Warga Uji',
      nik: '3273014506900001',
      message: 'Permohonan uji.',
      kecamatan: s.kecamatan ?? null,
      status:
        s.outcome === 'escalate'
          ? 'escalated'
          : s.kind === 'auto'
            ? 'auto_approved'
            : s.outcome === 'approve'
              ? 'approved'
              : s.outcome === 'reject'
                ? 'rejected'
                : 'awaiting_citizen',
      receivedAt: sql`now() - make_interval(secs => ${ago + 3600})`,
      // Breached: due before the decision; met: due a day after.
      slaDueAt: s.slaBreached ? sql`now() - make_interval(secs => ${ago + 60})` : sql`now() + interval '1 day'`,
      version: 3,
    })
    .returning({ id: submissions.id });
  const [att] = await db
    .insert(attachments)
    .values({ submissionId: sub.id, docType: 'kk', filename: 'kk.svg', mime: 'image/svg+xml', size: 6, sha256: 'x', content: Buffer.from('<svg/>') })
    .returning({ id: attachments.id });
  const [model, version] = s.model ?? ['test-model', '1'];
  const [sug] = await db
    .insert(aiSuggestions)
    .values({
      submissionId: sub.id,
      version: 1,
      draftAnswer: 'Draf AI.',
      recommendation,
      confidence: 0.9,
      docVerdicts: [{ docType: 'kk', attachmentId: att.id, verdict: 'valid', checks: [] }],
      modelName: model,
      modelVersion: version,
    })
    .returning({ id: aiSuggestions.id });
  if (s.opened && s.actorId) {
    await db.insert(documentViews).values({ userId: s.actorId, attachmentId: att.id, firstViewedAt: sql`now() - make_interval(secs => ${ago + 30})` });
  }
  const [d] = await db
    .insert(decisions)
    .values({
      submissionId: sub.id,
      unitId: s.unitId,
      suggestionId: sug.id,
      actorId: s.actorId,
      outcome: s.outcome,
      finalAnswer: s.answerEdited ? 'Jawaban yang diubah.' : 'Draf AI.',
      agreesWithAi: s.outcome === recommendation,
      answerEdited: s.answerEdited ?? false,
      editSize: s.answerEdited ? 12 : 0,
      verdictOverrides: s.verdictChanged ? [{ docType: 'kk', from: 'valid', to: 'invalid' }] : [],
      reasonCode: s.reasonCode ?? (s.outcome !== recommendation || s.verdictChanged ? 'doc_invalid' : null),
      timeSpentMs: s.timeSpentMs ?? 60_000,
      kind: s.kind ?? 'human',
      submissionVersion: 2,
      createdAt: sql`now() - make_interval(secs => ${ago})`,
    })
    .returning({ id: decisions.id });
  return { submissionId: sub.id, decisionId: d.id, ticket };
}

/** A completed blind QA pair: the second decision as the QA service would store it. */
export async function seedQa(
  db: Db,
  first: { submissionId: string; decisionId: string; unitId: string },
  secondActorId: string,
  secondOutcome: 'approve' | 'reject' | 'request_info',
  source: 'human_sample' | 'auto_sample' = 'human_sample',
) {
  const [f] = await db.execute<{ outcome: string }>(sql`select outcome from decisions where id = ${first.decisionId}`);
  const [second] = await db
    .insert(decisions)
    .values({
      submissionId: first.submissionId,
      unitId: first.unitId,
      actorId: secondActorId,
      outcome: secondOutcome,
      finalAnswer: '',
      agreesWithAi: false,
      answerEdited: false,
      kind: 'qa_second',
      submissionVersion: -2,
    })
    .returning({ id: decisions.id });
  await db.insert(qaItems).values({
    submissionId: first.submissionId,
    unitId: first.unitId,
    firstDecisionId: first.decisionId,
    source,
    secondDecisionId: second.id,
    agrees: f.outcome === secondOutcome,
    completedAt: sql`now()`,
  });
}

/**
 * A refresh that started after this call: test files run in parallel and share
 * the rollups, and a refresh already running elsewhere makes ours return false.
 */
export async function refreshRollups(db: Db, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await refreshAnalytics(db))) {
    if (Date.now() > deadline) throw new Error('another analytics refresh kept running');
    await new Promise((r) => setTimeout(r, 50));
  }
}
