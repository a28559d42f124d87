/**
 * Reads that supervisors and admins wait for, measured on the generated data:
 * override analytics, policy simulation, the audit explorer and its streaming
 * export, and chain verification. Each entry prepares what the product keeps
 * ready in the background (incremental rollups, folded daily counts) and
 * reports that preparation as its own row, then times what a person waits for.
 */
import type postgres from 'postgres';
import type { Db } from '@/db/client';
import type { Actor } from '@/server/services/core/actor';
import { analyticsDashboard, refreshAnalytics } from '@/server/services/oversight/analytics';
import { exportAuditEvents } from '@/server/services/audit/export';
import { listAuditEvents } from '@/server/services/audit/explorer';
import { verifyStream } from '@/server/services/audit/verify';
import { listOverrides } from '@/server/services/oversight/overrides';
import { simulateThresholds } from '@/server/services/policy/simulation';
import { timeRead } from './measure';
import type { Scale } from './data';

export type ReadContext = { db: Db; sql: postgres.Sql; unitId: string; unitIds: string[]; scale: Scale; supervisor: Actor; admin: Actor };
export type ReadRow = { name: string; value: number; unit: string; target?: string; ok?: boolean };

const RUNS = 10;
const under = (ms: number, limit: number) => ({ target: `< ${limit} ms`, ok: ms < limit });

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export const EXTRA_READS: { name: string; run: (ctx: ReadContext) => Promise<ReadRow[]> }[] = [
  {
    name: 'override analytics',
    async run({ db, sql, supervisor }) {
      const decisions = Number((await sql`select count(*) from decisions`)[0].count);
      // Every week recomputed: what the materialised view did on each refresh before it became incremental.
      const rebuild = await timed(() => sql`select analytics_rebuild()`);
      // What the background job does after a minute of work: this week of every unit changed.
      const [{ week }] = await sql<{ week: string }[]>`select analytics_week(now())::text as week`;
      const [{ n: thisWeek }] = await sql<{ n: number }[]>`
        select count(*)::int as n from decisions where analytics_week(created_at) = ${week}::date and kind in ('human', 'auto')`;
      await sql`insert into analytics_dirty_weeks (unit_id, week) select id, ${week}::date from units`;
      const refresh = await timed(() => refreshAnalytics(db));
      // A year back, so the dashboard covers every generated decision.
      const dashboard = await timeRead(RUNS, () => analyticsDashboard(db, supervisor, { unitId: supervisor.unitId, weeks: 52 }));
      const overrides = await timeRead(RUNS, () => listOverrides(db, supervisor, { unitId: supervisor.unitId }));
      return [
        { name: `analytics rollup rebuild, every week (${decisions.toLocaleString('en')} decisions)`, value: rebuild / 1000, unit: 's' },
        {
          name: `analytics rollup refresh, this week of every unit (${thisWeek.toLocaleString('en')} decisions)`,
          value: refresh / 1000,
          unit: 's',
          target: '< 10 s',
          ok: refresh < 10_000,
        },
        { name: 'analytics dashboard, p95', value: dashboard.p95, unit: 'ms', ...under(dashboard.p95, 300) },
        { name: 'override list (first page), p95', value: overrides.p95, unit: 'ms', ...under(overrides.p95, 300) },
      ];
    },
  },
  {
    name: 'policy simulation',
    async run({ db, sql }) {
      // The capture trigger queued every generated decision; the background fold empties that queue.
      const fold = await timed(async () => {
        while (Number((await sql`select policy_sim_rollup(500000) as n`)[0].n) > 0);
      });
      // The fold leaves the queue empty but full of dead rows, which every simulation's own small fold
      // would scan until autovacuum (a minute at most on a live database) clears them: as autovacuum would.
      await sql`vacuum analyze policy_sim_queue`;
      const sim = await timeRead(RUNS, () => simulateThresholds(db, { serviceCode: 'ktp-el', days: 90, requireAllDocsValid: true, blockedFlags: [] }));
      return [
        { name: 'policy simulation daily-count fold (background)', value: fold / 1000, unit: 's' },
        { name: 'policy simulation (ktp-el, 90 days), p95', value: sim.p95, unit: 'ms', ...under(sim.p95, 300) },
      ];
    },
  },
  {
    name: 'audit explorer',
    async run({ db, sql, admin, unitId, scale }) {
      const page = await timeRead(RUNS, () => listAuditEvents(db, admin, {}, { limit: 50 }));
      const filtered = await timeRead(RUNS, () => listAuditEvents(db, admin, { unitId, action: 'decision.*' }, { limit: 50 }));
      // Streaming export of one million events: time to the last byte, through the same stream the download route sends.
      const exportEvents = Math.min(1_000_000, scale.auditEvents);
      const [{ from }] = await sql<{ from: Date }[]>`
        select occurred_at as "from" from audit_events order by occurred_at desc offset ${exportEvents - 1} limit 1`;
      let bytes = 0;
      let lines = 0;
      const exportMs = await timed(async () => {
        const reader = (await exportAuditEvents(db, admin, { from: new Date(from) }, 'csv')).getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          bytes += r.value.byteLength;
          for (const b of r.value) if (b === 10) lines++;
        }
      });
      const exported = lines - 1; // the header line
      return [
        { name: 'audit explorer first page (all units), p95', value: page.p95, unit: 'ms', ...under(page.p95, 300) },
        { name: 'audit explorer, one unit’s decisions, p95', value: filtered.p95, unit: 'ms', ...under(filtered.p95, 300) },
        { name: `audit export, ${exported.toLocaleString('en')} events as CSV (${(bytes / 1e6).toFixed(0)} MB)`, value: exportMs / 1000, unit: 's' },
        { name: '  export rate', value: exported / (exportMs / 1000), unit: 'events/s' },
      ];
    },
  },
  {
    name: 'chain verification',
    async run({ sql }) {
      const streams = (await sql<{ stream: string }[]>`select stream from audit_heads order by stream`).map((r) => r.stream);
      let checked = 0;
      let broken = 0;
      const ms = await timed(async () => {
        for (const stream of streams) {
          const r = await verifyStream(sql, stream);
          checked += r.checked;
          if (!r.ok) broken++;
        }
      });
      const rate = checked / (ms / 1000);
      return [
        {
          name: `chain verification, ${checked.toLocaleString('en')} events in ${streams.length} streams`,
          value: rate,
          unit: 'events/s',
          target: '≥ 200,000/s',
          ok: rate >= 200_000 && broken === 0,
        },
        { name: '  streams found broken', value: broken, unit: 'count', target: '0', ok: broken === 0 },
      ];
    },
  },
];
