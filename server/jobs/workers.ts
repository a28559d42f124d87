/**
 * The queue workers of a console process: drafting, webhook delivery, their
 * dead-letter handlers, and the outbox dispatcher. Started by the
 * instrumentation hook (server/jobs/index.ts) and in-process by the tests.
 */
import type PgBoss from 'pg-boss';
import { getDb, type Db, type Tx } from '@/db/client';
import { env } from '@/lib/env';
import { markAiUnavailable, runDrafting, type PipelineDeps } from '../services/intake/drafting';
import { dispatchOutbox, type NewDelivery } from '../services/intake/outbox';
import { deliverWebhook, markDeliveryDead } from '../services/intake/webhooks';
import { failCapped, getBoss, jobSender, queueDefinitions, QUEUES } from './boss';

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
  return boss.getJobById(queue, jobId, { includeArchive: true }).catch(() => null);
}

/**
 * `concurrency` workers on one queue, each taking one job at a time (pg-boss
 * 10 has no localConcurrency). A job whose handler throws is failed here
 * rather than by pg-boss, so that its next attempt keeps to the queue's
 * ceiling (failCapped); pg-boss then finds it no longer active and leaves it.
 */
async function work<T extends object>(
  boss: PgBoss,
  queue: string,
  opts: { pollingIntervalSeconds: number; concurrency: number; maxDelaySeconds: number },
  handle: (job: PgBoss.Job<T>) => Promise<void>,
) {
  for (let i = 0; i < opts.concurrency; i++) {
    let workerId = '';
    workerId = await boss.work<T>(queue, { pollingIntervalSeconds: opts.pollingIntervalSeconds, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) {
        try {
          await handle(job);
        } catch (e) {
          await failCapped(boss, queue, job.id, e, opts.maxDelaySeconds);
        }
      }
      // pg-boss 10 waits a whole polling interval after every job; while there is a backlog, fetch the next one at once
      // (without this, webhook deliveries drained at ~4/s per instance: npm run test:instances).
      boss.notifyWorker(workerId);
    });
  }
}

export async function startWorkers(boss: PgBoss, db: Db, opts: WorkerOptions = {}): Promise<() => Promise<void>> {
  const send = jobSender(boss);
  // Workers poll (pg-boss 10 has no LISTEN/NOTIFY): a new job waits up to this long for its worker.
  const polling = Math.max(opts.pollingIntervalSeconds ?? 2, 0.5);
  const ceiling = new Map(queueDefinitions().map((q) => [q.name, q.retryDelayMax]));
  const on = (queue: string, concurrency: number, pollingIntervalSeconds = polling) => ({
    pollingIntervalSeconds,
    concurrency,
    maxDelaySeconds: ceiling.get(queue) ?? 600,
  });
  await work<DraftingData>(boss, QUEUES.drafting, on(QUEUES.drafting, opts.draftingConcurrency ?? 2), (job) =>
    runDrafting(db, job.data.submissionId, opts.pipeline).then(() => undefined),
  );
  await work<DraftingData>(boss, QUEUES.draftingDead, on(QUEUES.draftingDead, 1, Math.max(polling, 1)), async (job) => {
    const original = await failedJob(boss, QUEUES.drafting, job.data.jobId);
    await markAiUnavailable(db, {
      submissionId: job.data.submissionId,
      jobId: job.data.jobId ?? job.id,
      error: errorText(original?.output),
      attempts: original ? original.retryCount + 1 : 0,
    });
  });
  await work<DeliveryData>(boss, QUEUES.delivery, on(QUEUES.delivery, opts.deliveryConcurrency ?? 4), (job) =>
    deliverWebhook(db, job.data.deliveryId).then(() => undefined),
  );
  await work<DeliveryData>(boss, QUEUES.deliveryDead, on(QUEUES.deliveryDead, 1, Math.max(polling, 1)), async (job) => {
    const original = await failedJob(boss, QUEUES.delivery, job.data.jobId);
    await markDeliveryDead(db, job.data.deliveryId, job.data.jobId ?? job.id, errorText(original?.output));
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
  if (!env.JOB_WORKERS) return;
  const boss = await getBoss();
  await startWorkers(boss, getDb());
}
