/**
 * `npm run bench` (`-- --quick` for a smoke run under a minute).
 * Measures the console against the database's own limit in one run and
 * prints ratios to that baseline; writes bench-results/<time>.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { hash } from '@node-rs/argon2';
import { createDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { seedDemo } from '@/server/seed';
import { seedAnswerTemplates, seedCalendar } from '@/server/seed/reference';
import type { Actor } from '@/server/services/core/actor';
import { queueQuery } from '@/server/services/review/queue';
import { getReview } from '@/server/services/review/review';
import { closedLoop, rawCycle, releaseHeld, serviceCycle } from './bench/cycles';
import type { HttpLoadResult } from './bench/http-load';
import { FULL, generateAudit, generateData, prepareUnits, QUICK } from './bench/data';
import { percentile, timeRead, type LoopResult, type ReadResult } from './bench/measure';
import { pgbenchCycle } from './bench/pgbench';
import { EXTRA_READS } from './bench/reads';
import { ensurePgbench } from './system-packages';
import { buildIsStale, nextAuthSecret, openDatabase, qaSampleKeyOfInstall, ROOT, waitForHealthy } from './runtime';

const quick = process.argv.includes('--quick');
const scale = quick ? QUICK : FULL;
const LOOP_MS = quick ? 1_500 : 10_000;
/** Each path runs this long before it is measured: connections open, statements prepared, code compiled, as in a console that has been up a while. */
const WARM_MS = quick ? 500 : 3_000;
const CONCURRENCY = [1, 8, 32];
const PASSWORD = 'Bench#2026';
const HTTP_PORT = Number(process.env.BENCH_PORT ?? 3190);

type Row = { group: string; name: string; value: number; unit: string; target?: string; ok?: boolean; extra?: Record<string, number> };
const rows: Row[] = [];
const record = (r: Row) => {
  rows.push(r);
  const status = r.ok === undefined ? '' : r.ok ? '  ✓ met' : '  ✗ missed';
  console.log(`  ${r.name.padEnd(52)} ${fmt(r.value).padStart(10)} ${r.unit.padEnd(12)}${r.target ? ` target ${r.target}` : ''}${status}`);
};
const fmt = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(2)) : '—');

async function main() {
  const t0 = Date.now();
  console.log(`Layanan Review benchmark (${quick ? 'quick' : 'full'}) — ${cpus().length} cores`);
  if (buildIsStale()) {
    console.log('▸ building the console');
    const b = spawnSync(path.join(ROOT, 'node_modules/.bin/next'), ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (b.status !== 0) process.exit(1);
  }

  // A fresh database on the embedded server (or DATABASE_URL's server) for every run.
  process.env.DATA_DIR ??= '.data/bench';
  process.env.PG_PORT ??= '54390';
  const server = await openDatabase('postgres');
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  await admin.unsafe('drop database if exists layanan_bench with (force)');
  await admin.unsafe('create database layanan_bench');
  const pgVersion = (await admin`show server_version`)[0].server_version as string;
  await admin.end();
  const url = withDatabase(server.url, 'layanan_bench');
  await runMigrations(url);
  // The console's own pool (its default size, as `npm start` runs it) for everything it does;
  // a separate client with a connection per baseline client for data generation and the baseline.
  const conn = createDb(url);
  const sql = postgres(url, { max: 40, onnotice: () => {} });
  await seedCalendar(conn.db);
  await seedDemo(conn.db);
  await seedAnswerTemplates(conn.db);

  console.log(
    `▸ generating data (${scale.submissions.toLocaleString('en')} submissions, ${scale.decisions.toLocaleString('en')} decisions, ${scale.auditEvents.toLocaleString('en')} audit events)`,
  );
  const units = await prepareUnits(sql, scale, await hash(PASSWORD));
  await generateData(sql, scale, units);
  await generateAudit(sql, scale, units.unitIds);
  // As a database that has been in use: vacuumed and analysed, so autovacuum does not start on the
  // freshly generated millions in the middle of a measurement.
  console.log('  · vacuum analyze');
  await sql`vacuum analyze`;
  const officers: Actor[] = (
    await sql<{ id: string; name: string; email: string }[]>`
      select id, name, email from users where email like 'bench%' and role = 'officer' order by email limit 32`
  ).map((u) => ({ id: u.id, name: u.name, email: u.email, role: 'officer', unitId: units.benchUnitId }));

  console.log('\n▸ reads users wait for');
  const reads: Record<string, ReadResult> = {};
  const pending = await sql<{ id: string }[]>`select id from submissions where unit_id = ${units.benchUnitId} and status = 'pending_review' limit 200`;
  const pendingCount = Number((await sql`select count(*) from submissions where unit_id = ${units.benchUnitId} and status = 'pending_review'`)[0].count);
  reads.queue = await timeRead(50, () => queueQuery(conn.db, officers[0], { status: 'open', sort: 'sla' }));
  record({
    group: 'reads',
    name: `queue page data (${pendingCount.toLocaleString('en')} pending), p95`,
    value: reads.queue.p95,
    unit: 'ms',
    target: '< 20 ms',
    ok: reads.queue.p95 < 20,
  });
  reads.review = await timeRead(50, (i) => getReview(conn.db, officers[0], pending[Math.max(0, i) % pending.length].id));
  record({ group: 'reads', name: 'review page data, p95', value: reads.review.p95, unit: 'ms', target: '< 20 ms', ok: reads.review.p95 < 20 });
  const overseers = await sql<{ id: string; name: string; email: string; role: 'supervisor' | 'admin'; unit_id: string | null }[]>`
    select id, name, email, role, unit_id from users
    where (role = 'supervisor' and unit_id = ${units.benchUnitId}) or role = 'admin' order by role, email`;
  const asActor = (u: (typeof overseers)[number]): Actor => ({ id: u.id, name: u.name, email: u.email, role: u.role, unitId: u.unit_id });
  const supervisor = asActor(overseers.find((u) => u.role === 'supervisor')!);
  const adminActor = asActor(overseers.find((u) => u.role === 'admin')!);
  for (const extra of EXTRA_READS) {
    console.log(`  (${extra.name})`);
    for (const r of await extra.run({ db: conn.db, sql: conn.sql, unitId: units.benchUnitId, unitIds: units.unitIds, scale, supervisor, admin: adminActor })) {
      record({ group: 'reads', ...r });
    }
  }

  const [{ cyclesStart }] = await sql<{ cyclesStart: Date }[]>`select now() as "cyclesStart"`;
  console.log('\n▸ review cycle: baseline (raw SQL) vs our services in-process');
  const loops: Record<string, LoopResult> = {};
  await closedLoop(32, WARM_MS, rawCycle(sql, units.benchUnitId, officers));
  for (const c of CONCURRENCY) {
    loops[`raw-${c}`] = await closedLoop(c, LOOP_MS, rawCycle(sql, units.benchUnitId, officers));
    record({
      group: 'baseline',
      name: `baseline Node (postgres.js), ${c} clients`,
      value: loops[`raw-${c}`].perSecond,
      unit: 'decisions/s',
      extra: { p95: loops[`raw-${c}`].p95 },
    });
  }
  // Postgres's own driver on the same cycle, schema and data: what the database sustains without our client.
  const pgbench = ensurePgbench();
  if (pgbench) {
    await pgbenchCycle(pgbench, url, { unit: units.benchUnitId, officer: officers[0].id }, 32, Math.max(1, WARM_MS / 1000));
    for (const c of CONCURRENCY) {
      const r = await pgbenchCycle(pgbench, url, { unit: units.benchUnitId, officer: officers[0].id }, c, LOOP_MS / 1000);
      if (!r) continue;
      loops[`pgbench-${c}`] = r;
      record({
        group: 'baseline',
        name: `baseline pgbench (prepared), ${c} clients`,
        value: r.perSecond,
        unit: 'decisions/s',
        extra: { latencyAvg: r.p50, errors: r.errors },
      });
      record({ group: 'baseline', name: `  Node baseline / pgbench at ${c}`, value: loops[`raw-${c}`].perSecond / r.perSecond, unit: '×' });
    }
  } else {
    console.log('  pgbench is not installed (apt-get install postgresql-client): ratios to it are left out');
  }
  /** A path's rate as ratios to both baselines at `c` clients. */
  const ratios = (group: string, label: string, perSecond: number, c: number, target?: { min: number; ok?: boolean }) => {
    for (const [base, key] of [
      ['pgbench', `pgbench-${c}`],
      ['Node baseline', `raw-${c}`],
    ] as const) {
      const b = loops[key];
      if (!b) continue;
      const ratio = perSecond / b.perSecond;
      const targeted = target && base === 'pgbench';
      record({
        group,
        name: `  ${label} / ${base} at ${c}`,
        value: ratio,
        unit: '×',
        ...(targeted ? { target: `≥ ${target.min}×`, ok: ratio >= target.min && target.ok !== false } : {}),
      });
    }
  };
  await closedLoop(32, WARM_MS, serviceCycle(conn.db, conn.sql, officers));
  await releaseHeld(conn.db, sql, officers);
  for (const c of CONCURRENCY) {
    const r = (loops[`svc-${c}`] = await closedLoop(c, LOOP_MS, serviceCycle(conn.db, conn.sql, officers)));
    await releaseHeld(conn.db, sql, officers);
    record({
      group: 'in-process',
      name: `services in-process, ${c} workers`,
      value: r.perSecond,
      unit: 'decisions/s',
      extra: { p95: r.p95, errors: r.errors },
    });
    ratios('in-process', 'services', r.perSecond, c);
  }

  // The product over HTTP, with one server process and with one per core (WEB_CONCURRENCY, scripts/serve.ts).
  for (const processes of [...new Set([1, cpus().length])]) {
    console.log(`\n▸ product path: signed-in officers over HTTP on the production server, ${processes} process${processes > 1 ? 'es' : ''}`);
    const base = `http://localhost:${HTTP_PORT}`;
    const next = startServer(url, base, processes);
    try {
      await waitForHealthy(base, 60_000);
      const http = await httpLoad({
        base,
        emails: officers.map((o) => o.email),
        password: PASSWORD,
        concurrency: CONCURRENCY,
        loopMs: LOOP_MS,
        warmMs: WARM_MS,
      });
      for (const c of CONCURRENCY) {
        const { requests, cpu, ...r } = http[c];
        loops[`http${processes}-${c}`] = r;
        const perRequest = requests.sort((a, b) => a - b);
        const requestP95 = percentile(perRequest, 95);
        const label = `HTTP ×${processes}`;
        record({
          group: 'http',
          name: `${label}, ${c} officers`,
          value: r.perSecond,
          unit: 'decisions/s',
          extra: { processes, p50: r.p50, p95: r.p95, p99: r.p99, errors: r.errors },
        });
        record({ group: 'http', name: `  cycle (read + decide) p95 at ${c}`, value: r.p95, unit: 'ms', extra: { p50: r.p50, p99: r.p99 } });
        console.log(`      cycle p50 ${fmt(r.p50)} ms · p99 ${fmt(r.p99)} ms · errors ${r.errors}`);
        // Of the machine's cores: who was busy while it ran (the reason when a ratio is missed).
        record({
          group: 'http',
          name: `  cores busy at ${c}: servers / Postgres / load generator`,
          value: cpu.servers + cpu.postgres + cpu.loadGenerator,
          unit: 'cores',
          extra: cpu,
        });
        console.log(
          `      servers ${cpu.servers.toFixed(2)} · Postgres ${cpu.postgres.toFixed(2)} · load generator ${cpu.loadGenerator.toFixed(2)} cores of ${cpus().length}`,
        );
        record({
          group: 'http',
          name: `  request p95 at ${c}`,
          value: requestP95,
          unit: 'ms',
          extra: { p50: percentile(perRequest, 50), p99: percentile(perRequest, 99), requests: perRequest.length },
          ...(c === 8 ? { target: '< 100 ms', ok: requestP95 < 100 } : {}),
        });
        const multi = processes > 1 || cpus().length === 1;
        ratios('http', label, r.perSecond, c, c === 32 && multi ? { min: 0.3, ok: r.errors === 0 } : undefined);
      }
    } finally {
      next.kill('SIGTERM');
      await new Promise((r) => next.once('exit', r));
    }
  }
  const doubles = Number(
    (
      await sql`select count(*) from (select submission_id from decisions where created_at >= ${cyclesStart}
                group by submission_id having count(*) > 1) d`
    )[0].count,
  );
  record({ group: 'http', name: 'double decisions during the run', value: doubles, unit: 'count', target: '0', ok: doubles === 0 });

  console.log('\n▸ start to usable console (already built)');
  // The first start creates the database and reads the demo's ~790 document photos (minutes, once);
  // every later start finds both and must be quick.
  const firstMs = await measureStart(true);
  record({ group: 'start', name: 'first npm start → healthy (initdb, migrate, demo with OCR)', value: firstMs / 1000, unit: 's' });
  const againMs = await measureStart(false);
  record({ group: 'start', name: 'npm start again → healthy (data present)', value: againMs / 1000, unit: 's', target: '< 20 s', ok: againMs < 20_000 });

  await sql.end();
  await conn.sql.end();
  await server.embedded?.stop();

  const result = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    cores: cpus().length,
    postgres: pgVersion,
    node: process.version,
    scale,
    loopSeconds: LOOP_MS / 1000,
    rows,
    loops,
    reads,
    totalSeconds: (Date.now() - t0) / 1000,
  };
  mkdirSync('bench-results', { recursive: true });
  const file = `bench-results/${result.date.replace(/[:.]/g, '-')}-${result.mode}.json`;
  writeFileSync(file, JSON.stringify(result, null, 2));
  const missed = rows.filter((r) => r.ok === false).map((r) => r.name.trim());
  console.log(`\nwrote ${file} in ${result.totalSeconds.toFixed(0)}s; targets missed: ${missed.length ? missed.join('; ') : 'none'}`);
}

/** The production server as `npm start` runs it (scripts/serve.ts), with `processes` server processes and no background jobs. */
function startServer(databaseUrl: string, base: string, processes: number): ChildProcess {
  return spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/serve.ts', '-p', String(HTTP_PORT), '-H', 'localhost'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: nextAuthSecret(),
      QA_SAMPLE_KEY: qaSampleKeyOfInstall(),
      BACKGROUND_JOBS: 'false',
      WEB_CONCURRENCY: String(processes),
    },
  });
}

/** Runs scripts/bench/http-load.ts in a process of its own and returns its results. */
function httpLoad(args: { base: string; emails: string[]; password: string; concurrency: number[]; loopMs: number; warmMs: number }): Promise<HttpLoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/bench/http-load.ts', JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as HttpLoadResult) : reject(new Error(`http load generator exited with ${code}`)),
    );
  });
}

/** Time from `npm start` (built) to a healthy console: on a fresh data folder (initdb, migrations, demo seed), or on the one left by the last start. */
async function measureStart(fresh: boolean): Promise<number> {
  const port = HTTP_PORT + 1;
  const t = Date.now();
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts', ...(fresh ? ['--reset'] : []), '--no-build'], {
    stdio: 'ignore',
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: '.data/bench-start',
      PG_PORT: String(Number(process.env.PG_PORT) + 1),
      PORT: String(port),
      NEXTAUTH_URL: `http://localhost:${port}`,
    },
  });
  try {
    // A fresh data folder reads the demo's document photos: the readings cache (node_modules/.cache) only helps when the same photos come again.
    await waitForHealthy(`http://localhost:${port}`, 1_800_000);
    return Date.now() - t;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

function withDatabase(url: string, db: string) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
