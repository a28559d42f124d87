import { afterEach, describe, expect, it, vi } from 'vitest';
import { toMetrics } from '@/server/services/oversight/analytics';
import { modelFlag, officerFlags } from '@/server/services/oversight/bias-watch';
import { DEFAULT_QA_SAMPLE_KEY, isSampledForQa, qaSampleKey, qaSampleScore } from '@/server/services/oversight/sampling';
import { DEFAULT_BIAS_THRESHOLDS } from '@/server/services/oversight/settings';
import { cohensKappa, confusionMatrix, histogramQuantile, rate, TIME_BUCKETS, timeBucket, wilson } from '@/server/services/core/stats';

describe('Wilson score interval', () => {
  // Reference values: Newcombe (1998), Statistics in Medicine 17:857–872, table I (method 3).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → %f–%f', (k, n, lo, hi) => {
    const ci = wilson(k, n)!;
    expect(ci.lo).toBeCloseTo(lo, 4);
    expect(ci.hi).toBeCloseTo(hi, 4);
  });

  it('is symmetric, stays inside [0, 1], and is undefined without trials', () => {
    const a = wilson(3, 10)!;
    const b = wilson(7, 10)!;
    expect(a.lo).toBeCloseTo(1 - b.hi, 12);
    expect(wilson(10, 10)!.hi).toBe(1);
    expect(wilson(0, 0)).toBeNull();
    expect(rate(0, 0)).toEqual({ k: 0, n: 0, p: null, lo: null, hi: null });
    expect(rate(1, 4).p).toBe(0.25);
  });
});

describe("Cohen's kappa", () => {
  it('matches the textbook 2×2 example (κ = 0.4)', () => {
    // 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
    expect(
      cohensKappa([
        [20, 5],
        [10, 15],
      ]),
    ).toBeCloseTo(0.4, 12);
  });

  it('is 1 for perfect agreement, 0 at chance, and undefined for a single category or no items', () => {
    expect(
      cohensKappa([
        [5, 0, 0],
        [0, 3, 0],
        [0, 0, 2],
      ]),
    ).toBe(1);
    expect(
      cohensKappa([
        [25, 25],
        [25, 25],
      ]),
    ).toBeCloseTo(0, 12);
    expect(
      cohensKappa([
        [4, 0],
        [0, 0],
      ]),
    ).toBeNull();
    expect(cohensKappa([[0]])).toBeNull();
  });

  it('builds the matrix over the outcome categories', () => {
    const m = confusionMatrix(
      ['approve', 'reject', 'request_info'],
      [
        { first: 'approve', second: 'approve', n: 3 },
        { first: 'approve', second: 'reject', n: 1 },
        { first: 'reject', second: 'reject', n: 1 },
        { first: 'escalate', second: 'approve', n: 9 },
      ],
    );
    expect(m).toEqual([
      [3, 1, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
    // po 0.8, pe 0.56 → 0.24 / 0.44
    expect(cohensKappa(m)).toBeCloseTo(0.24 / 0.44, 12);
  });
});

describe('time histogram', () => {
  it('puts times in the same buckets as width_bucket in the rollup', () => {
    expect(timeBucket(0)).toBe(0);
    expect(timeBucket(4_999)).toBe(0);
    expect(timeBucket(5_000)).toBe(1);
    expect(timeBucket(10_000)).toBe(2);
    expect(timeBucket(120_000)).toBe(9);
    expect(timeBucket(3_600_000)).toBe(15);
    expect(timeBucket(99_000_000)).toBe(TIME_BUCKETS - 1);
  });

  it('estimates quantiles by interpolating inside the bucket', () => {
    const h = Array<number>(TIME_BUCKETS).fill(0);
    h[2] = 10; // 10–15 s
    h[7] = 1; // 60–90 s
    h[9] = 2; // 120–180 s
    h[10] = 1; // 180–300 s
    expect(histogramQuantile(h, 0.5)).toBeCloseTo(13_500, 9);
    expect(histogramQuantile(h, 0.9)).toBeCloseTo(168_000, 9);
    expect(histogramQuantile(Array<number>(TIME_BUCKETS).fill(0), 0.5)).toBeNull();
    const open = Array<number>(TIME_BUCKETS).fill(0);
    open[TIME_BUCKETS - 1] = 3;
    expect(histogramQuantile(open, 0.5)).toBe(3_600_000);
  });
});

describe('QA sampling by keyed hash', () => {
  it('is the documented HMAC-SHA256 computation, so an auditor can recompute it', () => {
    // printf %s ID | openssl dgst -sha256 -hmac layanan-review-qa-sample-v1 → af06f7d43fa6…
    const id = '0b6f6a57-3e0b-4f5b-9a55-2f1c8d6f4a10';
    expect(qaSampleScore(id, DEFAULT_QA_SAMPLE_KEY)).toBeCloseTo(0xaf06f7d43fa6 / 2 ** 48, 15);
    expect(qaSampleScore(id.toUpperCase(), DEFAULT_QA_SAMPLE_KEY)).toBe(qaSampleScore(id, DEFAULT_QA_SAMPLE_KEY));
    expect(isSampledForQa(id, 0.68, DEFAULT_QA_SAMPLE_KEY)).toBe(false);
    expect(isSampledForQa(id, 0.69, DEFAULT_QA_SAMPLE_KEY)).toBe(true);
    expect(qaSampleScore(id, 'another-key')).not.toBe(qaSampleScore(id, DEFAULT_QA_SAMPLE_KEY));
  });

  describe('the key', () => {
    afterEach(() => vi.unstubAllEnvs());
    it('is the installation’s own; a production server never falls back to the public demo key', () => {
      vi.stubEnv('QA_SAMPLE_KEY', 'kunci-instalasi-ini');
      expect(qaSampleKey()).toBe('kunci-instalasi-ini');
      vi.stubEnv('QA_SAMPLE_KEY', '');
      vi.stubEnv('NODE_ENV', 'production');
      expect(() => qaSampleKey()).toThrow(/QA_SAMPLE_KEY is not set/);
      expect(() => isSampledForQa('0b6f6a57-3e0b-4f5b-9a55-2f1c8d6f4a10', 0.5)).toThrow(/QA_SAMPLE_KEY/);
      vi.stubEnv('NODE_ENV', 'test');
      expect(qaSampleKey()).toBe(DEFAULT_QA_SAMPLE_KEY);
    });
  });

  it('samples about the configured share, never at 0 and always at 1', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const share = ids.filter((id) => isSampledForQa(id, 0.1, 'k')).length / ids.length;
    expect(share).toBeGreaterThan(0.085);
    expect(share).toBeLessThan(0.115);
    expect(ids.some((id) => isSampledForQa(id, 0, 'k'))).toBe(false);
    expect(ids.every((id) => isSampledForQa(id, 1, 'k'))).toBe(true);
  });
});

describe('automation-bias rules', () => {
  const counts = (over: Partial<Record<string, number>>, hist: number[] = Array<number>(TIME_BUCKETS).fill(0)) =>
    toMetrics({
      rated: 0,
      agreed: 0,
      overridden: 0,
      outcome_changed: 0,
      verdict_changed: 0,
      answer_edited: 0,
      human_decisions: 0,
      escalated: 0,
      approved: 0,
      rejected: 0,
      info_requested: 0,
      sla_met: 0,
      sla_breached: 0,
      auto_approved: 0,
      approvals_with_docs: 0,
      approvals_unopened: 0,
      time_total_ms: 0,
      hist,
      ...over,
    } as Parameters<typeof toMetrics>[0]);
  const fastHist = Array<number>(TIME_BUCKETS).fill(0);
  fastHist[1] = 50; // all in 5–10 s

  it('flags high agreement with short median time, and approvals without opening documents', () => {
    const t = DEFAULT_BIAS_THRESHOLDS;
    expect(officerFlags(counts({ rated: 50, agreed: 50, human_decisions: 50 }, fastHist), t).flags).toEqual(['fast_agreement']);
    expect(officerFlags(counts({ rated: 50, agreed: 45, human_decisions: 50 }, fastHist), t).flags).toEqual([]);
    expect(officerFlags(counts({ rated: 50, agreed: 50, approvals_with_docs: 10, approvals_unopened: 3, human_decisions: 50 }), t).flags).toEqual([
      'unopened_documents',
    ]);
    expect(officerFlags(counts({ rated: 50, agreed: 50, approvals_with_docs: 10, approvals_unopened: 2, human_decisions: 50 }), t).flags).toEqual([]);
    // Too few decisions: not judged at all.
    expect(officerFlags(counts({ rated: 5, agreed: 5, human_decisions: 5 }, fastHist), t)).toEqual({ judged: false, flags: [] });
  });

  it('flags a model version whose override rate rose by the threshold, with enough decisions in both periods', () => {
    const t = { ...DEFAULT_BIAS_THRESHOLDS, minDecisions: 20, modelRiseAtLeast: 0.05 };
    expect(modelFlag(rate(2, 40), rate(6, 40), t)).toMatchObject({ judged: true, flagged: true });
    expect(modelFlag(rate(2, 40), rate(3, 40), t).flagged).toBe(false);
    expect(modelFlag(rate(0, 10), rate(9, 40), t)).toMatchObject({ judged: false, flagged: false });
    expect(modelFlag(rate(0, 0), rate(9, 40), t).rise).toBeNull();
  });
});
