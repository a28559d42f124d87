/**
 * Expired leases go back to the queue. Claims already treat an expired lease
 * as free; the sweeper makes it visible (status, audit event) for everyone.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { appendAudit } from '../audit/audit';
import { applyTransition } from './transition';

export async function sweepExpiredLeases(db: DbOrTx, limit = 200): Promise<number> {
  return db.transaction(async (tx) => {
    // Rows another transaction holds (a claim taking one over right now) are skipped, not waited for.
    const expired = await tx.execute<{ id: string; unit_id: string; claimed_by: string | null; version: number }>(sql`
      select id, unit_id, claimed_by, version from submissions
      where status = 'in_review' and lease_until < now()
      order by lease_until limit ${limit}
      for update skip locked`);
    // Each through the one status write; the events appended last, one per item, so each unit's
    // head row is held only from its first append to the commit.
    const events = [];
    for (const row of expired) {
      const moved = await applyTransition(tx, {
        submission: { id: row.id, unitId: row.unit_id, status: 'in_review', version: row.version },
        event: 'lease_expired',
        audit: (to) => ({ actor: null, action: 'lease.expired', payload: { from: 'in_review', to, previousHolder: row.claimed_by } }),
        deferAudit: true,
      });
      events.push(moved.deferredAudit!);
    }
    for (const event of events) await appendAudit(tx, event);
    return expired.length;
  });
}
