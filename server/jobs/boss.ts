/**
 * pg-boss, the job queue on the console's own Postgres: drafting jobs and
 * webhook deliveries, with retries, exponential backoff, expiry of jobs whose
 * worker died, and dead-letter queues. One PgBoss per process (globalThis:
 * route handlers and the instrumentation hook may be separate bundles).
 *
 * Jobs are created inside the caller's transaction (`send` with the
 * transaction as `db`), so a job exists exactly when the row it is about does.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { fromDrizzle, PgBoss, type Queue } from 'pg-boss';
import type { Tx } from '@/db/client';

export const QUEUES = {
  drafting: 'drafting',
  draftingDead: 'drafting-dead',
  delivery: 'webhook-delivery',
  deliveryDead: 'webhook-delivery-dead',
} as const;

export const JOB_SCHEMA = process.env.PGBOSS_SCHEMA ?? 'pgboss';

const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d);

/** Retry, backoff and expiry per queue; read from the environment when the queues are installed. */
export function queueDefinitions(env: Record<string, string | undefined> = process.env): Queue[] {
  return [
    { name: QUEUES.draftingDead, retryLimit: 5, retryDelay: 5, retryBackoff: true, retryDelayMax: 600 },
    {
      name: QUEUES.drafting,
      // After the last retry the job is copied to the dead-letter queue, whose worker sends the item to a person.
      retryLimit: num(env.DRAFTING_RETRY_LIMIT, 4),
      retryDelay: num(env.DRAFTING_RETRY_DELAY_S, 5),
      retryBackoff: true,
      retryDelayMax: 600,
      // A worker that died mid-job (crash, deploy) is noticed when the job expires; the job is then retried.
      expireInSeconds: num(env.DRAFTING_EXPIRE_S, 180),
      deadLetter: QUEUES.draftingDead,
      notify: true,
    },
    { name: QUEUES.deliveryDead, retryLimit: 5, retryDelay: 5, retryBackoff: true, retryDelayMax: 600 },
    {
      name: QUEUES.delivery,
      retryLimit: num(env.WEBHOOK_RETRY_LIMIT, 8),
      retryDelay: num(env.WEBHOOK_RETRY_DELAY_S, 10),
      retryBackoff: true,
      retryDelayMax: num(env.WEBHOOK_RETRY_DELAY_MAX_S, 3600),
      expireInSeconds: 60,
      deadLetter: QUEUES.deliveryDead,
      notify: true,
    },
  ];
}

export type BossOptions = { url: string; schema?: string; migrate?: boolean; superviseIntervalSeconds?: number; max?: number };

export function createBoss(opts: BossOptions): PgBoss {
  const boss = new PgBoss({
    connectionString: opts.url,
    schema: opts.schema ?? JOB_SCHEMA,
    migrate: opts.migrate ?? false,
    max: opts.max ?? Number(process.env.PGBOSS_POOL_MAX ?? 4),
    application_name: 'layanan-jobs',
    useListenNotify: true,
    superviseIntervalSeconds: opts.superviseIntervalSeconds ?? 30,
    monitorIntervalSeconds: opts.superviseIntervalSeconds ?? 30,
    // The console's role may not own the job tables (an administrator installs them): no REINDEX from here.
    reindex: false,
  });
  boss.on('error', (e) => console.error('pg-boss:', e));
  return boss;
}

/**
 * Installs or upgrades the job schema and the queues, with the migrating
 * (owner) connection; `npm start` calls it after the SQL migrations. When the
 * console's own role (layanan_app) exists it gets the rights to use the queues.
 */
export async function installJobs(url: string, opts: { schema?: string; env?: Record<string, string | undefined> } = {}): Promise<void> {
  const schema = opts.schema ?? JOB_SCHEMA;
  const boss = new PgBoss({ connectionString: url, schema, migrate: true, supervise: false, schedule: false, max: 2, registerInstance: false, reindex: false });
  boss.on('error', (e) => console.error('pg-boss install:', e));
  await boss.start();
  try {
    for (const q of queueDefinitions(opts.env)) {
      const { name, ...options } = q;
      if (await boss.getQueue(name)) await boss.updateQueue(name, options);
      else await boss.createQueue(name, options);
    }
  } finally {
    await boss.stop({ graceful: false, timeout: 1000 });
  }
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [role] = await admin`select 1 from pg_roles where rolname = 'layanan_app'`;
    if (role) {
      await admin.unsafe(`
        grant usage on schema "${schema}" to layanan_app;
        grant select, insert, update, delete on all tables in schema "${schema}" to layanan_app;
        grant usage, select on all sequences in schema "${schema}" to layanan_app;
        grant execute on all functions in schema "${schema}" to layanan_app;
        alter default privileges in schema "${schema}" grant select, insert, update, delete on tables to layanan_app;`);
    }
  } catch (e) {
    console.warn(`jobs: could not grant the job schema to layanan_app (${e instanceof Error ? e.message : e})`);
  } finally {
    await admin.end();
  }
}

type Cached = { url: string; boss: Promise<PgBoss> };
const globalForBoss = globalThis as unknown as { __layananBoss?: Cached };

/** The process's started PgBoss (installing the job schema first if nobody did, e.g. under `next dev`). */
export function getBoss(): Promise<PgBoss> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const cached = globalForBoss.__layananBoss;
  if (cached && cached.url === url) return cached.boss;
  const boss = (async () => {
    let b = createBoss({ url });
    try {
      await b.start();
      if (!(await b.getQueue(QUEUES.drafting))) throw new Error('queues missing');
    } catch {
      await b.stop({ graceful: false, timeout: 1000 }).catch(() => undefined);
      await installJobs(url);
      b = createBoss({ url });
      await b.start();
    }
    return b;
  })();
  boss.catch(() => {
    if (globalForBoss.__layananBoss?.boss === boss) globalForBoss.__layananBoss = undefined;
  });
  globalForBoss.__layananBoss = { url, boss };
  return boss;
}

/** Creates jobs inside a drizzle transaction. */
export function jobSender(boss: PgBoss) {
  return {
    async drafting(tx: Tx, submissionId: string): Promise<string> {
      const id = randomUUID();
      await boss.send(QUEUES.drafting, { submissionId, jobId: id }, { id, db: fromDrizzle(tx, sql) });
      return id;
    },
    async delivery(tx: Tx, deliveryId: string): Promise<string> {
      const id = randomUUID();
      await boss.send(QUEUES.delivery, { deliveryId, jobId: id }, { id, db: fromDrizzle(tx, sql) });
      return id;
    },
  };
}
export type JobSender = ReturnType<typeof jobSender>;
