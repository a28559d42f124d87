/** Timing helpers: closed-loop workers for a fixed time, percentiles, repeated reads. */
export type LoopResult = { ops: number; errors: number; seconds: number; perSecond: number; p50: number; p95: number; p99: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `workers` concurrent loops of `op` for `ms`; each op's latency is recorded. An op returning false means "nothing left". */
export async function closedLoop(workers: number, ms: number, op: (worker: number) => Promise<boolean>): Promise<LoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + ms;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < deadline) {
        const s = performance.now();
        try {
          if (!(await op(w))) return;
          latencies.push(performance.now() - s);
        } catch (e) {
          errors++;
          if (errors <= 3) console.error(`    error: ${(e as Error).message.slice(0, 200)}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

export type ReadResult = { runs: number; p50: number; p95: number; max: number };

/**
 * Repeats a read and reports its latency distribution in ms. A few warm-up
 * runs first: a running console has its connections open and its statements
 * prepared, and that steady state is what a person waits in.
 */
export async function timeRead(runs: number, read: (i: number) => Promise<unknown>, warmUp = 5): Promise<ReadResult> {
  for (let i = 0; i < warmUp; i++) await read(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await read(i);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return { runs, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
}
