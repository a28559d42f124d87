/**
 * review.decide with an idempotency key: a client whose decision committed
 * but whose answer was lost retries with the same key and learns the outcome,
 * instead of 409 STALE_VERSION; nothing is recorded twice.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, decisionRequests, decisions, outboxEvents } from '@/db/schema';
import type { DecideInput } from '@/server/services/review/decision-input';
import type { Actor } from '@/server/services/core/actor';
import { claim } from '@/server/services/review/queue';
import { appRole, callerAs } from './audit-helpers';
import { makeSubmission, makeUnit, testDb, type SubmissionFixture, type UnitFixture } from './fixtures';

const ANSWER = 'Yth. Ibu Siti Nurhaliza, permohonan KTP-el Anda lengkap dan akan diproses.';

function input(sub: SubmissionFixture, version: number, over: Partial<DecideInput> = {}): DecideInput {
  return {
    submissionId: sub.id,
    version,
    suggestionId: sub.suggestionId,
    outcome: 'approve',
    answer: ANSWER,
    verdicts: [],
    reasonCode: null,
    note: null,
    timeSpentMs: 42_000,
    ...over,
  };
}

/** Through the tRPC router, as the console's own database role: what the review page calls. */
const decideAs = (actor: Actor, i: DecideInput) => callerAs(appRole().db, actor).review.decide(i);

async function claimed(u: UnitFixture, actor = u.officer) {
  const sub = await makeSubmission(testDb(), u.unitId);
  const { version } = await claim(testDb(), actor, sub.id);
  return { sub, version };
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; domainCode?: string }> {
  try {
    await p;
    return { code: 'OK' };
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    return { code: e.code, domainCode: (e.cause as { code?: string } | undefined)?.code };
  }
}

/** What the submission has: decisions, decision audit events, outbox events and key rows. */
async function recorded(submissionId: string) {
  const db = testDb();
  const [d, a, o, k] = await Promise.all([
    db.select({ id: decisions.id }).from(decisions).where(eq(decisions.submissionId, submissionId)),
    db
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, submissionId), sql`${auditEvents.action} like 'decision.%'`)),
    db.select({ id: outboxEvents.id }).from(outboxEvents).where(eq(outboxEvents.submissionId, submissionId)),
    db
      .select({ key: decisionRequests.key })
      .from(decisionRequests)
      .innerJoin(decisions, eq(decisions.id, decisionRequests.decisionId))
      .where(eq(decisions.submissionId, submissionId)),
  ]);
  return { decisions: d.length, auditEvents: a.length, outbox: o.length, keys: k.length };
}

describe('review.decide with an idempotency key', () => {
  it('answers a retry of a committed decision with the original result: one decision, one audit event', async () => {
    const u = await makeUnit(testDb());
    const { sub, version } = await claimed(u);
    const attempt = input(sub, version, { idempotencyKey: randomUUID() });

    const first = await decideAs(u.officer, attempt);
    expect(first).toMatchObject({ status: 'approved', next: null });
    // The answer was lost; the page sends the same attempt again.
    const replay = await decideAs(u.officer, attempt);
    expect(replay).toEqual({ ...first, replayed: true });
    expect(await decideAs(u.officer, attempt)).toEqual({ ...first, replayed: true });
    expect(await recorded(sub.id)).toEqual({ decisions: 1, auditEvents: 1, outbox: 1, keys: 1 });

    // Without a key, the same retry cannot learn the outcome: the version moved.
    expect(await refusal(decideAs(u.officer, { ...attempt, idempotencyKey: undefined }))).toEqual({ code: 'CONFLICT', domainCode: 'STALE_VERSION' });
  });

  it('replays "decide and next" with the same next item, without claiming another one', async () => {
    const u = await makeUnit(testDb());
    const { sub, version } = await claimed(u);
    await makeSubmission(testDb(), u.unitId);
    await makeSubmission(testDb(), u.unitId);
    const attempt = input(sub, version, { takeNext: true, idempotencyKey: randomUUID() });

    const first = await decideAs(u.officer, attempt);
    expect(first.next).not.toBeNull();
    const replay = await decideAs(u.officer, attempt);
    expect(replay).toEqual({ ...first, replayed: true });
    expect(replay.next?.leaseUntil).toBeInstanceOf(Date);
    const [{ held }] = await testDb().execute<{ held: number }>(
      sql`select count(*)::int as held from submissions where claimed_by = ${u.officer.id} and status = 'in_review'`,
    );
    expect(held).toBe(1);
  });

  it('refuses the same key with a different decision, and writes nothing', async () => {
    const u = await makeUnit(testDb());
    const { sub, version } = await claimed(u);
    const key = randomUUID();
    await decideAs(u.officer, input(sub, version, { idempotencyKey: key }));

    expect(await refusal(decideAs(u.officer, input(sub, version, { idempotencyKey: key, answer: `${ANSWER} Terima kasih.` })))).toEqual({
      code: 'CONFLICT',
      domainCode: 'IDEMPOTENCY_KEY_REUSED',
    });
    // The same key on another item the officer holds: refused too, and that item stays undecided.
    const other = await claimed(u);
    expect(await refusal(decideAs(u.officer, input(other.sub, other.version, { idempotencyKey: key })))).toEqual({
      code: 'CONFLICT',
      domainCode: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await recorded(other.sub.id)).toEqual({ decisions: 0, auditEvents: 0, outbox: 0, keys: 0 });
    expect(await recorded(sub.id)).toEqual({ decisions: 1, auditEvents: 1, outbox: 1, keys: 1 });
  });

  it('gives both of two simultaneous sends of one attempt the same decision', async () => {
    const u = await makeUnit(testDb());
    const { sub, version } = await claimed(u);
    const attempt = input(sub, version, { idempotencyKey: randomUUID() });
    const [a, b] = await Promise.all([decideAs(u.officer, attempt), decideAs(u.officer, attempt)]);
    expect(a.decisionId).toBe(b.decisionId);
    expect([a.replayed, b.replayed].filter(Boolean)).toHaveLength(1);
    expect(await recorded(sub.id)).toEqual({ decisions: 1, auditEvents: 1, outbox: 1, keys: 1 });
  });

  it('keeps keys per officer: a colleague reusing the UUID decides their own item', async () => {
    const u = await makeUnit(testDb());
    const mine = await claimed(u, u.officer);
    const theirs = await claimed(u, u.officer2);
    const key = randomUUID();
    const a = await decideAs(u.officer, input(mine.sub, mine.version, { idempotencyKey: key }));
    const b = await decideAs(u.officer2, input(theirs.sub, theirs.version, { idempotencyKey: key }));
    expect(b.decisionId).not.toBe(a.decisionId);
    expect(b.replayed).toBeUndefined();
  });

  it('still refuses a genuinely stale decision with a fresh key', async () => {
    const u = await makeUnit(testDb());
    const { sub, version } = await claimed(u);
    await decideAs(u.officer, input(sub, version, { idempotencyKey: randomUUID() }));
    expect(await refusal(decideAs(u.officer, input(sub, version, { idempotencyKey: randomUUID(), outcome: 'reject', reasonCode: 'doc_invalid' })))).toEqual({
      code: 'CONFLICT',
      domainCode: 'STALE_VERSION',
    });
  });
});
