/**
 * The postgres.js transaction races this console depends on never happening
 * (porsager/postgres#823, #1189): under load, sql.begin() could send BEGIN on
 * a connection it had not reserved, and plain queries could be pipelined onto
 * a connection whose BEGIN was in flight, running inside someone else's
 * transaction. vendor/postgres carries the fix (vendor/README.md); these tests
 * reproduce both races with a small pool and a short pipeline.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

const url = () => inject('databaseUrl');
let sql: postgres.Sql;

beforeAll(async () => {
  // A small pool and a short pipeline make the races likely; max_pipeline is a real option
  // of postgres.js (src/index.js) that its types leave out.
  sql = postgres(url(), { max: 3, max_pipeline: 2, onnotice: () => {} } as postgres.Options<Record<string, never>>);
  await sql`create table if not exists driver_race (id serial primary key, source text not null)`;
});
afterAll(async () => {
  await sql`drop table if exists driver_race`;
  await sql.end();
});

describe('transactions under a busy pool', () => {
  it('every sql.begin gets a connection of its own: no UNSAFE_TRANSACTION, no shared transaction', async () => {
    const failures: string[] = [];
    for (let round = 0; round < 10; round++) {
      // Every connection busy, then plain queries and transactions all at once (.execute() sends
      // a query now; postgres.js would otherwise send it on the next tick, after the BEGINs).
      const sleepers = [0, 1, 2].map(() => sql`select pg_sleep(0.05)`.execute());
      // A different number of plain queries each round puts a BEGIN at every place in a pipeline.
      const plain = Array.from({ length: round % 7 }, () => sql`select 1`.execute());
      const transactions = Array.from({ length: 5 }, () =>
        sql.begin(async (tx) => {
          const [{ xid }] = await tx`select txid_current()::text as xid`;
          const [{ again }] = await tx`select txid_current()::text as again`;
          return xid === again ? xid : `split ${xid} ${again}`;
        }),
      );
      const settled = await Promise.allSettled([...sleepers, ...plain, ...transactions]);
      for (const r of settled) if (r.status === 'rejected') failures.push(String((r.reason as Error).message));
      const xids = settled.slice(3 + plain.length).flatMap((r) => (r.status === 'fulfilled' ? [r.value as string] : []));
      for (const x of xids) if (x.startsWith('split')) failures.push(x);
      if (new Set(xids).size !== xids.length) failures.push(`two transactions shared one: ${xids.join(',')}`);
    }
    expect(failures).toEqual([]);
  }, 30_000);

  it('a plain write sent while a transaction starts is never swallowed by that transaction’s rollback', async () => {
    await sql`truncate driver_race`;
    let plainWrites = 0;
    for (let round = 0; round < 10; round++) {
      const sleepers = [0, 1, 2].map(() => sql`select pg_sleep(0.05)`.execute());
      const before = Array.from({ length: round % 4 }, () => sql`select 1`.execute());
      const rolledBack = Array.from({ length: 3 }, () =>
        sql
          .begin(async (tx) => {
            await tx`insert into driver_race (source) values ('rolled back')`;
            throw new Error('refused');
          })
          .catch(() => null),
      );
      const plain = Array.from({ length: 6 }, () => sql`insert into driver_race (source) values ('plain')`.then(() => plainWrites++));
      await Promise.allSettled([...sleepers, ...before, ...rolledBack, ...plain]);
    }
    const [{ plain, rolled }] = await sql`
      select count(*) filter (where source = 'plain')::int as plain, count(*) filter (where source = 'rolled back')::int as rolled from driver_race`;
    expect({ plain, rolled }).toEqual({ plain: plainWrites, rolled: 0 });
    expect(plainWrites).toBe(60);
  }, 30_000);
});
