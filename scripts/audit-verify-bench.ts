/**
 * Benchmark of audit verification (not part of `npm test`):
 *   npx tsx scripts/audit-verify-bench.ts [--events 1000000] [--runs 3] [--keep]
 *
 * Creates a scratch database next to the configured one (DATABASE_URL or the
 * embedded server), applies the migrations, writes one stream of N decision-like
 * events whose chain Postgres computes itself (audit_canonical, as audit_append
 * does), then verifies it with verifyStream and reports events/s. On a local
 * server it also reports the CPU seconds Node and Postgres spent, which says how
 * fast an otherwise idle machine would be. The database is dropped unless --keep.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { runMigrations } from '@/db/migrate';
import { verifyStream } from '@/server/services/audit/verify';
import { openDatabase } from './runtime';

const DB_NAME = 'layanan_bench_audit';
const STREAM = 'bench:verify';

/** CPU seconds (user + system) of a process, from /proc. */
function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Every process whose parent is the postmaster: the server's backends. */
function serverCpu(postmaster: number): number {
  let total = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid === postmaster) total += cpuOf(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

async function main() {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } },
  });
  const n = Number(values.events);
  const db = await openDatabase();
  const server = new URL(db.url);
  const admin = postgres(db.url, { max: 1, onnotice: () => {} });
  const benchUrl = new URL(server.toString());
  benchUrl.pathname = `/${DB_NAME}`;
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${DB_NAME}`;
    if (!exists) await admin.unsafe(`create database ${DB_NAME}`);
    await runMigrations(benchUrl.toString());
    const sql = postgres(benchUrl.toString(), { max: 4, onnotice: () => {} });
    const [head] = await sql<{ seq: string }[]>`select seq::text as seq from audit_heads where stream = ${STREAM}`;
    if (!head || Number(head.seq) !== n) {
      if (head) throw new Error(`${DB_NAME} holds a stream of ${head.seq} events; drop it or ask for that many`);
      const t0 = Date.now();
      console.log(`Writing ${n.toLocaleString('en-US')} chained events…`);
      await sql.unsafe(
        `insert into audit_events (stream, seq, prev_hash, hash, occurred_at, actor_id, actor_role, unit_id, action, entity_type, entity_id, payload)
         with recursive chain as (
           select 0::bigint as seq, null::timestamptz as at, null::uuid as actor, null::text as entity, null::jsonb as payload,
                  null::bytea as prev, decode(repeat('00', 32), 'hex') as hash
           union all
           select x.seq, x.at, x.actor, x.entity, x.payload, c.hash,
                  sha256(c.hash || audit_canonical($1, x.seq, x.at, x.actor, 'officer', null, 'decision.approve', 'submission', x.entity, x.payload))
           from chain c, lateral (
             select c.seq + 1 as seq,
                    date_trunc('microseconds', timestamptz '2026-01-01 00:00:00+00' + make_interval(secs => (c.seq + 1) * 0.0137)) as at,
                    gen_random_uuid() as actor, gen_random_uuid()::text as entity,
                    jsonb_build_object('ticket', 'BDG-2026-' || lpad((c.seq + 1)::text, 7, '0'), 'decisionId', gen_random_uuid(),
                      'suggestionId', gen_random_uuid(), 'outcome', 'approve', 'from', 'in_review', 'to', 'approved',
                      'agreesWithAi', true, 'verdictOverrides', '[]'::jsonb, 'reasonCode', null, 'answerEdited', false) as payload) x
           where c.seq < $2)
         select $1, seq, prev, hash, at, actor, 'officer', null, 'decision.approve', 'submission', entity, payload from chain where seq > 0`,
        [STREAM, n],
      );
      await sql`insert into audit_heads (stream, seq, hash)
                select stream, seq, hash from audit_events where stream = ${STREAM} order by seq desc limit 1`;
      await sql`analyze audit_events`;
      console.log(`  written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const postmaster = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]) || 0;
    for (const parallel of [1, 2]) {
      let best = Number.POSITIVE_INFINITY;
      for (let r = 0; r < Number(values.runs); r++) {
        const pg0 = postmaster ? serverCpu(postmaster) : 0;
        const node0 = process.cpuUsage();
        const t0 = performance.now();
        const result = await verifyStream(sql, STREAM, { parallel });
        const seconds = (performance.now() - t0) / 1000;
        const node = process.cpuUsage(node0);
        const pg = postmaster ? serverCpu(postmaster) - pg0 : 0;
        if (!result.ok || result.checked !== n) throw new Error(`verification failed: ${JSON.stringify(result.firstBroken)}`);
        best = Math.min(best, seconds);
        console.log(
          `parallel ${parallel}: ${n.toLocaleString('en-US')} events in ${seconds.toFixed(2)} s = ${Math.round(n / seconds).toLocaleString('en-US')} events/s` +
            `  (CPU: node ${((node.user + node.system) / n).toFixed(2)} µs/event${postmaster ? `, postgres ${((pg * 1e6) / n).toFixed(2)} µs/event` : ''})`,
        );
      }
      console.log(`  best: ${Math.round(n / best).toLocaleString('en-US')} events/s`);
    }
    await sql.end();
  } finally {
    if (!values.keep) await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`).catch(() => undefined);
    await admin.end();
    await db.embedded?.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
