import { spawn } from 'node:child_process';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import sharp from 'sharp';
import { aiSuggestions, attachments, deadLetters, documentReadings, outboxEvents, policyEvaluations, submissions } from '@/db/schema';
import { citizenKkSvg } from '../../e2e/specimen-uploads';
import { EXAMPLE_SUBMISSION } from '@/server/services/intake/openapi';
import { DocumentReadError } from '@/server/ai/reading';
import type { DocumentReader, Drafter } from '@/server/ai/types';
import { runDrafting } from '@/server/services/intake/drafting';
import { makeUnit, testDb } from './fixtures';
import { FAST_JOBS_ENV, intake, makeClient, runWorkers, startJobs, submissionBody, submissionByTicket, waitFor, type Jobs } from './intake-fixtures';

let jobs: Jobs;
beforeAll(async () => {
  jobs = await startJobs('pipeline');
});
afterAll(async () => {
  await jobs?.stop();
});

const failingDrafter = (counter: { calls: number }): Drafter => ({
  draft: async () => {
    counter.calls += 1;
    throw new Error('AI endpoint answered HTTP 503');
  },
});

const failingReader = (counter: { calls: number }): DocumentReader => ({
  read: async () => {
    counter.calls += 1;
    throw new DocumentReadError('TIMEOUT', 'OCR of page 1 took longer than 20000 ms');
  },
});

/** The example citizen's KK, photographed: what a portal would upload. */
async function exampleKkPhoto(): Promise<string> {
  const svg = citizenKkSvg(EXAMPLE_SUBMISSION.citizen);
  return (await sharp(Buffer.from(svg)).rotate(1, { background: '#8a8a8a' }).jpeg({ quality: 75 }).toBuffer()).toString('base64');
}

async function randomPicture(): Promise<string> {
  const overlay = Buffer.from(
    '<svg width="640" height="480"><circle cx="480" cy="120" r="70" fill="#f5c542" fill-opacity="0.8"/><rect y="300" width="640" height="180" fill="#7a5230" fill-opacity="0.7"/></svg>',
  );
  // Grain like a real photo's: a perfectly smooth drawing would be judged blurred, not the wrong document.
  const grain = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 120, sigma: 40 } } })
    .png()
    .toBuffer();
  return (
    await sharp(grain)
      .composite([{ input: overlay }])
      .jpeg()
      .toBuffer()
  ).toString('base64');
}

describe('drafting pipeline on pg-boss', () => {
  it('reads the documents themselves: a real KK passes, a holiday picture sent as the pas foto does not', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    await runWorkers(jobs, db);
    const body = submissionBody({
      attachments: [
        {
          docType: 'kk',
          filename: 'kk.jpg',
          mime: 'image/jpeg',
          contentBase64: await exampleKkPhoto(),
          extracted: { nomor_kk: '3273010101090001', kepala_keluarga: 'BUDI SANTOSO' },
        },
        // The channel claims a name for the photo: it must not matter.
        { docType: 'foto', filename: 'foto.jpg', mime: 'image/jpeg', contentBase64: await randomPicture(), extracted: { nama: 'SITI NURHALIZA' } },
      ],
    });
    const res = await intake(db, jobs, client, body);
    expect(res.status).toBe(201);
    const sub = await waitFor(
      'a drafted submission',
      async () => {
        const s = await submissionByTicket(db, res.body.ticket as string);
        return s.latestSuggestionId ? s : null;
      },
      30_000,
    );
    const readings = await db
      .select({ detectedType: documentReadings.detectedType })
      .from(documentReadings)
      .innerJoin(attachments, eq(attachments.id, documentReadings.attachmentId))
      .where(eq(attachments.submissionId, sub.id));
    expect(readings.map((r) => r.detectedType).sort()).toEqual(['kk', 'unknown']);
    const [sug] = await db.select().from(aiSuggestions).where(eq(aiSuggestions.id, sub.latestSuggestionId!));
    const kk = sug.docVerdicts.find((v) => v.docType === 'kk')!;
    const foto = sug.docVerdicts.find((v) => v.docType === 'foto')!;
    expect(kk.verdict).toBe('valid');
    expect(kk.checks.find((c) => c.name === 'name_in_kk')?.evidence?.[0]).toMatchObject({ source: 'document', value: 'SITI NURHALIZA' });
    expect(foto).toMatchObject({ verdict: 'invalid', reasons: ['wrong_document_type'] });
    expect(sug.recommendation).toBe('request_info');
    expect(sug.flags).toContain('wrong_document_type');
    // Nothing in the stored suggestion spells out a full NIK.
    expect(JSON.stringify(sug.docVerdicts)).not.toContain('3273014506900001');
  }, 60_000);

  it('sends an item whose documents could not be read to a person, marked "documents not read", after the job\'s retries', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const counter = { calls: 0 };
    await runWorkers(jobs, db, { pipeline: { reader: failingReader(counter) } });
    const res = await intake(db, jobs, client, submissionBody());
    const sub = await waitFor(
      'the documents-not-read marker',
      async () => {
        const s = await submissionByTicket(db, res.body.ticket as string);
        return s.aiUnavailable ? s : null;
      },
      30_000,
    );
    expect(sub).toMatchObject({ status: 'pending_review', aiUnavailableReason: 'documents_not_read', latestSuggestionId: null });
    expect(counter.calls).toBeGreaterThanOrEqual(3);
    const [dl] = await db.select().from(deadLetters).where(eq(deadLetters.submissionId, sub.id));
    expect(dl.error).toContain('DocumentReadError');
  }, 60_000);

  it('drafts a received submission: suggestion v1, routing, and a status event, in one go', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    await runWorkers(jobs, db);
    const res = await intake(db, jobs, client, submissionBody());
    const ticket = res.body.ticket as string;
    const sub = await waitFor('a drafted submission', async () => {
      const s = await submissionByTicket(db, ticket);
      return s.latestSuggestionId ? s : null;
    });
    expect(sub.status).toBe('pending_review');
    expect(sub.aiUnavailable).toBe(false);
    const [sug] = await db.select().from(aiSuggestions).where(eq(aiSuggestions.submissionId, sub.id));
    expect(sug).toMatchObject({ version: 1, modelName: 'layanan-bm25' });
    expect(sug.docVerdicts.map((v) => v.docType).sort()).toEqual(['foto', 'kk']);
    // Every check carries an explanation an officer can read.
    expect(sug.docVerdicts.flatMap((v) => v.checks).every((c) => c.detail.length > 10)).toBe(true);
    expect(sug.citations.length).toBeGreaterThan(0);
    const evals = await db.select().from(policyEvaluations).where(eq(policyEvaluations.submissionId, sub.id));
    expect(evals).toHaveLength(1);
    const events = await db.select({ type: outboxEvents.type, payload: outboxEvents.payload }).from(outboxEvents).where(eq(outboxEvents.submissionId, sub.id));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['submission.received', 'submission.status_changed']));
    // Running the job again (at-least-once delivery) changes nothing.
    expect(await runDrafting(db, sub.id)).toEqual({ outcome: 'skipped', status: 'pending_review' });
    expect(await db.select().from(aiSuggestions).where(eq(aiSuggestions.submissionId, sub.id))).toHaveLength(1);
  });

  it('retries a failing drafter with backoff, then dead-letters the job and sends the item to a person as "AI unavailable"', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const counter = { calls: 0 };
    await runWorkers(jobs, db, { pipeline: { drafter: failingDrafter(counter) } });
    const t0 = Date.now();
    const res = await intake(db, jobs, client, submissionBody());
    const sub = await waitFor(
      'the AI-unavailable marker',
      async () => {
        const s = await submissionByTicket(db, res.body.ticket as string);
        return s.aiUnavailable ? s : null;
      },
      30_000,
    );
    const elapsed = Date.now() - t0;
    expect(counter.calls).toBe(3); // the first try and retryLimit = 2 retries
    expect(elapsed).toBeGreaterThan(2000); // backoff: the retries were not immediate
    expect(sub.status).toBe('pending_review');
    expect(sub.latestSuggestionId).toBeNull();
    const [dl] = await db.select().from(deadLetters).where(eq(deadLetters.submissionId, sub.id));
    expect(dl).toMatchObject({ queue: 'drafting', attempts: 3 });
    expect(dl.error).toContain('HTTP 503');
    const events = await db
      .select({ payload: outboxEvents.payload })
      .from(outboxEvents)
      .where(and(eq(outboxEvents.submissionId, sub.id), eq(outboxEvents.type, 'submission.status_changed')));
    expect(events.map((e) => e.payload.reason)).toContain('ai_unavailable');
    console.log(`measured: drafting dead-lettered after ${counter.calls} attempts in ${elapsed} ms`);

    // A late retry (admin) gives the waiting item a suggestion without moving it.
    expect(await runDrafting(db, sub.id)).toMatchObject({ outcome: 'drafted', routed: 'late_draft', status: 'pending_review' });
    const after = await submissionByTicket(db, res.body.ticket as string);
    expect(after.aiUnavailable).toBe(false);
    expect(after.latestSuggestionId).not.toBeNull();
  }, 60_000);

  it('loses nothing when the worker process is killed mid-job: the job expires and is retried', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    await jobs.stopWorkers?.();
    jobs.stopWorkers = null;
    // 1. Written while no worker runs: the job waits in Postgres.
    const res = await intake(db, jobs, client, submissionBody());
    const ticket = res.body.ticket as string;
    await new Promise((r) => setTimeout(r, 500));
    expect((await submissionByTicket(db, ticket)).status).toBe('received');

    // 2. A worker process takes it and dies (SIGKILL) inside the Drafter.
    // Node itself with tsx's loader, not the tsx command: that wrapper runs the script in a child process,
    // which a SIGKILL of the wrapper leaves alive, still taking (and hanging on) the job's retries.
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/helpers/crash-worker.ts', inject('databaseUrl'), jobs.schema], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the crash worker never took the job')), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('CLAIMED')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect((await submissionByTicket(db, ticket)).status).toBe('drafting');

    // 3. A healthy worker: the expired job is retried and drafted exactly once.
    const t0 = Date.now();
    await runWorkers(jobs, db);
    const sub = await waitFor(
      'the retried draft',
      async () => {
        const s = await submissionByTicket(db, ticket);
        return s.latestSuggestionId ? s : null;
      },
      60_000,
    ).catch(async (e: Error) => {
      // Say where the job got stuck: its pg-boss state and any dead letter.
      const s = await submissionByTicket(db, ticket);
      const rows = await db.execute(
        sql`select state, retry_count, started_on, completed_on, output from ${sql.identifier(jobs.schema)}.job where data->>'submissionId' = ${s.id}`,
      );
      const dl = await db.select().from(deadLetters).where(eq(deadLetters.submissionId, s.id));
      throw new Error(
        `${e.message}; submission ${s.status}, ai unavailable ${s.aiUnavailable}; jobs ${JSON.stringify(rows)}; dead letters ${JSON.stringify(dl)}`,
      );
    });
    console.log(`measured: killed job recovered ${Date.now() - t0} ms after a new worker started (expireInSeconds=${FAST_JOBS_ENV.DRAFTING_EXPIRE_S})`);
    expect(sub.status).toBe('pending_review');
    expect(await db.select().from(aiSuggestions).where(eq(aiSuggestions.submissionId, sub.id))).toHaveLength(1);
    const [s] = await db.select({ aiUnavailable: submissions.aiUnavailable }).from(submissions).where(eq(submissions.id, sub.id));
    expect(s.aiUnavailable).toBe(false);
  }, 120_000);
});
