/**
 * Everything the review page shows about one submission, in one call:
 * the citizen's side, the AI's side, and what happened so far.
 */
import { and, asc, desc, eq, isNull, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { aiSuggestions, answerTemplates, citizenReplies, decisions, services, submissions, units, users } from '@/db/schema';
import { assertUnitAccess, type Actor } from '../core/actor';
import { attachmentsSeenBy } from './attachments';
import { listEntityEvents } from '../audit/audit';
import { readingsOnSubmission, type ReaderFinding } from './document-readings';
import { getDraft } from './drafts';
import { viewersOf } from './presence';
import { DomainError } from '../core/errors';
import { maskAddress, maskDigits, maskNik, maskPhone } from '../core/masking';

export async function getReview(db: DbOrTx, actor: Actor, submissionId: string) {
  const [row] = await db
    .select({
      sub: submissions,
      unitName: units.name,
      service: services,
      holderName: users.name,
    })
    .from(submissions)
    .innerJoin(units, eq(units.id, submissions.unitId))
    .innerJoin(services, eq(services.code, submissions.serviceCode))
    .leftJoin(users, eq(users.id, submissions.claimedBy))
    .where(eq(submissions.id, submissionId));
  if (!row) throw new DomainError('NOT_FOUND', 'Submission not found');
  assertUnitAccess(actor, row.sub.unitId);
  const s = row.sub;

  const [docs, suggestion, decisionRows, history, events, draft, viewers, replies, templates, readings] = await Promise.all([
    attachmentsSeenBy(db, actor, s.id),
    s.latestSuggestionId
      ? db
          .select()
          .from(aiSuggestions)
          .where(eq(aiSuggestions.id, s.latestSuggestionId))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    db
      .select({
        id: decisions.id,
        outcome: decisions.outcome,
        kind: decisions.kind,
        supersedes: decisions.supersedes,
        finalAnswer: decisions.finalAnswer,
        agreesWithAi: decisions.agreesWithAi,
        verdictOverrides: decisions.verdictOverrides,
        reasonCode: decisions.reasonCode,
        note: decisions.note,
        createdAt: decisions.createdAt,
        actorName: users.name,
      })
      .from(decisions)
      .leftJoin(users, eq(users.id, decisions.actorId))
      .where(eq(decisions.submissionId, s.id))
      .orderBy(desc(decisions.createdAt)),
    // The same citizen's earlier requests, matched on NIK inside the unit; the NIK itself is never sent.
    db
      .select({
        id: submissions.id,
        ticket: submissions.ticket,
        serviceCode: submissions.serviceCode,
        status: submissions.status,
        receivedAt: submissions.receivedAt,
      })
      .from(submissions)
      .where(and(eq(submissions.nik, s.nik), eq(submissions.unitId, s.unitId), ne(submissions.id, s.id)))
      .orderBy(desc(submissions.receivedAt))
      .limit(20),
    listEntityEvents(db, 'submission', s.id),
    getDraft(db, actor, s.id),
    viewersOf(db, actor, s.id),
    db
      .select({ id: citizenReplies.id, message: citizenReplies.message, createdAt: citizenReplies.createdAt })
      .from(citizenReplies)
      .where(eq(citizenReplies.submissionId, s.id))
      .orderBy(asc(citizenReplies.createdAt)),
    db
      .select({ id: answerTemplates.id, titleId: answerTemplates.titleId, titleEn: answerTemplates.titleEn, body: answerTemplates.body })
      .from(answerTemplates)
      .where(or(isNull(answerTemplates.serviceCode), eq(answerTemplates.serviceCode, s.serviceCode)))
      .orderBy(asc(answerTemplates.sortOrder)),
    // Admins never see document content (as with opening a document); reviewers get it per opened document.
    actor.role === 'admin' ? Promise.resolve<ReaderFinding[]>([]) : readingsOnSubmission(db, actor, s.id),
  ]);

  // Evidence first: the person forms a view from the documents before seeing the machine's.
  const unviewed = docs.filter((d) => d.viewedAt === null).length;
  const evidencePending = row.service.evidenceFirst && unviewed > 0;
  const duplicateWindowMs = 30 * 86400_000;
  const possibleDuplicates = history.filter(
    (h) => h.serviceCode === s.serviceCode && Math.abs(h.receivedAt.getTime() - s.receivedAt.getTime()) < duplicateWindowMs,
  );

  const leaseLive = s.leaseUntil !== null && s.leaseUntil.getTime() > Date.now();
  return {
    submission: {
      id: s.id,
      ticket: s.ticket,
      unitName: row.unitName,
      serviceCode: s.serviceCode,
      channel: s.channel,
      status: s.status,
      version: s.version,
      citizenName: s.citizenName,
      nikMasked: maskNik(s.nik),
      kkMasked: maskDigits(s.kkNumber),
      phoneMasked: maskPhone(s.phone),
      addressMasked: maskAddress(s.address),
      kecamatan: s.kecamatan,
      message: s.message,
      form: maskForm(s.form),
      receivedAt: s.receivedAt,
      slaDueAt: s.slaDueAt,
      decidedAt: s.decidedAt,
      aiUnavailable: s.aiUnavailable,
      aiUnavailableReason: s.aiUnavailableReason as 'ai_unavailable' | 'documents_not_read' | null,
      holder: leaseLive && s.claimedBy ? { id: s.claimedBy, name: row.holderName ?? '' } : null,
      heldByMe: leaseLive && s.claimedBy === actor.id,
      leaseUntil: leaseLive ? s.leaseUntil : null,
    },
    service: {
      code: row.service.code,
      nameId: row.service.nameId,
      nameEn: row.service.nameEn,
      requiredDocs: row.service.requiredDocs,
      slaHours: row.service.slaHours,
      evidenceFirst: row.service.evidenceFirst,
    },
    attachments: docs,
    evidenceGate: evidencePending ? { unviewed, total: docs.length } : null,
    suggestion:
      evidencePending || !suggestion
        ? null
        : {
            id: suggestion.id,
            version: suggestion.version,
            draftAnswer: suggestion.draftAnswer,
            citations: suggestion.citations,
            recommendation: suggestion.recommendation,
            confidence: suggestion.confidence,
            docVerdicts: suggestion.docVerdicts,
            flags: suggestion.flags,
            modelName: suggestion.modelName,
            modelVersion: suggestion.modelVersion,
            createdAt: suggestion.createdAt,
          },
    // The reader's findings are the machine's view too: held back with the suggestion while evidence comes first.
    readings: evidencePending ? [] : readings,
    decisions: decisionRows,
    history,
    possibleDuplicateTickets: possibleDuplicates.map((h) => h.ticket),
    events,
    draft: draft && { answer: draft.answer, verdicts: draft.verdicts, reasonCode: draft.reasonCode, note: draft.note, updatedAt: draft.updatedAt },
    viewers,
    replies,
    templates,
  };
}

/** Form fields that carry personal identifiers are masked like the columns. */
const SENSITIVE_FORM_FIELDS = /(^|_)(nik|kk|no_kk|nomor_kk|telepon|hp|phone|no_kartu_bpjs)($|_)/i;

const ADDRESS_FORM_FIELDS = /(^|_)alamat($|_)/i;

function maskForm(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form).map(([k, v]) => {
      if (SENSITIVE_FORM_FIELDS.test(k)) return [k, maskDigits(String(v))];
      if (ADDRESS_FORM_FIELDS.test(k)) return [k, maskAddress(String(v))];
      return [k, String(v)];
    }),
  );
}
