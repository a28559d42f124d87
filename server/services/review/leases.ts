/**
 * Expired leases go back to the queue. Claims already treat an expired lease
 * as free; the sweeper makes it visible (status, audit event) for everyone.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { appendAudit, unitStream } from '../audit/audit';
import { nextStatus } from './workflow';

export async function sweepExpiredLeases(db: DbOrTx, limit = 200): Promise<number> {
  const to = nextStatus('in_review', 'lease_expired');
  return db.transaction(async (tx) => {
    const expired = await tx.execute<{ id: string; unit_id: string; claimed_by: string | null }>(sql`
      with expired as (
        select id, claimed_by from submissions
        where status = 'in_review' and lease_until < now()
        order by lease_until limit ${limit}
        for update skip locked)
      update submissions s
      set status = ${to}, claimed_by = null, lease_until = null, version = s.version + 1
      from expired e
      where s.id = e.id
      returning s.id, s.unit_id, e.claimed_by`);
    // One event per item, appended last so each unit's head row is held only briefly.
    for (const row of expired) {
      await appendAudit(tx, {
        stream: unitStream(row.unit_id),
        actor: null,
        unitId: row.unit_id,
        action: 'lease.expired',
        entityType: 'submission',
        entityId: row.id,
        payload: { from: 'in_review', to, previousHolder: row.claimed_by },
      });
    }
    return expired.length;
  });
}
