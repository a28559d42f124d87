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

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function processSeconds(pid: string): number {
  // Fields after the command name, which sits in parentheses and may hold spaces: utime is the 12th, stime the 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export function cpuSeconds(): CpuSplit {
  const split: CpuSplit = { servers: 0, postgres: 0, loadGenerator: processSeconds(String(process.pid)) };
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || pid === String(process.pid)) continue;
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm === 'postgres') split.postgres += processSeconds(pid);
      else if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('scripts/serve.ts')) split.servers += processSeconds(pid);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return split;
}

/** Cores busy on average between two readings `seconds` apart. */
export function coresBusy(before: CpuSplit, after: CpuSplit, seconds: number): CpuSplit {
  const per = (k: keyof CpuSplit) => Math.max(0, after[k] - before[k]) / seconds;
  return { servers: per('servers'), postgres: per('postgres'), loadGenerator: per('loadGenerator') };
}
