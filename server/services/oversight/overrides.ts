/**
 * The overrides page: every decision where a person departed from the AI —
 * another outcome, a changed document verdict, or an edited answer — with
 * filters and keyset pages (newest first), and one decision in detail: the
 * AI's work and the final decision side by side, with the item's audit trail.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { aiSuggestions, decisions, reasonCodes, services, submissions, users } from '@/db/schema';
import type { Actor } from '../core/actor';
import { listEntityEvents } from '../audit/audit';
import { DomainError } from '../core/errors';
import { assertOversightAccess, oversightUnit, oversightUnits } from './scope';
import type { SubmissionStatus } from '@/lib/vocabulary';
import { isDecided } from '../review/workflow';

/** Verbatim the predicate of decisions_overrides_idx (migration 0007), so that partial index serves the page. */
const IS_OVERRIDE = sql.raw(
  `d.kind = 'human' AND ((d.outcome <> 'escalate' AND d.suggestion_id IS NOT NULL AND NOT d.agrees_with_ai) OR d.answer_edited OR jsonb_array_length(d.verdict_overrides) > 0)`,
);

export type OverrideType = 'outcome' | 'verdict' | 'answer';

export type OverrideFilter = {
  unitId?: string | null;
  officerId?: string;
  serviceCode?: string;
  reasonCode?: string;
  /** "model_name model_version", as listed by overrideFilters. */
  model?: string;
  type?: OverrideType;
  /** Asia/Jakarta dates, inclusive. */
  from?: string;
  to?: string;
  cursor?: string | null;
  limit?: number;
};

export type OverrideRow = {
  decisionId: string;
  submissionId: string;
  ticket: string;
  serviceCode: string;
  channel: string;
  decidedAt: Date;
  officerName: string | null;
  outcome: string;
  aiRecommendation: string | null;
  outcomeChanged: boolean;
  verdictChanges: number;
  answerEdited: boolean;
  editSize: number;
  reasonCode: string | null;
  model: string | null;
  superseded: boolean;
  status: string;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function encodeCursor(ts: string, id: string) {
  return Buffer.from(`${ts}|${id}`).toString('base64url');
}
function decodeCursor(cursor: string): { ts: string; id: string } {
  const [ts, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!ts || !id || !/^[0-9a-f-]{36}$/i.test(id) || !/^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:?\d{2})?|Z)?$/.test(ts)) {
    throw new DomainError('INVALID_INPUT', 'Bad cursor');
  }
  return { ts, id };
}

export async function listOverrides(db: DbOrTx, actor: Actor, f: OverrideFilter): Promise<{ items: OverrideRow[]; nextCursor: string | null }> {
  const unitId = oversightUnit(actor, f.unitId);
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  for (const d of [f.from, f.to]) if (d !== undefined && !ISO_DATE.test(d)) throw new DomainError('INVALID_INPUT', 'Dates are YYYY-MM-DD');
  const conds: SQL[] = [IS_OVERRIDE];
  if (unitId) conds.push(sql`d.unit_id = ${unitId}`);
  if (f.officerId) conds.push(sql`d.actor_id = ${f.officerId}`);
  if (f.serviceCode) conds.push(sql`s.service_code = ${f.serviceCode}`);
  if (f.reasonCode) conds.push(sql`d.reason_code = ${f.reasonCode}`);
  if (f.model) conds.push(sql`(a.model_name || ' ' || a.model_version) = ${f.model}`);
  if (f.type === 'outcome') conds.push(sql`d.outcome <> 'escalate' and d.suggestion_id is not null and not d.agrees_with_ai`);
  if (f.type === 'verdict') conds.push(sql`jsonb_array_length(d.verdict_overrides) > 0`);
  if (f.type === 'answer') conds.push(sql`d.answer_edited`);
  if (f.from) conds.push(sql`d.created_at >= (${f.from}::date::timestamp at time zone 'Asia/Jakarta')`);
  if (f.to) conds.push(sql`d.created_at < ((${f.to}::date + 1)::timestamp at time zone 'Asia/Jakarta')`);
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    conds.push(sql`(d.created_at, d.id) < (${c.ts}::timestamptz, ${c.id}::uuid)`);
  }
  const rows = await db.execute<{
    id: string;
    cursor_ts: string;
    submission_id: string;
    ticket: string;
    service_code: string;
    channel: string;
    created_at: Date | string;
    officer_name: string | null;
    outcome: string;
    recommendation: string | null;
    agrees_with_ai: boolean;
    suggestion_id: string | null;
    verdict_changes: number;
    answer_edited: boolean;
    edit_size: number;
    reason_code: string | null;
    model: string | null;
    superseded: boolean;
    status: string;
  }>(sql`
    select d.id, d.created_at::text as cursor_ts, d.submission_id, s.ticket, s.service_code, s.channel, d.created_at,
           u.name as officer_name, d.outcome, a.recommendation, d.agrees_with_ai, d.suggestion_id,
           jsonb_array_length(d.verdict_overrides) as verdict_changes, d.answer_edited, d.edit_size, d.reason_code,
           a.model_name || ' ' || a.model_version as model,
           exists (select 1 from decisions n where n.supersedes = d.id and n.kind in ('human', 'auto')) as superseded,
           s.status
    from decisions d
    join submissions s on s.id = d.submission_id
    left join ai_suggestions a on a.id = d.suggestion_id
    left join users u on u.id = d.actor_id
    where ${sql.join(conds, sql` and `)}
    order by d.created_at desc, d.id desc
    limit ${limit + 1}`);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      decisionId: r.id,
      submissionId: r.submission_id,
      ticket: r.ticket,
      serviceCode: r.service_code,
      channel: r.channel,
      decidedAt: new Date(r.created_at),
      officerName: r.officer_name,
      outcome: r.outcome,
      aiRecommendation: r.recommendation,
      outcomeChanged: r.outcome !== 'escalate' && r.suggestion_id !== null && !r.agrees_with_ai,
      verdictChanges: Number(r.verdict_changes),
      answerEdited: r.answer_edited,
      editSize: Number(r.edit_size),
      reasonCode: r.reason_code,
      model: r.model,
      superseded: r.superseded,
      status: r.status,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.cursor_ts, last.id) : null,
  };
}

/** What the filters can choose from: the unit's people, services, reason codes and the model versions seen. */
export async function overrideFilters(db: DbOrTx, actor: Actor, input: { unitId?: string | null }) {
  const unitId = oversightUnit(actor, input.unitId);
  const [people, svc, reasons, models, unitList] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(and(unitId ? eq(users.unitId, unitId) : undefined, sql`${users.role} in ('officer', 'supervisor')`))
      .orderBy(asc(users.name)),
    db.select({ code: services.code, nameId: services.nameId, nameEn: services.nameEn }).from(services).orderBy(asc(services.code)),
    db
      .select({ code: reasonCodes.code, labelId: reasonCodes.labelId, labelEn: reasonCodes.labelEn, active: reasonCodes.active })
      .from(reasonCodes)
      .orderBy(asc(reasonCodes.sortOrder)),
    // From the rollup: cheap, and a model version that was never used has no overrides to show.
    db.execute<{ key: string }>(sql`
      select distinct key from analytics_decision_rollup
      where dim = 'model' and key <> '' and ${unitId ? sql`unit_id = ${unitId}` : sql`true`} order by key`),
    oversightUnits(db, actor),
  ]);
  return { officers: people, services: svc, reasons, models: models.map((m) => m.key), units: unitList };
}

/** Strips the disclosure line the citizen receives, so the diff shows the officer's own edits. */
export function answerBody(finalAnswer: string): string {
  const i = finalAnswer.lastIndexOf('\n\n— Jawaban ini disusun dengan bantuan AI');
  return i >= 0 ? finalAnswer.slice(0, i) : finalAnswer;
}

export async function getDecisionDetail(db: DbOrTx, actor: Actor, decisionId: string) {
  const [row] = await db
    .select({ d: decisions, officerName: users.name, sub: submissions, service: services })
    .from(decisions)
    .innerJoin(submissions, eq(submissions.id, decisions.submissionId))
    .innerJoin(services, eq(services.code, submissions.serviceCode))
    .leftJoin(users, eq(users.id, decisions.actorId))
    .where(eq(decisions.id, decisionId));
  // Officers never get here (procedure), other units' supervisors learn nothing: NOT_FOUND.
  if (!row || row.d.kind === 'qa_second') throw new DomainError('NOT_FOUND', 'Decision not found');
  assertOversightAccess(actor, row.d.unitId);
  const d = row.d;
  const [suggestion, reason, history, events] = await Promise.all([
    d.suggestionId
      ? db
          .select()
          .from(aiSuggestions)
          .where(eq(aiSuggestions.id, d.suggestionId))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    d.reasonCode
      ? db
          .select({ labelId: reasonCodes.labelId, labelEn: reasonCodes.labelEn })
          .from(reasonCodes)
          .where(eq(reasonCodes.code, d.reasonCode))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    db
      .select({
        id: decisions.id,
        kind: decisions.kind,
        outcome: decisions.outcome,
        createdAt: decisions.createdAt,
        actorName: users.name,
        supersedes: decisions.supersedes,
        reasonCode: decisions.reasonCode,
      })
      .from(decisions)
      .leftJoin(users, eq(users.id, decisions.actorId))
      // QA second reviews stay out of this list: their comparison lives on the QA page.
      .where(and(eq(decisions.submissionId, d.submissionId), sql`${decisions.kind} <> 'qa_second'`))
      .orderBy(desc(decisions.createdAt)),
    listEntityEvents(db, 'submission', d.submissionId),
  ]);
  const aiVerdicts = suggestion?.docVerdicts ?? [];
  const finalVerdicts = aiVerdicts.map((v) => {
    const o = d.verdictOverrides.find((x) => x.docType === v.docType);
    return { docType: v.docType, ai: v.verdict, final: o ? o.to : v.verdict, checks: v.checks };
  });
  const status = row.sub.status as SubmissionStatus;
  const supersededBy = history.find((h) => h.supersedes === d.id && (h.kind === 'human' || h.kind === 'auto'))?.id ?? null;
  const latestFinal = history.find((h) => (h.kind === 'human' && h.outcome !== 'escalate') || h.kind === 'auto');
  return {
    decision: {
      id: d.id,
      kind: d.kind,
      outcome: d.outcome,
      officerName: row.officerName,
      createdAt: d.createdAt,
      agreesWithAi: d.agreesWithAi,
      answerEdited: d.answerEdited,
      editSize: d.editSize,
      finalAnswer: answerBody(d.finalAnswer),
      reasonCode: d.reasonCode,
      reasonLabelId: reason?.labelId ?? null,
      reasonLabelEn: reason?.labelEn ?? null,
      note: d.note,
      timeSpentMs: d.timeSpentMs,
      supersedes: d.supersedes,
      supersededBy,
    },
    ai: suggestion && {
      recommendation: suggestion.recommendation,
      confidence: suggestion.confidence,
      draftAnswer: suggestion.draftAnswer,
      flags: suggestion.flags,
      model: `${suggestion.modelName} ${suggestion.modelVersion}`,
    },
    verdicts: finalVerdicts,
    submission: {
      id: row.sub.id,
      ticket: row.sub.ticket,
      unitId: row.sub.unitId,
      serviceCode: row.sub.serviceCode,
      serviceNameId: row.service.nameId,
      serviceNameEn: row.service.nameEn,
      channel: row.sub.channel,
      kecamatan: row.sub.kecamatan,
      status,
    },
    /** Reopen applies to the item's current final decision, when the item is decided. */
    canReopen: isDecided(status) && latestFinal?.id === d.id,
    history,
    events: events.map((e) => ({ seq: e.seq, stream: e.stream, occurredAt: e.occurredAt, action: e.action, actorName: e.actorName, hash: e.hash })),
  };
}
