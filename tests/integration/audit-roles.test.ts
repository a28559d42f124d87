import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCheckpoint, generateSigningKey, rawSql } from '@/server/services/audit/checkpoints';
import { verifyStream } from '@/server/services/audit/verify';
import { unitStream } from '@/server/services/audit/audit';
import { decide } from '@/server/services/review/decisions';
import { revealPersonalData } from '@/server/services/review/personal-data';
import { claim } from '@/server/services/review/queue';
import { authenticate } from '@/server/services/core/sign-in';
import { appRole } from './audit-helpers';
import { makeSubmission, makeUnit, TEST_PASSWORD, testDb, testSql } from './fixtures';

/** Runs one statement as the console's role in its own transaction and returns the error message (or 'ok'). */
async function asApp(statement: (tx: import('postgres').TransactionSql) => Promise<unknown>): Promise<string> {
  try {
    await testSql().begin(async (tx) => {
      await tx`set local role layanan_app`;
      await statement(tx);
    });
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('database roles of the audit trail', () => {
  it('hands the audit tables and functions to layanan_owner and gives layanan_app read-only rights', async () => {
    const sql = testSql();
    const owners = await sql<{ relname: string; owner: string }[]>`
      select relname, pg_get_userbyid(relowner) as owner from pg_class
      where relname in ('audit_events', 'audit_heads', 'audit_checkpoints') and relkind = 'r' order by relname`;
    expect(owners.map((o) => o.owner)).toEqual(['layanan_owner', 'layanan_owner', 'layanan_owner']);
    const [fn] = await sql<{ definer: boolean; owner: string; config: string[] }[]>`
      select prosecdef as definer, pg_get_userbyid(proowner) as owner, proconfig as config from pg_proc where proname = 'audit_append'`;
    expect(fn).toMatchObject({ definer: true, owner: 'layanan_owner' });
    expect(fn.config).toContain('search_path=public, pg_temp');
    const [priv] = await sql`
      select has_table_privilege('layanan_app', 'audit_events', 'SELECT') as sel,
             has_table_privilege('layanan_app', 'audit_events', 'INSERT') as ins,
             has_table_privilege('layanan_app', 'audit_events', 'UPDATE') as upd,
             has_table_privilege('layanan_app', 'audit_events', 'DELETE') as del,
             has_table_privilege('layanan_app', 'audit_events', 'TRUNCATE') as trunc,
             has_table_privilege('layanan_app', 'audit_heads', 'UPDATE') as head_upd,
             has_table_privilege('layanan_app', 'audit_checkpoints', 'INSERT') as cp_ins,
             has_table_privilege('layanan_app', 'submissions', 'UPDATE') as work_upd,
             has_function_privilege('layanan_app', 'audit_append(text, uuid, text, uuid, text, text, text, jsonb)', 'EXECUTE') as append,
             pg_has_role('layanan_app', 'layanan_owner', 'MEMBER') as member_of_owner`;
    expect(priv).toEqual({
      sel: true,
      ins: false,
      upd: false,
      del: false,
      trunc: false,
      head_upd: false,
      cp_ins: false,
      work_upd: true,
      append: true,
      member_of_owner: false,
    });
  });

  it('refuses the console role any write to the chain except through audit_append', async () => {
    const stream = `test:${randomUUID()}`;
    await testSql()`select audit_append(${stream}, null, null, null, 'a', 'e', '1', '{}'::jsonb)`;
    expect(await asApp((tx) => tx`update audit_events set action = 'x' where stream = ${stream}`)).toMatch(/permission denied/);
    expect(await asApp((tx) => tx`delete from audit_events where stream = ${stream}`)).toMatch(/permission denied/);
    expect(await asApp((tx) => tx`truncate audit_events`)).toMatch(/permission denied/);
    expect(
      await asApp(
        (tx) => tx`insert into audit_events (stream, seq, prev_hash, hash, occurred_at, action, entity_type, entity_id, payload)
                   values (${stream}, 99, '\\x00', '\\x01', now(), 'forged', 'e', '1', '{}')`,
      ),
    ).toMatch(/permission denied/);
    expect(await asApp((tx) => tx`update audit_heads set seq = 0 where stream = ${stream}`)).toMatch(/permission denied/);
    expect(await asApp((tx) => tx`alter table audit_events disable trigger all`)).toMatch(/must be owner/);
    expect(await asApp((tx) => tx`insert into audit_checkpoints (stream, seq, head_hash, key_id, signature) values (${stream}, 1, 'x', 'k', 's')`)).toMatch(
      /permission denied/,
    );
    // …and a checkpoint through the function must name the stored hash.
    expect(await asApp((tx) => tx`select audit_checkpoint_add(${stream}, 1, ${'00'.repeat(32)}, now(), 'k', 's')`)).toMatch(/does not match/);
    let seq = 0;
    expect(
      await asApp(async (tx) => {
        const [r] = await tx<{ seq: string }[]>`select audit_append(${stream}, null, null, null, 'b', 'e', '2', '{}'::jsonb) as seq`;
        seq = Number(r.seq);
      }),
    ).toBe('ok');
    expect(seq).toBe(2);
  });

  it('refuses UPDATE and DELETE on audit_checkpoints even for a superuser', async () => {
    const sql = testSql();
    const stream = `test:${randomUUID()}`;
    await sql`select audit_append(${stream}, null, null, null, 'a', 'e', '1', '{}'::jsonb)`;
    await createCheckpoint(testDb(), stream, { key: generateSigningKey() });
    await expect(sql`update audit_checkpoints set head_hash = 'x' where stream = ${stream}`).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_checkpoints where stream = ${stream}`).rejects.toThrow(/append-only/);
  });

  it('runs the console’s work as layanan_app: sign-in, claim, reveal, decide, checkpoint, verify', async () => {
    const { db, sql } = appRole();
    const u = await makeUnit(testDb());
    const s = await makeSubmission(testDb(), u.unitId);
    expect((await authenticate(db, u.officer.email, TEST_PASSWORD)).ok).toBe(true);
    const claimed = await claim(db, u.officer, s.id);
    await revealPersonalData(db, u.officer, { submissionId: s.id, field: 'nik', reason: 'verify_document' });
    await decide(db, u.officer, {
      submissionId: s.id,
      version: claimed.version,
      suggestionId: s.suggestionId,
      outcome: 'approve',
      answer: 'Yth. Ibu Siti Nurhaliza, permohonan KTP-el Anda lengkap dan akan diproses.',
      verdicts: [],
      reasonCode: null,
      note: null,
      timeSpentMs: 1000,
    });
    const cp = await createCheckpoint(db, unitStream(u.unitId), { key: generateSigningKey() });
    expect(cp?.seq).toBe(2);
    const result = await verifyStream(rawSql(db), unitStream(u.unitId));
    expect(result).toMatchObject({ ok: true, checked: 3, lastSeq: 3 });
    const [who] = await sql<{ u: string }[]>`select current_user as u`;
    expect(who.u).toBe('layanan_app');
  });
});
