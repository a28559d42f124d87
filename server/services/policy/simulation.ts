/**
 * "What if the threshold were t?", replayed on the last N days of items a
 * person decided: for every threshold 0.50–0.99 the share of items the
 * policy would have approved automatically (coverage) and, of those, the
 * share where the person decided otherwise (estimated error), each with a
 * 95% Wilson interval.
 *
 * One SQL statement over policy_sim_daily (counts per service, Jakarta day
 * and confidence bucket) plus the rows still in policy_sim_queue (migration
 * 0009): a histogram by confidence percent, then cumulative sums over the
 * 50 thresholds. Every final human decision on an AI suggestion is queued by
 * a trigger; the queue is folded into the daily counts before reading (one
 * caller at a time, at most ROLLUP_BATCH rows), so the read stays ~100,000
 * rows at 2,000,000 decisions. The daily cap is not simulated: it limits
 * volume, not which items qualify.
 */
import { ALWAYS_BLOCKED_FLAGS } from '@/lib/policy-rules';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { wilson } from '../core/stats';

export const SIM_MIN_PCT = 50;
export const SIM_MAX_PCT = 99;

export type SimulationInput = {
  serviceCode: string;
  days: number;
  requireAllDocsValid: boolean;
  blockedFlags: string[];
};

export type SimulationPoint = {
  /** Threshold, 0.50–0.99. */
  threshold: number;
  /** Items the policy would have approved automatically. */
  covered: number;
  /** Of those, items the person decided otherwise (reject or request documents). */
  wrong: number;
  coverage: number | null;
  coverageLo: number | null;
  coverageHi: number | null;
  error: number | null;
  errorLo: number | null;
  errorHi: number | null;
};

export type SimulationResult = {
  serviceCode: string;
  days: number;
  /** Human final decisions on AI suggestions in the window: the denominator of coverage. */
  total: number;
  points: SimulationPoint[];
  elapsedMs: number;
};

/** Queued rows folded into the daily counts per simulation; the rest is read from the queue directly. */
const ROLLUP_BATCH = 100_000;

export async function simulateThresholds(db: DbOrTx, input: SimulationInput): Promise<SimulationResult> {
  const t0 = performance.now();
  await db.execute(sql`select policy_sim_rollup(${ROLLUP_BATCH}::int)`);
  // Flags no policy can allow (an unread or unsure document, a refused draft) block in the simulation as in evaluatePolicy.
  const blockedFlags = [...new Set([...input.blockedFlags, ...ALWAYS_BLOCKED_FLAGS])];
  const blocked = `{${blockedFlags.map((f) => `"${f.replace(/["\\]/g, '')}"`).join(',')}}`;
  const rows = await db.execute<{ pct: number; total: string; covered: string; wrong: string }>(sql`
    with buckets as (
      select confidence_pct, docs_all_valid, flags, differs, n
      from policy_sim_daily
      where service_code = ${input.serviceCode}
        and day > (now() at time zone 'Asia/Jakarta')::date - ${input.days}::int
      union all
      select confidence_pct, docs_all_valid, flags, differs, 1
      from policy_sim_queue
      where service_code = ${input.serviceCode}
        and day > (now() at time zone 'Asia/Jakarta')::date - ${input.days}::int
    ), hist as (
      select confidence_pct as pct,
             sum(n) as all_n,
             coalesce(sum(n) filter (where eligible), 0) as n,
             coalesce(sum(n) filter (where eligible and differs), 0) as wrong
      from (
        select confidence_pct, differs, n,
               (docs_all_valid or not ${input.requireAllDocsValid}::boolean) and not (flags && ${blocked}::text[]) as eligible
        from buckets
      ) b
      group by confidence_pct
    )
    select t.pct::int as pct,
           (select coalesce(sum(all_n), 0) from hist)::bigint as total,
           coalesce(sum(h.n), 0)::bigint as covered,
           coalesce(sum(h.wrong), 0)::bigint as wrong
    from generate_series(${SIM_MIN_PCT}::int, ${SIM_MAX_PCT}::int) as t(pct)
    left join hist h on h.pct >= t.pct
    group by t.pct
    order by t.pct`);
  const total = Number(rows[0]?.total ?? 0);
  const points = rows.map((r) => {
    const covered = Number(r.covered);
    const wrong = Number(r.wrong);
    const cov = wilson(covered, total);
    const err = wilson(wrong, covered);
    return {
      threshold: r.pct / 100,
      covered,
      wrong,
      coverage: total > 0 ? covered / total : null,
      coverageLo: cov?.lo ?? null,
      coverageHi: cov?.hi ?? null,
      error: covered > 0 ? wrong / covered : null,
      errorLo: err?.lo ?? null,
      errorHi: err?.hi ?? null,
    };
  });
  return { serviceCode: input.serviceCode, days: input.days, total, points, elapsedMs: Math.round(performance.now() - t0) };
}
