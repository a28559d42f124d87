/**
 * The baseline from Postgres's own load driver: pgbench (Debian's
 * postgresql-client) runs the review cycle of pgbench-cycle.sql with prepared
 * statements, at the given number of clients, on the bench's database. Its
 * rate is what Postgres sustains for this cycle on this machine, without any
 * client-side cost of ours; the Node baseline (rawCycle) and every product
 * path are reported as ratios to it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { LoopResult } from './measure';

/** Runs the cycle for `seconds` at `clients`; null when pgbench failed (its output is printed). */
export async function pgbenchCycle(
  binary: string,
  url: string,
  vars: { unit: string; officer: string },
  clients: number,
  seconds: number,
): Promise<LoopResult | null> {
  const script = path.join(process.cwd(), 'scripts/bench/pgbench-cycle.sql');
  // pgbench takes whole seconds.
  seconds = Math.max(1, Math.round(seconds));
  const args = [
    '-n',
    '-M',
    'prepared',
    '-c',
    String(clients),
    '-j',
    String(Math.min(clients, 2)),
    '-T',
    String(seconds),
    '-f',
    script,
    '-D',
    `unit=${vars.unit}`,
    '-D',
    `officer=${vars.officer}`,
    '-r',
    url,
  ];
  const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.once('exit', (code) => resolve({ code, text }));
  });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output.text);
  const latency = /latency average = ([\d.]+) ms/.exec(output.text);
  const failed = /number of failed transactions: (\d+)/.exec(output.text);
  if (output.code !== 0 || !tps) {
    console.log(output.text.split('\n').slice(-15).join('\n'));
    return null;
  }
  const perSecond = Number(tps[1]);
  const avg = latency ? Number(latency[1]) : NaN;
  return { ops: Math.round(perSecond * seconds), errors: failed ? Number(failed[1]) : 0, seconds, perSecond, p50: avg, p95: NaN, p99: NaN };
}
