/**
 * API keys of channel systems. A key is `lrv1_<prefix>_<secret>`: 72 random
 * bits of prefix to find the row, 256 random bits of secret. Only the sha256
 * of the whole key is stored, so a database leak does not leak keys; the key
 * is shown once, when an admin creates it. Revocation is immediate.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { apiClients, units, users } from '@/db/schema';
import type { Channel } from '@/lib/vocabulary';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM } from '../audit/audit';
import { DomainError } from '../core/errors';

export type ApiClient = {
  id: string;
  unitId: string;
  channel: Channel;
  name: string;
  keyPrefix: string;
  rateLimitPerMinute: number;
};

const KEY_RE = /^lrv1_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): { key: string; prefix: string } {
  // base32-ish lowercase prefix: readable in a list, safe in a URL or a log line.
  const prefix = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { key: `lrv1_${prefix}_${secret}`, prefix };
}

export type CreateApiClientInput = { unitId: string; channel: Channel; name: string; rateLimitPerMinute: number };

/** Creates a client and returns its key: the only time the key is ever visible. */
export async function createApiClient(db: DbOrTx, actor: Actor | null, input: CreateApiClientInput): Promise<{ client: ApiClient; key: string }> {
  if (actor && actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins manage API clients');
  return db.transaction(async (tx) => {
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, input.unitId));
    if (!unit) throw new DomainError('NOT_FOUND', 'Unit not found');
    const { key, prefix } = generateApiKey();
    const [row] = await tx
      .insert(apiClients)
      .values({
        unitId: input.unitId,
        channel: input.channel,
        name: input.name.trim(),
        keyPrefix: prefix,
        keyHash: hashApiKey(key),
        rateLimitPerMinute: input.rateLimitPerMinute,
        createdBy: actor?.id ?? null,
      })
      .returning();
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: input.unitId,
      action: 'api_client.create',
      entityType: 'api_client',
      entityId: row.id,
      payload: { name: row.name, channel: row.channel, keyPrefix: prefix, rateLimitPerMinute: row.rateLimitPerMinute },
    });
    return { client: toClient(row), key };
  });
}

export async function revokeApiClient(db: DbOrTx, actor: Actor, id: string): Promise<void> {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins manage API clients');
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiClients)
      .set({ revokedAt: sql`now()`, revokedBy: actor.id })
      .where(and(eq(apiClients.id, id), isNull(apiClients.revokedAt)))
      .returning({ id: apiClients.id, unitId: apiClients.unitId, keyPrefix: apiClients.keyPrefix });
    if (!row) throw new DomainError('NOT_FOUND', 'Active API client not found');
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: row.unitId,
      action: 'api_client.revoke',
      entityType: 'api_client',
      entityId: row.id,
      payload: { keyPrefix: row.keyPrefix },
    });
  });
}

export async function listApiClients(db: DbOrTx) {
  return db
    .select({
      id: apiClients.id,
      unitId: apiClients.unitId,
      unitName: units.name,
      channel: apiClients.channel,
      name: apiClients.name,
      keyPrefix: apiClients.keyPrefix,
      rateLimitPerMinute: apiClients.rateLimitPerMinute,
      createdAt: apiClients.createdAt,
      createdByName: users.name,
      lastUsedAt: apiClients.lastUsedAt,
      revokedAt: apiClients.revokedAt,
    })
    .from(apiClients)
    .innerJoin(units, eq(units.id, apiClients.unitId))
    .leftJoin(users, eq(users.id, apiClients.createdBy))
    .orderBy(desc(apiClients.createdAt));
}

/**
 * The client behind a presented key, or null for a malformed, unknown or
 * revoked key (the caller answers 401 for all three alike).
 */
export async function authenticateApiKey(db: DbOrTx, presented: string | null | undefined): Promise<ApiClient | null> {
  const m = KEY_RE.exec(presented?.trim() ?? '');
  if (!m) return null;
  const [row] = await db.select().from(apiClients).where(eq(apiClients.keyPrefix, m[1])).limit(1);
  if (!row || row.revokedAt) return null;
  const a = Buffer.from(hashApiKey(presented!.trim()), 'hex');
  const b = Buffer.from(row.keyHash, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  // Coarse "last used", at most once a minute per key: not a write per request.
  await db
    .update(apiClients)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiClients.id, row.id), sql`(${apiClients.lastUsedAt} is null or ${apiClients.lastUsedAt} < now() - interval '1 minute')`));
  return toClient(row);
}

/** `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
export function keyFromHeaders(headers: Headers): string | null {
  const auth = headers.get('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return headers.get('x-api-key');
}

function toClient(row: typeof apiClients.$inferSelect): ApiClient {
  return {
    id: row.id,
    unitId: row.unitId,
    channel: row.channel,
    name: row.name,
    keyPrefix: row.keyPrefix,
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}
