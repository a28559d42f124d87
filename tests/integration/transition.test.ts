/**
 * applyTransition (server/services/review/transition.ts), the one write of a
 * status move, on a real Postgres: a move the state machine forbids and a move
 * from a version that is no longer current write nothing; a legal move writes
 * the status, the version, the claim given up, its outbox event and its audit
 * event together, and when any of those writes fails none of them is kept.
 */
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { auditEvents, outboxEvents, submissions } from '@/db/schema';
import { DomainError } from '@/server/services/core/errors';
import { applyTransition, type TransitionInput } from '@/server/services/review/transition';
import { makeSubmission, makeUnit, testDb } from './fixtures';

/** An item an officer holds: in review, claimed, with a live lease. */
async function heldItem(db: Db) {
  const unit = await makeUnit(db);
  const { id } = await makeSubmission(db, unit.unitId, { status: 'in_review' });
  await db
    .update(submissions)
    .set({ claimedBy: unit.officer.id, leaseUntil: sql`now() + interval '10 minutes'` })
    .where(eq(submissions.id, id));
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id));
  return { unit, row };
}

/** What a move may write, read back: the row, and the item's audit and outbox events. */
async function written(db: Db, submissionId: string) {
  const [row] = await db
    .select({ status: submissions.status, version: submissions.version, claimedBy: submissions.claimedBy, leaseUntil: submissions.leaseUntil })
    .from(submissions)
    .where(eq(submissions.id, submissionId));
  const audit = await db
    .select({ action: auditEvents.action, payload: auditEvents.payload })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'submission'), eq(auditEvents.entityId, submissionId)));
  const outbox = await db
    .select({ type: outboxEvents.type, payload: outboxEvents.payload })
    .from(outboxEvents)
    .where(eq(outboxEvents.submissionId, submissionId));
  return { row, audit, outbox };
}

const release = (held: Awaited<ReturnType<typeof heldItem>>, over: Partial<TransitionInput> = {}): TransitionInput => ({
  submission: { id: held.row.id, unitId: held.row.unitId, status: held.row.status, version: held.row.version },
  event: 'release',
  outbox: (to) => ({ type: 'submission.status_changed', payload: { ticket: held.row.ticket, status: { from: held.row.status, to } } }),
  audit: (to) => ({ actor: held.unit.officer, action: 'submission.release', payload: { from: held.row.status, to } }),
  ...over,
});

async function refusal(run: Promise<unknown>): Promise<DomainError> {
  const e = await run.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

describe('applyTransition: one write of every status move', () => {
  it('refuses a move the state machine forbids, and writes nothing', async () => {
    const db = testDb();
    const held = await heldItem(db);
    const before = await written(db, held.row.id);
    // A citizen's reply only brings back an item waiting for the citizen; this one is in review.
    const e = await refusal(db.transaction((tx) => applyTransition(tx, release(held, { event: 'citizen_replied' }))));
    expect({ code: e.code, details: e.details }).toEqual({ code: 'ILLEGAL_TRANSITION', details: { from: 'in_review', event: 'citizen_replied' } });
    expect(await written(db, held.row.id)).toEqual(before);
  });

  it('refuses a move from a version that is no longer current (someone moved the item first), and writes nothing', async () => {
    const db = testDb();
    const held = await heldItem(db);
    // Another request changed the item after this one read it.
    await db
      .update(submissions)
      .set({ version: sql`${submissions.version} + 1` })
      .where(eq(submissions.id, held.row.id));
    const before = await written(db, held.row.id);
    const e = await refusal(db.transaction((tx) => applyTransition(tx, release(held))));
    expect({ code: e.code, details: e.details }).toEqual({
      code: 'STALE_VERSION',
      details: { expected: held.row.version, actual: held.row.version + 1, status: 'in_review' },
    });
    expect(await written(db, held.row.id)).toEqual(before);
  });

  it('writes the status, the next version, the claim given up, the outbox event and the audit event of a legal move', async () => {
    const db = testDb();
    const held = await heldItem(db);
    const moved = await db.transaction((tx) => applyTransition(tx, release(held)));
    expect(moved).toMatchObject({ from: 'in_review', to: 'pending_review', version: held.row.version + 1, auditSeq: expect.any(Number) });
    expect(await written(db, held.row.id)).toEqual({
      row: { status: 'pending_review', version: held.row.version + 1, claimedBy: null, leaseUntil: null },
      audit: [{ action: 'submission.release', payload: { from: 'in_review', to: 'pending_review' } }],
      outbox: [{ type: 'submission.status_changed', payload: { ticket: held.row.ticket, status: { from: 'in_review', to: 'pending_review' } } }],
    });
  });

  it('keeps none of the move when its outbox event or its audit event cannot be written', async () => {
    const db = testDb();
    const held = await heldItem(db);
    const before = await written(db, held.row.id);
    // Postgres refuses a NUL inside jsonb: the one write of the move that fails is the event.
    const badOutbox = release(held, { outbox: () => ({ type: 'submission.status_changed', payload: { ticket: 'x\u0000' } }) });
    await expect(db.transaction((tx) => applyTransition(tx, badOutbox))).rejects.toThrow();
    expect(await written(db, held.row.id)).toEqual(before);
    const badAudit = release(held, { audit: () => ({ actor: held.unit.officer, action: 'submission.release', payload: { note: 'x\u0000' } }) });
    await expect(db.transaction((tx) => applyTransition(tx, badAudit))).rejects.toThrow();
    expect(await written(db, held.row.id)).toEqual(before);
  });
});
