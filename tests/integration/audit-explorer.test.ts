import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { unitStream } from '@/server/services/audit/audit';
import { checkCheckpoints, checkpointMovedStreams, generateSigningKey, parseCheckpointLines } from '@/server/services/audit/checkpoints';
import { exportAuditEvents } from '@/server/services/audit/export';
import { exportCheckpoints } from '@/server/services/audit/integrity';
import { decide } from '@/server/services/review/decisions';
import { claim } from '@/server/services/review/queue';
import { appRole, callerAs, codeOf } from './audit-helpers';
import { makeAdmin, makeSubmission, makeUnit, testDb, type UnitFixture } from './fixtures';

const ANSWER = 'Yth. Ibu Siti Nurhaliza, permohonan KTP-el Anda lengkap dan akan diproses.';

async function decided(u: UnitFixture, opts: { nik?: string; outcome?: 'approve' | 'reject' } = {}) {
  const db = appRole().db;
  const s = await makeSubmission(testDb(), u.unitId, { nik: opts.nik });
  const { version } = await claim(db, u.officer, s.id);
  const r = await decide(db, u.officer, {
    submissionId: s.id,
    version,
    suggestionId: s.suggestionId,
    outcome: opts.outcome ?? 'approve',
    answer: ANSWER,
    verdicts: [],
    reasonCode: opts.outcome === 'reject' ? 'doc_invalid' : null,
    note: null,
    timeSpentMs: 4200,
  });
  return { ...s, decisionId: r.decisionId };
}

const uniqueNik = () => `3273${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`;

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('audit explorer access', () => {
  it('refuses officers every audit procedure and records each refusal', async () => {
    const u = await makeUnit(testDb());
    const officer = callerAs(appRole().db, u.officer);
    const calls: [string, () => Promise<unknown>][] = [
      ['audit.overview', () => officer.audit.overview()],
      ['audit.verify', () => officer.audit.verify({})],
      ['audit.checkpoint', () => officer.audit.checkpoint({ stream: unitStream(u.unitId) })],
      ['audit.filterOptions', () => officer.audit.filterOptions()],
      ['audit.events', () => officer.audit.events({ filter: {} })],
      ['audit.event', () => officer.audit.event({ stream: unitStream(u.unitId), seq: 1 })],
      ['audit.citizen', () => officer.audit.citizen({ nik: uniqueNik(), purpose: 'view' })],
    ];
    for (const [, call] of calls) expect(await codeOf(call())).toBe('FORBIDDEN');
    const refusals = await testDb()
      .select({ entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, u.officer.id), eq(auditEvents.action, 'access.forbidden')));
    expect(refusals.map((r) => r.entityId).sort()).toEqual(calls.map(([p]) => p).sort());
  });

  it('records a NOT_FOUND that hid another unit’s submission, in that unit, but not an ordinary miss', async () => {
    const [a, b] = [await makeUnit(testDb()), await makeUnit(testDb())];
    const subB = await makeSubmission(testDb(), b.unitId);
    const officerA = callerAs(appRole().db, a.officer);
    expect(await codeOf(officerA.review.get({ submissionId: subB.id }))).toBe('NOT_FOUND');
    expect(await codeOf(officerA.review.get({ submissionId: randomUUID() }))).toBe('NOT_FOUND');
    const events = await testDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, a.officer.id), eq(auditEvents.action, 'access.not_found')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ unitId: b.unitId, entityType: 'submission', entityId: subB.id, stream: 'security' });
    expect(events[0].payload).toMatchObject({ procedure: 'review.get', otherUnit: true, actorUnitId: a.unitId });
  });

  it('records a domain FORBIDDEN raised inside a procedure', async () => {
    const u = await makeUnit(testDb());
    const s = await makeSubmission(testDb(), u.unitId);
    const sup = callerAs(appRole().db, u.supervisor);
    const { version } = await claim(appRole().db, u.supervisor, s.id);
    const code = await codeOf(
      sup.review.decide({
        submissionId: s.id,
        version,
        suggestionId: s.suggestionId,
        outcome: 'escalate',
        answer: ANSWER,
        verdicts: [],
        reasonCode: null,
        note: 'x',
        timeSpentMs: 1,
      }),
    );
    expect(code).toBe('FORBIDDEN');
    const [ev] = await testDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, u.supervisor.id), eq(auditEvents.action, 'access.forbidden')));
    expect(ev).toMatchObject({ entityType: 'submission', entityId: s.id, unitId: u.unitId });
    expect(ev.payload).toMatchObject({ procedure: 'review.decide', code: 'FORBIDDEN', otherUnit: false });
  });
});

describe('audit explorer', () => {
  it('scopes events to the supervisor’s unit, filters, and pages by keyset without gaps or repeats', async () => {
    const [a, b] = [await makeUnit(testDb()), await makeUnit(testDb())];
    const admin = await makeAdmin(testDb());
    const subsA = [await decided(a), await decided(a), await decided(a, { outcome: 'reject' })];
    const subB = await decided(b);
    const supA = callerAs(appRole().db, a.supervisor);

    const all = await supA.audit.events({ filter: {}, limit: 200 });
    expect(all.events.length).toBeGreaterThanOrEqual(6);
    expect(all.events.every((e) => e.unitId === a.unitId)).toBe(true);
    expect(all.events.some((e) => e.entityId === subB.id)).toBe(false);

    const decisions = await supA.audit.events({ filter: { action: 'decision.*' } });
    expect(decisions.events.map((e) => e.action).sort()).toEqual(['decision.approve', 'decision.approve', 'decision.reject']);
    expect((await supA.audit.events({ filter: { action: 'decision.reject' } })).events).toHaveLength(1);
    expect((await supA.audit.events({ filter: { actorId: a.officer.id, action: 'submission.claim' } })).events).toHaveLength(3);
    const byTicket = await supA.audit.events({ filter: { ticket: subsA[0].ticket } });
    expect(byTicket.events.map((e) => e.action).sort()).toEqual(['decision.approve', 'submission.claim']);
    expect(byTicket.events[0].ticket).toBe(subsA[0].ticket);
    // Another unit's ticket finds nothing (and does not reveal that it exists).
    expect((await supA.audit.events({ filter: { ticket: subB.ticket } })).events).toHaveLength(0);
    expect((await supA.audit.events({ filter: { unitId: b.unitId, action: 'decision.*' } })).events).toHaveLength(3);

    // Keyset pages of 2, newest first, concatenate to the full list.
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: Awaited<ReturnType<typeof supA.audit.events>> = await supA.audit.events({ filter: { action: 'decision.*' }, cursor, limit: 2 });
      seen.push(...page.events.map((e) => `${e.stream}:${e.seq}`));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(decisions.events.map((e) => `${e.stream}:${e.seq}`));
    const times = decisions.events.map((e) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);

    // Admins see every unit and may narrow to one.
    const adminCaller = callerAs(appRole().db, admin);
    const everything = await adminCaller.audit.events({ filter: {}, limit: 5 });
    expect(everything.events).toHaveLength(5);
    expect(everything.nextCursor).not.toBeNull();
    const adminB = await adminCaller.audit.events({ filter: { unitId: b.unitId, action: 'decision.*' } });
    expect(adminB.events.map((e) => e.entityId)).toEqual([subB.id]);
    expect(adminB.events[0].unitName).toBe(b.unitName);
    const options = await adminCaller.audit.filterOptions();
    expect(options.units.map((x) => x.id)).toEqual(expect.arrayContaining([a.unitId, b.unitId]));
    expect((await supA.audit.filterOptions()).actors.map((x) => x.id).sort()).toEqual([a.officer.id, a.officer2.id, a.supervisor.id].sort());
  });

  it('opens a decision event with the decision and the AI suggestion it was made on', async () => {
    const [a, b] = [await makeUnit(testDb()), await makeUnit(testDb())];
    const s = await decided(a, { outcome: 'reject' });
    const supA = callerAs(appRole().db, a.supervisor);
    const [ev] = (await supA.audit.events({ filter: { ticket: s.ticket, action: 'decision.reject' } })).events;
    const detail = await supA.audit.event({ stream: ev.stream, seq: ev.seq });
    expect(detail.decision).toMatchObject({ id: s.decisionId, outcome: 'reject', agreesWithAi: false, reasonCode: 'doc_invalid', actorName: a.officer.name });
    expect(detail.suggestion).toMatchObject({ id: s.suggestionId, recommendation: 'approve', modelName: 'test-model' });
    expect(detail.suggestion?.confidence).toBeCloseTo(0.91);
    expect(await codeOf(callerAs(appRole().db, b.supervisor).audit.event({ stream: ev.stream, seq: ev.seq }))).toBe('NOT_FOUND');
  });

  it('verifies on request, signs checkpoints, exports them, and the job signs only streams that moved', async () => {
    const u = await makeUnit(testDb());
    const admin = await makeAdmin(testDb());
    await decided(u);
    const sup = callerAs(appRole().db, u.supervisor);
    const stream = unitStream(u.unitId);

    const [result] = await sup.audit.verify({});
    expect(result).toMatchObject({ ok: true, stream, checked: 2, lastSeq: 2 });
    expect(await codeOf(sup.audit.verify({ stream: 'security' }))).toBe('NOT_FOUND');
    const cp = await sup.audit.checkpoint({ stream });
    expect(cp).toMatchObject({ stream, seq: 2 });

    const overview = await sup.audit.overview();
    expect(overview.streams.map((s) => s.stream)).toEqual([stream]);
    expect(overview.streams[0]).toMatchObject({
      unitName: u.unitName,
      headSeq: 3,
      lastVerification: { ok: true, checked: 2, byName: u.supervisor.name },
      lastCheckpoint: { seq: 2, keyId: cp!.keyId },
    });
    const adminOverview = await callerAs(appRole().db, admin).audit.overview();
    expect(adminOverview.streams.map((s) => s.stream)).toEqual(expect.arrayContaining(['security', stream]));

    const exported = await exportCheckpoints(appRole().db, u.supervisor);
    const lines = parseCheckpointLines(exported.body);
    expect(lines.map((l) => [l.stream, l.seq])).toEqual([[stream, 2]]);
    expect(await checkCheckpoints(appRole().sql, lines)).toEqual([expect.objectContaining({ ok: true })]);

    // The job: this stream's only new event is the checkpoint's own, so it is not signed again…
    const key = generateSigningKey();
    const first = await checkpointMovedStreams(appRole().db, { key, streams: [stream] });
    expect(first.signed).not.toContain(stream);
    // …until real work moves its head.
    await decided(u);
    const second = await checkpointMovedStreams(appRole().db, { key, streams: [stream] });
    expect(second.signed).toContain(stream);
    expect((await sup.audit.overview()).streams[0].lastCheckpoint).toMatchObject({ seq: 5, keyId: key.keyId });
  }, 60_000);

  it('streams CSV and JSON Lines exports and records the export at start and end', async () => {
    const u = await makeUnit(testDb());
    const admin = await makeAdmin(testDb());
    await decided(u);
    await decided(u, { outcome: 'reject' });
    const csv = await readAll(await exportAuditEvents(appRole().db, u.supervisor, { action: 'decision.*' }, 'csv'));
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('occurred_at,stream,seq,unit,actor_id,actor_name,actor_role,action,entity_type,entity_id,ticket,payload,prev_hash,hash');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain('decision.approve');
    expect(rows[2]).toContain('decision.reject');

    const jsonl = await readAll(await exportAuditEvents(appRole().db, admin, { unitId: u.unitId, action: 'decision.*' }, 'jsonl'));
    const lines = jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; payload: { outcome: string }; payloadText: string; hash: string });
    expect(lines.map((l) => l.payload.outcome)).toEqual(['approve', 'reject']);
    expect(JSON.parse(lines[0].payloadText)).toEqual(lines[0].payload);

    const exports = await testDb()
      .select({ action: auditEvents.action, payload: auditEvents.payload, unitId: auditEvents.unitId })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, u.supervisor.id), sql`${auditEvents.action} like 'audit.export%'`))
      .orderBy(auditEvents.seq);
    expect(exports.map((e) => e.action)).toEqual(['audit.export', 'audit.export_completed']);
    expect(exports[0].payload).toMatchObject({ format: 'csv', filter: { action: 'decision.*' } });
    expect(exports[1].payload).toMatchObject({ rows: 2 });
    expect(exports[0].unitId).toBe(u.unitId);
  });
});

describe('per-citizen record', () => {
  it('lists and exports every event about one citizen’s submissions in the unit, without writing the NIK anywhere', async () => {
    const [a, b] = [await makeUnit(testDb()), await makeUnit(testDb())];
    const admin = await makeAdmin(testDb());
    const nik = uniqueNik();
    const first = await decided(a, { nik });
    const second = await makeSubmission(testDb(), a.unitId, { nik });
    await makeSubmission(testDb(), b.unitId, { nik }); // another unit's: not this supervisor's to disclose
    await decided(a); // another citizen
    const sup = callerAs(appRole().db, a.supervisor);

    const record = await sup.audit.citizen({ nik, purpose: 'view' });
    expect(record.submissions.map((s) => s.id).sort()).toEqual([first.id, second.id].sort());
    expect(record.citizen.nikMasked).toBe(`${nik.slice(0, 4)}********${nik.slice(-4)}`);
    expect(record.events.map((e) => e.action).sort()).toEqual(['decision.approve', 'submission.claim']);
    expect(record.submissions.find((s) => s.id === first.id)?.decisions).toEqual([expect.objectContaining({ outcome: 'approve', officer: a.officer.name })]);

    const viaTicket = await sup.audit.citizen({ submissionId: second.id, purpose: 'export' });
    expect(viaTicket.submissions).toHaveLength(2);
    expect(await codeOf(sup.audit.citizen({ submissionId: (await makeSubmission(testDb(), b.unitId)).id, purpose: 'view' }))).toBe('NOT_FOUND');
    expect(await codeOf(callerAs(appRole().db, admin).audit.citizen({ nik, purpose: 'view' }))).toBe('FORBIDDEN');
    expect(await codeOf(sup.audit.citizen({ nik: '123', purpose: 'view' }))).toBe('BAD_REQUEST');

    const lookups = await testDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, a.supervisor.id), sql`${auditEvents.action} like 'audit.citizen%'`))
      .orderBy(auditEvents.seq);
    expect(lookups.map((l) => l.action)).toEqual(['audit.citizen_lookup', 'audit.citizen_export']);
    expect(lookups[0].payload).toMatchObject({ via: 'nik', events: 2 });
    expect(lookups[1].payload).toMatchObject({ via: 'submission' });
    const anyNik = await testDb().execute(sql`select 1 from audit_events where payload::text like ${`%${nik}%`} or entity_id = ${nik}`);
    expect(anyNik).toHaveLength(0);
  });
});
