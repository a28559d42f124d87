/**
 * Signed checkpoints of the audit streams. A checkpoint is an Ed25519
 * signature over {stream, seq, headHash, signedAt}; exported (JSON Lines,
 * with the public key) and kept outside the database, it catches even a
 * database superuser who rewrites a whole chain consistently: the rewritten
 * chain no longer has the signed hash at that sequence number.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Db, DbOrTx } from '@/db/client';
import { env } from '@/lib/env';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM } from './audit';
import { verifyStream } from './verify';
import { runExclusive } from '../core/job-runs';

export const CHECKPOINT_ACTION = 'audit.checkpoint';

export type SigningKey = { privateKey: KeyObject; publicKey: KeyObject; publicKeyPem: string; keyId: string };

/** First 16 hex digits of sha256 over the public key (DER, SubjectPublicKeyInfo). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem.replace(/\\n/g, '\n'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_SIGNING_KEY must be an Ed25519 private key (PEM, PKCS#8)');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey) };
}

/**
 * A fresh Ed25519 key (the product's own key is generated once into the data folder by loadSigningKey).
 * @internal exported for the tests (knip: not an export of the product)
 */
export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

/** Where the demo keeps its generated key; npm start passes it to the server as AUDIT_KEY_FILE. */
export function defaultKeyFile(): string {
  return env.AUDIT_KEY_FILE ?? path.resolve(env.DATA_DIR, 'audit-signing-key.pem');
}

const globalForKey = globalThis as unknown as { __layananAuditKey?: SigningKey };

/**
 * AUDIT_SIGNING_KEY (PEM, PKCS#8) when set; otherwise a key generated once
 * into the data folder (AUDIT_KEY_FILE), readable only by its owner.
 */
export function loadSigningKey(): SigningKey {
  if (globalForKey.__layananAuditKey) return globalForKey.__layananAuditKey;
  let key: SigningKey;
  const configured = env.AUDIT_SIGNING_KEY;
  if (configured) {
    key = signingKeyFromPem(configured);
  } else {
    const file = defaultKeyFile();
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      try {
        writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600, flag: 'wx' });
      } catch (e) {
        // Another process generated it a moment ago: use theirs.
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    key = signingKeyFromPem(readFileSync(file, 'utf8'));
  }
  globalForKey.__layananAuditKey = key;
  return key;
}

export type CheckpointBody = { stream: string; seq: number; headHash: string; signedAt: string };
export type Checkpoint = CheckpointBody & { keyId: string; signature: string };
/** One line of an exported checkpoint file. */
export type CheckpointLine = Checkpoint & { type: 'audit_checkpoint'; v: 1; publicKey: string };

/** The signed bytes: JSON with exactly these keys in this order, UTF-8. */
export function checkpointMessage(c: CheckpointBody): string {
  return JSON.stringify({ v: 1, stream: c.stream, seq: c.seq, headHash: c.headHash, signedAt: c.signedAt });
}

/** Microsecond ISO form, as Postgres prints timestamptz(6): 2026-05-01T02:03:04.567000Z. */
export function microIso(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function signCheckpoint(key: SigningKey, body: CheckpointBody): Checkpoint {
  const signature = sign(null, Buffer.from(checkpointMessage(body), 'utf8'), key.privateKey).toString('base64');
  return { ...body, keyId: key.keyId, signature };
}

/** Checks the signature and that keyId names the key; does not look at the database. */
export function checkpointSignatureValid(c: Checkpoint, publicKeyPem: string): boolean {
  try {
    const publicKey = createPublicKey(publicKeyPem);
    if (publicKey.asymmetricKeyType !== 'ed25519' || keyIdOf(publicKey) !== c.keyId) return false;
    return verify(null, Buffer.from(checkpointMessage(c), 'utf8'), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

export const unitOfStream = (stream: string): string | null => {
  const m = /^unit:([0-9a-f-]{36})$/i.exec(stream);
  return m ? m[1] : null;
};

/**
 * Signs the stream's current head and stores it (audit_checkpoint_add checks
 * the hash against the chain). The checkpoint's own audit event follows in
 * the same stream. Null when the stream is empty or this head is already signed.
 */
export async function createCheckpoint(db: DbOrTx, stream: string, opts: { key?: SigningKey; actor?: Actor | null } = {}): Promise<Checkpoint | null> {
  const key = opts.key ?? loadSigningKey();
  return db.transaction(async (tx) => {
    const [head] = await tx.execute<{ seq: string; hash: string }>(sql`
      select seq::text as seq, encode(hash, 'hex') as hash from audit_heads where stream = ${stream}`);
    if (!head) return null;
    const checkpoint = signCheckpoint(key, { stream, seq: Number(head.seq), headHash: head.hash, signedAt: microIso(new Date()) });
    const [added] = await tx.execute<{ id: string | null }>(sql`
      select audit_checkpoint_add(${stream}, ${checkpoint.seq}::bigint, ${checkpoint.headHash}, ${checkpoint.signedAt}::timestamptz,
                                  ${checkpoint.keyId}, ${checkpoint.signature}) as id`);
    if (!added?.id) return null; // another instance signed this head a moment ago
    await appendAudit(tx, {
      stream,
      actor: opts.actor ?? null,
      unitId: unitOfStream(stream),
      action: CHECKPOINT_ACTION,
      entityType: 'audit_stream',
      entityId: stream,
      // The public key travels in the chain, so old checkpoints stay checkable after a key change.
      payload: { seq: checkpoint.seq, headHash: checkpoint.headHash, keyId: key.keyId, publicKey: key.publicKeyPem },
    });
    return checkpoint;
  });
}

type RawDb = Db & { $client: postgres.Sql };
export const rawSql = (db: Db): postgres.Sql => (db as RawDb).$client;

/**
 * The periodic job: every stream whose head moved since its last checkpoint
 * (other than by the checkpoint's own event) is verified from that
 * checkpoint on and, when intact, signed again. A broken stream is not
 * signed; the failure is recorded in the security stream instead.
 */
export async function checkpointMovedStreams(
  db: Db,
  opts: { key?: SigningKey; streams?: string[]; afterEach?: () => Promise<void> } = {},
): Promise<{ signed: string[]; broken: string[] }> {
  const key = opts.key;
  const moved = await db.execute<{ stream: string; last_seq: string | null; last_hash: string | null }>(sql`
    select h.stream, c.seq::text as last_seq, c.head_hash as last_hash
    from audit_heads h
    left join lateral (
      select seq, head_hash from audit_checkpoints c where c.stream = h.stream order by seq desc limit 1
    ) c on true
    where (c.seq is null
       or exists (select 1 from audit_events e
                  where e.stream = h.stream and e.seq > c.seq and e.action <> ${CHECKPOINT_ACTION}))
      ${opts.streams ? sql`and h.stream in ${opts.streams.length ? opts.streams : ['']}` : sql``}
    order by h.stream`);
  const signed: string[] = [];
  const broken: string[] = [];
  for (const m of moved) {
    const fromSeq = m.last_seq ? Number(m.last_seq) + 1 : 1;
    const result = await verifyStream(rawSql(db), m.stream, { fromSeq, anchorHash: m.last_hash ?? undefined });
    if (!result.ok) {
      broken.push(m.stream);
      await appendAudit(db, {
        stream: SECURITY_STREAM,
        actor: null,
        unitId: unitOfStream(m.stream),
        action: 'audit.verify',
        entityType: 'audit_stream',
        entityId: m.stream,
        payload: { ok: false, checked: result.checked, fromSeq, lastSeq: result.lastSeq, firstBroken: result.firstBroken ?? null, by: 'checkpoint-job' },
      });
      await opts.afterEach?.();
      continue;
    }
    if (await createCheckpoint(db, m.stream, { key })) signed.push(m.stream);
    await opts.afterEach?.();
  }
  return { signed, broken };
}

export const CHECKPOINT_JOB = 'audit-checkpoints';

/**
 * The background job (every AUDIT_CHECKPOINT_MINUTES on every instance): it
 * signs on one instance at a time and once per interval across all of them
 * (server/services/core/job-runs.ts). Without that, two instances both found a
 * stream moved, and the second signed again the head the first had just
 * moved with its own checkpoint event. Null when another instance has the slot.
 */
export async function runCheckpointJob(
  db: Db,
  everyMs: number,
  opts: { key?: SigningKey; streams?: string[]; jobName?: string } = {},
): Promise<{ signed: string[]; broken: string[] } | null> {
  const run = await runExclusive(db, opts.jobName ?? CHECKPOINT_JOB, { everyMs }, (renew) =>
    checkpointMovedStreams(db, { key: opts.key, streams: opts.streams, afterEach: renew }),
  );
  return run.ran ? run.result : null;
}

export type StoredCheckpoint = Checkpoint & { id: string };

/** Checkpoints of the given streams (all when null), oldest first. */
export async function listCheckpoints(db: DbOrTx, streams: string[] | null, limit = 10_000): Promise<StoredCheckpoint[]> {
  const rows = await db.execute<{
    id: string;
    stream: string;
    seq: string;
    head_hash: string;
    signed_at: string;
    key_id: string;
    signature: string;
  }>(sql`
    select id, stream, seq::text as seq, head_hash,
           to_char(signed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as signed_at, key_id, signature
    from audit_checkpoints
    where ${streams === null ? sql`true` : sql`stream in ${streams.length ? streams : ['']}`}
    order by signed_at, stream, seq
    limit ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    stream: r.stream,
    seq: Number(r.seq),
    headHash: r.head_hash,
    signedAt: r.signed_at,
    keyId: r.key_id,
    signature: r.signature,
  }));
}

/** Public keys (PEM) by key id: the current key, and earlier ones from the chain's checkpoint events. */
export async function publicKeysFor(db: DbOrTx, keyIds: string[], current?: SigningKey): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  const key = current ?? loadSigningKey();
  keys.set(key.keyId, key.publicKeyPem);
  const missing = [...new Set(keyIds)].filter((k) => !keys.has(k));
  if (missing.length) {
    const rows = await db.execute<{ key_id: string; public_key: string }>(sql`
      select distinct on (payload->>'keyId') payload->>'keyId' as key_id, payload->>'publicKey' as public_key
      from audit_events
      where entity_type = 'audit_stream' and action = ${CHECKPOINT_ACTION} and payload->>'keyId' in ${missing}`);
    for (const r of rows) if (r.public_key) keys.set(r.key_id, r.public_key);
  }
  return keys;
}

export function toCheckpointLine(c: Checkpoint, publicKey: string): CheckpointLine {
  return {
    type: 'audit_checkpoint',
    v: 1,
    stream: c.stream,
    seq: c.seq,
    headHash: c.headHash,
    signedAt: c.signedAt,
    keyId: c.keyId,
    signature: c.signature,
    publicKey,
  };
}

export function parseCheckpointLines(text: string): CheckpointLine[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      const c = JSON.parse(l) as Partial<CheckpointLine>;
      if (c.type !== 'audit_checkpoint' || typeof c.stream !== 'string' || typeof c.seq !== 'number' || typeof c.headHash !== 'string') {
        throw new Error(`line ${i + 1} is not an audit checkpoint`);
      }
      return c as CheckpointLine;
    });
}

export type CheckpointCheck = {
  stream: string;
  seq: number;
  signedAt: string;
  ok: boolean;
  problem?: 'bad_signature' | 'untrusted_key' | 'missing_event' | 'hash_mismatch';
  detail?: string;
};

/**
 * Checks exported checkpoints against the database: the signature (with the
 * line's public key, or only `trustedKeys` when given) and that the stored
 * chain still has the signed hash at that sequence number.
 */
export async function checkCheckpoints(
  sqlc: postgres.Sql | postgres.TransactionSql,
  lines: CheckpointLine[],
  trustedKeys?: string[],
): Promise<CheckpointCheck[]> {
  const trusted = trustedKeys?.map((pem) => keyIdOf(createPublicKey(pem)));
  const out: CheckpointCheck[] = [];
  for (const c of lines) {
    const base = { stream: c.stream, seq: c.seq, signedAt: c.signedAt };
    if (trusted && !trusted.includes(c.keyId)) {
      out.push({ ...base, ok: false, problem: 'untrusted_key', detail: `key ${c.keyId} is not among the trusted keys` });
      continue;
    }
    if (!checkpointSignatureValid(c, c.publicKey)) {
      out.push({ ...base, ok: false, problem: 'bad_signature', detail: 'the signature does not match the checkpoint' });
      continue;
    }
    const [row] = await sqlc<{ hash: string }[]>`
      select encode(hash, 'hex') as hash from audit_events where stream = ${c.stream} and seq = ${c.seq}`;
    if (!row) out.push({ ...base, ok: false, problem: 'missing_event', detail: `event ${c.seq} is no longer in the chain` });
    else if (row.hash !== c.headHash) {
      out.push({
        ...base,
        ok: false,
        problem: 'hash_mismatch',
        detail: `event ${c.seq} has hash ${row.hash.slice(0, 16)}…, the checkpoint signed ${c.headHash.slice(0, 16)}…`,
      });
    } else out.push({ ...base, ok: true });
  }
  return out;
}
