/**
 * Database schema. One file keeps the relations readable in one place; the
 * hand-written SQL (audit triggers, audit_append) lives in its own migration.
 */
import { sql } from 'drizzle-orm';
import { pgTable, pgEnum, uuid, text, integer, boolean, timestamp, jsonb, real, bigint, customType, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import {
  CHANNELS,
  DECISION_KINDS,
  DECISION_OUTCOMES,
  DOC_TYPES,
  FINAL_OUTCOMES,
  POLICY_STATUSES,
  ROLES,
  SUBMISSION_STATUSES,
  type Verdict,
} from '@/lib/vocabulary';
import type { VerdictOverride } from '@/lib/decision-rules';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

// The values and their order come from lib/vocabulary.ts (append only: the order is the enum's in Postgres).
export const roleEnum = pgEnum('role', ROLES);
export const channelEnum = pgEnum('channel', CHANNELS);
export const statusEnum = pgEnum('submission_status', SUBMISSION_STATUSES);
export const recommendationEnum = pgEnum('recommendation', FINAL_OUTCOMES);
export const outcomeEnum = pgEnum('decision_outcome', DECISION_OUTCOMES);
export const decisionKindEnum = pgEnum('decision_kind', DECISION_KINDS);
export const docTypeEnum = pgEnum('doc_type', DOC_TYPES);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const units = pgTable('units', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Kemendagri region code of the kota/kabupaten, e.g. 32.73 */
  regionCode: text('region_code').notNull(),
  ticketPrefix: text('ticket_prefix').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    active: boolean('active').notNull().default(true),
    passwordHash: text('password_hash').notNull(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** When sessions were last revoked (password reset, deactivation, role or unit change); informational. */
    sessionsValidAfter: timestamp('sessions_valid_after', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Session generation: every session token carries the value it was issued
     * under and is refused once it differs. Bumped in the same transaction as a
     * password reset, deactivation, role or unit change, so revocation is
     * exact (no clock comparison) and holds for tokens of the same second.
     */
    sessionGeneration: integer('session_generation').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('users_unit_idx').on(t.unitId)],
);

export const services = pgTable('services', {
  code: text('code').primaryKey(),
  nameId: text('name_id').notNull(),
  nameEn: text('name_en').notNull(),
  requiredDocs: text('required_docs').array().notNull(),
  slaHours: integer('sla_hours').notNull(),
  /** Evidence first: hide the AI's view until the officer has opened every document. */
  evidenceFirst: boolean('evidence_first').notNull().default(false),
});

/** Public holidays and collective leave (cuti bersama): SLA clocks stop on these days. */
export const holidays = pgTable('holidays', {
  date: text('date').primaryKey(), // YYYY-MM-DD, Asia/Jakarta
  name: text('name').notNull(),
});

/** Answer snippets an officer can insert; per service or for all (service_code null). */
export const answerTemplates = pgTable('answer_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  serviceCode: text('service_code').references(() => services.code),
  titleId: text('title_id').notNull(),
  titleEn: text('title_en').notNull(),
  body: text('body').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const reasonCodes = pgTable('reason_codes', {
  code: text('code').primaryKey(),
  labelId: text('label_id').notNull(),
  labelEn: text('label_en').notNull(),
  legalBasis: text('legal_basis'),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticket: text('ticket').notNull().unique(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    serviceCode: text('service_code')
      .notNull()
      .references(() => services.code),
    channel: channelEnum('channel').notNull(),
    citizenName: text('citizen_name').notNull(),
    nik: text('nik').notNull(),
    kkNumber: text('kk_number'),
    phone: text('phone'),
    address: text('address'),
    kecamatan: text('kecamatan'),
    message: text('message').notNull(),
    form: jsonb('form').$type<Record<string, string>>().notNull().default({}),
    status: statusEnum('status').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }).notNull(),
    claimedBy: uuid('claimed_by').references(() => users.id),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    latestSuggestionId: uuid('latest_suggestion_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Optimistic concurrency: every state change bumps it; a decision names the version it saw. */
    version: integer('version').notNull().default(1),
    /** The AI pipeline gave up on this submission (dead letter): it waits for a person without a suggestion. */
    aiUnavailable: boolean('ai_unavailable').notNull().default(false),
    /** Why no AI suggestion: 'ai_unavailable' (drafting failed) or 'documents_not_read' (the document reader failed). */
    aiUnavailableReason: text('ai_unavailable_reason'),
  },
  (t) => [
    index('submissions_queue_idx').on(t.unitId, t.status, t.slaDueAt),
    // The work queue reads only open items, most urgent first: a small partial index stays hot at any table size.
    index('submissions_open_queue_idx')
      .on(t.unitId, t.slaDueAt)
      .where(sql`${t.status} in ('pending_review', 'in_review', 'escalated')`),
    index('submissions_nik_idx').on(t.nik),
    index('submissions_received_idx').on(t.unitId, t.receivedAt),
    // Items still being drafted (their documents being read): few at any time, counted by the admin jobs page.
    index('submissions_drafting_idx')
      .on(t.status)
      .where(sql`${t.status} in ('received', 'drafting')`),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    docType: docTypeEnum('doc_type').notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    extracted: jsonb('extracted').$type<Record<string, string>>().notNull().default({}),
    /** Set when the document came with a citizen's reply to a request for more documents. */
    replyId: uuid('reply_id'),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_submission_idx').on(t.submissionId)],
);

/** One line of text as the OCR engine read it, with its place on the page and the engine's confidence (0..1). */
export type ReadLine = { text: string; conf: number; box: PageBox };
/** Image measurements behind "can this be read": sharpness is the Laplacian's standard deviation on a 1000 px-wide grey copy. */
export type ImageQuality = {
  width: number;
  height: number;
  sharpness: number;
  brightness: number;
  contrast: number;
  problems: UnreadableReason[];
};
/** A field extracted from a document: the value after OCR-noise repair, how sure (0..1), where it was read. */
export type ReadField = { value: string; confidence: number; box?: PageBox };
export type ReadMember = { nama: ReadField; nik?: ReadField; hubungan?: string };

/**
 * What the console's own document reader found in an attachment: OCR lines
 * with boxes, image quality, the classified document type and the fields.
 * One row per attachment (the bytes never change), written by the drafting job.
 */
export const documentReadings = pgTable(
  'document_readings',
  {
    attachmentId: uuid('attachment_id')
      .primaryKey()
      .references(() => attachments.id),
    sha256: text('sha256').notNull(),
    engine: text('engine').notNull(),
    engineVersion: text('engine_version').notNull(),
    detectedType: text('detected_type').notNull(),
    typeScore: real('type_score').notNull(),
    meanConfidence: real('mean_confidence').notNull(),
    quality: jsonb('quality').$type<ImageQuality>().notNull(),
    fields: jsonb('fields').$type<Record<string, ReadField>>().notNull().default({}),
    members: jsonb('members').$type<ReadMember[]>().notNull().default([]),
    lines: jsonb('lines').$type<ReadLine[]>().notNull().default([]),
    pageSizes: jsonb('page_sizes').$type<{ width: number; height: number }[]>().notNull().default([]),
    qr: text('qr')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    durationMs: integer('duration_ms').notNull(),
    createdAt: createdAt(),
  },
  // The admin jobs page reads the last day's readings every few seconds.
  (t) => [index('document_readings_created_idx').on(t.createdAt)],
);

/** A citizen's answer to "please send more documents": brings the item back to the queue. */
export const citizenReplies = pgTable(
  'citizen_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    message: text('message').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('citizen_replies_submission_idx').on(t.submissionId)],
);

/** First time each person opened each document: evidence-first gating and automation-bias analytics. */
export const documentViews = pgTable(
  'document_views',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    attachmentId: uuid('attachment_id')
      .notNull()
      .references(() => attachments.id),
    firstViewedAt: timestamp('first_viewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.attachmentId] })],
);

/** Who has a review page open right now (heartbeat), so officers do not work the same item unknowingly. */
export const presence = pgTable(
  'presence',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.userId] })],
);

/** The officer's work in progress on an answer, autosaved so a reload or another device keeps it. */
export const drafts = pgTable(
  'drafts',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    answer: text('answer').notNull(),
    verdicts: jsonb('verdicts').$type<Record<string, string>>().notNull().default({}),
    reasonCode: text('reason_code'),
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.userId] })],
);

/** Where on a page something was read: fractions (0..1) of the page's width and height, so the viewer can overlay it at any zoom. */
export type PageBox = { page: number; x: number; y: number; w: number; h: number };
/** What a check looked at: the field as read (masked when it is personal data), where, and how sure the reader was. */
export type CheckEvidence = { field: string; value: string; confidence: number; box?: PageBox; source: 'document' | 'channel' | 'form' };
export type CheckResult = { name: string; result: 'pass' | 'fail' | 'warn'; detail: string; evidence?: CheckEvidence[] };
/** Why a document could not be judged on its content: shown to the officer and in the draft's request for a new upload. */
export type UnreadableReason =
  | 'blurred'
  | 'too_dark'
  | 'too_bright'
  | 'too_small'
  | 'cut_off'
  | 'low_confidence'
  | 'no_text'
  | 'not_read'
  | 'unsupported_format';
export type DocVerdict = {
  docType: string;
  attachmentId: string | null;
  verdict: Verdict;
  checks: CheckResult[];
  /** How sure the reading behind this verdict is (0..1); absent for a missing document. */
  readConfidence?: number;
  /** What the document looked like to the classifier, when it is not what was asked for. */
  detectedType?: string;
  reasons?: (UnreadableReason | 'wrong_document_type' | 'tampered')[];
};
export type Citation = { articleId: string; title: string; passage: string };

export const aiSuggestions = pgTable(
  'ai_suggestions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    version: integer('version').notNull(),
    draftAnswer: text('draft_answer').notNull(),
    citations: jsonb('citations').$type<Citation[]>().notNull().default([]),
    recommendation: recommendationEnum('recommendation').notNull(),
    confidence: real('confidence').notNull(),
    docVerdicts: jsonb('doc_verdicts').$type<DocVerdict[]>().notNull().default([]),
    flags: text('flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    modelName: text('model_name').notNull(),
    modelVersion: text('model_version').notNull(),
    latencyMs: integer('latency_ms').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ai_suggestions_submission_version_uq').on(t.submissionId, t.version)],
);

/** Exactly what the officer saw when deciding. */
export type DecisionSnapshot = {
  suggestionVersion: number | null;
  documents: { id: string; sha256: string }[];
  policyVersion: number | null;
};

export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    suggestionId: uuid('suggestion_id').references(() => aiSuggestions.id),
    actorId: uuid('actor_id').references(() => users.id),
    outcome: outcomeEnum('outcome').notNull(),
    finalAnswer: text('final_answer').notNull(),
    agreesWithAi: boolean('agrees_with_ai').notNull(),
    answerEdited: boolean('answer_edited').notNull(),
    editSize: integer('edit_size').notNull().default(0),
    verdictOverrides: jsonb('verdict_overrides').$type<VerdictOverride[]>().notNull().default([]),
    reasonCode: text('reason_code').references(() => reasonCodes.code),
    note: text('note'),
    timeSpentMs: integer('time_spent_ms').notNull().default(0),
    kind: decisionKindEnum('kind').notNull().default('human'),
    supersedes: uuid('supersedes'),
    /** The submission version the decision was made on: a replay of the same version cannot decide twice. */
    submissionVersion: integer('submission_version').notNull(),
    snapshot: jsonb('snapshot').$type<DecisionSnapshot>(),
    /** The auto-approve policy version under which an automatic decision was made. */
    policyId: uuid('policy_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('decisions_submission_version_uq').on(t.submissionId, t.submissionVersion),
    index('decisions_unit_created_idx').on(t.unitId, t.createdAt),
    index('decisions_actor_idx').on(t.actorId, t.createdAt),
  ],
);

/** Head of each audit stream: its last sequence number and hash. Locked last in a writing transaction. */
export const auditHeads = pgTable('audit_heads', {
  stream: text('stream').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  hash: bytea('hash').notNull(),
});

export const auditEvents = pgTable(
  'audit_events',
  {
    stream: text('stream').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    prevHash: bytea('prev_hash').notNull(),
    hash: bytea('hash').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 6 }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    unitId: uuid('unit_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stream, t.seq] }),
    uniqueIndex('audit_events_stream_prev_uq').on(t.stream, t.prevHash),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_unit_time_idx').on(t.unitId, t.occurredAt),
  ],
);

/** Signed checkpoints of each audit stream's head, exportable so a rewritten chain is caught later. */
export const auditCheckpoints = pgTable(
  'audit_checkpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stream: text('stream').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    headHash: text('head_hash').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
  },
  (t) => [uniqueIndex('audit_checkpoints_stream_seq_uq').on(t.stream, t.seq)],
);

/**
 * Blind QA second review: a sampled decision (human or automatic) is decided
 * again by another person who does not see the first decision; then compared.
 */
export const qaItems = pgTable(
  'qa_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    firstDecisionId: uuid('first_decision_id')
      .notNull()
      .references(() => decisions.id),
    /** Why it was sampled: 'human_sample' | 'auto_sample' | 'citizen_objection'. */
    source: text('source').notNull(),
    claimedBy: uuid('claimed_by').references(() => users.id),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    secondDecisionId: uuid('second_decision_id').references(() => decisions.id),
    agrees: boolean('agrees'),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('qa_items_first_decision_uq').on(t.firstDecisionId),
    index('qa_items_open_idx')
      .on(t.unitId, t.createdAt)
      .where(sql`${t.secondDecisionId} is null`),
  ],
);

/** Console settings an admin or supervisor can change (thresholds of the automation-bias watch, QA sample rate…). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Auto-approve policy per service, versioned and never updated in place. A
 * change that loosens the policy waits for a second admin (four eyes).
 */
export const policyStatusEnum = pgEnum('policy_status', POLICY_STATUSES);

export const policies = pgTable(
  'policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceCode: text('service_code')
      .notNull()
      .references(() => services.code),
    version: integer('version').notNull(),
    status: policyStatusEnum('status').notNull(),
    autoApproveEnabled: boolean('auto_approve_enabled').notNull().default(false),
    minConfidence: real('min_confidence').notNull().default(0.95),
    requireAllDocsValid: boolean('require_all_docs_valid').notNull().default(true),
    blockedFlags: text('blocked_flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    dailyCapPerUnit: integer('daily_cap_per_unit').notNull().default(0),
    qaSampleRate: real('qa_sample_rate').notNull().default(0.1),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    previousId: uuid('previous_id'),
  },
  (t) => [
    uniqueIndex('policies_service_version_uq').on(t.serviceCode, t.version),
    index('policies_active_idx')
      .on(t.serviceCode)
      .where(sql`${t.status} = 'active'`),
  ],
);

/** Why each AI suggestion was auto-approved or sent to a person: one row per evaluation. */
export const policyEvaluations = pgTable(
  'policy_evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    suggestionId: uuid('suggestion_id')
      .notNull()
      .references(() => aiSuggestions.id),
    policyId: uuid('policy_id').references(() => policies.id),
    result: text('result').notNull(), // 'auto_approve' | 'human_review'
    rule: text('rule').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('policy_evaluations_submission_idx').on(t.submissionId)],
);

// ───────────────────────── intake, jobs and notifications (issue 8) ─────────────────────────

/** Per unit and year, the last ticket number handed out; the row lock serialises concurrent intakes. */
export const ticketCounters = pgTable(
  'ticket_counters',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })],
);

/**
 * A channel system (portal, chatbot, WhatsApp gateway, counter app) allowed to
 * submit for one unit. Only the sha256 of the key is stored; the visible prefix
 * finds the row without scanning.
 */
export const apiClients = pgTable(
  'api_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    channel: channelEnum('channel').notNull(),
    name: text('name').notNull(),
    keyPrefix: text('key_prefix').notNull().unique(),
    keyHash: text('key_hash').notNull(),
    rateLimitPerMinute: integer('rate_limit_per_minute').notNull().default(60),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [index('api_clients_unit_idx').on(t.unitId)],
);

/** A request's Idempotency-Key per client: a retry gets the stored answer, a different body with the same key is refused. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    submissionId: uuid('submission_id').references(() => submissions.id),
    responseStatus: integer('response_status').notNull(),
    responseBody: jsonb('response_body').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.apiClientId, t.key] })],
);

/**
 * The idempotency key of an officer's decision (review.decide): written in the
 * decision's transaction, so a retry whose first attempt committed (but whose
 * answer was lost) gets the original result instead of STALE_VERSION.
 * `result` is what decide returned, as JSON.
 */
export const decisionRequests = pgTable(
  'decision_requests',
  {
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    key: uuid('key').notNull(),
    requestHash: text('request_hash').notNull(),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.key] })],
);

/**
 * Background jobs that must run on one instance at a time and once per
 * interval across all of them (server/services/core/job-runs.ts): a lease row
 * instead of a session advisory lock, so it also holds behind PgBouncer in
 * transaction mode and frees itself when the holder dies.
 */
export const jobRuns = pgTable('job_runs', {
  name: text('name').primaryKey(),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }).notNull(),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  leaseHolder: uuid('lease_holder'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
});

/** Fixed-window request counters shared by every instance (API keys, status-page look-ups). */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    bucket: text('bucket').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

/**
 * Back-off state of one key (a client address, an account, an account from one
 * address, a ticket…): failures since the key was last quiet, and when the
 * last one happened. The delay before the next checked attempt grows with the
 * failures (server/services/core/rate-limit.ts). `last_success_at` marks an address
 * that has signed in to an account (or opened a ticket) before: account-wide
 * back-off does not hold such a "familiar" client back.
 */
export const throttles = pgTable('throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
});

/** The knowledge base the built-in drafter retrieves from, editable by admins (seeded from server/ai/knowledge-base.ts). */
export const kbArticles = pgTable('kb_articles', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  /** null: applies to every service. */
  serviceCode: text('service_code'),
  body: text('body').notNull(),
  processingTime: text('processing_time'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Transactional outbox: an event is written in the same transaction as the
 * state change it reports; a dispatcher fans it out to webhook deliveries.
 * The row id is the event id receivers de-duplicate on.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    submissionId: uuid('submission_id').references(() => submissions.id),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_events_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.dispatchedAt} is null`),
    index('outbox_events_submission_idx').on(t.submissionId),
  ],
);

/** A unit's registered receiver of events (admin-managed). The secret signs every delivery. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    eventTypes: text('event_types').array().notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('webhooks_unit_idx').on(t.unitId)],
);

/** One event to one webhook: its attempts and outcome (the delivery log). */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => outboxEvents.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    eventType: text('event_type').notNull(),
    /** pending → delivered, or failed after the last retry. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastDurationMs: integer('last_duration_ms'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_webhook_event_uq').on(t.webhookId, t.eventId),
    index('webhook_deliveries_unit_created_idx').on(t.unitId, t.createdAt),
  ],
);

/** Background jobs that failed after their last retry, for admins to see (and retry). */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    queue: text('queue').notNull(),
    jobId: text('job_id'),
    submissionId: uuid('submission_id').references(() => submissions.id),
    deliveryId: uuid('delivery_id').references(() => webhookDeliveries.id),
    unitId: uuid('unit_id').references(() => units.id),
    error: text('error').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
  },
  (t) => [
    index('dead_letters_open_idx')
      .on(t.createdAt)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

/**
 * A citizen's request for human review of a decision (UU 27/2022 Pasal 10).
 * The officer who decided is excluded from deciding again (review_exclusions).
 */
export const citizenObjections = pgTable(
  'citizen_objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    /** 'human' | 'auto': who made the decision objected to. */
    decisionKind: text('decision_kind').notNull(),
    excludedUserId: uuid('excluded_user_id').references(() => users.id),
    message: text('message').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('citizen_objections_decision_uq').on(t.decisionId)],
);

/** People who may not claim or decide a submission again (the officer whose decision a citizen objected to). */
export const reviewExclusions = pgTable(
  'review_exclusions',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.userId] })],
);
