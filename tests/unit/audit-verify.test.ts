import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkpointMessage, checkpointSignatureValid, generateSigningKey, keyIdOf, microIso, signCheckpoint } from '@/server/services/audit/checkpoints';
import { canonicalTail, ChainVerifier, CopyChainReader, eventHash, type ChainRow } from '@/server/services/audit/verify';

const STREAM = 'unit:5b0f0e4e-8a43-4c1b-9d8e-2f4f3c1a0b11';

/** A valid chain built the way docs/audit.md describes it. */
function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev: Buffer = Buffer.alloc(32);
  for (let seq = 1; seq <= n; seq++) {
    const tail = canonicalTail({
      occurredAt: `2026-03-01T01:02:${String(seq % 60).padStart(2, '0')}.123456Z`,
      actorId: null,
      actorRole: 'officer',
      unitId: null,
      action: 'decision.approve',
      entityType: 'submission',
      entityId: `s-${seq}`,
      payload: `{"n": ${seq}, "note": "é"}`,
    });
    const hash = eventHash(prev, STREAM, seq, tail);
    rows.push({ seq, prevHash: prev, hash, tail });
    prev = hash;
  }
  return rows;
}

function verify(rows: ChainRow[], head?: { seq: number; hash: Buffer } | null) {
  const v = new ChainVerifier(STREAM, rows[0]?.seq ?? 1);
  for (const r of rows) if (!v.push(r)) break;
  const last = rows.at(-1);
  return v.finish(head === undefined ? (last ? { seq: last.seq, hash: last.hash } : null) : head);
}

const renumber = (r: ChainRow, seq: number): ChainRow => ({ ...r, seq });

describe('the canonical serialisation', () => {
  it('hashes sha256(prev_hash || stream \\n seq \\n fields \\n payload) over UTF-8, NULL as empty', () => {
    const tail = canonicalTail({
      occurredAt: '2026-03-01T01:02:03.000001Z',
      actorId: 'a',
      actorRole: null,
      unitId: null,
      action: 'x.y',
      entityType: 'e',
      entityId: '1',
      payload: '{"a": "é"}',
    });
    expect(tail.toString('utf8')).toBe('2026-03-01T01:02:03.000001Z\na\n\n\nx.y\ne\n1\n{"a": "é"}');
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.alloc(32), Buffer.from(`s\n7\n${tail.toString('utf8')}`, 'utf8')]))
      .digest();
    expect(eventHash(Buffer.alloc(32), 's', 7, tail).equals(expected)).toBe(true);
  });
});

describe('ChainVerifier', () => {
  it('accepts an intact chain and its head', () => {
    expect(verify(chain(20))).toBeNull();
  });

  it('names a changed event', () => {
    const rows = chain(10);
    rows[4] = { ...rows[4], tail: Buffer.from(rows[4].tail.toString().replace('"n": 5', '"n": 6')) };
    expect(verify(rows)).toMatchObject({ seq: 5, kind: 'changed' });
  });

  it('names the predecessor when an event was rewritten with a fresh hash', () => {
    const rows = chain(10);
    const tail = Buffer.from(rows[4].tail.toString().replace('"n": 5', '"n": 6'));
    rows[4] = { ...rows[4], tail, hash: eventHash(rows[4].prevHash, STREAM, 5, tail) };
    expect(verify(rows)).toMatchObject({ seq: 5, kind: 'changed' });
  });

  it('names a deleted event, with or without renumbering', () => {
    const rows = chain(10);
    expect(verify([...rows.slice(0, 3), ...rows.slice(4)])).toMatchObject({ seq: 4, kind: 'missing' });
    const renumbered = [...rows.slice(0, 3), ...rows.slice(4).map((r) => renumber(r, r.seq - 1))];
    expect(verify(renumbered)).toMatchObject({ seq: 4, kind: 'missing' });
  });

  it('names an inserted event', () => {
    const rows = chain(10);
    const tail = Buffer.from('forged');
    const fakePrev = Buffer.alloc(32, 7);
    const forged: ChainRow = { seq: 4, prevHash: fakePrev, hash: eventHash(fakePrev, STREAM, 4, tail), tail };
    const tampered = [...rows.slice(0, 3), forged, ...rows.slice(3).map((r) => renumber(r, r.seq + 1))];
    expect(verify(tampered)).toMatchObject({ seq: 4, kind: 'inserted' });
  });

  it('names an insertion whose successor was renumbered and relinked to it', () => {
    const rows = chain(10);
    const tail = Buffer.from('forged');
    const forged: ChainRow = { seq: 4, prevHash: rows[2].hash, hash: eventHash(rows[2].hash, STREAM, 4, tail), tail };
    const relinked = { ...renumber(rows[3], 5), prevHash: forged.hash };
    const tampered = [...rows.slice(0, 3), forged, relinked, ...rows.slice(4).map((r) => renumber(r, r.seq + 1))];
    expect(verify(tampered)).toMatchObject({ seq: 4, kind: 'inserted', detail: expect.stringContaining('event inserted at seq 4') });
  });

  it('names events appended behind the head', () => {
    const rows = chain(6);
    expect(verify(rows, { seq: 5, hash: rows[4].hash })).toMatchObject({ seq: 6, kind: 'inserted' });
    expect(verify(rows.slice(0, 5), { seq: 6, hash: rows[5].hash })).toMatchObject({ seq: 6, kind: 'missing' });
    expect(verify(rows, { seq: 6, hash: Buffer.alloc(32, 1) })).toMatchObject({ seq: 6, kind: 'head_mismatch' });
  });

  it('names two swapped events', () => {
    const rows = chain(10);
    const swapped = [...rows.slice(0, 5), renumber(rows[6], 6), renumber(rows[5], 7), ...rows.slice(7)];
    expect(verify(swapped)).toMatchObject({ seq: 6, kind: 'reordered' });
  });

  it('verifies from a sequence number against an anchor hash', () => {
    const rows = chain(10);
    const v = new ChainVerifier(STREAM, 6, rows[4].hash);
    for (const r of rows.slice(5)) v.push(r);
    expect(v.finish({ seq: 10, hash: rows[9].hash })).toBeNull();
    expect(v.checked).toBe(5);
  });
});

/** Binary COPY bytes of rows, as Postgres sends them, to test the fast reader without a database. */
function copyBytes(rows: { seq: number; prev: Buffer; hash: Buffer; us: number; actor: Buffer | null; role: string; payload: string }[]): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  const field = (b: Buffer | null) => {
    const len = Buffer.alloc(4);
    len.writeInt32BE(b ? b.length : -1);
    parts.push(len);
    if (b) parts.push(b);
  };
  for (const r of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(11);
    parts.push(count);
    const seq = Buffer.alloc(8);
    seq.writeBigInt64BE(BigInt(r.seq));
    const ts = Buffer.alloc(8);
    ts.writeBigInt64BE(BigInt(r.us));
    field(seq);
    field(r.prev);
    field(r.hash);
    field(ts);
    field(r.actor);
    field(Buffer.from(r.role));
    field(null);
    field(Buffer.from('decision.approve'));
    field(Buffer.from('submission'));
    field(Buffer.from(`s-${r.seq}`));
    field(Buffer.concat([Buffer.from([1]), Buffer.from(r.payload, 'utf8')]));
  }
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1);
  parts.push(trailer);
  return Buffer.concat(parts);
}

describe('CopyChainReader', () => {
  it('rebuilds the canonical text from binary values (µs timestamps, uuids, NULLs) across any chunking', () => {
    const actor = Buffer.from('5b0f0e4e8a434c1b9d8e2f4f3c1a0b11', 'hex');
    // 2026-03-01T01:02:03.000042Z as microseconds since 2000-01-01.
    const us = (Date.UTC(2026, 2, 1, 1, 2, 3) - Date.UTC(2000, 0, 1)) * 1000 + 42;
    const rows: Parameters<typeof copyBytes>[0] = [];
    let prev: Buffer = Buffer.alloc(32);
    for (let seq = 1; seq <= 30; seq++) {
      const payload = `{"n": ${seq}, "kota": "Bandung—é"}`;
      const tail = Buffer.from(
        `2026-03-01T01:02:03.0000${42 + seq}Z\n5b0f0e4e-8a43-4c1b-9d8e-2f4f3c1a0b11\nofficer\n\ndecision.approve\nsubmission\ns-${seq}\n${payload}`,
      );
      const hash = eventHash(prev, STREAM, seq, tail);
      rows.push({ seq, prev, hash, us: us + seq, actor, role: 'officer', payload });
      prev = hash;
    }
    const bytes = copyBytes(rows);
    for (const size of [1, 7, 64, bytes.length]) {
      const v = new ChainVerifier(STREAM, 1);
      const reader = new CopyChainReader(v);
      for (let i = 0; i < bytes.length; i += size) if (!reader.write(bytes.subarray(i, i + size))) break;
      expect(v.finish({ seq: 30, hash: prev })).toBeNull();
      expect(v.checked).toBe(30);
    }
    // A changed payload byte is found at its event.
    const tampered = copyBytes(rows.map((r) => (r.seq === 17 ? { ...r, payload: r.payload.replace('Bandung', 'Bandunk') } : r)));
    const v = new ChainVerifier(STREAM, 1);
    new CopyChainReader(v).write(tampered);
    expect(v.finish({ seq: 30, hash: prev })).toMatchObject({ seq: 17, kind: 'changed' });
  });
});

describe('CopyChainReader text forms', () => {
  /** Postgres' text for µs since 2000-01-01, built from Date and BigInt: independent of the reader's arithmetic. */
  const pgText = (us: bigint) => {
    const sec = us >= 0n ? us / 1_000_000n : -((-us + 999_999n) / 1_000_000n);
    const frac = us - sec * 1_000_000n;
    return `${new Date(Date.UTC(2000, 0, 1) + Number(sec) * 1000).toISOString().slice(0, 19)}.${String(frac).padStart(6, '0')}Z`;
  };

  it('formats timestamps across days, before 2000 and past 2068, and seq numbers past 2^31', () => {
    const at = (iso: string, micro: number) => BigInt(Date.parse(iso) - Date.UTC(2000, 0, 1)) * 1000n + BigInt(micro);
    const times = [
      at('1999-12-31T23:59:59Z', 999_999),
      at('2000-01-01T00:00:00Z', 0),
      at('2026-03-01T09:05:07Z', 1),
      at('2026-03-01T23:59:59Z', 500_000),
      at('2026-03-02T00:00:00Z', 10),
      at('2026-03-02T10:20:30Z', 400_040),
      at('2070-06-01T23:59:59Z', 123_456),
      at('1970-01-01T00:00:00Z', 0),
    ];
    const first = 2 ** 31 - 3;
    let prev: Buffer = Buffer.alloc(32, 9);
    const anchor = prev;
    const rows: Parameters<typeof copyBytes>[0] = times.map((us, i) => {
      const seq = first + i;
      const payload = `{"i": ${seq}}`;
      const tail = Buffer.from(`${pgText(us)}\n\nofficer\n\ndecision.approve\nsubmission\ns-${seq}\n${payload}`);
      const hash = eventHash(prev, STREAM, seq, tail);
      const row = { seq, prev, hash, us: Number(us), actor: null, role: 'officer', payload };
      prev = hash;
      return row;
    });
    expect(pgText(times[0])).toBe('1999-12-31T23:59:59.999999Z');
    const v = new ChainVerifier(STREAM, first, anchor);
    new CopyChainReader(v).write(copyBytes(rows));
    expect(v.finish({ seq: first + times.length - 1, hash: prev })).toBeNull();
    expect(v.checked).toBe(times.length);
  });
});

describe('checkpoint signatures', () => {
  it('sign canonical JSON with Ed25519 and name the key by its fingerprint', () => {
    const key = generateSigningKey();
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(key.publicKey)).toBe(key.keyId);
    const body = { stream: STREAM, seq: 42, headHash: 'ab'.repeat(32), signedAt: microIso(new Date('2026-03-01T01:02:03.456Z')) };
    expect(body.signedAt).toBe('2026-03-01T01:02:03.456000Z');
    expect(checkpointMessage(body)).toBe(`{"v":1,"stream":"${STREAM}","seq":42,"headHash":"${'ab'.repeat(32)}","signedAt":"2026-03-01T01:02:03.456000Z"}`);
    const cp = signCheckpoint(key, body);
    expect(checkpointSignatureValid(cp, key.publicKeyPem)).toBe(true);
    expect(checkpointSignatureValid({ ...cp, seq: 43 }, key.publicKeyPem)).toBe(false);
    expect(checkpointSignatureValid(cp, generateSigningKey().publicKeyPem)).toBe(false);
  });
});
