import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, decisions, submissions } from '@/db/schema';
import { unitStream } from '@/server/services/audit/audit';
import type { DecideInput } from '@/server/services/review/decision-input';
import { decide } from '@/server/services/review/decisions';
import { claim, listQueue } from '@/server/services/review/queue';
import { makeSubmission, makeUnit, testDb, testSql } from './fixtures';

async function claimed(unitFx: Awaited<ReturnType<typeof makeUnit>>, opts?: Parameters<typeof makeSubmission>[2]) {
  const db = testDb();
  const sub = await makeSubmission(db, unitFx.unitId, opts);
  const c = await claim(db, unitFx.officer, sub.id);
  return { sub, version: c.version };
}

function input(sub: { id: string; suggestionId: string }, version: number, over: Partial<DecideInput> = {}): DecideInput {
  return {
    submissionId: sub.id,
    version,
    suggestionId: sub.suggestionId,
    outcome: 'approve',
    answer: 'Yth. Ibu Siti Nurhaliza, permohonan KTP-el Anda lengkap dan akan diproses.',
    verdicts: [],
    reasonCode: null,
    note: null,
    timeSpentMs: 42_000,
    ...over,
  };
}

const auditFor = (submissionId: string) =>
  testDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, submissionId), sql`${auditEvents.action} like 'decision.%'`));

describe('decide', () => {
  it('approves as drafted: decision, status, audit event, and the item leaves the queue', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const { sub, version } = await claimed(u);
    const res = await decide(db, u.officer, input(sub, version));
    expect(res.status).toBe('approved');

    const [d] = await db.select().from(decisions).where(eq(decisions.submissionId, sub.id));
    expect(d.agreesWithAi).toBe(true);
    expect(d.answerEdited).toBe(false);
    expect(d.actorId).toBe(u.officer.id);
    expect(d.suggestionId).toBe(sub.suggestionId);
    expect(d.finalAnswer).toContain(`diputuskan oleh ${u.officer.name}`);

    const [ev] = await auditFor(sub.id);
    expect(ev.stream).toBe(unitStream(u.unitId));
    expect(ev.actorId).toBe(u.officer.id);
    expect(ev.actorRole).toBe('officer');
    expect(ev.unitId).toBe(u.unitId);
    expect(ev.payload).toMatchObject({ suggestionId: sub.suggestionId, from: 'in_review', to: 'approved', decisionId: d.id });

    const queue = await listQueue(db, u.officer, { status: 'open' });
    expect(queue.map((q) => q.id)).not.toContain(sub.id);
  });

  it('refuses a verdict override without a reason and saves nothing; with a reason it records the override', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const { sub, version } = await claimed(u);
    const overridden = input(sub, version, { verdicts: [{ docType: 'kk', verdict: 'invalid' }], outcome: 'request_info' });

    await expect(decide(db, u.officer, overridden)).rejects.toMatchObject({ code: 'REASON_REQUIRED' });
    expect(await db.select().from(decisions).where(eq(decisions.submissionId, sub.id))).toHaveLength(0);
    expect(await auditFor(sub.id)).toHaveLength(0);

    await decide(db, u.officer, { ...overridden, reasonCode: 'ai_verdict_wrong', note: 'Nomor KK buram' });
    const [d] = await db.select().from(decisions).where(eq(decisions.submissionId, sub.id));
    expect(d.verdictOverrides).toEqual([{ docType: 'kk', from: 'valid', to: 'invalid' }]);
    expect(d.agreesWithAi).toBe(false);
    expect(d.reasonCode).toBe('ai_verdict_wrong');
    const [ev] = await auditFor(sub.id);
    expect(ev.payload).toMatchObject({ reasonCode: 'ai_verdict_wrong', to: 'awaiting_citizen' });
  });

  it('refuses a verdict for a document type the AI did not judge, and saves nothing', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const { sub, version } = await claimed(u);
    // The AI judged kk and foto; akta has no AI verdict to compare with (before, it vanished without a trace).
    const unjudged = input(sub, version, {
      verdicts: [
        { docType: 'kk', verdict: 'valid' },
        { docType: 'akta', verdict: 'invalid' },
      ],
      outcome: 'request_info',
      reasonCode: 'doc_invalid',
    });
    await expect(decide(db, u.officer, unjudged)).rejects.toMatchObject({ code: 'UNJUDGED_DOCUMENT', details: { docTypes: ['akta'] } });
    expect(await db.select().from(decisions).where(eq(decisions.submissionId, sub.id))).toHaveLength(0);
    expect(await auditFor(sub.id)).toHaveLength(0);
    const [s] = await db.select({ status: submissions.status, version: submissions.version }).from(submissions).where(eq(submissions.id, sub.id));
    expect(s).toEqual({ status: 'in_review', version });
    // The judged types alone go through.
    const res = await decide(db, u.officer, { ...unjudged, verdicts: [{ docType: 'kk', verdict: 'invalid' }] });
    expect(res.status).toBe('awaiting_citizen');
  });

  it('requires a reason to reject and refuses an inactive reason code', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const { sub, version } = await claimed(u);
    await expect(decide(db, u.officer, input(sub, version, { outcome: 'reject' }))).rejects.toMatchObject({
      code: 'REASON_REQUIRED',
    });
    await expect(decide(db, u.officer, input(sub, version, { outcome: 'reject', reasonCode: 'retired_code' }))).rejects.toMatchObject({
      code: 'UNKNOWN_REASON',
    });
    const res = await decide(db, u.officer, input(sub, version, { outcome: 'reject', reasonCode: 'doc_invalid' }));
    expect(res.status).toBe('rejected');
  });

  it('applies a double submit once and refuses the replay as stale', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const { sub, version } = await claimed(u);
    const results = await Promise.allSettled([decide(db, u.officer, input(sub, version)), decide(db, u.officer, input(sub, version))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(['STALE_VERSION', 'NOT_CLAIMED']).toContain(rejected.reason.code);
    expect(await db.select().from(decisions).where(eq(decisions.submissionId, sub.id))).toHaveLength(1);
    expect(await auditFor(sub.id)).toHaveLength(1);
  });

  it('refuses a decision from an officer who does not hold the item', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const { sub, version } = await claimed(u);
    await expect(decide(db, u.officer2, input(sub, version))).rejects.toMatchObject({ code: 'NOT_CLAIMED' });
  });

  it('rolls everything back when the audit write fails: no decision, no event, status unchanged', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const { sub, version } = await claimed(u);
    // With "decide and next" the claim of the next item must roll back with the decision.
    const waiting = await makeSubmission(db, u.unitId);
    const pg = testSql();
    // Simulates the audit append (the last statement of the transaction) failing for this one submission.
    const fn = `fail_audit_${sub.id.replaceAll('-', '_')}`;
    await pg.unsafe(`
      create function ${fn}() returns trigger language plpgsql as $$
      begin if new.entity_id = '${sub.id}' and new.action like 'decision.%' then raise exception 'disk full (simulated)'; end if; return new; end $$;
      create trigger ${fn} before insert on audit_events for each row execute function ${fn}();`);
    try {
      await expect(decide(db, u.officer, input(sub, version, { takeNext: true }))).rejects.toMatchObject({
        cause: expect.objectContaining({ message: 'disk full (simulated)' }),
      });
    } finally {
      await pg.unsafe(`drop trigger ${fn} on audit_events; drop function ${fn}();`);
    }
    expect(await db.select().from(decisions).where(eq(decisions.submissionId, sub.id))).toHaveLength(0);
    expect(await auditFor(sub.id)).toHaveLength(0);
    const [after] = await db.select().from(submissions).where(eq(submissions.id, sub.id));
    expect(after.status).toBe('in_review');
    expect(after.version).toBe(version);
    const [next] = await db.select().from(submissions).where(eq(submissions.id, waiting.id));
    expect(next).toMatchObject({ status: 'pending_review', claimedBy: null });
    // Nothing was lost: the same decision goes through once the fault is gone.
    await expect(decide(db, u.officer, input(sub, version))).resolves.toMatchObject({ status: 'approved' });
  });

  it('escalation needs a note and lands in the supervisor queue, not the officer queue', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const { sub, version } = await claimed(u);
    await expect(decide(db, u.officer, input(sub, version, { outcome: 'escalate' }))).rejects.toMatchObject({
      code: 'NOTE_REQUIRED',
    });
    await decide(db, u.officer, input(sub, version, { outcome: 'escalate', note: 'Alamat tidak cocok dengan KK' }));
    const officerQueue = await listQueue(db, u.officer, {});
    const supervisorQueue = await listQueue(db, u.supervisor, {});
    expect(officerQueue.map((q) => q.id)).not.toContain(sub.id);
    expect(supervisorQueue.find((q) => q.id === sub.id)?.status).toBe('escalated');
  });
});
