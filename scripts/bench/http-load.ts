/**
 * The product-path load generator, run by scripts/bench.ts as a process of
 * its own: the simulated officers' HTTP client then shares no event loop, heap
 * or connection pool with the benchmark's in-process work, as real browsers
 * would not. Input (JSON, argv[2]): base URL, officers' emails and password,
 * concurrency levels and timings. Output: one JSON line with the results.
 */
import { coresBusy, cpuSeconds, type CpuSplit } from './cpu';
import { closedLoop, type LoopResult } from './measure';
import { httpCycle, requestLatencies, signIn } from './cycles';

type Args = { base: string; emails: string[]; password: string; concurrency: number[]; loopMs: number; warmMs: number };
export type HttpLoadResult = Record<number, LoopResult & { requests: number[]; cpu: CpuSplit }>;

async function main() {
  const args = JSON.parse(process.argv[2]) as Args;
  const officers = await Promise.all(args.emails.map((e) => signIn(args.base, e, args.password)));
  // Every loop ends with the officers giving back the item their last decision claimed.
  const warm = httpCycle(args.base, officers);
  await closedLoop(Math.max(...args.concurrency), args.warmMs, warm);
  await warm.releaseAll();
  const results: HttpLoadResult = {};
  for (const c of args.concurrency) {
    requestLatencies.length = 0;
    const cycle = httpCycle(args.base, officers);
    const [cpu0, t0] = [cpuSeconds(), performance.now()];
    const r = await closedLoop(c, args.loopMs, cycle);
    const cpu = coresBusy(cpu0, cpuSeconds(), (performance.now() - t0) / 1000);
    results[c] = { ...r, requests: [...requestLatencies], cpu };
    await cycle.releaseAll();
  }
  process.stdout.write(JSON.stringify(results) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
