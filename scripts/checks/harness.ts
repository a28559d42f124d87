/**
 * What the fault and multi-instance checks share: the production servers
 * they start (through `npm start`'s own script), the bench data they decide
 * on, and the pass/fail lines they print and hand to `npm test`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { hash } from '@node-rs/argon2';
import { createDb } from '@/db/client';
import { seedDemo } from '@/server/seed';
import { generateData, prepareUnits, type Scale } from '../bench/data';
import { ROOT, waitForHealthy } from '../runtime';

export const PASSWORD = 'Checks#2026';

export type Server = { child: ChildProcess; log: string[]; base: string; exited: Promise<number | null> };

/** `tsx scripts/start.ts` with the given environment; its output is kept to print when a check fails. */
export function startConsole(env: Record<string, string>, args: string[] = ['--no-build']): Server {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', HOST: 'localhost', ...env },
  });
  const log: string[] = [];
  const keep = (d: Buffer) => log.push(...d.toString().split('\n').filter(Boolean));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, log, base: `http://localhost:${env.PORT}`, exited };
}

export async function stopConsole(server: Server) {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 15_000))]);
}

/** Waits for a 200 from /api/health; false after the timeout or as soon as the server process has exited. */
export const healthy = (server: Server, timeoutMs: number): Promise<boolean> =>
  waitForHealthy(server.base, timeoutMs, () => server.child.exitCode === null).then(
    () => true,
    () => false,
  );

/** A small demo (units, services, reason codes) and `pending` items waiting in the first unit, with 40 officers who can sign in with PASSWORD. */
export async function seedWork(url: string, pending: number) {
  const conn = createDb(url, 2);
  await seedDemo(conn.db, { submissions: 12 });
  await conn.sql.end();
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  const scale: Scale = { submissions: pending, decisions: 0, auditEvents: 0, pending, units: 3 };
  const units = await prepareUnits(sql, scale, await hash(PASSWORD));
  await generateData(sql, scale, units);
  await sql.end();
  return { emails: Array.from({ length: 40 }, (_, i) => `bench${i + 1}@layanan.go.id`), units };
}

export type CheckResult = { name: string; ok: boolean; detail: string };

/** Prints the results, writes them for `npm test` (test-results/<name>.json) and returns the exit code. */
export function finish(name: string, results: CheckResult[], servers: Server[]): number {
  console.log(`\n━━━ ${name} ━━━`);
  for (const r of results) console.log(`  ${r.ok ? '✓' : '✗'} ${r.name.padEnd(48)} ${r.detail}`);
  const failed = results.filter((r) => !r.ok).length;
  if (failed) {
    for (const s of servers) {
      console.log(`\n--- last lines of ${s.base} ---`);
      console.log(s.log.slice(-60).join('\n'));
    }
  }
  mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-results', `${name}.json`), JSON.stringify({ passed: results.length - failed, failed, results }, null, 2));
  console.log(`${name}: ${results.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}
