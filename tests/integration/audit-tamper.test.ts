/**
 * Tampering as a database superuser, on streams of its own: each change is
 * made with the append-only triggers disabled inside a transaction, verified
 * there, and rolled back (the CLI test commits its tampering on a throwaway
 * stream, since the CLI reads through its own connection).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { appendAudit } from '@/server/services/audit/audit';
import { checkCheckpoints, createCheckpoint, generateSigningKey, listCheckpoints, toCheckpointLine } from '@/server/services/audit/checkpoints';
import { guardStatus, verifyStream, type VerifyResult } from '@/server/services/audit/verify';
import { testDb, testSql } from './fixtures';

async function streamOf(n: number): Promise<string> {
  const stream = `tamper:${randomUUID()}`;
  for (let i = 1; i <= n; i++) {
    await appendAudit(testDb(), {
      stream,
      actor: null,
      unitId: null,
      action: 'decision.approve',
      entityType: 'submission',
      entityId: randomUUID(),
      payload: { ticket: `T-${i}`, decisionId: randomUUID(), outcome: 'approve', note: 'Sudah sesuai — ✓', n: i },
    });
  }
  return stream;
}

class Rollback extends Error {}

/** Back to ENABLE ALWAYS: a plain ENABLE would leave the guards silent under session_replication_role = replica. */
async function restoreGuards(tx: postgres.TransactionSql) {
  await tx`alter table audit_events enable always trigger audit_events_no_update_delete`;
  await tx`alter table audit_events enable always trigger audit_events_no_truncate`;
}

/** Tampers with the triggers disabled, verifies inside the same transaction, then rolls everything back. */
async function tamperAndVerify(stream: string, tamper: (tx: postgres.TransactionSql) => Promise<unknown>, fromSeq?: number): Promise<VerifyResult> {
  let result: VerifyResult | null = null;
  try {
    await testSql().begin(async (tx) => {
      await tx`alter table audit_events disable trigger user`;
      await tamper(tx);
      await restoreGuards(tx);
      result = await verifyStream(tx, stream, { fromSeq });
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return result!;
}

/** Moves events seq >= from by `by`, without tripping UNIQUE(stream, seq) half-way. */
const shift = async (tx: postgres.TransactionSql, stream: string, from: number, by: number) => {
  await tx`update audit_events set seq = -(seq + ${by}) where stream = ${stream} and seq >= ${from}`;
  await tx`update audit_events set seq = -seq where stream = ${stream} and seq < 0`;
};

describe('tamper detection', () => {
  it('passes an untouched stream and verifies from a sequence number', async () => {
    const stream = await streamOf(8);
    expect(await verifyStream(testSql(), stream)).toMatchObject({ ok: true, checked: 8, lastSeq: 8 });
    expect(await verifyStream(testSql(), stream, { fromSeq: 5 })).toMatchObject({ ok: true, checked: 4, fromSeq: 5, lastSeq: 8 });
  });

  it('finds a changed payload at its event', async () => {
    const stream = await streamOf(8);
    const r = await tamperAndVerify(
      stream,
      (tx) => tx`update audit_events set payload = payload || '{"outcome": "reject"}' where stream = ${stream} and seq = 4`,
    );
    expect(r).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 4, kind: 'changed' } });
  });

  it('finds a changed timestamp, down to the microsecond', async () => {
    const stream = await streamOf(8);
    const r = await tamperAndVerify(
      stream,
      (tx) => tx`update audit_events set occurred_at = occurred_at + interval '1 microsecond' where stream = ${stream} and seq = 6`,
    );
    expect(r.firstBroken).toMatchObject({ seq: 6, kind: 'changed' });
  });

  it('finds an event rewritten with a recomputed hash at that event', async () => {
    const stream = await streamOf(8);
    const r = await tamperAndVerify(stream, async (tx) => {
      await tx`update audit_events set payload = payload || '{"outcome": "reject"}' where stream = ${stream} and seq = 5`;
      await tx`update audit_events set hash = sha256(prev_hash || audit_canonical(stream, seq, occurred_at, actor_id, actor_role, unit_id,
                                                   action, entity_type, entity_id, payload))
               where stream = ${stream} and seq = 5`;
    });
    expect(r.firstBroken).toMatchObject({ seq: 5, kind: 'changed' });
  });

  it('finds a deleted event, with or without renumbering the rest', async () => {
    const stream = await streamOf(8);
    expect((await tamperAndVerify(stream, (tx) => tx`delete from audit_events where stream = ${stream} and seq = 5`)).firstBroken).toMatchObject({
      seq: 5,
      kind: 'missing',
    });
    const renumbered = await tamperAndVerify(stream, async (tx) => {
      await tx`delete from audit_events where stream = ${stream} and seq = 5`;
      await shift(tx, stream, 6, -1);
      await tx`update audit_heads set seq = 7, hash = (select hash from audit_events where stream = ${stream} and seq = 7) where stream = ${stream}`;
    });
    expect(renumbered.firstBroken).toMatchObject({ seq: 5, kind: 'missing' });
  });

  it('finds a forged event inserted into the chain', async () => {
    const stream = await streamOf(8);
    const r = await tamperAndVerify(stream, async (tx) => {
      await shift(tx, stream, 4, 1);
      // The forger cannot reuse event 3's hash as prev_hash (UNIQUE(stream, prev_hash)), so it invents one.
      await tx`insert into audit_events (stream, seq, prev_hash, hash, occurred_at, actor_role, action, entity_type, entity_id, payload)
               select ${stream}, 4, p,
                      sha256(p || audit_canonical(${stream}, 4, t, null, 'officer', null, 'decision.approve', 'submission', 'forged', '{"outcome": "approve"}')),
                      t, 'officer', 'decision.approve', 'submission', 'forged', '{"outcome": "approve"}'
               from (select sha256(convert_to(${randomUUID()}, 'UTF8')) as p, date_trunc('microseconds', now()) as t) x`;
      await tx`update audit_heads set seq = 9, hash = (select hash from audit_events where stream = ${stream} and seq = 9) where stream = ${stream}`;
    });
    expect(r.firstBroken).toMatchObject({ seq: 4, kind: 'inserted' });
  });

  it('names a correctly hashed event inserted into the chain, its successor renumbered and relinked', async () => {
    const stream = await streamOf(8);
    const r = await tamperAndVerify(stream, async (tx) => {
      await shift(tx, stream, 4, 1);
      // The forged event 4 links to event 3 and hashes correctly; the former event 4 (now 5) is relinked to it
      // first (UNIQUE(stream, prev_hash) forbids two events naming event 3's hash).
      const [f] = await tx<{ p: Buffer; h: Buffer; t: Date }[]>`
        select hash as p, sha256(hash || audit_canonical(${stream}, 4, t, null, 'officer', null, 'decision.approve', 'submission', 'forged', '{"outcome": "approve"}')) as h, t
        from audit_events, (select date_trunc('milliseconds', now()) as t) x where stream = ${stream} and seq = 3`;
      await tx`update audit_events set prev_hash = ${f.h} where stream = ${stream} and seq = 5`;
      await tx`insert into audit_events (stream, seq, prev_hash, hash, occurred_at, actor_role, action, entity_type, entity_id, payload)
               values (${stream}, 4, ${f.p}, ${f.h}, ${f.t}, 'officer', 'decision.approve', 'submission', 'forged', '{"outcome": "approve"}')`;
      await tx`update audit_heads set seq = 9, hash = (select hash from audit_events where stream = ${stream} and seq = 9) where stream = ${stream}`;
    });
    // Event 4 itself verifies: the break is reported as the insertion it is, not as "event 5 changed".
    expect(r).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 4, kind: 'inserted' } });
    expect(r.firstBroken?.detail).toBe('event inserted at seq 4: event 5 is the former event 4, renumbered and relinked to the inserted one');
  });

  it('finds an event appended behind the head', async () => {
    const stream = await streamOf(8);
    const r = await tamperAndVerify(
      stream,
      (tx) => tx`insert into audit_events (stream, seq, prev_hash, hash, occurred_at, action, entity_type, entity_id, payload)
                 select stream, 9, hash, sha256(hash || audit_canonical(stream, 9, now(), null, null, null, 'pii.reveal', 'submission', 'x', '{}')),
                        now(), 'pii.reveal', 'submission', 'x', '{}'
                 from audit_events where stream = ${stream} and seq = 8`,
    );
    expect(r.firstBroken).toMatchObject({ seq: 9, kind: 'inserted' });
  });

  it('finds two swapped events', async () => {
    const stream = await streamOf(8);
    const r = await tamperAndVerify(stream, async (tx) => {
      await tx`update audit_events set seq = -1 where stream = ${stream} and seq = 3`;
      await tx`update audit_events set seq = 3 where stream = ${stream} and seq = 4`;
      await tx`update audit_events set seq = 4 where stream = ${stream} and seq = -1`;
    });
    expect(r.firstBroken).toMatchObject({ seq: 3, kind: 'reordered' });
  });

  it('finds a changed head row', async () => {
    const stream = await streamOf(4);
    const r = await tamperAndVerify(stream, (tx) => tx`update audit_heads set hash = sha256('x') where stream = ${stream}`);
    expect(r.firstBroken).toMatchObject({ seq: 4, kind: 'head_mismatch' });
  });

  it('catches a consistently rewritten chain with an exported signed checkpoint', async () => {
    const stream = await streamOf(6);
    const key = generateSigningKey();
    await createCheckpoint(testDb(), stream, { key });
    const lines = (await listCheckpoints(testDb(), [stream])).map((c) => toCheckpointLine(c, key.publicKeyPem));
    expect(lines).toHaveLength(1);
    expect(await checkCheckpoints(testSql(), lines, [key.publicKeyPem])).toEqual([expect.objectContaining({ ok: true, seq: 6 })]);

    let checks: Awaited<ReturnType<typeof checkCheckpoints>> = [];
    const r = await tamperAndVerify(stream, async (tx) => {
      await rewriteChain(tx, stream, 2);
      checks = await checkCheckpoints(tx, lines);
    });
    expect(r.ok).toBe(true); // the rewrite is consistent: the chain alone cannot tell…
    expect(checks).toEqual([expect.objectContaining({ ok: false, problem: 'hash_mismatch', seq: 6 })]); // …the checkpoint can.
    // A forged signature or an untrusted key fails too.
    expect(await checkCheckpoints(testSql(), [{ ...lines[0], headHash: '00'.repeat(32) }])).toEqual([expect.objectContaining({ problem: 'bad_signature' })]);
    expect(await checkCheckpoints(testSql(), lines, [generateSigningKey().publicKeyPem])).toEqual([expect.objectContaining({ problem: 'untrusted_key' })]);
  });

  it('reports append-only triggers that were disabled or merely ENABLEd', async () => {
    expect(await guardStatus(testSql())).toEqual({ ok: true, problems: [] });
    try {
      await testSql().begin(async (tx) => {
        await tx`alter table audit_events enable trigger audit_events_no_truncate`;
        await tx`alter table audit_checkpoints disable trigger audit_checkpoints_no_update_delete`;
        expect(await guardStatus(tx)).toEqual({
          ok: false,
          problems: ['audit_events.audit_events_no_truncate is not ENABLE ALWAYS', 'audit_checkpoints.audit_checkpoints_no_update_delete is disabled'],
        });
        throw new Rollback();
      });
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
    }
  });

  it('finds breaks at the edges of ranges verified in parallel', async () => {
    const parallel = { parallel: 3, parallelMinEvents: 1 };
    const intact = await streamOf(30);
    expect(await verifyStream(testSql(), intact, parallel)).toMatchObject({ ok: true, checked: 30, lastSeq: 30 });
    expect(await verifyStream(testSql(), intact, { ...parallel, fromSeq: 7 })).toMatchObject({ ok: true, checked: 24 });
    // Ranges are 1–10, 11–20 and 21 on. Each tampering is committed on a stream of its own.
    const cases: [string[], number, string][] = [
      [[`update audit_events set payload = payload || '{"x": 1}' where stream = $1 and seq = 11`], 11, 'changed'],
      [[`delete from audit_events where stream = $1 and seq = 20`], 20, 'missing'],
      [
        [
          `update audit_events set seq = -seq where stream = $1 and seq in (10, 11)`,
          `update audit_events set seq = case seq when -10 then 11 else 10 end where stream = $1 and seq in (-10, -11)`,
        ],
        10,
        'reordered',
      ],
    ];
    for (const [statements, seq, kind] of cases) {
      const stream = await streamOf(30);
      await testSql().begin(async (tx) => {
        await tx`alter table audit_events disable trigger user`;
        for (const statement of statements) await tx.unsafe(statement, [stream]);
        await restoreGuards(tx);
      });
      expect((await verifyStream(testSql(), stream, parallel)).firstBroken).toMatchObject({ seq, kind });
    }
  });

  it('npm run audit:verify exits non-zero naming the first broken event and checks exported checkpoints', async () => {
    const stream = await streamOf(5);
    const key = generateSigningKey();
    await createCheckpoint(testDb(), stream, { key });
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-verify-'));
    const file = path.join(dir, 'checkpoints.jsonl');
    writeFileSync(file, (await listCheckpoints(testDb(), [stream])).map((c) => JSON.stringify(toCheckpointLine(c, key.publicKeyPem))).join('\n'));
    const run = () =>
      spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/audit-verify.ts', '--stream', stream, '--checkpoints', file], {
        env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
        encoding: 'utf8',
      });
    // Committed on purpose: this stream exists only for this test.
    await testSql().begin(async (tx) => {
      await tx`alter table audit_events disable trigger user`;
      await tx`update audit_events set payload = payload || '{"outcome": "reject"}' where stream = ${stream} and seq = 3`;
      await restoreGuards(tx);
    });
    const out = run();
    expect(out.stdout).toContain(`✘ ${stream}: first broken event seq 3 (changed)`);
    // Event 5, the signed head, was not touched: the checkpoint itself still matches.
    expect(out.stdout).toContain('1 of 1 checkpoint(s) match');
    expect(out.status).toBe(1);
  }, 60_000);
});

/** What a superuser could do: recompute every hash after changing event `changedSeq`, head included. */
async function rewriteChain(tx: postgres.TransactionSql, stream: string, changedSeq: number) {
  await tx.unsafe(`
    do $$
    declare r record; prev bytea := decode(repeat('00', 32), 'hex'); h bytea; p jsonb;
    begin
      for r in select * from audit_events where stream = '${stream}' order by seq loop
        p := case when r.seq = ${changedSeq} then r.payload || '{"outcome": "reject"}' else r.payload end;
        h := sha256(prev || audit_canonical(r.stream, r.seq, r.occurred_at, r.actor_id, r.actor_role, r.unit_id,
                                            r.action, r.entity_type, r.entity_id, p));
        update audit_events set prev_hash = prev, hash = h, payload = p where stream = r.stream and seq = r.seq;
        prev := h;
      end loop;
      update audit_heads set hash = prev where stream = '${stream}';
    end $$`);
}
