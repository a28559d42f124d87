/**
 * Reading the audit trail: supervisors see the events of their unit, admins
 * every event. Filters map to indexed columns and pages are keyset pages over
 * (occurred_at, stream, seq), newest first, so page 1,000 costs what page 1 does.
 */
import type postgres from 'postgres';
import type { Db } from '@/db/client';
import { requireUnit, type Actor } from '../core/actor';
import { rawSql } from './checkpoints';
import { DomainError } from '../core/errors';

export type AuditScope = { unitId: string | null };

/** Supervisors: their unit. Admins: everything. Officers: nothing. */
export function auditScope(actor: Actor): AuditScope {
  if (actor.role === 'admin') return { unitId: null };
  if (actor.role === 'supervisor') return { unitId: requireUnit(actor) };
  throw new DomainError('FORBIDDEN', 'Only supervisors and admins read the audit trail');
}

export type AuditFilter = {
  from?: Date;
  to?: Date;
  actorId?: string;
  /** Exact action, or a family: "decision.*". */
  action?: string;
  entityType?: string;
  entityId?: string;
  ticket?: string;
  /** Admins only: one unit's events. */
  unitId?: string;
  stream?: string;
};

/** Actions the console writes, for the filter's suggestions (new ones still match as free text). */
export const KNOWN_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'access.forbidden',
  'access.not_found',
  'submission.claim',
  'submission.release',
  'submission.citizen_replied',
  'submission.reopen',
  'submission.received',
  'submission.drafting',
  'submission.drafted',
  'submission.ai_unavailable',
  'submission.citizen_objection',
  'lease.expired',
  'decision.approve',
  'decision.reject',
  'decision.request_info',
  'decision.escalate',
  'decision.auto_approve',
  'pii.reveal',
  'attachment.view',
  'reason_code.create',
  'reason_code.update',
  'audit.verify',
  'audit.checkpoint',
  'audit.export',
  'audit.export_completed',
  'audit.checkpoints_export',
  'audit.citizen_lookup',
  'audit.citizen_export',
  'qa.claim',
  'qa.second_review',
  'setting.update',
  'policy.propose',
  'policy.approve',
  'policy.reject',
  'policy.activate',
  'kill_switch.on',
  'kill_switch.off',
  'user.create',
  'user.update',
  'user.deactivate',
  'user.reactivate',
  'user.password_reset',
  'unit.create',
  'unit.update',
  'service.create',
  'service.update',
  'api_client.create',
  'api_client.revoke',
  'webhook.create',
  'webhook.enable',
  'webhook.disable',
  'kb_article.create',
  'kb_article.update',
  'job.retry',
] as const;

export const ENTITY_TYPES = [
  'submission',
  'user',
  'procedure',
  'route',
  'reason_code',
  'setting',
  'policy',
  'unit',
  'service',
  'api_client',
  'webhook',
  'audit_stream',
  'audit_export',
  'citizen',
] as const;

type Sql = postgres.Sql | postgres.TransactionSql;

/** The id of the submission with this ticket, when it is in scope; null otherwise (existence does not leak). */
async function ticketSubmission(sql: Sql, scope: AuditScope, ticket: string): Promise<string | null> {
  const [row] = await sql<{ id: string; unit_id: string }[]>`select id, unit_id from submissions where ticket = ${ticket.trim()}`;
  if (!row || (scope.unitId && row.unit_id !== scope.unitId)) return null;
  return row.id;
}

type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** Folds "and …" fragments into one (an empty array would otherwise be sent as a parameter). */
export const allOf = (sql: Sql, c: Fragment[]): Fragment => c.reduce<Fragment>((all, next) => sql`${all} ${next}`, sql``);

/**
 * WHERE conditions ("and …" fragments) for a filter within a scope; null when
 * nothing can match. An array, not one fragment: a fragment is a thenable and
 * would run if an async function returned it.
 */
export async function filterConditions(sql: Sql, scope: AuditScope, f: AuditFilter): Promise<Fragment[] | null> {
  const c: Fragment[] = [];
  if (scope.unitId) c.push(sql`and e.unit_id = ${scope.unitId}`);
  else if (f.unitId) c.push(sql`and e.unit_id = ${f.unitId}`);
  if (f.stream) c.push(sql`and e.stream = ${f.stream}`);
  // As text with a cast: postgres.js does not serialise a Date nested in a fragment (a TypeError, i.e. a 500).
  if (f.from) c.push(sql`and e.occurred_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) c.push(sql`and e.occurred_at < ${f.to.toISOString()}::timestamptz`);
  if (f.actorId) c.push(sql`and e.actor_id = ${f.actorId}`);
  if (f.action) {
    const family = /^([a-z_]+)\.\*$/.exec(f.action.trim());
    c.push(family ? sql`and e.action like ${`${family[1]}.%`}` : sql`and e.action = ${f.action.trim()}`);
  }
  if (f.entityType) c.push(sql`and e.entity_type = ${f.entityType}`);
  if (f.entityId) c.push(sql`and e.entity_id = ${f.entityId.trim()}`);
  if (f.ticket) {
    const id = await ticketSubmission(sql, scope, f.ticket);
    if (!id) return null;
    c.push(sql`and e.entity_type = 'submission' and e.entity_id = ${id}`);
  }
  return c;
}

export type AuditEventView = {
  stream: string;
  seq: number;
  /** Exactly as stored and hashed: microseconds, UTC. */
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  unitId: string | null;
  unitName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  ticket: string | null;
  /** jsonb's own text form, the bytes that were hashed. */
  payloadText: string;
  hash: string;
  prevHash: string;
};

export type RawEventRow = {
  stream: string;
  seq: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  unit_id: string | null;
  unit_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  ticket: string | null;
  payload: string;
  hash: string;
  prev_hash: string;
};

export const toEventView = (r: RawEventRow): AuditEventView => ({
  stream: r.stream,
  seq: Number(r.seq),
  occurredAt: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  actorRole: r.actor_role,
  unitId: r.unit_id,
  unitName: r.unit_name,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  ticket: r.ticket,
  payloadText: r.payload,
  hash: r.hash,
  prevHash: r.prev_hash,
});

/** The select list and joins shared by the explorer, the export and the per-citizen record. */
export const eventSelect = (sql: Sql) => sql`
  select e.stream, e.seq::text as seq,
         to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
         e.actor_id::text as actor_id, u.name as actor_name, e.actor_role,
         e.unit_id::text as unit_id, un.name as unit_name,
         e.action, e.entity_type, e.entity_id, s.ticket,
         e.payload::text as payload, encode(e.hash, 'hex') as hash, encode(e.prev_hash, 'hex') as prev_hash
  from audit_events e
  left join users u on u.id = e.actor_id
  left join units un on un.id = e.unit_id
  left join submissions s
    on s.id = (case when e.entity_type = 'submission' and e.entity_id ~ '^[0-9a-f-]{36}$' then e.entity_id::uuid end)`;

type Cursor = { at: string; stream: string; seq: number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.stream, c.seq]), 'utf8').toString('base64url');
}

export function decodeCursor(s: string): Cursor {
  try {
    const [at, stream, seq] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    if (typeof at === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(at) && typeof stream === 'string' && Number.isSafeInteger(seq)) {
      return { at, stream, seq: seq as number };
    }
  } catch {
    // falls through
  }
  throw new DomainError('INVALID_INPUT', 'Invalid page cursor');
}

export type AuditPage = { events: AuditEventView[]; nextCursor: string | null };

export async function listAuditEvents(db: Db, actor: Actor, filter: AuditFilter, page: { cursor?: string | null; limit?: number } = {}): Promise<AuditPage> {
  const sql = rawSql(db);
  const scope = auditScope(actor);
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
  const conditions = await filterConditions(sql, scope, filter);
  if (!conditions) return { events: [], nextCursor: null };
  const cursor = page.cursor ? decodeCursor(page.cursor) : null;
  const rows = await sql<RawEventRow[]>`
    ${eventSelect(sql)}
    where true ${allOf(sql, conditions)}
    ${cursor ? sql`and (e.occurred_at, e.stream, e.seq) < (${cursor.at}::timestamptz, ${cursor.stream}, ${cursor.seq}::bigint)` : sql``}
    order by e.occurred_at desc, e.stream desc, e.seq desc
    limit ${limit + 1}`;
  const events = rows.slice(0, limit).map(toEventView);
  const last = events.at(-1);
  return {
    events,
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.occurredAt, stream: last.stream, seq: last.seq }) : null,
  };
}

/** One event with, for a decision, the decision and the AI suggestion it was made on. */
export async function getAuditEvent(db: Db, actor: Actor, stream: string, seq: number) {
  const sql = rawSql(db);
  const scope = auditScope(actor);
  const [row] = await sql<RawEventRow[]>`${eventSelect(sql)} where e.stream = ${stream} and e.seq = ${seq}`;
  if (!row || (scope.unitId && row.unit_id !== scope.unitId)) throw new DomainError('NOT_FOUND', 'Audit event not found');
  const event = toEventView(row);
  const payload = JSON.parse(event.payloadText) as Record<string, unknown>;
  const decisionId = typeof payload.decisionId === 'string' && /^[0-9a-f-]{36}$/i.test(payload.decisionId) ? payload.decisionId : null;
  let decision: DecisionView | null = null;
  let suggestion: SuggestionView | null = null;
  if (decisionId) {
    const [d] = await sql<DecisionRow[]>`
      select d.id, d.unit_id, d.outcome, d.kind, d.final_answer, d.agrees_with_ai, d.answer_edited, d.edit_size,
             d.verdict_overrides, d.reason_code, d.note, d.time_spent_ms, d.created_at, d.suggestion_id, d.supersedes,
             u.name as actor_name
      from decisions d left join users u on u.id = d.actor_id
      where d.id = ${decisionId}`;
    if (d && (!scope.unitId || d.unit_id === scope.unitId)) {
      decision = {
        id: d.id,
        outcome: d.outcome,
        kind: d.kind,
        finalAnswer: d.final_answer,
        agreesWithAi: d.agrees_with_ai,
        answerEdited: d.answer_edited,
        editSize: d.edit_size,
        verdictOverrides: d.verdict_overrides,
        reasonCode: d.reason_code,
        note: d.note,
        timeSpentMs: d.time_spent_ms,
        createdAt: d.created_at,
        actorName: d.actor_name,
        supersedes: d.supersedes,
      };
      if (d.suggestion_id) {
        const [s] = await sql<SuggestionRow[]>`
          select id, version, recommendation, confidence, draft_answer, doc_verdicts, flags, model_name, model_version,
                 latency_ms, created_at
          from ai_suggestions where id = ${d.suggestion_id}`;
        if (s) {
          suggestion = {
            id: s.id,
            version: s.version,
            recommendation: s.recommendation,
            confidence: s.confidence,
            draftAnswer: s.draft_answer,
            docVerdicts: s.doc_verdicts,
            flags: s.flags,
            modelName: s.model_name,
            modelVersion: s.model_version,
            latencyMs: s.latency_ms,
            createdAt: s.created_at,
          };
        }
      }
    }
  }
  return { event, decision, suggestion };
}

type DecisionRow = {
  id: string;
  unit_id: string;
  outcome: string;
  kind: string;
  final_answer: string;
  agrees_with_ai: boolean;
  answer_edited: boolean;
  edit_size: number;
  verdict_overrides: { docType: string; from: string; to: string }[];
  reason_code: string | null;
  note: string | null;
  time_spent_ms: number;
  created_at: Date;
  suggestion_id: string | null;
  supersedes: string | null;
  actor_name: string | null;
};
export type DecisionView = {
  id: string;
  outcome: string;
  kind: string;
  finalAnswer: string;
  agreesWithAi: boolean;
  answerEdited: boolean;
  editSize: number;
  verdictOverrides: { docType: string; from: string; to: string }[];
  reasonCode: string | null;
  note: string | null;
  timeSpentMs: number;
  createdAt: Date;
  actorName: string | null;
  supersedes: string | null;
};
type SuggestionRow = {
  id: string;
  version: number;
  recommendation: string;
  confidence: number;
  draft_answer: string;
  doc_verdicts: { docType: string; verdict: string; checks: { name: string; result: string; detail: string }[] }[];
  flags: string[];
  model_name: string;
  model_version: string;
  latency_ms: number;
  created_at: Date;
};
export type SuggestionView = {
  id: string;
  version: number;
  recommendation: string;
  confidence: number;
  draftAnswer: string;
  docVerdicts: SuggestionRow['doc_verdicts'];
  flags: string[];
  modelName: string;
  modelVersion: string;
  latencyMs: number;
  createdAt: Date;
};

/** What the filter form offers: people in scope, and units for admins. */
export async function auditFilterOptions(db: Db, actor: Actor) {
  const sql = rawSql(db);
  const scope = auditScope(actor);
  const actors = await sql<{ id: string; name: string; role: string }[]>`
    select id, name, role::text as role from users
    ${scope.unitId ? sql`where unit_id = ${scope.unitId}` : sql``}
    order by name limit 500`;
  const units = scope.unitId ? [] : await sql<{ id: string; code: string; name: string }[]>`select id, code, name from units order by name limit 500`;
  return { actors, units, actions: [...KNOWN_ACTIONS], entityTypes: [...ENTITY_TYPES] };
}
