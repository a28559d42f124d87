/**
 * Idempotency keys. For the intake API (Idempotency-Key header) the key row is inserted in the
 * same transaction as the submission: a concurrent retry with the same key
 * waits on the unique index until the first commits, then reads its answer.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { decisionRequests, idempotencyKeys } from '@/db/schema';
import { DomainError } from '../core/errors';

export const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{1,200}$/;

/** Object keys sorted at every level, so the same JSON in another key order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const requestHash = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');

/**
 * The key row's response_status column predates the services' error
 * convention: it keeps what the first request was answered with, and only an
 * accepted submission is ever stored (a refusal rolls back with its
 * transaction), so it is always 201 Created. The REST adapter answers a replay
 * with that status again; nothing here decides HTTP.
 */
const STORED_AS_CREATED = 201;

/**
 * Claims `key` for this request. Returns null when the key is new (the caller
 * goes on and later calls `storeReceipt`), or the earlier request's receipt.
 */
export async function claimIdempotencyKey(
  tx: Tx,
  apiClientId: string,
  key: string,
  hash: string,
): Promise<null | { sameRequest: true; receipt: Record<string, unknown> } | { sameRequest: false }> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ apiClientId, key, requestHash: hash, responseStatus: 0, responseBody: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length) return null;
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.apiClientId, apiClientId), eq(idempotencyKeys.key, key)));
  if (row.requestHash !== hash) return { sameRequest: false };
  return { sameRequest: true, receipt: row.responseBody };
}

export async function storeReceipt(tx: Tx, apiClientId: string, key: string, submissionId: string, receipt: object) {
  await tx
    .update(idempotencyKeys)
    .set({ submissionId, responseStatus: STORED_AS_CREATED, responseBody: receipt as Record<string, unknown> })
    .where(and(eq(idempotencyKeys.apiClientId, apiClientId), eq(idempotencyKeys.key, key)));
}

/*
 * Officers' decisions (review.decide) use the same idea with a client-made
 * UUID per decision attempt, scoped to the officer: the key row is written in
 * the decision's own transaction (decisions.ts), so it exists exactly when the
 * decision does. A retry is looked up only when it cannot proceed: after a
 * commit the submission's version has moved and the claim is gone, so every
 * replay fails a check (STALE_VERSION, NOT_CLAIMED…) or, racing the first
 * attempt on another item, the key's primary key; then the stored result is
 * the answer.
 */

/** The stored result of an earlier decision with this key, null when the key is unused; throws when the key decided something else. */
export async function replayDecision<T>(db: DbOrTx, actorId: string, key: string, hash: string): Promise<T | null> {
  const [row] = await db
    .select({ requestHash: decisionRequests.requestHash, result: decisionRequests.result })
    .from(decisionRequests)
    .where(and(eq(decisionRequests.actorId, actorId), eq(decisionRequests.key, key)));
  if (!row) return null;
  if (row.requestHash !== hash) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different decision');
  }
  return row.result as T;
}

/** A unique violation of decision_requests' key: a concurrent attempt with the same key committed first. */
export const isDecisionKeyConflict = (e: unknown): boolean => {
  const pg = (e as { cause?: unknown })?.cause ?? e;
  const { code, constraint_name: constraint } = (pg ?? {}) as { code?: string; constraint_name?: string };
  return code === '23505' && constraint === 'decision_requests_actor_id_key_pk';
};
