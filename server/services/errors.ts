/**
 * Typed domain errors. Services throw these; server/trpc.ts maps them to
 * TRPCError codes in one place, and the UI translates `code` for the officer.
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
