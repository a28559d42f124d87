/**
 * `npm run test:instances`: several console instances on one database behind
 * a real load balancer (issue 14, point 7), without containers.
 *
 * One Postgres (embedded, as the shared database), two production servers
 * started with `npm start`'s own script, each running every background job,
 * and HAProxy (Debian) in front with health checks. Then: sixteen officers
 * decide through the balancer; channels post submissions that the pg-boss
 * workers draft; expired claims wait for the lease sweepers; a webhook
 * receiver counts deliveries; checkpoints and rollups are due every minute.
 * Afterwards, in SQL and at the receiver: both instances served; one decision
 * per submission and one audit event each, every acknowledged decision
 * present, chains verify; each submission drafted once, each expired lease
 * released once, each outbox event delivered once, each moved stream signed
 * once per head, rollups refreshed no more often than due.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { createDb } from '@/db/client';
import { startEmbeddedPostgres } from '@/db/embedded';
import type { Actor } from '@/server/services/core/actor';
import { createApiClient } from '@/server/services/intake/api-keys';
import { CHECKPOINT_ACTION } from '@/server/services/audit/checkpoints';
import { EXAMPLE_SUBMISSION } from '@/server/services/intake/openapi';
import { createWebhook, EVENT_ID_HEADER } from '@/server/services/intake/webhooks';
import { decisionInvariants } from './checks/invariants';
import { finish, healthy, PASSWORD, seedWork, startConsole, stopConsole, type CheckResult, type Server } from './checks/harness';
import { officerLoad } from './checks/officers';
import { ensureHaproxy } from './system-packages';
import { ROOT } from './runtime';

const LB_PORT = Number(process.env.INSTANCES_PORT ?? 3353);
const PG_PORT = Number(process.env.INSTANCES_PG_PORT ?? 54352);
const INSTANCES = 2;
const DATA_DIR = path.join(ROOT, '.data/instances');
const OFFICERS = 16;
const LOAD_MS = 20_000;
/**
 * Long enough for every periodic job to come due at least once (each is a pg-boss schedule ticking every minute):
 * the next minute, plus up to 10 s until the cron monitor sends its tick and 2 s until a worker takes it.
 */
const JOBS_WINDOW_MS = 85_000;
const INTAKE_COUNT = 20;
const EXPIRED_LEASES = 40;

async function main() {
  const results: CheckResult[] = [];
  const check = (name: string, ok: boolean, detail: string) => results.push({ name, ok, detail });
  const haproxyBin = ensureHaproxy();
  if (!haproxyBin) {
    check('haproxy is installed', false, 'apt-get install haproxy failed');
    return finish('instances', results, []);
  }
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const pg = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, 'pg'), port: PG_PORT, database: 'layanan' });
  const base = `http://localhost:${LB_PORT}`;
  const ports = Array.from({ length: INSTANCES }, (_, i) => LB_PORT + 1 + i);

  // The webhook receiver: counts every delivery by event id.
  const deliveries = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const id = String(req.headers[EVENT_ID_HEADER.toLowerCase()] ?? '');
    req.resume();
    req.on('end', () => {
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const cfg = path.join(DATA_DIR, 'haproxy.cfg');
  writeFileSync(cfg, haproxyConfig(LB_PORT, ports));
  const haproxy = spawn(haproxyBin, ['-db', '-f', cfg], { stdio: ['ignore', 'ignore', 'pipe'] });
  const haproxyLog: string[] = [];
  haproxy.stderr!.on('data', (d: Buffer) => haproxyLog.push(d.toString()));

  // The same settings on every instance, as a deployment would give them: one public URL, one secret, one signing key.
  const shared = {
    DATABASE_URL: pg.url,
    DATA_DIR: '.data/instances',
    NEXTAUTH_URL: base,
    SEED_DEMO: 'false',
    AUDIT_CHECKPOINT_MINUTES: '1',
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    TRUSTED_PROXIES: '127.0.0.1,::1',
  };
  const servers: Server[] = [];
  const sql = postgres(pg.url, { max: 4, onnotice: () => {} });
  try {
    // The first instance migrates; the second starts on a migrated database, as a rolling deployment does.
    for (const port of ports) {
      const s = startConsole({ ...shared, PORT: String(port) });
      servers.push(s);
      if (!(await healthy({ ...s, base: `http://localhost:${port}` }, 180_000))) {
        check(`instance on port ${port} starts`, false, s.child.exitCode === null ? 'not healthy within 180 s' : `exited with ${s.child.exitCode}`);
        return finish('instances', results, servers);
      }
    }
    if (!(await healthy({ ...servers[0], base }, 30_000))) {
      check('the load balancer answers', false, haproxyLog.join('').slice(-500));
      return finish('instances', results, servers);
    }

    const { emails, units } = await seedWork(pg.url, 3_000);
    const { db, sql: appSql } = createDb(pg.url, 2);
    const [admin] = await sql<{ id: string; name: string; email: string }[]>`select id, name, email from users where role = 'admin' order by email limit 1`;
    const adminActor: Actor = { id: admin.id, name: admin.name, email: admin.email, role: 'admin', unitId: null };
    process.env.WEBHOOK_ALLOW_HTTP = 'true';
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    await createWebhook(db, adminActor, { unitId: units.benchUnitId, name: 'Penerima uji', url: receiverUrl, eventTypes: ['*'] });
    const { key } = await createApiClient(db, adminActor, { unitId: units.benchUnitId, channel: 'portal', name: 'Portal uji', rateLimitPerMinute: 10_000 });

    // Claims whose lease ran out a minute ago, held by an officer who left, in a unit nobody in the load works in:
    // only a sweeper can release them, and with two instances it must happen once.
    const expired = await sql<{ id: string }[]>`
      update submissions set status = 'in_review', unit_id = ${units.unitIds[1]}, claimed_by = (select id from users where email = 'bench40@layanan.go.id'),
             lease_until = now() - interval '1 minute', version = version + 1
      where id in (select id from submissions where ticket like 'BENCH-%' and status = 'pending_review' order by ticket desc limit ${EXPIRED_LEASES})
      returning id`;
    const jobsFrom = new Date();
    const refreshes = watchRefreshes(sql);

    // Submissions from a channel, through the balancer: each must be drafted once.
    const intake = await Promise.all(
      Array.from({ length: INTAKE_COUNT }, async (_, i) => {
        const res = await fetch(`${base}/api/v1/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': `instances-${i}` },
          body: JSON.stringify({ ...EXAMPLE_SUBMISSION, externalRef: `instances-${i}` }),
        });
        return { status: res.status, body: (await res.json()) as { ticket?: string } };
      }),
    );
    check(
      'channels submit through the balancer',
      intake.every((r) => r.status === 201),
      `${intake.filter((r) => r.status === 201).length}/${INTAKE_COUNT} accepted`,
    );

    const load = officerLoad([base]);
    const report = await load.run(emails.slice(0, OFFICERS), PASSWORD, LOAD_MS);
    const served = await servedPerInstance(base);
    check('both instances served officers', served.length === INSTANCES && served.every((n) => n > 0), `requests per instance: ${served.join(', ')}`);
    results.push(...(await decisionInvariants(sql, report)));

    // The periodic jobs get their window; meanwhile the outbox drains.
    const waitUntil = jobsFrom.getTime() + JOBS_WINDOW_MS;
    while (Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 1_000));
    const drainSeconds = await drained(sql, 120_000);
    refreshes.stop();

    const tickets = intake.map((r) => r.body.ticket).filter((t): t is string => !!t);
    const drafted = await sql<{ ticket: string; suggestions: number; events: number }[]>`
      select s.ticket,
             (select count(*)::int from ai_suggestions a where a.submission_id = s.id) as suggestions,
             (select count(*)::int from audit_events e where e.entity_id = s.id::text and e.action = 'submission.drafted') as events
      from submissions s where s.ticket = any(${tickets})`;
    const badDrafts = drafted.filter((d) => d.suggestions !== 1 || d.events !== 1);
    check(
      'each submission drafted once (pg-boss workers)',
      drafted.length === INTAKE_COUNT && badDrafts.length === 0,
      badDrafts.length
        ? `${badDrafts.length} drafted ≠ once (e.g. ${badDrafts[0].ticket}: ${badDrafts[0].suggestions} suggestions, ${badDrafts[0].events} events)`
        : `${drafted.length} drafted, once each`,
    );

    // Each expired claim is released by one sweeper: never twice, never left held (nor taken over: nobody works that unit).
    const leases = await sql<{ id: string; released: number; taken_over: number; held: boolean }[]>`
      select s.id,
             (select count(*)::int from audit_events e where e.action = 'lease.expired' and e.entity_id = s.id::text) as released,
             (select count(*)::int from audit_events e where e.action = 'submission.claim' and e.entity_id = s.id::text
                and e.payload->>'previousHolder' = (select id::text from users where email = 'bench40@layanan.go.id')) as taken_over,
             s.status = 'in_review' and s.claimed_by = (select id from users where email = 'bench40@layanan.go.id') as held
      from submissions s where s.id = any(${expired.map((e) => e.id)}::uuid[])`;
    const wrong = leases.filter((l) => l.held || l.released !== 1 || l.taken_over !== 0);
    const released = leases.filter((l) => l.released === 1).length;
    check(
      'each expired lease released once (lease sweeper)',
      expired.length === EXPIRED_LEASES && wrong.length === 0,
      `${expired.length} expired claims: ${released} released by a sweeper, ${leases.filter((l) => l.taken_over === 1).length} taken over by an officer, ${wrong.length} otherwise${wrong.length ? ` (e.g. ${wrong[0].id}: released ${wrong[0].released}×, taken over ${wrong[0].taken_over}×${wrong[0].held ? ', still held' : ''})` : ''}`,
    );

    const events = await sql<{ id: string }[]>`
      select o.id from outbox_events o where o.unit_id = ${units.benchUnitId} and o.created_at >= ${jobsFrom}`;
    const missing = events.filter((e) => !deliveries.has(e.id)).length;
    const twice = [...deliveries.values()].filter((n) => n > 1).length;
    check(
      'each outbox event delivered once (outbox, webhooks)',
      events.length > 0 && missing === 0 && twice === 0,
      `${events.length} events, ${deliveries.size} delivered, ${missing} missing, ${twice} twice; outbox drained ${drainSeconds === null ? 'not within 120 s' : `${drainSeconds.toFixed(0)} s after the window`}`,
    );

    // A checkpoint is redundant when nothing but checkpoint events came after the previous one: a second instance signing again.
    const signed = await sql<{ stream: string; seq: string; redundant: boolean }[]>`
      with c as (select stream, seq, signed_at, lag(seq) over (partition by stream order by seq) as prev from audit_checkpoints)
      select c.stream, c.seq::text, c.prev is not null and not exists (
               select 1 from audit_events e where e.stream = c.stream and e.seq > c.prev and e.seq <= c.seq and e.action <> ${CHECKPOINT_ACTION}) as redundant
      from c where c.signed_at >= ${jobsFrom}`;
    const redundant = signed.filter((s) => s.redundant);
    check(
      'each moved stream signed once (audit checkpoints)',
      signed.length > 0 && redundant.length === 0,
      `${signed.length} checkpoints, ${redundant.length} redundant${redundant.length ? ` (e.g. ${redundant[0].stream} at ${redundant[0].seq})` : ''}`,
    );

    // One refresh per minute's tick at most. Ticks are sent some seconds into their minute, so two in a row may be
    // under a minute apart; a second instance repeating a refresh would be seconds apart.
    const gaps = refreshes.gapsSeconds();
    check(
      'rollups refreshed no more often than due',
      refreshes.count() >= 1 && gaps.every((g) => g >= 30),
      `${refreshes.count()} refreshes, gaps ${gaps.map((g) => g.toFixed(0)).join(', ') || '–'} s`,
    );
    await appSql.end();
    return finish('instances', results, servers);
  } finally {
    await sql.end();
    await Promise.all(servers.map(stopConsole));
    haproxy.kill('SIGTERM');
    receiver.close();
    await pg.stop();
  }
}

function haproxyConfig(port: number, backends: number[]): string {
  return `# Generated by scripts/test-instances.ts (deploy/haproxy.cfg is the deployment's version).
global
  maxconn 2048
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  option forwardfor
frontend console
  bind 127.0.0.1:${port}
  default_backend instances
  stats enable
  stats uri /haproxy-stats
backend instances
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
${backends.map((p, i) => `  server app${i + 1} 127.0.0.1:${p} check inter 1s fall 2 rise 1`).join('\n')}
`;
}

/** Requests each backend served, from HAProxy's statistics (CSV). */
async function servedPerInstance(base: string): Promise<number[]> {
  const csv = await (await fetch(`${base}/haproxy-stats;csv`)).text();
  const [header, ...lines] = csv.replace(/^# /, '').trim().split('\n');
  const cols = header.split(',');
  const at = (name: string) => cols.indexOf(name);
  return lines
    .map((l) => l.split(','))
    .filter((r) => r[at('pxname')] === 'instances' && r[at('svname')].startsWith('app'))
    .map((r) => Number(r[at('stot')]));
}

/** Polls the rollups' refresh times: each distinct time is one refresh. */
function watchRefreshes(sql: postgres.Sql) {
  const seen = new Set<number>();
  let on = true;
  const loop = (async () => {
    while (on) {
      const rows = await sql<{ refreshed_at: Date }[]>`select min(refreshed_at) as refreshed_at from analytics_refreshes`.catch(() => []);
      if (rows[0]?.refreshed_at) seen.add(new Date(rows[0].refreshed_at).getTime());
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  const times = () => [...seen].sort((a, b) => a - b);
  return {
    stop: () => ((on = false), loop),
    count: () => seen.size,
    gapsSeconds: () =>
      times()
        .slice(1)
        .map((t, i) => (t - times()[i]) / 1000),
  };
}

/** Waits until every outbox event is dispatched and every webhook delivery has been made (or given up); the seconds it took, or null. */
async function drained(sql: postgres.Sql, timeoutMs: number): Promise<number | null> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const [{ n }] = await sql<{ n: number }[]>`
      select (select count(*)::int from outbox_events where dispatched_at is null)
           + (select count(*)::int from webhook_deliveries where status not in ('delivered', 'dead')) as n`;
    if (n === 0) return (Date.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

main()
  .then((code) => process.exit(code))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
