/**
 * Shared set-up of the intake, pipeline and webhook tests: a pg-boss schema of
 * their own per test file (so parallel files never take each other's jobs),
 * fast retries, and an API client for a fresh unit.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { inject } from 'vitest';
import type { Db } from '@/db/client';
import { submissions } from '@/db/schema';
import { createBoss, installJobs, jobSender } from '@/server/jobs/boss';
import { startWorkers, type WorkerOptions } from '@/server/jobs/workers';
import { createApiClient, type ApiClient } from '@/server/services/intake/api-keys';
import { intakeAnswer, type ApiResponse } from '@/server/intake-http';
import { EXAMPLE_SUBMISSION } from '@/server/services/intake/openapi';

export const FAST_JOBS_ENV = {
  DRAFTING_RETRY_LIMIT: '2',
  DRAFTING_RETRY_DELAY_S: '1',
  // Long enough that a healthy attempt (OCR included) never expires on a loaded CI machine, short enough
  // that the killed-worker test recovers in seconds.
  DRAFTING_EXPIRE_S: '8',
  WEBHOOK_RETRY_LIMIT: '2',
  WEBHOOK_RETRY_DELAY_S: '1',
};

export type Jobs = { boss: PgBoss; schema: string; stopWorkers: (() => Promise<void>) | null; stop: () => Promise<void> };

export async function startJobs(name: string): Promise<Jobs> {
  const url = inject('databaseUrl');
  const schema = `pgboss_${name}_${process.pid}`;
  await installJobs(url, { schema, env: FAST_JOBS_ENV });
  const boss = createBoss({ url, schema, superviseIntervalSeconds: 1, max: 4 });
  await boss.start();
  const jobs: Jobs = {
    boss,
    schema,
    stopWorkers: null,
    stop: async () => {
      await jobs.stopWorkers?.();
      await boss.stop({ graceful: false, timeout: 2000 });
    },
  };
  return jobs;
}

export async function runWorkers(jobs: Jobs, db: Db, opts: WorkerOptions = {}) {
  await jobs.stopWorkers?.();
  jobs.stopWorkers = await startWorkers(jobs.boss, db, { pollingIntervalSeconds: 0.5, dispatchIntervalMs: 200, ...opts });
}

export async function makeClient(db: Db, unitId: string, rateLimitPerMinute = 1000): Promise<{ client: ApiClient; key: string }> {
  return createApiClient(db, null, { unitId, channel: 'portal', name: `Portal uji ${randomUUID().slice(0, 6)}`, rateLimitPerMinute });
}

export function submissionBody(overrides: Record<string, unknown> = {}) {
  return { ...structuredClone(EXAMPLE_SUBMISSION), ...overrides };
}

export function intake(db: Db, jobs: Jobs, client: ApiClient, body: unknown, key: string | null = null): Promise<ApiResponse> {
  const send = jobSender(jobs.boss);
  return intakeAnswer(db, { enqueueDrafting: async (tx, id) => void (await send.drafting(tx, id)) }, client, body, key);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function submissionByTicket(db: Db, ticket: string) {
  const [s] = await db.select().from(submissions).where(eq(submissions.ticket, ticket));
  return s;
}
