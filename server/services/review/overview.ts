/**
 * The landing numbers for supervisors (their unit) and admins (all units):
 * how much work sits in each status, and what is past its SLA.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { Actor } from '../core/actor';

export type UnitOverview = {
  unitId: string;
  unitName: string;
  byStatus: Record<string, number>;
  overdue: number;
  decidedToday: number;
  overridesLast30d: number;
};

export async function unitOverview(db: DbOrTx, actor: Actor): Promise<UnitOverview[]> {
  const unitFilter = actor.role === 'admin' ? sql`true` : sql`u.id = ${actor.unitId}`;
  const rows = await db.execute<{
    unit_id: string;
    unit_name: string;
    by_status: Record<string, number> | null;
    overdue: number;
    decided_today: number;
    overrides_30d: number;
  }>(sql`
    select u.id as unit_id, u.name as unit_name,
      (select jsonb_object_agg(status, n) from (
         select s.status, count(*)::int as n from submissions s where s.unit_id = u.id group by s.status) c) as by_status,
      (select count(*)::int from submissions s
        where s.unit_id = u.id and s.status in ('pending_review','in_review','escalated') and s.sla_due_at < now()) as overdue,
      (select count(*)::int from decisions d
        where d.unit_id = u.id and d.created_at >= date_trunc('day', now() at time zone 'Asia/Jakarta') at time zone 'Asia/Jakarta') as decided_today,
      (select count(*)::int from decisions d
        where d.unit_id = u.id and d.created_at >= now() - interval '30 days'
          and (not d.agrees_with_ai or jsonb_array_length(d.verdict_overrides) > 0) and d.kind = 'human') as overrides_30d
    from units u where ${unitFilter} order by u.name`);
  return rows.map((r) => ({
    unitId: r.unit_id,
    unitName: r.unit_name,
    byStatus: r.by_status ?? {},
    overdue: r.overdue,
    decidedToday: r.decided_today,
    overridesLast30d: r.overrides_30d,
  }));
}
