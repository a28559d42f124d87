/**
 * The integrity side of the audit explorer: per stream, the last
 * verification and the last signed checkpoint; "verify now" and "sign now".
 * Supervisors work on their unit's stream, admins on every stream.
 */
import type { Db } from '@/db/client';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM, unitStream } from './audit';
import { createCheckpoint, listCheckpoints, loadSigningKey, publicKeysFor, rawSql, toCheckpointLine, unitOfStream } from './checkpoints';
import { auditScope } from './explorer';
import { guardStatus, verifyStream, type FirstBroken, type VerifyResult } from './verify';
import { DomainError } from '../core/errors';

export type StreamStatus = {
  stream: string;
  kind: 'unit' | 'security' | 'other';
  unitId: string | null;
  unitName: string | null;
  headSeq: number;
  lastVerification: { at: string; ok: boolean; checked: number; lastSeq: number; firstBroken: FirstBroken | null; byName: string | null } | null;
  lastCheckpoint: { seq: number; signedAt: string; keyId: string; headHash: string } | null;
};

/** Streams the actor may verify: a supervisor their unit's, an admin all of them. */
async function streamsInScope(db: Db, actor: Actor): Promise<string[]> {
  const scope = auditScope(actor);
  if (scope.unitId) return [unitStream(scope.unitId)];
  const rows = await rawSql(db)<{ stream: string }[]>`select stream from audit_heads order by stream`;
  return rows.map((r) => r.stream);
}

async function assertStreamInScope(db: Db, actor: Actor, stream: string) {
  const streams = await streamsInScope(db, actor);
  if (!streams.includes(stream)) throw new DomainError('NOT_FOUND', 'Audit stream not found');
}

export async function integrityOverview(
  db: Db,
  actor: Actor,
): Promise<{ streams: StreamStatus[]; keyId: string; guards: { ok: boolean; problems: string[] } }> {
  const sql = rawSql(db);
  const streams = await streamsInScope(db, actor);
  const rows = await sql<
    {
      stream: string;
      head_seq: string | null;
      unit_name: string | null;
      v_at: string | null;
      v_payload: { ok: boolean; checked: number; lastSeq: number; firstBroken: FirstBroken | null } | null;
      v_by: string | null;
      c_seq: string | null;
      c_at: string | null;
      c_key: string | null;
      c_hash: string | null;
    }[]
  >`
    select x.stream, h.seq::text as head_seq, un.name as unit_name,
           to_char(v.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as v_at, v.payload as v_payload, vu.name as v_by,
           c.seq::text as c_seq, to_char(c.signed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as c_at,
           c.key_id as c_key, c.head_hash as c_hash
    from unnest(${streams}::text[]) as x(stream)
    left join audit_heads h on h.stream = x.stream
    left join units un on un.id = (case when x.stream ~ '^unit:[0-9a-f-]{36}$' then substr(x.stream, 6)::uuid end)
    left join lateral (
      select occurred_at, payload, actor_id from audit_events
      where entity_type = 'audit_stream' and entity_id = x.stream and action = 'audit.verify'
      order by occurred_at desc limit 1) v on true
    left join users vu on vu.id = v.actor_id
    left join lateral (
      select seq, signed_at, key_id, head_hash from audit_checkpoints where stream = x.stream order by seq desc limit 1) c on true
    order by (x.stream = ${SECURITY_STREAM}) desc, un.name nulls last, x.stream`;
  return {
    keyId: loadSigningKey().keyId,
    guards: await guardStatus(sql),
    streams: rows.map((r) => ({
      stream: r.stream,
      kind: r.stream === SECURITY_STREAM ? 'security' : unitOfStream(r.stream) ? 'unit' : 'other',
      unitId: unitOfStream(r.stream),
      unitName: r.unit_name,
      headSeq: Number(r.head_seq ?? 0),
      lastVerification:
        r.v_at && r.v_payload
          ? {
              at: r.v_at,
              ok: r.v_payload.ok,
              checked: r.v_payload.checked,
              lastSeq: r.v_payload.lastSeq,
              firstBroken: r.v_payload.firstBroken ?? null,
              byName: r.v_by,
            }
          : null,
      lastCheckpoint: r.c_seq && r.c_at && r.c_key && r.c_hash ? { seq: Number(r.c_seq), signedAt: r.c_at, keyId: r.c_key, headHash: r.c_hash } : null,
    })),
  };
}

/**
 * Verifies the given stream (or every stream in scope) now and records each
 * result in the security stream, where the explorer reads "last verified".
 */
export async function verifyNow(db: Db, actor: Actor, stream?: string): Promise<VerifyResult[]> {
  if (stream) await assertStreamInScope(db, actor, stream);
  const streams = stream ? [stream] : await streamsInScope(db, actor);
  const results: VerifyResult[] = [];
  for (const s of streams) {
    const r = await verifyStream(rawSql(db), s);
    results.push(r);
    await appendAudit(db, {
      stream: SECURITY_STREAM,
      actor,
      unitId: unitOfStream(s),
      action: 'audit.verify',
      entityType: 'audit_stream',
      entityId: s,
      payload: { ok: r.ok, checked: r.checked, fromSeq: r.fromSeq, lastSeq: r.lastSeq, firstBroken: r.firstBroken ?? null, ms: r.ms },
    });
  }
  return results;
}

/** Signs a checkpoint of one stream now (the periodic job does the same for moved streams). */
export async function checkpointNow(db: Db, actor: Actor, stream: string) {
  await assertStreamInScope(db, actor, stream);
  const result = await verifyStream(rawSql(db), stream);
  if (!result.ok) throw new DomainError('INVALID_INPUT', 'The chain is broken; it cannot be signed', { firstBroken: result.firstBroken });
  return createCheckpoint(db, stream, { actor });
}

/** The checkpoints in scope as JSON Lines, each with the public key that signs it. Audited. */
export async function exportCheckpoints(db: Db, actor: Actor): Promise<{ body: string; count: number }> {
  const scope = auditScope(actor);
  const streams = scope.unitId ? [unitStream(scope.unitId)] : null;
  const checkpoints = await listCheckpoints(db, streams);
  const keys = await publicKeysFor(
    db,
    checkpoints.map((c) => c.keyId),
  );
  const body = checkpoints
    .filter((c) => keys.has(c.keyId))
    .map((c) => JSON.stringify(toCheckpointLine(c, keys.get(c.keyId)!)))
    .join('\n');
  await appendAudit(db, {
    stream: SECURITY_STREAM,
    actor,
    unitId: scope.unitId,
    action: 'audit.checkpoints_export',
    entityType: 'audit_export',
    entityId: 'checkpoints',
    payload: { streams: streams ?? 'all', count: checkpoints.length },
  });
  return { body: body ? `${body}\n` : '', count: checkpoints.length };
}
