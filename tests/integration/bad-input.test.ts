/**
 * Bad input never gives a 500 (issue 14, point 3) and a NIK is normalised in
 * one place (point 4), on a real Postgres: the REST intake service and a set
 * of tRPC procedures (through createCaller, as the browser reaches them) are
 * fed generated input with NUL characters, deep nesting, impossible dates,
 * huge and odd strings. Each answer is a success or a typed refusal (4xx /
 * a tRPC code other than INTERNAL_SERVER_ERROR), and a refusal writes nothing.
 * fast-check with a fixed seed and a bounded number of runs.
 */
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { attachments, auditEvents, decisions, drafts, idempotencyKeys, submissions } from '@/db/schema';
import { appRouter } from '@/server/routers';
import type { Actor } from '@/server/services/core/actor';
import type { ApiClient } from '@/server/services/intake/api-keys';
import { publicStatus } from '@/server/services/intake/intake';
import { lookupStatus } from '@/server/services/citizen/status-page';
import { EXAMPLE_SUBMISSION, openApiDocument } from '@/server/services/intake/openapi';
import { intakeAnswer, statusAnswer, ticketParam } from '@/server/intake-http';
import { createCallerFactory } from '@/server/trpc';
import { makeSubmission, makeUnit, testDb } from './fixtures';
import { makeClient, submissionBody } from './intake-fixtures';

const SEED = 20261114;
const createCaller = createCallerFactory(appRouter);
const callerFor = (actor: Actor) => createCaller({ db: testDb(), actor });

/** The intake without pg-boss: the drafting job is not what is tested here. */
const intake = (db: Db, client: ApiClient, body: unknown, key: string | null = null) =>
  intakeAnswer(db, { enqueueDrafting: async () => undefined }, client, body, key);

async function intakeRows(db: Db, unitId: string, clientId: string) {
  const [s] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(submissions)
    .where(eq(submissions.unitId, unitId));
  const [a] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(attachments)
    .innerJoin(submissions, eq(submissions.id, attachments.submissionId))
    .where(eq(submissions.unitId, unitId));
  const [k] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.apiClientId, clientId));
  return { submissions: s.n, attachments: a.n, keys: k.n };
}

function setPath(body: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = body;
  for (const k of keys.slice(0, -1)) {
    if (!node[k] || typeof node[k] !== 'object') node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
  return body;
}

const deepJson = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);

/** Strings a fuzzer throws at a form: NUL anywhere, any code point, impossible dates, SQL-ish and very long text. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })).map(([a, b]) => `${a}\u0000${b}`),
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '2026-02-30',
    '0000-00-00',
    '9999-99-99',
    "x'; drop table submissions; --",
    '\\',
    '%00',
    'a'.repeat(25_000),
    '\ud800',
    'Permohonan ditolak karena dokumen tidak lengkap.',
  ),
);

async function trpcOutcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

async function countWhere(db: Db, table: typeof auditEvents | typeof decisions | typeof drafts, where: ReturnType<typeof eq>) {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(where);
  return r.n;
}

describe('REST intake: bad input is a typed 4xx and writes nothing', () => {
  it('refuses a NUL in any text or in extracted fields, and JSON nested 5,000 levels in form, with VALIDATION_FAILED', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const cases: [string, unknown, string][] = [
      ['message', `Mohon dibuatkan\u0000 KTP-el`, 'message'],
      ['citizen.name', 'Siti\u0000', 'citizen.name'],
      ['form.alamat', 'Jl. Setiabudi\u0000 12', 'form.alamat'],
      ['attachments.0.extracted.kepala_keluarga', 'BUDI\u0000SANTOSO', 'attachments.0.extracted.kepala_keluarga'],
      ['externalRef', 'ref\u0000', 'externalRef'],
      ['form.catatan', deepJson(5000), 'form.catatan.a'],
    ];
    for (const [path, value, field] of cases) {
      const res = await intake(db, client, setPath(submissionBody(), path, value), `nul-${path}`);
      expect(res.status, path).toBe(400);
      expect(res.body.error, path).toMatchObject({ code: 'VALIDATION_FAILED', fields: { [field]: expect.any(String) } });
    }
    expect(await intakeRows(db, unit.unitId, client.id)).toEqual({ submissions: 0, attachments: 0, keys: 0 });
  });

  it('takes a NIK and KK number typed with spaces, dots or dashes and stores the 16 digits; refuses anything else', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const ok = await intake(
      db,
      client,
      submissionBody({ citizen: { ...EXAMPLE_SUBMISSION.citizen, nik: ' 9304181501900001', kkNumber: '3273.0101.0109.0001' } }),
    );
    expect(ok.status).toBe(201);
    const [row] = await db
      .select({ nik: submissions.nik, kk: submissions.kkNumber })
      .from(submissions)
      .where(eq(submissions.ticket, ok.body.ticket as string));
    expect(row).toEqual({ nik: '9304181501900001', kk: '3273010101090001' });
    const bad = await intake(db, client, submissionBody({ citizen: { ...EXAMPLE_SUBMISSION.citizen, nik: '93041815O1900001' } }));
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', fields: { 'citizen.nik': 'nik must be 16 digits' } } } });
  });

  it("the OpenAPI document's examples (NUL, nesting, a NIK in digit groups among them) get their documented status from the service", async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    type Doc = {
      paths: Record<
        string,
        { post: { requestBody: { content: Record<string, { examples: Record<string, { value: unknown; 'x-expect-status': number }> }> } } }
      >;
    };
    const examples = (openApiDocument() as Doc).paths['/api/v1/submissions'].post.requestBody.content['application/json'].examples;
    expect(Object.keys(examples)).toEqual(expect.arrayContaining(['nulInText', 'nestedTooDeep', 'nikWithSeparators']));
    for (const [name, ex] of Object.entries(examples)) {
      // Through JSON, as a channel sends it.
      const res = await intake(db, client, JSON.parse(JSON.stringify(ex.value)), `example-${name}`);
      expect(res.status, name).toBe(ex['x-expect-status']);
    }
  });

  it('property: generated bodies never give a 5xx; a refusal writes no submission, attachment or idempotency key', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId, 100_000);
    const paths = fc.constantFrom(
      'message',
      'citizen.name',
      'citizen.nik',
      'citizen.kkNumber',
      'citizen.phone',
      'citizen.address',
      'form.tanggal_lahir',
      'form.alamat',
      'form.extra',
      'attachments.0.extracted.nik',
      'attachments.0.extracted',
      'attachments.0.filename',
      'attachments.1.contentBase64',
      'externalRef',
      'service',
      'citizen',
      'form',
    );
    const values = fc.oneof(
      nasty,
      fc.jsonValue({ maxDepth: 3 }),
      fc.nat({ max: 3000 }).map(deepJson),
      fc.constantFrom(' 9304181501900001', '9304-1815-0190-0001'),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(paths, values), { minLength: 1, maxLength: 3 }), fc.boolean(), async (edits, withKey) => {
        const body = submissionBody();
        for (const [p, v] of edits) setPath(body, p, v);
        const before = await intakeRows(db, unit.unitId, client.id);
        const res = await intake(db, client, body, withKey ? `fuzz-${++run}` : null);
        expect(res.status).toBeLessThan(500);
        const after = await intakeRows(db, unit.unitId, client.id);
        if (res.status >= 400) {
          expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
          expect(after).toEqual(before);
        } else {
          expect(after.submissions).toBe(before.submissions + 1);
        }
      }),
      { seed: SEED, numRuns: 120 },
    );
    // Whatever was accepted was stored with its NIK as 16 digits.
    const [bad] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(submissions)
      .where(and(eq(submissions.unitId, unit.unitId), sql`${submissions.nik} !~ '^[0-9]{16}$'`));
    expect(bad.n).toBe(0);
  });
});

describe('ticket look-ups: a malformed ticket is "not found", never a query Postgres refuses', () => {
  it('REST status, public status and the status page answer a NUL or a broken escape in the ticket as not found; the NIK digits follow the one rule', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const created = await intake(db, client, submissionBody());
    const ticket = created.body.ticket as string;
    for (const raw of [`${ticket}\u0000`, '%E0%A4%A', `${ticket}%00`, 'x'.repeat(5000)]) {
      expect((await statusAnswer(db, client, ticketParam(raw))).status, raw.slice(0, 20)).toBe(404);
      expect(await publicStatus(db, ticketParam(raw))).toBeNull();
      expect(await lookupStatus(db, { ticket: raw, nikLast4: '0001', client: null })).toEqual({ ok: false, reason: 'not_found' });
    }
    expect((await statusAnswer(db, client, ticketParam(encodeURIComponent(ticket.toLowerCase())))).status).toBe(200);
    const last4 = (EXAMPLE_SUBMISSION.citizen.nik as string).slice(-4);
    expect((await lookupStatus(db, { ticket, nikLast4: ` ${last4} `, client: null })).ok).toBe(true);
    expect((await lookupStatus(db, { ticket, nikLast4: `${last4}\u0000`, client: null })).ok).toBe(false);
  });
});

describe('tRPC inputs: bad input is a typed refusal, never INTERNAL_SERVER_ERROR, and writes nothing', () => {
  it('property: review, queue, oversight and audit procedures under generated strings and dates', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const officer = callerFor(unit.officer);
    const supervisor = callerFor(unit.supervisor);
    const held = await makeSubmission(db, unit.unitId);
    const claimed = await officer.queue.claim({ submissionId: held.id });
    const decided = await makeSubmission(db, unit.unitId);
    const c2 = await officer.queue.claim({ submissionId: decided.id });
    await officer.review.decide({
      submissionId: decided.id,
      version: c2.version,
      suggestionId: decided.suggestionId,
      outcome: 'approve',
      answer: 'Permohonan KTP-el Anda kami setujui.',
      verdicts: [],
      reasonCode: null,
      note: null,
      timeSpentMs: 60_000,
    });
    const mine = (actor: Actor) => eq(auditEvents.actorId, actor.id);
    /** Mostly a plausible value, sometimes a nasty one: a refusal of one field must not hide what another does. */
    const or = <T>(benign: fc.Arbitrary<T>) => fc.oneof({ arbitrary: benign, weight: 3 }, { arbitrary: nasty, weight: 1 });
    const text = or(fc.constantFrom(undefined, 'ktp-el', 'submission', 'Permohonan sudah lengkap dan kami proses.'));
    const dates = fc.oneof(
      nasty,
      fc.date({ noInvalidDate: false }),
      fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01') }).map((d) => d.toISOString().slice(0, 10)),
      fc.integer(),
      fc.double(),
      fc.constantFrom(undefined, -8.64e15, 8.64e15, '+275760-09-13', '-000001-01-01', '0000-01-01', '1899-12-31', '2026-02-30'),
    );

    const procedures: { name: string; arb: fc.Arbitrary<string[] | unknown[]>; call: (v: never[]) => Promise<unknown>; written: () => Promise<number> }[] = [
      {
        name: 'review.saveDraft',
        arb: fc.tuple(or(fc.constant('Jawaban')), or(fc.constant(null)), or(fc.constant(null)), or(fc.constant('kk'))),
        call: ([answer, note, reasonCode, docType]) =>
          officer.review.saveDraft({ submissionId: held.id, answer, note, reasonCode, verdicts: { [docType]: 'valid' } } as never),
        written: async () => {
          const [d] = await db
            .select({ n: sql<number>`count(*)::int` })
            .from(drafts)
            .where(and(eq(drafts.submissionId, held.id), eq(drafts.userId, unit.officer.id)));
          return d.n;
        },
      },
      {
        name: 'review.decide',
        arb: fc.tuple(or(fc.constant('Permohonan ditolak.')), or(fc.constant(null)), or(fc.constant('doc_invalid')), or(fc.constant('kk'))),
        call: ([answer, note, reasonCode, docType]) =>
          officer.review.decide({
            submissionId: held.id,
            version: claimed.version,
            suggestionId: held.suggestionId,
            outcome: 'reject',
            answer,
            note,
            reasonCode,
            verdicts: [{ docType, verdict: 'invalid' }],
            timeSpentMs: 1000,
          } as never),
        written: () => countWhere(db, decisions, eq(decisions.submissionId, held.id)),
      },
      {
        name: 'supervisor.reopen',
        arb: fc.tuple(or(fc.constant('ai_verdict_wrong')), or(fc.constant('Keputusan perlu diperiksa ulang oleh petugas lain.'))),
        call: ([reasonCode, reason]) => supervisor.supervisor.reopen({ submissionId: decided.id, reasonCode, reason } as never),
        written: () => countWhere(db, decisions, eq(decisions.submissionId, decided.id)),
      },
      {
        name: 'supervisor.overrides.list',
        arb: fc.tuple(text, text, text, dates, dates, or(fc.constant(undefined))),
        call: ([serviceCode, reasonCode, model, from, to, cursor]) =>
          supervisor.supervisor.overrides.list({ serviceCode, reasonCode, model, from, to, cursor } as never),
        written: () => countWhere(db, auditEvents, mine(unit.supervisor)),
      },
      {
        name: 'supervisor.analytics',
        arb: fc.tuple(dates, dates),
        call: ([from, to]) => supervisor.supervisor.analytics({ from, to } as never),
        written: () => countWhere(db, auditEvents, mine(unit.supervisor)),
      },
      {
        name: 'queue.list',
        arb: fc.tuple(text),
        call: ([serviceCode]) => officer.queue.list({ serviceCode } as never),
        written: () => countWhere(db, auditEvents, mine(unit.officer)),
      },
      {
        name: 'audit.events',
        arb: fc.tuple(dates, dates, text, text, text, text, or(fc.constant(undefined))),
        call: ([from, to, entityType, entityId, ticket, stream, cursor]) =>
          supervisor.audit.events({ filter: { from, to, entityType, entityId, ticket, stream }, cursor } as never),
        written: () => countWhere(db, auditEvents, mine(unit.supervisor)),
      },
      {
        name: 'audit.citizen',
        arb: fc.tuple(fc.oneof(nasty, fc.constantFrom(' 3273014506900001', '3273-0145-0690-0001', '3273014506900001\u0000'))),
        call: ([nik]) => supervisor.audit.citizen({ nik, purpose: 'view' } as never),
        written: () => countWhere(db, auditEvents, mine(unit.supervisor)),
      },
    ];

    for (const p of procedures) {
      await fc.assert(
        fc.asyncProperty(p.arb, async (args) => {
          const before = await p.written();
          const outcome = await trpcOutcome(p.call(args as never[]));
          expect(outcome, `${p.name}(${JSON.stringify(args).slice(0, 200)})`).not.toBe('INTERNAL_SERVER_ERROR');
          if (outcome !== 'OK') expect(await p.written(), `${p.name} wrote on refusal`).toBe(before);
        }),
        { seed: SEED, numRuns: 40 },
      );
    }
  });

  it('what the fuzzing found: the audit explorer date filter, year 0 and 30 February are answered, not a 500', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const supervisor = callerFor(unit.supervisor);
    // Any date filter in the audit explorer was a TypeError inside postgres.js (a Date nested in a fragment).
    expect(await trpcOutcome(supervisor.audit.events({ filter: { from: new Date('2026-01-01'), to: new Date() } }))).toBe('OK');
    expect(await trpcOutcome(supervisor.audit.events({ filter: { from: '2026-01-01' as unknown as Date } }))).toBe('OK');
    for (const from of [-8.64e15, '0000-01-01', '-000001-01-01']) {
      expect(await trpcOutcome(supervisor.audit.events({ filter: { from: from as unknown as Date } })), String(from)).toBe('BAD_REQUEST');
    }
    // Postgres has no year 0 and no 30 February: both were refused by Postgres, as a 500.
    for (const from of ['0000-01-01', '2026-02-30', '1899-12-31']) {
      expect(await trpcOutcome(supervisor.supervisor.overrides.list({ from })), from).toBe('BAD_REQUEST');
      expect(await trpcOutcome(supervisor.supervisor.analytics({ from })), from).toBe('BAD_REQUEST');
    }
  });

  it('the citizen-record lookup takes a NIK typed with separators as the same citizen, and refuses a NUL with BAD_REQUEST', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const sub = await makeSubmission(db, unit.unitId, { nik: '3273014506900042' });
    const supervisor = callerFor(unit.supervisor);
    for (const typed of ['3273014506900042', ' 3273014506900042', '3273 0145 0690 0042', '3273.0145.0690.0042', '3273-0145-0690-0042']) {
      const record = await supervisor.audit.citizen({ nik: typed, purpose: 'view' });
      expect(
        record.submissions.map((s) => s.id),
        typed,
      ).toEqual([sub.id]);
    }
    expect(await trpcOutcome(supervisor.audit.citizen({ nik: '3273014506900042\u0000', purpose: 'view' }))).toBe('BAD_REQUEST');
    expect(await trpcOutcome(supervisor.audit.citizen({ nik: '32730145O6900042', purpose: 'view' }))).toBe('BAD_REQUEST');
  });
});
