/**
 * The reader could not produce a reading at all (engine missing, timed out,
 * file not decodable). Distinct from "read, but unreadable": that is a
 * reading with quality problems. A DocumentReadError fails the drafting job,
 * so retries and the dead-letter list treat it like any other job failure.
 */
export type DocumentReadErrorCode = 'ENGINE_MISSING' | 'ENGINE_FAILED' | 'TIMEOUT' | 'UNSUPPORTED_FORMAT' | 'UNDECODABLE';

export class DocumentReadError extends Error {
  constructor(
    readonly code: DocumentReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentReadError';
  }
}
