import { spawn } from 'node:child_process';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { aiSuggestions, deadLetters, outboxEvents, policyEvaluations, submissions } from '@/db/schema';
import type { Drafter } from '@/server/ai/types';
import { runDrafting } from '@/server/services/drafting';
import { makeUnit, testDb } from './fixtures';
import { intake, makeClient, runWorkers, startJobs, submissionBody, submissionByTicket, waitFor, type Jobs } from './intake-fixtures';

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

describe('drafting pipeline on pg-boss', () => {
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
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['tests/integration/helpers/crash-worker.ts', inject('databaseUrl'), jobs.schema], {
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
    const sub = await waitFor('the retried draft', async () => {
      const s = await submissionByTicket(db, ticket);
      return s.latestSuggestionId ? s : null;
    }, 30_000);
    console.log(`measured: killed job recovered ${Date.now() - t0} ms after a new worker started (expireInSeconds=3)`);
    expect(sub.status).toBe('pending_review');
    expect(await db.select().from(aiSuggestions).where(eq(aiSuggestions.submissionId, sub.id))).toHaveLength(1);
    const [s] = await db.select({ aiUnavailable: submissions.aiUnavailable }).from(submissions).where(eq(submissions.id, sub.id));
    expect(s.aiUnavailable).toBe(false);
  }, 90_000);
});
