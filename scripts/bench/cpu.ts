/**
 * Where the cores went during a measured window, from /proc (Linux): CPU
 * seconds of the console's server processes (scripts/serve.ts and its cluster
 * workers), of Postgres' processes, and of the caller itself, so a missed
 * throughput target says whether Node, Postgres or the load generator was the
 * limit. It counts every such process on the machine: run the bench alone.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export type CpuSplit = { servers: number; postgres: number; loadGenerator: number };
/** CPU seconds so far of every process of interest, by pid: a process that starts or ends in the window counts only for its own part. */
export type CpuReading = Map<string, { kind: keyof CpuSplit; seconds: number }>;

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function processSeconds(pid: string): number {
  // Fields after the command name, which sits in parentheses and may hold spaces: utime is the 12th, stime the 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export function cpuSeconds(): CpuReading {
  const reading: CpuReading = new Map([[String(process.pid), { kind: 'loadGenerator', seconds: processSeconds(String(process.pid)) }]]);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || pid === String(process.pid)) continue;
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm === 'postgres') reading.set(pid, { kind: 'postgres', seconds: processSeconds(pid) });
      else if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('scripts/serve.ts')) reading.set(pid, { kind: 'servers', seconds: processSeconds(pid) });
    } catch {
      // the process ended between the listing and the read
    }
  }
  return reading;
}

/**
 * Cores busy on average between two readings `seconds` apart, per process:
 * one that started in the window counts from zero; one that ended in it is
 * missed (Postgres backends of a pool live for the whole run).
 */
export function coresBusy(before: CpuReading, after: CpuReading, seconds: number): CpuSplit {
  const split: CpuSplit = { servers: 0, postgres: 0, loadGenerator: 0 };
  for (const [pid, now] of after) split[now.kind] += Math.max(0, now.seconds - (before.get(pid)?.seconds ?? 0)) / seconds;
  return split;
}
