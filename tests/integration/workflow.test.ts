import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appRouter } from '@/server/routers';
import { attachments, auditEvents, decisions, documentViews, services, submissions } from '@/db/schema';
import { openAttachment } from '@/server/services/review/attachments';
import { recordCitizenReply } from '@/server/services/citizen/replies';
import { EXAMPLE_PNG_BASE64 } from '@/server/services/intake/openapi';
import type { DecideInput } from '@/server/services/review/decision-input';
import { decide } from '@/server/services/review/decisions';
import { saveDraft } from '@/server/services/review/drafts';
import { revealPersonalData } from '@/server/services/review/personal-data';
import { heartbeat } from '@/server/services/review/presence';
import { env } from '@/lib/env';
import { claim, listQueue, takeNext } from '@/server/services/review/queue';
import { getReview } from '@/server/services/review/review';
import { createCallerFactory } from '@/server/trpc';
import type { Actor } from '@/server/services/core/actor';
import { makeSubmission, makeUnit, testDb } from './fixtures';

const approve = (id: string, suggestionId: string | null, version: number): DecideInput => ({
  submissionId: id,
  version,
  suggestionId,
  outcome: 'approve',
  answer: 'Permohonan disetujui.',
  verdicts: [],
  reasonCode: 'ai_verdict_wrong',
  note: null,
  timeSpentMs: 1000,
});

describe('concurrent officers', () => {
  it('16 officers taking and deciding in parallel decide every item exactly once, one audit event each', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const officers: Actor[] = [u.officer, u.officer2];
    const extra = await Promise.all(Array.from({ length: 14 }, () => makeUnit(db)));
    // Move 14 more officers into this unit so 16 people share one queue.
    for (const x of extra) {
      await db.execute(sql`update users set unit_id = ${u.unitId} where id = ${x.officer.id}`);
      officers.push({ ...x.officer, unitId: u.unitId });
    }
    const items = 120;
    for (let i = 0; i < items; i++) await makeSubmission(db, u.unitId, { slaHoursFromNow: (i % 7) + 1 });

    let refusedReplays = 0;
    const worker = async (officer: Actor) => {
      for (;;) {
        let claimed;
        try {
          claimed = await takeNext(db, officer);
        } catch (e) {
          if ((e as { code?: string }).code === 'QUEUE_EMPTY') return;
          throw e;
        }
        const [s] = await db.select().from(submissions).where(eq(submissions.id, claimed.submissionId));
        const input = approve(s.id, s.latestSuggestionId, claimed.version);
        // A double click: the same decision sent twice at once.
        const [first, second] = await Promise.allSettled([decide(db, officer, input), decide(db, officer, input)]);
        const ok = [first, second].filter((r) => r.status === 'fulfilled').length;
        expect(ok).toBe(1);
        refusedReplays += 1;
      }
    };
    await Promise.all(officers.map(worker));

    const decided = await db.select({ id: decisions.submissionId }).from(decisions).where(eq(decisions.unitId, u.unitId));
    expect(decided).toHaveLength(items);
    expect(new Set(decided.map((d) => d.id)).size).toBe(items);
    const events = await db
      .select({ id: auditEvents.entityId })
      .from(auditEvents)
      .where(and(eq(auditEvents.unitId, u.unitId), eq(auditEvents.action, 'decision.approve')));
    expect(events).toHaveLength(items);
    expect(refusedReplays).toBe(items);
    const open = await db
      .select()
      .from(submissions)
      .where(and(eq(submissions.unitId, u.unitId), inArray(submissions.status, ['pending_review', 'in_review'])));
    expect(open).toHaveLength(0);
    // The unit's chain is gap-free.
    const seqs = await db.execute<{ seq: string }>(sql`select seq from audit_events where stream = ${'unit:' + u.unitId} order by seq`);
    expect(seqs.map((r) => Number(r.seq))).toEqual(seqs.map((_, i) => i + 1));
  }, 120_000);
});

describe('review workflow', () => {
  it('limits how many items one officer holds at once', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    for (let i = 0; i <= env.MAX_HELD_ITEMS; i++) await makeSubmission(db, u.unitId);
    for (let i = 0; i < env.MAX_HELD_ITEMS; i++) await takeNext(db, u.officer);
    await expect(takeNext(db, u.officer)).rejects.toMatchObject({ code: 'TOO_MANY_HELD' });
    await expect(takeNext(db, u.officer2)).resolves.toBeTruthy();
  });

  it('decide and next: the decision and the claim of the next item commit together, or neither does', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const first = await makeSubmission(db, u.unitId, { slaHoursFromNow: 1 });
    const second = await makeSubmission(db, u.unitId, { slaHoursFromNow: 2 });
    const c = await takeNext(db, u.officer);
    expect(c.submissionId).toBe(first.id);

    // A refused decision (stale version) rolls back the claim of the next item too.
    await expect(decide(db, u.officer, { ...approve(first.id, first.suggestionId, c.version + 5), takeNext: true })).rejects.toMatchObject({
      code: 'STALE_VERSION',
    });
    const [untouched] = await db.select().from(submissions).where(eq(submissions.id, second.id));
    expect(untouched).toMatchObject({ status: 'pending_review', claimedBy: null });

    const result = await decide(db, u.officer, { ...approve(first.id, first.suggestionId, c.version), takeNext: true });
    expect(result.next?.submissionId).toBe(second.id);
    const [held] = await db.select().from(submissions).where(eq(submissions.id, second.id));
    expect(held).toMatchObject({ status: 'in_review', claimedBy: u.officer.id, version: result.next?.version });
    const actions = await db
      .select({ action: auditEvents.action, entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(eq(auditEvents.stream, `unit:${u.unitId}`))
      .orderBy(auditEvents.seq);
    expect(actions.slice(-2)).toEqual([
      { action: 'decision.approve', entityId: first.id },
      { action: 'submission.claim', entityId: second.id },
    ]);

    // The last item: the decision stands and there is simply nothing next.
    const last = await decide(db, u.officer, { ...approve(second.id, second.suggestionId, result.next!.version), takeNext: true });
    expect(last).toMatchObject({ status: 'approved', next: null });
  });

  it('shows colleagues who else has the item open', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const s = await makeSubmission(db, u.unitId);
    await heartbeat(db, u.officer, s.id);
    const seenBy2 = await heartbeat(db, u.officer2, s.id);
    expect(seenBy2.map((v) => v.id)).toEqual([u.officer.id]);
    const review = await getReview(db, u.officer, s.id);
    expect(review.viewers.map((v) => v.id)).toEqual([u.officer2.id]);
  });

  it('keeps the autosaved draft for the holder and removes it with the decision', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const s = await makeSubmission(db, u.unitId);
    await expect(saveDraft(db, u.officer, { submissionId: s.id, answer: 'x', verdicts: {}, reasonCode: null, note: null })).rejects.toMatchObject({
      code: 'NOT_CLAIMED',
    });
    const c = await claim(db, u.officer, s.id);
    await saveDraft(db, u.officer, { submissionId: s.id, answer: 'Draf pertama', verdicts: { kk: 'invalid' }, reasonCode: null, note: 'n' });
    await saveDraft(db, u.officer, { submissionId: s.id, answer: 'Draf kedua', verdicts: { kk: 'invalid' }, reasonCode: null, note: 'n' });
    const review = await getReview(db, u.officer, s.id);
    expect(review.draft).toMatchObject({ answer: 'Draf kedua', verdicts: { kk: 'invalid' } });
    expect((await getReview(db, u.officer2, s.id)).draft).toBeNull();
    await decide(db, u.officer, { ...approve(s.id, s.suggestionId, c.version), answer: 'Draf kedua' });
    expect((await getReview(db, u.officer, s.id)).draft).toBeNull();
    const [d] = await db.select().from(decisions).where(eq(decisions.submissionId, s.id));
    expect(d.answerEdited).toBe(true);
    expect(d.snapshot).toMatchObject({ suggestionVersion: 1, documents: [{ sha256: 'x' }] });
  });

  it('evidence first hides the AI until every document is opened, and refuses a decision before', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    await db.update(services).set({ evidenceFirst: true }).where(eq(services.code, 'kk-perubahan'));
    try {
      const s = await makeSubmission(db, u.unitId);
      await db.update(submissions).set({ serviceCode: 'kk-perubahan' }).where(eq(submissions.id, s.id));
      const c = await claim(db, u.officer, s.id);
      const before = await getReview(db, u.officer, s.id);
      expect(before.suggestion).toBeNull();
      expect(before.evidenceGate).toEqual({ unviewed: 1, total: 1 });
      await expect(decide(db, u.officer, approve(s.id, s.suggestionId, c.version))).rejects.toMatchObject({ code: 'EVIDENCE_FIRST' });
      await openAttachment(db, u.officer, before.attachments[0].id);
      const after = await getReview(db, u.officer, s.id);
      expect(after.suggestion?.id).toBe(s.suggestionId);
      expect(after.evidenceGate).toBeNull();
      const views = await db.select().from(documentViews).where(eq(documentViews.userId, u.officer.id));
      expect(views).toHaveLength(1);
    } finally {
      await db.update(services).set({ evidenceFirst: false }).where(eq(services.code, 'kk-perubahan'));
    }
  });

  it('reveals a masked NIK only with a reason, audited without the value; other units get NOT_FOUND', async () => {
    const db = testDb();
    const [u, other] = [await makeUnit(db), await makeUnit(db)];
    const s = await makeSubmission(db, u.unitId, { nik: '3273014506900077' });
    const review = await getReview(db, u.officer, s.id);
    expect(JSON.stringify(review)).not.toContain('3273014506900077');
    // Only on an item of one's own (held here; see limits.test.ts for the rest).
    await claim(db, u.officer, s.id);
    const { value } = await revealPersonalData(db, u.officer, { submissionId: s.id, field: 'nik', reason: 'verify_document' });
    expect(value).toBe('3273014506900077');
    const [ev] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, s.id), eq(auditEvents.action, 'pii.reveal')));
    expect(ev.payload).toMatchObject({ field: 'nik', reason: 'verify_document' });
    expect(JSON.stringify(ev.payload)).not.toContain('3273014506900077');
    await expect(revealPersonalData(db, other.officer, { submissionId: s.id, field: 'nik', reason: 'verify_document' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const caller = createCallerFactory(appRouter)({ db, actor: u.officer });
    await expect(caller.review.reveal({ submissionId: s.id, field: 'nik', reason: 'because' as 'verify_document' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('request for documents waits for the citizen; the reply brings the item back with the new material marked', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const s = await makeSubmission(db, u.unitId);
    const c = await claim(db, u.officer, s.id);
    await decide(db, u.officer, { ...approve(s.id, s.suggestionId, c.version), outcome: 'request_info', reasonCode: 'doc_invalid' });
    expect((await listQueue(db, u.officer, {})).map((q) => q.id)).not.toContain(s.id);
    await expect(claim(db, u.officer, s.id)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });

    const drafting: string[] = [];
    await recordCitizenReply(
      db,
      { enqueueDrafting: async (_tx, id) => void drafting.push(id) },
      {
        submissionId: s.id,
        message: 'Berikut foto KK yang lebih jelas.',
        attachments: [{ docType: 'kk', filename: 'kk-baru.png', content: Buffer.from(EXAMPLE_PNG_BASE64, 'base64') }],
      },
    );
    // The new file is read by the drafting job, as an intake's are.
    expect(drafting).toEqual([s.id]);
    expect((await listQueue(db, u.officer, {})).find((q) => q.id === s.id)?.status).toBe('pending_review');
    const review = await getReview(db, u.officer, s.id);
    expect(review.replies.map((r) => r.message)).toEqual(['Berikut foto KK yang lebih jelas.']);
    expect(review.attachments.filter((a) => a.replyId !== null).map((a) => a.filename)).toEqual(['kk-baru.png']);
    const [newDoc] = await db.select().from(attachments).where(eq(attachments.filename, 'kk-baru.png'));
    expect(newDoc.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(
      recordCitizenReply(db, { enqueueDrafting: async () => undefined }, { submissionId: s.id, message: 'lagi', attachments: [] }),
    ).rejects.toMatchObject({
      code: 'NOT_AWAITING_CITIZEN',
    });
  });

  it('an escalated item is decided by the supervisor on the same review flow', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const s = await makeSubmission(db, u.unitId);
    const c = await claim(db, u.officer, s.id);
    await decide(db, u.officer, { ...approve(s.id, s.suggestionId, c.version), outcome: 'escalate', note: 'Perlu keputusan supervisor' });
    await expect(claim(db, u.officer2, s.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const sc = await claim(db, u.supervisor, s.id);
    const res = await decide(db, u.supervisor, approve(s.id, s.suggestionId, sc.version));
    expect(res.status).toBe('approved');
    const review = await getReview(db, u.supervisor, s.id);
    expect(review.decisions.map((d) => d.outcome)).toEqual(['approve', 'escalate']);
    expect(review.decisions[1].note).toBe('Perlu keputusan supervisor');
  });

  it('lists the same citizen’s earlier requests and flags a possible duplicate', async () => {
    const db = testDb();
    const u = await makeUnit(db);
    const first = await makeSubmission(db, u.unitId, { nik: '3273010101800011' });
    const second = await makeSubmission(db, u.unitId, { nik: '3273010101800011' });
    await makeSubmission(db, u.unitId, { nik: '3273010101800012' });
    const review = await getReview(db, u.officer, second.id);
    expect(review.history.map((h) => h.ticket)).toEqual([first.ticket]);
    expect(review.possibleDuplicateTickets).toEqual([first.ticket]);
  });
});
