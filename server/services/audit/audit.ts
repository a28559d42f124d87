/**
 * Appending to the hash-chained audit trail. The chain itself is computed in
 * the database (audit_append, migration 0001) so the bytes hashed are exactly
 * the bytes stored. Call appendAudit as the LAST statement of a transaction:
 * it locks the stream's head row until commit.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { Actor } from '../core/actor';

export const SECURITY_STREAM = 'security';
export const unitStream = (unitId: string) => `unit:${unitId}`;

export type AuditEventInput = {
  stream: string;
  actor: Pick<Actor, 'id' | 'role'> | null;
  unitId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** Ids and changed fields only: never a raw NIK, KK number or document content. */
  payload: Record<string, unknown>;
};

export async function appendAudit(db: DbOrTx, e: AuditEventInput): Promise<number> {
  const rows = await db.execute<{ seq: string }>(sql`
    select audit_append(${e.stream}, ${e.actor?.id ?? null}::uuid, ${e.actor?.role ?? null}, ${e.unitId}::uuid,
                        ${e.action}, ${e.entityType}, ${e.entityId}, ${JSON.stringify(e.payload)}::jsonb) as seq`);
  return Number(rows[0]?.seq);
}

/**
 * A refused action is recorded in its own transaction, so rolling back the
 * refused work cannot erase the record of the attempt.
 */
export async function recordRefusal(db: DbOrTx, e: AuditEventInput): Promise<void> {
  try {
    await appendAudit(db, e);
  } catch (err) {
    console.error('audit: could not record refusal', err);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A procedure refused with a domain FORBIDDEN, or a NOT_FOUND that hid
 * another unit's submission, is recorded in its own transaction (the
 * procedure's work has already rolled back). A NOT_FOUND for something that
 * does not exist at all is an ordinary miss and is not recorded. The event
 * goes to the unit that owns the data, so its supervisor sees the attempt.
 */
export async function recordDomainRefusal(
  db: DbOrTx,
  actor: Pick<Actor, 'id' | 'role' | 'unitId'>,
  procedure: string,
  code: 'FORBIDDEN' | 'NOT_FOUND',
  rawInput: unknown,
): Promise<void> {
  const input = typeof rawInput === 'object' && rawInput !== null ? (rawInput as Record<string, unknown>) : {};
  const submissionId = typeof input.submissionId === 'string' && UUID.test(input.submissionId) ? input.submissionId : null;
  const attachmentId = typeof input.attachmentId === 'string' && UUID.test(input.attachmentId) ? input.attachmentId : null;
  let ownerUnit: string | null = null;
  let subjectId = submissionId;
  try {
    if (submissionId || attachmentId) {
      const rows = await db.execute<{ unit_id: string; id: string }>(
        submissionId
          ? sql`select unit_id, id from submissions where id = ${submissionId}`
          : sql`select s.unit_id, s.id from attachments a join submissions s on s.id = a.submission_id where a.id = ${attachmentId}`,
      );
      ownerUnit = rows[0]?.unit_id ?? null;
      subjectId = rows[0]?.id ?? submissionId;
    }
  } catch {
    ownerUnit = null;
  }
  const otherUnit = ownerUnit !== null && actor.role !== 'admin' && ownerUnit !== actor.unitId;
  if (code === 'NOT_FOUND' && !otherUnit) return;
  await recordRefusal(db, {
    stream: SECURITY_STREAM,
    actor,
    unitId: otherUnit ? ownerUnit : actor.unitId,
    action: code === 'FORBIDDEN' ? 'access.forbidden' : 'access.not_found',
    entityType: subjectId ? 'submission' : 'procedure',
    entityId: subjectId ?? procedure,
    payload: { procedure, code, otherUnit, actorUnitId: actor.unitId, ...(attachmentId ? { attachmentId } : {}) },
  });
}

export type AuditEventRow = {
  stream: string;
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  payload: Record<string, unknown>;
  hash: string;
};

/** Events about one entity, oldest first, with the actor's name. */
export async function listEntityEvents(db: DbOrTx, entityType: string, entityId: string): Promise<AuditEventRow[]> {
  const rows = await db.execute<{
    stream: string;
    seq: string;
    occurred_at: Date;
    actor_id: string | null;
    actor_name: string | null;
    actor_role: string | null;
    action: string;
    entity_type: string;
    entity_id: string;
    payload: Record<string, unknown>;
    hash: string;
  }>(sql`
    select e.stream, e.seq, e.occurred_at, e.actor_id, u.name as actor_name, e.actor_role, e.action,
           e.entity_type, e.entity_id, e.payload, encode(e.hash, 'hex') as hash
    from audit_events e left join users u on u.id = e.actor_id
    where e.entity_type = ${entityType} and e.entity_id = ${entityId}
    order by e.occurred_at, e.seq`);
  return rows.map((r) => ({
    stream: r.stream,
    seq: Number(r.seq),
    occurredAt: new Date(r.occurred_at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    payload: r.payload,
    hash: r.hash,
  }));
}
