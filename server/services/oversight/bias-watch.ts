/**
 * Automation-bias watch: people who may be rubber-stamping the AI, and model
 * versions that people correct more and more. Numbers come from the rollups;
 * the evidence (sample tickets) from a few indexed look-ups per flagged officer.
 * A flag is an invitation to look and talk, not a verdict on a person.
 */
import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from '../core/actor';
import { metricsByDimension, toMetrics, type Metrics } from './analytics';
import { env } from '@/lib/env';
import { oversightUnit } from './scope';
import { revealWatch } from '../review/personal-data';
import { getSetting, saveSetting, type BiasThresholds } from './settings';
import { rate, type Rate } from '../core/stats';

export type OfficerFlag = 'fast_agreement' | 'unopened_documents';

export type BiasSample = { submissionId: string; ticket: string; decidedAt: Date; timeSpentMs: number; outcome: string };

export type OfficerWatch = {
  officerId: string;
  name: string;
  metrics: Metrics;
  judged: boolean;
  flags: OfficerFlag[];
  samples: { fast: BiasSample[]; unopened: BiasSample[] };
};

export type ModelWatch = { model: string; previous: Rate; current: Rate; rise: number | null; judged: boolean; flagged: boolean };

/** Officer flags from their period metrics: pure, so the rules are unit-tested. */
export function officerFlags(m: Metrics, t: BiasThresholds): { judged: boolean; flags: OfficerFlag[] } {
  const judged = m.rated >= t.minDecisions;
  if (!judged) return { judged, flags: [] };
  const flags: OfficerFlag[] = [];
  if ((m.agreement.p ?? 0) >= t.agreementAtLeast && m.timeMedianMs !== null && m.timeMedianMs < t.medianSecondsBelow * 1000) {
    flags.push('fast_agreement');
  }
  if (m.approvalsWithDocs > 0 && (m.unopened.p ?? 0) >= t.unopenedShareAtLeast) flags.push('unopened_documents');
  return { judged, flags };
}

export function modelFlag(previous: Rate, current: Rate, t: BiasThresholds): { rise: number | null; judged: boolean; flagged: boolean } {
  const judged = previous.n >= t.minDecisions && current.n >= t.minDecisions;
  const rise = previous.p !== null && current.p !== null ? current.p - previous.p : null;
  // A small tolerance so 0.05 - 0.0 computed in floating point still counts as a 5-point rise.
  return { rise, judged, flagged: judged && rise !== null && rise >= t.modelRiseAtLeast - 1e-9 };
}

async function periods(db: DbOrTx, weeks: number) {
  const [row] = await db.execute<{ cur_from: string; cur_to: string; prev_from: string; prev_to: string }>(sql`
    with w as (select date_trunc('week', (now() at time zone 'Asia/Jakarta')::date)::date as this_week)
    select to_char(this_week - (${weeks} - 1) * 7, 'YYYY-MM-DD') as cur_from,
           to_char((now() at time zone 'Asia/Jakarta')::date, 'YYYY-MM-DD') as cur_to,
           to_char(this_week - (2 * ${weeks} - 1) * 7, 'YYYY-MM-DD') as prev_from,
           to_char(this_week - (${weeks} - 1) * 7 - 1, 'YYYY-MM-DD') as prev_to
    from w`);
  return {
    current: { fromWeek: row.cur_from, to: row.cur_to },
    previous: { fromWeek: row.prev_from, to: row.prev_to },
  };
}

async function samples(db: DbOrTx, officerId: string, unitId: string | null, fromWeek: string, which: OfficerFlag): Promise<BiasSample[]> {
  const unit = unitId ? sql`and d.unit_id = ${unitId}` : sql``;
  const filter =
    which === 'fast_agreement'
      ? sql`and d.agrees_with_ai and d.outcome <> 'escalate' order by d.time_spent_ms asc, d.created_at desc`
      : sql`and d.outcome = 'approve'
            and exists (select 1 from attachments at where at.submission_id = d.submission_id)
            and not exists (select 1 from attachments at join document_views dv on dv.attachment_id = at.id
                            where at.submission_id = d.submission_id and dv.user_id = d.actor_id and dv.first_viewed_at <= d.created_at)
            order by d.created_at desc`;
  const rows = await db.execute<{ submission_id: string; ticket: string; created_at: Date | string; time_spent_ms: number; outcome: string }>(sql`
    select d.submission_id, s.ticket, d.created_at, d.time_spent_ms, d.outcome
    from decisions d join submissions s on s.id = d.submission_id
    where d.actor_id = ${officerId} and d.kind = 'human' ${unit}
      and d.created_at >= (${fromWeek}::date::timestamp at time zone 'Asia/Jakarta')
      ${filter}
    limit 5`);
  return rows.map((r) => ({
    submissionId: r.submission_id,
    ticket: r.ticket,
    decidedAt: new Date(r.created_at),
    timeSpentMs: Number(r.time_spent_ms),
    outcome: r.outcome,
  }));
}

export async function biasWatch(db: DbOrTx, actor: Actor, input: { unitId?: string | null }) {
  const unitId = oversightUnit(actor, input.unitId);
  const setting = await getSetting(db, 'bias_watch', unitId);
  const t = setting.value;
  const p = await periods(db, t.periodWeeks);
  const [officerRows, modelNow, modelPrev, reveals] = await Promise.all([
    metricsByDimension(db, unitId, p.current, ['officer']),
    metricsByDimension(db, unitId, p.current, ['model']),
    metricsByDimension(db, unitId, p.previous, ['model']),
    // Personal-data reveals over the same weeks (the period starts at midnight WIB).
    revealWatch(db, unitId, new Date(`${p.current.fromWeek}T00:00:00+07:00`)),
  ]);
  const people = officerRows.filter((r) => r.key !== '');
  const names = people.length
    ? await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(
          inArray(
            users.id,
            people.map((r) => r.key),
          ),
        )
    : [];
  const officers: OfficerWatch[] = await Promise.all(
    people.map(async (r) => {
      const metrics = toMetrics(r.counts);
      const { judged, flags } = officerFlags(metrics, t);
      const [fast, unopened] = await Promise.all([
        flags.includes('fast_agreement') ? samples(db, r.key, unitId, p.current.fromWeek, 'fast_agreement') : Promise.resolve([]),
        flags.includes('unopened_documents') ? samples(db, r.key, unitId, p.current.fromWeek, 'unopened_documents') : Promise.resolve([]),
      ]);
      return { officerId: r.key, name: names.find((n) => n.id === r.key)?.name ?? r.key, metrics, judged, flags, samples: { fast, unopened } };
    }),
  );
  officers.sort((a, b) => b.flags.length - a.flags.length || b.metrics.rated - a.metrics.rated);

  const keys = new Set([...modelNow, ...modelPrev].map((r) => r.key).filter((k) => k !== ''));
  const overrideRate = (rows: typeof modelNow, key: string) => {
    const c = rows.find((r) => r.key === key)?.counts;
    return c ? rate(c.overridden, c.rated) : rate(0, 0);
  };
  const models: ModelWatch[] = [...keys]
    .map((model) => {
      const previous = overrideRate(modelPrev, model);
      const current = overrideRate(modelNow, model);
      return { model, previous, current, ...modelFlag(previous, current, t) };
    })
    .sort((a, b) => Number(b.flagged) - Number(a.flagged) || (b.rise ?? -1) - (a.rise ?? -1));

  return {
    thresholds: t,
    thresholdScope: setting.scope,
    thresholdsUpdatedAt: setting.updatedAt,
    unitId,
    periods: p,
    officers,
    models,
    reveals,
    revealLimit: { limit: env.REVEAL_LIMIT, windowMinutes: env.REVEAL_WINDOW_MINUTES },
  };
}

export function saveBiasThresholds(db: DbOrTx, actor: Actor, input: { unitId?: string | null; thresholds: BiasThresholds }) {
  const unitId = actor.role === 'admin' ? (input.unitId ?? null) : oversightUnit(actor, input.unitId);
  return saveSetting(db, actor, 'bias_watch', unitId, input.thresholds);
}
