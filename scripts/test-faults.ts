/**
 * `npm run test:faults`: Postgres goes away and comes back (issue 14, point 6).
 *
 * Starts the console with `npm start`'s own script (embedded Postgres, a fresh
 * data folder, the production build), lets eight officers decide over HTTP,
 * kills the Postgres server with SIGKILL in the middle, and checks what an
 * operator and the officers would notice: the health check says 503 and why,
 * quickly, for the whole outage; requests fail fast with the typed, translated
 * "try again" error, never a 500 or a hang; `npm start` restarts the database
 * by itself; decisions resume; and in SQL afterwards: one decision per
 * submission, one audit event per decision, every acknowledged decision
 * present, every chain verifies.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { decisionInvariants } from './checks/invariants';
import { finish, healthy, seedWork, startConsole, stopConsole, type CheckResult, PASSWORD } from './checks/harness';
import { officerLoad } from './checks/officers';
import { ROOT } from './runtime';

const PORT = Number(process.env.FAULTS_PORT ?? 3350);
const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 54350);
const DATA_DIR = '.data/faults';
const OFFICERS = 8;
const RUN_MS = 24_000;
const KILL_AT_MS = 6_000;
/** An operator's patience: health and failing requests must answer within these. */
const HEALTH_MAX_MS = 2_000;
const REQUEST_MAX_MS = 5_000;

type Probe = { at: number; ms: number; status: number; reason: string | null };

async function main() {
  const server = startConsole(
    { DATA_DIR, PG_PORT: String(PG_PORT), PORT: String(PORT), NEXTAUTH_URL: `http://localhost:${PORT}`, SEED_DEMO: 'false', DATABASE_URL: '' },
    ['--reset', '--no-build'],
  );
  const results: CheckResult[] = [];
  const check = (name: string, ok: boolean, detail: string) => results.push({ name, ok, detail });
  try {
    if (!(await healthy(server, 180_000))) {
      check('console starts', false, server.child.exitCode === null ? 'not healthy within 180 s' : `npm start exited with ${server.child.exitCode}`);
      return finish('faults', results, [server]);
    }
    const url = `postgres://postgres:layanan-local@127.0.0.1:${PG_PORT}/layanan`;
    const { emails } = await seedWork(url, 3_000);

    const load = officerLoad([server.base]);
    const probes: Probe[] = [];
    let probing = true;
    const probeLoop = (async () => {
      while (probing) {
        const at = Date.now();
        const res = await fetch(`${server.base}/api/health`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
        const body = res ? ((await res.json().catch(() => ({}))) as { reason?: string }) : {};
        probes.push({ at, ms: Date.now() - at, status: res?.status ?? 0, reason: body.reason ?? null });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const started = Date.now();
    const running = load.run(emails.slice(0, OFFICERS), PASSWORD, RUN_MS);
    await new Promise((r) => setTimeout(r, KILL_AT_MS));
    const pid = Number(readFileSync(path.join(ROOT, DATA_DIR, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    console.log(`▸ killed Postgres (pid ${pid}) ${((killedAt - started) / 1000).toFixed(1)} s into the run`);
    const report = await running;
    probing = false;
    await probeLoop;

    // The outage, as the health check saw it: from the kill to the first 200 after it.
    const back = probes.find((p) => p.at > killedAt && p.status === 200);
    const outage = probes.filter((p) => p.at >= killedAt && (!back || p.at < back.at));
    const down = outage.filter((p) => p.status === 503);
    check(
      'health says 503 and why during the outage',
      down.length > 0 && down.every((p) => p.reason?.startsWith('database_')),
      `${down.length} probes answered 503 (${[...new Set(down.map((p) => p.reason))].join(', ') || 'none'})`,
    );
    const slowest = Math.max(0, ...outage.map((p) => p.ms));
    check(
      `health answers within ${HEALTH_MAX_MS} ms throughout`,
      outage.length > 0 && slowest <= HEALTH_MAX_MS && outage.every((p) => p.status !== 0),
      `${outage.length} probes, slowest ${slowest} ms`,
    );
    check(
      'npm start restarts Postgres by itself',
      !!back,
      back ? `healthy again ${((back.at - killedAt) / 1000).toFixed(1)} s after the kill` : 'never healthy again',
    );

    const failures = report.answers.filter((a) => a.status !== 200 && a.code !== 'QUEUE_EMPTY');
    const untyped = failures.filter((a) => !(a.status === 503 && a.code === 'DATABASE_UNAVAILABLE'));
    check(
      'failed requests get 503 DATABASE_UNAVAILABLE',
      failures.length > 0 && untyped.length === 0,
      `${failures.length} failed requests; ${untyped.length} otherwise${untyped.length ? ` (e.g. ${untyped[0].path} ${untyped[0].status} ${untyped[0].code})` : ''}`,
    );
    const slowFail = Math.max(0, ...failures.map((a) => a.ms));
    check(`requests fail within ${REQUEST_MAX_MS / 1000} s, never hang`, slowFail <= REQUEST_MAX_MS, `slowest failure ${slowFail} ms`);
    const after = report.acknowledged.filter((a) => a.at > (back?.at ?? Infinity)).length;
    check(
      'decisions resume after the restart',
      !!back && after > 0,
      `${report.acknowledged.length} decisions acknowledged, ${after} after recovery; ${report.acknowledged.filter((a) => a.retries > 0).length} needed a retry`,
    );

    const sql = postgres(url, { max: 2, onnotice: () => {} });
    try {
      results.push(...(await decisionInvariants(sql, report)));
    } finally {
      await sql.end();
    }
    const crashed = server.log.filter((l) => /uncaught|unhandled/i.test(l));
    check('no uncaught error in the server', crashed.length === 0, crashed.length ? crashed[0].slice(0, 160) : 'none logged');
    check(
      'the console kept running',
      server.child.exitCode === null,
      server.child.exitCode === null ? 'still serving' : `exited with ${server.child.exitCode}`,
    );
    return finish('faults', results, [server]);
  } finally {
    await stopConsole(server);
  }
}

main()
  .then((code) => process.exit(code))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
