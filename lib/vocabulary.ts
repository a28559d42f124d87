/**
 * The words of the domain, written once: the database enums (db/schema.ts
 * pgEnum), the zod enums of the tRPC and REST inputs (z.enum) and the TS types
 * all come from these lists. Plain `as const` arrays with no imports, so db/,
 * server/ and client components can all use them as values without pulling
 * zod or server code into a bundle.
 *
 * The order of a list that feeds a pgEnum is the enum's order in Postgres:
 * append new values at the end (and generate a migration), never reorder.
 * tests/unit/vocabulary.test.ts holds the enums to these lists.
 */

/** Who signs in to the console (pgEnum role). */
export const ROLES = ['officer', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Where a submission came from (pgEnum channel); an API client is bound to one. */
export const CHANNELS = ['portal', 'chatbot', 'whatsapp', 'counter'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A submission's state (pgEnum submission_status); the moves between them are server/services/review/workflow.ts. */
export const SUBMISSION_STATUSES = [
  'received',
  'drafting',
  'pending_review',
  'in_review',
  'approved',
  'rejected',
  'awaiting_citizen',
  'escalated',
  'auto_approved',
  'qa_review',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** The queue's status filter: 'open' is everything that waits for a person (lib/queue-filter.ts). */
export const QUEUE_STATUS_FILTERS = ['open', 'pending_review', 'in_review', 'escalated', 'awaiting_citizen'] as const;
/** @public every list names its type, used or not yet */
export type QueueStatusFilter = (typeof QUEUE_STATUS_FILTERS)[number];

/**
 * The outcomes that settle an item: what the AI recommends (pgEnum
 * recommendation), what a QA second review decides, what the citizen is told.
 */
export const FINAL_OUTCOMES = ['approve', 'reject', 'request_info'] as const;
export type FinalOutcome = (typeof FINAL_OUTCOMES)[number];

/** Who settled an item, as the citizen and the channel systems are told (status page, REST status). */
export const DECIDED_BY = ['officer', 'automatic'] as const;
export type DecidedBy = (typeof DECIDED_BY)[number];

/** What an officer may decide (pgEnum decision_outcome): a final outcome, or an escalation that passes the item on. */
export const DECISION_OUTCOMES = [...FINAL_OUTCOMES, 'escalate'] as const;
export type Outcome = (typeof DECISION_OUTCOMES)[number];

/** Who or what made a decision row (pgEnum decision_kind). */
export const DECISION_KINDS = ['human', 'auto', 'qa_second', 'reopen'] as const;
/** @public every list names its type, used or not yet */
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** The kinds of document a submission carries (pgEnum doc_type) and a service may require. */
export const DOC_TYPES = ['ktp', 'kk', 'akta', 'surat_pengantar', 'foto', 'other'] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** A verdict on one document, by the AI's checks or by the officer (stored in jsonb, no pgEnum). */
export const VERDICTS = ['valid', 'invalid', 'unreadable', 'missing'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** An auto-approve policy version's state (pgEnum policy_status). */
export const POLICY_STATUSES = ['pending_approval', 'active', 'superseded', 'rejected'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
