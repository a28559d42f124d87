/**
 * The supervisor's analytics dashboard, read from the rollups of migrations
 * 0007 and 0016 (never from raw decisions), so it answers in milliseconds at
 * millions of decisions. A background job refreshes them incrementally (only
 * the unit × weeks that changed); every answer says how fresh it is.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { services, users } from '@/db/schema';
import { FINAL_OUTCOMES } from '@/lib/vocabulary';
import type { Actor } from '../core/actor';
import { DomainError } from '../core/errors';
import { oversightUnit, oversightUnits } from './scope';
import { cohensKappa, confusionMatrix, histogramQuantile, rate, TIME_BUCKETS, type Rate } from '../core/stats';

export const DIMENSIONS = ['officer', 'service', 'model', 'channel', 'kecamatan'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Refreshes every rollup (one refresher at a time across instances). False when another refresh is running. */
export async function refreshAnalytics(db: DbOrTx): Promise<boolean> {
  const rows = await db.execute<{ ok: boolean }>(sql`select analytics_refresh() as ok`);
  return rows[0]?.ok === true;
}

/**
 * For the background job, ticking often: refreshes when the last refresh is
 * older than `minIntervalMs` and than ten times its own duration, so refresh
 * work stays under a tenth of the database's time at any data size.
 */
export async function refreshAnalyticsIfDue(db: DbOrTx, minIntervalMs = 60_000): Promise<boolean> {
  const [row] = await db.execute<{ age_ms: number | null; duration_ms: number | null }>(sql`
    select extract(epoch from now() - min(refreshed_at)) * 1000 as age_ms, max(duration_ms) as duration_ms from analytics_refreshes`);
  const age = row?.age_ms === null || row?.age_ms === undefined ? Number.POSITIVE_INFINITY : Number(row.age_ms);
  const duration = Number(row?.duration_ms ?? 0);
  if (age < Math.max(minIntervalMs, 10 * duration)) return false;
  return refreshAnalytics(db);
}

const COUNT_COLUMNS = [
  'rated',
  'agreed',
  'overridden',
  'outcome_changed',
  'verdict_changed',
  'answer_edited',
  'human_decisions',
  'escalated',
  'approved',
  'rejected',
  'info_requested',
  'sla_met',
  'sla_breached',
  'auto_approved',
  'approvals_with_docs',
  'approvals_unopened',
] as const;
const HIST_COLUMNS = Array.from({ length: TIME_BUCKETS }, (_, i) => `h${i}`);

type Counts = Record<(typeof COUNT_COLUMNS)[number], number> & { time_total_ms: number; hist: number[] };

/** `sum(col)::float8 as col` for every counter, so postgres.js returns numbers. */
const SUMS = sql.raw([...COUNT_COLUMNS, 'time_total_ms', ...HIST_COLUMNS].map((c) => `coalesce(sum(${c}), 0)::float8 as ${c}`).join(', '));

function toCounts(r: Record<string, unknown>): Counts {
  const out = Object.fromEntries(COUNT_COLUMNS.map((c) => [c, Number(r[c] ?? 0)])) as unknown as Counts;
  out.time_total_ms = Number(r.time_total_ms ?? 0);
  out.hist = HIST_COLUMNS.map((c) => Number(r[c] ?? 0));
  return out;
}

export type Metrics = {
  /** Final human decisions on an AI suggestion: the base of agreement and override rates. */
  rated: number;
  humanDecisions: number;
  escalated: number;
  approved: number;
  rejected: number;
  infoRequested: number;
  autoApproved: number;
  slaMet: number;
  slaBreached: number;
  approvalsWithDocs: number;
  approvalsUnopened: number;
  agreement: Rate;
  /** Outcome changed or a document verdict changed. */
  override: Rate;
  outcomeChanged: Rate;
  verdictChanged: Rate;
  answerEdited: Rate;
  /** Rejections among all final decisions (human and automatic). */
  rejection: Rate;
  slaMetRate: Rate;
  unopened: Rate;
  timeMedianMs: number | null;
  timeP90Ms: number | null;
  timeMeanMs: number | null;
};

export function toMetrics(c: Counts): Metrics {
  const finals = c.approved + c.rejected + c.info_requested;
  return {
    rated: c.rated,
    humanDecisions: c.human_decisions,
    escalated: c.escalated,
    approved: c.approved,
    rejected: c.rejected,
    infoRequested: c.info_requested,
    autoApproved: c.auto_approved,
    slaMet: c.sla_met,
    slaBreached: c.sla_breached,
    approvalsWithDocs: c.approvals_with_docs,
    approvalsUnopened: c.approvals_unopened,
    agreement: rate(c.agreed, c.rated),
    override: rate(c.overridden, c.rated),
    outcomeChanged: rate(c.outcome_changed, c.rated),
    verdictChanged: rate(c.verdict_changed, c.rated),
    answerEdited: rate(c.answer_edited, c.rated),
    rejection: rate(c.rejected, finals),
    slaMetRate: rate(c.sla_met, c.sla_met + c.sla_breached),
    unopened: rate(c.approvals_unopened, c.approvals_with_docs),
    timeMedianMs: histogramQuantile(c.hist, 0.5),
    timeP90Ms: histogramQuantile(c.hist, 0.9),
    timeMeanMs: c.human_decisions > 0 ? c.time_total_ms / c.human_decisions : null,
  };
}

export type Period = { from: string; to: string };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The weeks covered: from the Monday of `from`'s week to `to` (Asia/Jakarta dates). Default: the last 12 weeks. */
export async function resolvePeriod(db: DbOrTx, input: { from?: string; to?: string; weeks?: number }): Promise<Period & { fromWeek: string }> {
  for (const d of [input.from, input.to]) if (d !== undefined && !ISO_DATE.test(d)) throw new DomainError('INVALID_INPUT', 'Dates are YYYY-MM-DD');
  const weeks = input.weeks ?? 12;
  const [row] = await db.execute<{ from_date: string; to_date: string; from_week: string }>(sql`
    with p as (
      select coalesce(${input.to ?? null}::date, (now() at time zone 'Asia/Jakarta')::date) as to_date)
    select to_char(coalesce(${input.from ?? null}::date, p.to_date - (${weeks} * 7 - 1)), 'YYYY-MM-DD') as from_date,
           to_char(p.to_date, 'YYYY-MM-DD') as to_date,
           to_char(date_trunc('week', coalesce(${input.from ?? null}::date, p.to_date - (${weeks} * 7 - 1)))::date, 'YYYY-MM-DD') as from_week
    from p`);
  if (row.from_date > row.to_date) throw new DomainError('INVALID_INPUT', 'The period ends before it starts');
  return { from: row.from_date, to: row.to_date, fromWeek: row.from_week };
}

const unitCond = (unitId: string | null): SQL => (unitId ? sql`unit_id = ${unitId}` : sql`true`);

/** Rollup counters summed per dimension key over the weeks of the period. */
export async function metricsByDimension(
  db: DbOrTx,
  unitId: string | null,
  period: { fromWeek: string; to: string },
  dims: readonly string[],
): Promise<{ dim: string; key: string; counts: Counts }[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select dim, key, ${SUMS}
    from analytics_decision_rollup
    where ${unitCond(unitId)} and dim in ${sql`(${sql.join(
      dims.map((d) => sql`${d}`),
      sql`, `,
    )})`}
      and week >= ${period.fromWeek}::date and week <= ${period.to}::date
    group by dim, key`);
  return rows.map((r) => ({ dim: String(r.dim), key: String(r.key), counts: toCounts(r) }));
}

async function weekly(db: DbOrTx, unitId: string | null, period: { fromWeek: string; to: string }) {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select to_char(week, 'YYYY-MM-DD') as week, to_char(week, 'IYYY-"W"IW') as iso_week, ${SUMS}
    from analytics_decision_rollup
    where ${unitCond(unitId)} and dim = 'all' and week >= ${period.fromWeek}::date and week <= ${period.to}::date
    group by week order by week`);
  return rows.map((r) => ({ week: String(r.week), isoWeek: String(r.iso_week), counts: toCounts(r) }));
}

export type QaStats = { n: number; agreement: Rate; kappa: number | null; matrix: number[][] };
/** One cell of a QA confusion matrix, in one of three groupings (by service, by first decider, by week). */
type QaCell = { set: 'service' | 'officer' | 'week'; key: string; source: string; first: string; second: string; n: number };

export function qaStats(cells: { first: string; second: string; n: number }[]): QaStats {
  const matrix = confusionMatrix(FINAL_OUTCOMES, cells);
  const n = cells.reduce((s, c) => s + c.n, 0);
  const agreed = cells.filter((c) => c.first === c.second).reduce((s, c) => s + c.n, 0);
  return { n, agreement: rate(agreed, n), kappa: cohensKappa(matrix), matrix };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** The QA matrix cells summed in SQL per service, per first decider and per week: a few hundred rows at any size. */
async function qaCells(db: DbOrTx, unitId: string | null, period: { fromWeek: string; to: string }): Promise<QaCell[]> {
  const rows = await db.execute<{
    g_service: number;
    g_officer: number;
    key: string;
    source: string;
    first_outcome: string;
    second_outcome: string;
    n: number;
  }>(sql`
    select grouping(service) as g_service, grouping(officer) as g_officer,
           coalesce(service, officer, to_char(week, 'YYYY-MM-DD')) as key, source, first_outcome, second_outcome, sum(n)::int as n
    from analytics_qa_rollup
    where ${unitCond(unitId)} and week >= ${period.fromWeek}::date and week <= ${period.to}::date
    group by grouping sets ((service, source, first_outcome, second_outcome), (officer, source, first_outcome, second_outcome), (week, source, first_outcome, second_outcome))`);
  return rows.map((r) => ({
    set: Number(r.g_service) === 0 ? 'service' : Number(r.g_officer) === 0 ? 'officer' : 'week',
    key: r.key,
    source: r.source,
    first: r.first_outcome,
    second: r.second_outcome,
    n: Number(r.n),
  }));
}

export async function lastRefresh(db: DbOrTx): Promise<Date | null> {
  const [row] = await db.execute<{ at: Date | string | null }>(sql`select min(refreshed_at) as at from analytics_refreshes`);
  return row?.at ? new Date(row.at) : null;
}

async function labels(db: DbOrTx, officerIds: string[], serviceCodes: string[]) {
  const uuid = /^[0-9a-f-]{36}$/i;
  const ids = officerIds.filter((k) => uuid.test(k));
  const [people, svc] = await Promise.all([
    ids.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : Promise.resolve([]),
    serviceCodes.length
      ? db.select({ code: services.code, nameId: services.nameId, nameEn: services.nameEn }).from(services).where(inArray(services.code, serviceCodes))
      : Promise.resolve([]),
  ]);
  return {
    officer: new Map(people.map((p) => [p.id, p.name])),
    service: new Map(svc.map((s) => [s.code, { nameId: s.nameId, nameEn: s.nameEn }])),
  };
}

export type DimensionRow = { key: string; label: string; labelEn?: string; metrics: Metrics };

export async function analyticsDashboard(db: DbOrTx, actor: Actor, input: { unitId?: string | null; from?: string; to?: string; weeks?: number }) {
  const unitId = oversightUnit(actor, input.unitId);
  const period = await resolvePeriod(db, input);
  const [dimRows, weekRows, cells, refreshedAt, unitList] = await Promise.all([
    metricsByDimension(db, unitId, period, ['all', ...DIMENSIONS]),
    weekly(db, unitId, period),
    qaCells(db, unitId, period),
    lastRefresh(db),
    oversightUnits(db, actor),
  ]);
  const byDim = groupBy(dimRows, (r) => r.dim);
  const lab = await labels(
    db,
    [...(byDim.get('officer') ?? []).map((r) => r.key), ...new Set(cells.filter((c) => c.set === 'officer').map((c) => c.key))],
    [...(byDim.get('service') ?? []).map((r) => r.key), ...new Set(cells.filter((c) => c.set === 'service').map((c) => c.key))],
  );
  const labelOf = (dim: string, key: string): { label: string; labelEn?: string } => {
    if (dim === 'officer') return { label: key === '' ? 'auto' : (lab.officer.get(key) ?? key) };
    if (dim === 'service') {
      const s = lab.service.get(key);
      return s ? { label: s.nameId, labelEn: s.nameEn } : { label: key };
    }
    return { label: key };
  };
  const empty = toCounts({});
  const totals = toMetrics(byDim.get('all')?.[0]?.counts ?? empty);
  const by = Object.fromEntries(
    DIMENSIONS.map((dim) => [
      dim,
      (byDim.get(dim) ?? [])
        .map((r): DimensionRow => ({ key: r.key, ...labelOf(dim, r.key), metrics: toMetrics(r.counts) }))
        .sort((a, b) => b.metrics.rated + b.metrics.autoApproved - (a.metrics.rated + a.metrics.autoApproved) || a.label.localeCompare(b.label)),
    ]),
  ) as Record<Dimension, DimensionRow[]>;

  // The 'service' grouping covers every QA item once: totals come from it.
  const all = cells.filter((c) => c.set === 'service');
  const human = all.filter((c) => c.source !== 'auto_sample');
  const auto = all.filter((c) => c.source === 'auto_sample');
  const qaBy = (items: QaCell[], dim: 'service' | 'officer') =>
    [...groupBy(items, (c) => c.key)].map(([k, list]) => ({ key: k, ...labelOf(dim, k), stats: qaStats(list) })).sort((a, b) => b.stats.n - a.stats.n);
  const weeklyQa = groupBy(
    cells.filter((c) => c.set === 'week' && c.source === 'auto_sample'),
    (c) => c.key,
  );

  return {
    refreshedAt,
    period: { from: period.from, to: period.to, fromWeek: period.fromWeek },
    unitId,
    units: unitList,
    totals,
    weekly: weekRows.map((w) => {
      const autoCells = weeklyQa.get(w.week) ?? [];
      const n = autoCells.reduce((s, c) => s + c.n, 0);
      const wrong = autoCells.filter((c) => c.first !== c.second).reduce((s, c) => s + c.n, 0);
      return { week: w.week, isoWeek: w.isoWeek, metrics: toMetrics(w.counts), autoQaError: rate(wrong, n) };
    }),
    by,
    qa: {
      overall: qaStats(all),
      human: qaStats(human),
      auto: qaStats(auto),
      /** Share of sampled automatic approvals the second reviewer would not have approved. */
      autoErrorRate: (() => {
        const s = qaStats(auto);
        return rate(s.n - s.agreement.k, s.n);
      })(),
      byService: qaBy(all, 'service'),
      byOfficer: qaBy(
        cells.filter((c) => c.set === 'officer' && c.source !== 'auto_sample'),
        'officer',
      ),
    },
  };
}
