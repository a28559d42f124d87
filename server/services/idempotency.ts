/**
 * Idempotency-Key handling for the intake API. The key row is inserted in the
 * same transaction as the submission: a concurrent retry with the same key
 * waits on the unique index until the first commits, then reads its answer.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';

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

export type StoredResponse = { status: number; body: Record<string, unknown> };

/**
 * Claims `key` for this request. Returns null when the key is new (the caller
 * goes on and later calls `storeResponse`), or the earlier request's outcome.
 */
export async function claimIdempotencyKey(
  tx: Tx,
  apiClientId: string,
  key: string,
  hash: string,
): Promise<null | { sameRequest: true; response: StoredResponse } | { sameRequest: false }> {
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
  return { sameRequest: true, response: { status: row.responseStatus, body: row.responseBody } };
}

export async function storeResponse(tx: Tx, apiClientId: string, key: string, submissionId: string, response: StoredResponse) {
  await tx
    .update(idempotencyKeys)
    .set({ submissionId, responseStatus: response.status, responseBody: response.body })
    .where(and(eq(idempotencyKeys.apiClientId, apiClientId), eq(idempotencyKeys.key, key)));
}
