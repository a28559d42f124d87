/**
 * The queue workers of a console process: drafting, webhook delivery, their
 * dead-letter handlers, and the outbox dispatcher. Started by the
 * instrumentation hook (server/jobs/index.ts) and in-process by the tests.
 */
import type { PgBoss } from 'pg-boss';
import { getDb, type Db, type Tx } from '@/db/client';
import { markAiUnavailable, runDrafting, type PipelineDeps } from '../services/drafting';
import { dispatchOutbox, type NewDelivery } from '../services/outbox';
import { deliverWebhook, markDeliveryDead } from '../services/webhooks';
import { getBoss, jobSender, QUEUES } from './boss';

type DraftingData = { submissionId: string; jobId?: string };
type DeliveryData = { deliveryId: string; jobId?: string };

export type WorkerOptions = {
  pipeline?: PipelineDeps;
  /** How often the outbox dispatcher looks for new events. */
  dispatchIntervalMs?: number;
  pollingIntervalSeconds?: number;
  draftingConcurrency?: number;
  deliveryConcurrency?: number;
};

function errorText(output: unknown): string {
  if (output && typeof output === 'object') {
    const o = output as { message?: unknown; name?: unknown };
    if (typeof o.message === 'string') return `${typeof o.name === 'string' ? `${o.name}: ` : ''}${o.message}`;
  }
  return output ? JSON.stringify(output).slice(0, 2000) : 'failed after the last retry (no error recorded; the worker may have stopped mid-job)';
}

async function failedJob(boss: PgBoss, queue: string, jobId: string | undefined) {
  if (!jobId) return null;
  const [job] = await boss.findJobs(queue, { id: jobId }).catch(() => []);
  return job ?? null;
}

export async function startWorkers(boss: PgBoss, db: Db, opts: WorkerOptions = {}): Promise<() => Promise<void>> {
  const send = jobSender(boss);
  const polling = opts.pollingIntervalSeconds ?? 2;
  // NOTIFY wakes a worker for a new job at once; a retry coming due is found by polling, so poll as often with NOTIFY on.
  const poll = { pollingIntervalSeconds: polling, notifyPollingIntervalSeconds: polling };
  await boss.work<DraftingData>(
    QUEUES.drafting,
    { ...poll, localConcurrency: opts.draftingConcurrency ?? 2 },
    async (jobs) => {
      for (const job of jobs) await runDrafting(db, job.data.submissionId, opts.pipeline);
    },
  );
  await boss.work<DraftingData>(QUEUES.draftingDead, { pollingIntervalSeconds: Math.max(polling, 1), notifyPollingIntervalSeconds: Math.max(polling, 1) }, async (jobs) => {
    for (const job of jobs) {
      const original = await failedJob(boss, QUEUES.drafting, job.data.jobId);
      await markAiUnavailable(db, {
        submissionId: job.data.submissionId,
        jobId: job.data.jobId ?? job.id,
        error: errorText(original?.output),
        attempts: original ? original.retryCount + 1 : 0,
      });
    }
  });
  await boss.work<DeliveryData>(
    QUEUES.delivery,
    { ...poll, localConcurrency: opts.deliveryConcurrency ?? 4 },
    async (jobs) => {
      for (const job of jobs) await deliverWebhook(db, job.data.deliveryId);
    },
  );
  await boss.work<DeliveryData>(QUEUES.deliveryDead, { pollingIntervalSeconds: Math.max(polling, 1), notifyPollingIntervalSeconds: Math.max(polling, 1) }, async (jobs) => {
    for (const job of jobs) {
      const original = await failedJob(boss, QUEUES.delivery, job.data.jobId);
      await markDeliveryDead(db, job.data.deliveryId, job.data.jobId ?? job.id, errorText(original?.output));
    }
  });

  // The outbox dispatcher: events → deliveries + delivery jobs, one transaction per batch.
  let running = false;
  let stopped = false;
  const dispatch = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const enqueue = async (tx: Tx, ds: NewDelivery[]) => {
        for (const d of ds) await send.delivery(tx, d.deliveryId);
      };
      while (!stopped && (await dispatchOutbox(db, enqueue)) > 0) {
        // drain the backlog, then wait for the next tick
      }
    } catch (e) {
      console.error('outbox dispatch failed', e);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(dispatch, opts.dispatchIntervalMs ?? 1000);
  timer.unref();
  void dispatch();

  return async () => {
    stopped = true;
    clearInterval(timer);
    for (const q of Object.values(QUEUES)) await boss.offWork(q).catch(() => undefined);
  };
}

/** The console server's workers (instrumentation): the process's PgBoss and database. */
export async function startJobWorkers(): Promise<void> {
  if (process.env.JOB_WORKERS === 'false') return;
  const boss = await getBoss();
  await startWorkers(boss, getDb());
}
