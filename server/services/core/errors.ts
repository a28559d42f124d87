/**
 * Typed domain errors. Services throw these and never know the transport:
 * this table gives each code its class (a tRPC code name), server/trpc.ts maps
 * them for tRPC, server/intake-http.ts (restError) turns the same class into
 * the REST API's HTTP status, and server/action-errors.ts lets a server action
 * catch the codes it expects. The UI translates `code` for the officer.
 */
export const DOMAIN_ERROR_CODES = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  ILLEGAL_TRANSITION: 'CONFLICT',
  STALE_VERSION: 'CONFLICT',
  STALE_SUGGESTION: 'CONFLICT',
  HELD_BY_OTHER: 'CONFLICT',
  NOT_CLAIMED: 'CONFLICT',
  QUEUE_EMPTY: 'NOT_FOUND',
  TOO_MANY_HELD: 'CONFLICT',
  EVIDENCE_FIRST: 'PRECONDITION_FAILED',
  REASON_REQUIRED: 'BAD_REQUEST',
  UNKNOWN_REASON: 'BAD_REQUEST',
  NOTE_REQUIRED: 'BAD_REQUEST',
  INVALID_INPUT: 'BAD_REQUEST',
  /** Postgres is not reachable right now (db/errors.ts): nothing was saved by this request; try again. */
  DATABASE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** A document verdict for a type the AI did not judge (nothing to compare it with). */
  UNJUDGED_DOCUMENT: 'BAD_REQUEST',
  /** A webhook URL that names or resolves to a loopback, private, link-local or otherwise non-public address. */
  PRIVATE_ADDRESS: 'BAD_REQUEST',
  /** A request body that is not valid UTF-8 (refused rather than decoded with U+FFFD). */
  INVALID_ENCODING: 'BAD_REQUEST',
  /** An idempotency key sent again with a different request than the one it first decided (REST answers 422, its contract since v1). */
  IDEMPOTENCY_KEY_REUSED: 'CONFLICT',
  /** An Idempotency-Key header that is not 1–200 visible ASCII characters. */
  IDEMPOTENCY_KEY_INVALID: 'BAD_REQUEST',
  /** A request that fails its schema or a rule on its content; details.fields: field path (e.g. 'form.tanggal_lahir') → what is wrong. */
  VALIDATION_FAILED: 'BAD_REQUEST',
  /** An attachment larger than its limit once decoded; details.fields names each one. */
  ATTACHMENT_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A citizen's reply to a submission that is not waiting for one (its status is not awaiting_citizen); details.status. */
  NOT_AWAITING_CITIZEN: 'CONFLICT',
  /** An officer asked to reveal personal data of an item they neither hold, nor decided, nor review for QA. */
  REVEAL_NOT_RELATED: 'FORBIDDEN',
  /** More personal-data reveals in the window than REVEAL_LIMIT allows (details.retryAfterMinutes). */
  REVEAL_RATE_LIMITED: 'TOO_MANY_REQUESTS',
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_CODES;

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** The one error every transport answers with while the database is away (503, retryable). */
export const databaseUnavailable = (cause: unknown) =>
  Object.assign(new DomainError('DATABASE_UNAVAILABLE', 'The database is not reachable right now; try again in a moment'), { cause });
