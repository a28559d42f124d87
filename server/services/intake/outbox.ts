/**
 * Transactional outbox. A state change writes its event here in the same
 * transaction (enqueueOutbox), so an event exists exactly when the change
 * committed. The dispatcher (server/jobs/workers.ts) turns each event into one
 * delivery per subscribed webhook and enqueues those as jobs; the event id is
 * stable across retries, so receivers can de-duplicate.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { outboxEvents, webhookDeliveries, webhooks } from '@/db/schema';
import type { Outcome } from '@/lib/vocabulary';

export const EVENT_TYPES = [
  'submission.received',
  'submission.status_changed',
  'submission.decided',
  'submission.documents_requested',
  'submission.escalated',
  'submission.auto_approved',
  'submission.objection_received',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type OutboxInput = {
  unitId: string;
  type: EventType;
  submissionId: string | null;
  /** Ids, the ticket, statuses and the answer meant for the citizen; never a raw NIK or document. */
  payload: Record<string, unknown>;
};

export async function enqueueOutbox(tx: DbOrTx, input: OutboxInput): Promise<string> {
  const [row] = await tx
    .insert(outboxEvents)
    .values({ unitId: input.unitId, type: input.type, submissionId: input.submissionId, payload: input.payload })
    .returning({ id: outboxEvents.id });
  return row.id;
}

/** The decision outcome's event type. */
export function decisionEventType(outcome: Outcome): EventType {
  if (outcome === 'request_info') return 'submission.documents_requested';
  if (outcome === 'escalate') return 'submission.escalated';
  return 'submission.decided';
}

export type NewDelivery = { deliveryId: string; webhookId: string; eventId: string };

/**
 * Fans out up to `limit` undispatched events into webhook deliveries, inside
 * the caller's transaction; `enqueue` schedules each delivery (a pg-boss job in
 * the same transaction). Rows are claimed with SKIP LOCKED, so several
 * dispatchers never fan out the same event twice.
 */
export async function dispatchOutbox(db: Db, enqueue: (tx: Tx, deliveries: NewDelivery[]) => Promise<void>, limit = 100): Promise<number> {
  return db.transaction(async (tx) => {
    const events = await tx
      .select({ id: outboxEvents.id, unitId: outboxEvents.unitId, type: outboxEvents.type })
      .from(outboxEvents)
      .where(isNull(outboxEvents.dispatchedAt))
      .orderBy(asc(outboxEvents.createdAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (!events.length) return 0;
    const created: NewDelivery[] = [];
    const hooksByUnit = new Map<string, { id: string; eventTypes: string[] }[]>();
    for (const e of events) {
      let hooks = hooksByUnit.get(e.unitId);
      if (!hooks) {
        hooks = await tx
          .select({ id: webhooks.id, eventTypes: webhooks.eventTypes })
          .from(webhooks)
          .where(and(eq(webhooks.unitId, e.unitId), eq(webhooks.active, true)));
        hooksByUnit.set(e.unitId, hooks);
      }
      for (const h of hooks.filter((x) => x.eventTypes.includes(e.type) || x.eventTypes.includes('*'))) {
        const [d] = await tx
          .insert(webhookDeliveries)
          .values({ webhookId: h.id, eventId: e.id, unitId: e.unitId, eventType: e.type })
          .onConflictDoNothing()
          .returning({ id: webhookDeliveries.id });
        if (d) created.push({ deliveryId: d.id, webhookId: h.id, eventId: e.id });
      }
    }
    if (created.length) await enqueue(tx, created);
    await tx
      .update(outboxEvents)
      .set({ dispatchedAt: sql`now()` })
      .where(
        sql`${outboxEvents.id} in (${sql.join(
          events.map((e) => sql`${e.id}::uuid`),
          sql`, `,
        )})`,
      );
    return events.length;
  });
}
