/**
 * pg-boss, the job queue on the console's own Postgres: drafting jobs and
 * webhook deliveries, with retries, exponential backoff, expiry of jobs whose
 * worker died, and dead-letter queues. One PgBoss per process (globalThis:
 * route handlers and the instrumentation hook may be separate bundles).
 *
 * Jobs are created inside the caller's transaction (`send` with the
 * transaction as `db`), so a job exists exactly when the row it is about does.
 *
 * pg-boss 10: the newest line whose declared engines include the Node 20 the
 * console promises (11 wants Node 22, 12 wants 22.12). What 12 had and 10
 * lacks is made up here: a ceiling on the retry backoff (failCapped), queue
 * counts (queueStats), and workers poll (no LISTEN/NOTIFY) and run one job
 * each (several workers per queue for concurrency, see workers.ts).
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import PgBoss from 'pg-boss';
import { databaseUrl, type Tx } from '@/db/client';
import { env, parseEnvVars } from '@/lib/env';

export const QUEUES = {
  drafting: 'drafting',
  draftingDead: 'drafting-dead',
  delivery: 'webhook-delivery',
  deliveryDead: 'webhook-delivery-dead',
} as const;

/**
 * The periodic jobs (what each does: server/jobs/periodic.ts) and their cron
 * schedules, installed with the queues because creating a queue needs the
 * schema owner's rights. pg-boss's cron sends one job per due minute for the
 * whole deployment; jobs that must be rarer than a minute keep their own
 * guard (checkpoints: AUDIT_CHECKPOINT_MINUTES through job_runs).
 */
export const PERIODIC = {
  leaseSweeper: { queue: 'periodic-lease-sweeper', cron: '* * * * *' },
  rateLimitPrune: { queue: 'periodic-rate-limit-prune', cron: '*/10 * * * *' },
  analyticsRefresh: { queue: 'periodic-analytics-refresh', cron: '* * * * *' },
  auditCheckpoints: { queue: 'periodic-audit-checkpoints', cron: '* * * * *' },
} as const;

/** pg-boss's internal queue of due cron ticks (its timekeeper's QUEUES.SEND_IT). */
const CRON_QUEUE = '__pgboss__send-it';

/** A run that takes longer than this is taken for dead (its worker stopped), and the next tick may start. */
const PERIODIC_EXPIRE_S = 15 * 60;

/** PGBOSS_SCHEMA, read when used (lib/env.ts). */
export const jobSchema = () => env.PGBOSS_SCHEMA;

const QUEUE_VARIABLES = [
  'DRAFTING_RETRY_LIMIT',
  'DRAFTING_RETRY_DELAY_S',
  'DRAFTING_EXPIRE_S',
  'WEBHOOK_RETRY_LIMIT',
  'WEBHOOK_RETRY_DELAY_S',
  'WEBHOOK_RETRY_DELAY_MAX_S',
] as const;

/** A queue's pg-boss options plus the longest wait between two attempts, which pg-boss 10 does not know (see failCapped). */
export type QueueDefinition = PgBoss.Queue & { name: string; retryDelayMax: number };

/** The schema version pg-boss 10.4 installs and understands (its version.json). */
export const BOSS_SCHEMA_VERSION = 24;

/** Retry, backoff and expiry per queue; read from the environment (or `source`) when the queues are installed. */
export function queueDefinitions(source: Record<string, string | undefined> = process.env): QueueDefinition[] {
  const q = parseEnvVars(QUEUE_VARIABLES, source);
  return [
    { name: QUEUES.draftingDead, retryLimit: 5, retryDelay: 5, retryBackoff: true, retryDelayMax: 600 },
    {
      name: QUEUES.drafting,
      // After the last retry the job is copied to the dead-letter queue, whose worker sends the item to a person.
      retryLimit: q.DRAFTING_RETRY_LIMIT,
      retryDelay: q.DRAFTING_RETRY_DELAY_S,
      retryBackoff: true,
      retryDelayMax: 600,
      // A worker that died mid-job (crash, deploy) is noticed when the job expires; the job is then retried.
      expireInSeconds: q.DRAFTING_EXPIRE_S,
      deadLetter: QUEUES.draftingDead,
    },
    { name: QUEUES.deliveryDead, retryLimit: 5, retryDelay: 5, retryBackoff: true, retryDelayMax: 600 },
    {
      name: QUEUES.delivery,
      retryLimit: q.WEBHOOK_RETRY_LIMIT,
      retryDelay: q.WEBHOOK_RETRY_DELAY_S,
      retryBackoff: true,
      retryDelayMax: q.WEBHOOK_RETRY_DELAY_MAX_S,
      expireInSeconds: 60,
      deadLetter: QUEUES.deliveryDead,
    },
    // "Stately": at most one run waits and one runs, so a slow run never piles ticks up. Not retried: the next tick is the retry.
    ...Object.values(PERIODIC).map(({ queue }) => ({
      name: queue,
      policy: 'stately' as const,
      retryLimit: 0,
      expireInSeconds: PERIODIC_EXPIRE_S,
      retryDelayMax: 0,
    })),
  ];
}

export type BossOptions = { url: string; schema?: string; migrate?: boolean; superviseIntervalSeconds?: number; max?: number; schedule?: boolean };

// On globalThis like the PgBoss itself: a route handler's bundle may use the PgBoss the instrumentation hook's bundle made.
const globalForSchemas = globalThis as unknown as { __layananBossSchemas?: WeakMap<PgBoss, string> };
const schemaOfBoss = (globalForSchemas.__layananBossSchemas ??= new WeakMap<PgBoss, string>());
/** The job schema a PgBoss made by createBoss works in (pg-boss 10 does not expose its configuration). */
export function bossSchema(boss: PgBoss): string {
  const schema = schemaOfBoss.get(boss);
  if (!schema) throw new Error('bossSchema: this PgBoss was not made by createBoss');
  return schema;
}

export function createBoss(opts: BossOptions): PgBoss {
  const schema = opts.schema ?? jobSchema();
  const boss = new PgBoss({
    connectionString: opts.url,
    schema,
    migrate: opts.migrate ?? false,
    max: opts.max ?? env.PGBOSS_POOL_MAX,
    application_name: 'layanan-jobs',
    // Maintenance (expiring jobs of a worker that died, archiving) runs this often; instances take turns through the database.
    maintenanceIntervalSeconds: opts.superviseIntervalSeconds ?? 30,
    // Cron schedules only in the process that runs the periodic jobs (server/jobs/periodic.ts): with it
    // pg-boss starts a cron monitor and an internal queue's worker, which senders have no use for.
    schedule: opts.schedule ?? false,
    // A due tick is sent within 10 s of its minute and reaches a worker within 2 s more (pg-boss: 30 s and 5 s).
    cronMonitorIntervalSeconds: 10,
    cronWorkerIntervalSeconds: 2,
  });
  schemaOfBoss.set(boss, schema);
  boss.on('error', (e) => console.error('pg-boss:', e));
  return boss;
}

/**
 * Installs or upgrades the job schema and the queues, with the migrating
 * (owner) connection; `npm start` calls it after the SQL migrations. When the
 * console's own role (layanan_app) exists it gets the rights to use the queues.
 */
export async function installJobs(url: string, opts: { schema?: string; env?: Record<string, string | undefined> } = {}): Promise<void> {
  const schema = opts.schema ?? jobSchema();
  const definitions = queueDefinitions(opts.env);
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const newer = await setAsideNewerSchema(admin, schema);
    const boss = new PgBoss({ connectionString: url, schema, migrate: true, supervise: false, schedule: false, max: 2 });
    boss.on('error', (e) => console.error('pg-boss install:', e));
    await boss.start();
    try {
      for (const q of definitions) {
        // The ceiling is the workers' business (failCapped); pg-boss 10 would store nothing of it.
        const { retryDelayMax: _ceiling, ...options } = q;
        if (await boss.getQueue(q.name)) await boss.updateQueue(q.name, options);
        else await boss.createQueue(q.name, options);
      }
      // pg-boss's cron hands due ticks over through this internal queue; it would create it in the serving
      // process, whose database role may not create tables (layanan_app).
      if (!(await boss.getQueue(CRON_QUEUE))) await boss.createQueue(CRON_QUEUE);
      for (const { queue, cron } of Object.values(PERIODIC)) await boss.schedule(queue, cron);
    } finally {
      await boss.stop({ graceful: false, timeout: 1000 });
    }
    await carryOverJobs(admin, schema, newer ?? (await leftoverSchema(admin, schema)));
  } catch (e) {
    await admin.end();
    throw e;
  }
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

type Admin = ReturnType<typeof postgres>;

/**
 * A job schema written by a newer pg-boss (the console ran pg-boss 12 before;
 * its schema version is above 10's) is renamed `<schema>_v<version>` so that
 * pg-boss 10 can install its own; carryOverJobs then moves the unfinished jobs.
 */
async function setAsideNewerSchema(admin: Admin, schema: string): Promise<string | null> {
  const [table] = await admin`select to_regclass(${`"${schema}".version`}) is not null as present`;
  if (!table?.present) return null;
  const [row] = await admin.unsafe(`select version from "${schema}".version`);
  const version = Number(row?.version);
  if (!(version > BOSS_SCHEMA_VERSION)) return null;
  const aside = `${schema}_v${version}`;
  await admin.unsafe(`alter schema "${schema}" rename to "${aside}"`);
  console.log(
    `jobs: the job schema "${schema}" was made by a newer pg-boss (schema version ${version}); renamed to "${aside}" to move its unfinished jobs over`,
  );
  return aside;
}

/** A schema set aside by an earlier start that stopped before its jobs were moved over. */
async function leftoverSchema(admin: Admin, schema: string): Promise<string | null> {
  const rows = await admin`select nspname from pg_namespace where nspname ~ ${`^${schema}_v[0-9]+$`}`;
  const found = rows.map((r) => String(r.nspname)).find((n) => Number(n.slice(schema.length + 2)) > BOSS_SCHEMA_VERSION);
  return found ?? null;
}

/**
 * Moves the jobs that had not finished (waiting, waiting for a retry, or
 * running when the old version stopped) into the new schema's queues, then
 * drops the old schema, in one transaction: each submission keeps exactly one
 * drafting job. A job that was running is retried (the job handlers may run
 * twice: drafting writes its suggestion once, a delivery is at least once).
 * Only the columns every pg-boss version since 10 has are read.
 */
async function carryOverJobs(admin: Admin, schema: string, old: string | null): Promise<void> {
  if (!old) return;
  await admin.begin(async (t) => {
    const moved = await t.unsafe(`
      insert into "${schema}".job (id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after, created_on, expire_in, dead_letter, policy)
      select o.id, o.name, o.priority, o.data,
             (case when o.state::text = 'created' then 'created' else 'retry' end)::"${schema}".job_state,
             o.retry_limit, o.retry_count, o.retry_delay, o.retry_backoff,
             case when o.state::text = 'active' then now() else o.start_after end,
             o.created_on,
             coalesce(q.expire_seconds, 900) * interval '1 second',
             q.dead_letter, q.policy
        from "${old}".job o
        join "${schema}".queue q on q.name = o.name
       where o.state::text in ('created', 'retry', 'active')
         -- pg-boss's own cron ticks are stale by now; the new schedules send fresh ones
         and left(o.name, 10) <> '__pgboss__'
      on conflict do nothing
      returning 1`);
    await t.unsafe(`drop schema "${old}" cascade`);
    console.log(`jobs: moved ${moved.length} unfinished job(s) from "${old}" into "${schema}" and dropped "${old}"`);
  });
}

/** A job's data object goes to Postgres as JSON text: drizzle's postgres.js client passes jsonb parameters through unserialised. */
const bindable = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? JSON.stringify(v) : (v ?? null));

/**
 * pg-boss's Db on a drizzle transaction: its `$n` statement becomes one
 * drizzle query with bound parameters (a `$n` used twice is bound twice), so
 * `send` writes the job in the caller's transaction.
 */
export function transactionDb(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const chunks: SQL[] = [];
      let last = 0;
      for (const m of text.matchAll(/\$(\d+)/g)) {
        chunks.push(sql.raw(text.slice(last, m.index)), sql`${bindable(values[Number(m[1]) - 1])}`);
        last = m.index + m[0].length;
      }
      chunks.push(sql.raw(text.slice(last)));
      const rows = await tx.execute(sql.join(chunks));
      return { rows: Array.from(rows as unknown as ArrayLike<Record<string, unknown>>) };
    },
  };
}

/**
 * Fails a job the handler could not do, and brings its next attempt forward to
 * `maxDelaySeconds` at most: pg-boss 10 doubles the delay on every retry
 * without a ceiling (12 had `retryDelayMax`), so a long retry limit would
 * otherwise wait days between attempts.
 */
export async function failCapped(boss: PgBoss, queue: string, jobId: string, error: unknown, maxDelaySeconds: number): Promise<void> {
  await boss.fail(queue, jobId, error instanceof Error ? error : { message: String(error) });
  await boss
    .getDb()
    .executeSql(
      `update "${bossSchema(boss)}".job set start_after = least(start_after, now() + $3::int * interval '1 second') where name = $1 and id = $2::uuid and state = 'retry'`,
      [queue, jobId, maxDelaySeconds],
    );
}

export type QueueStats = { name: string; queued: number; active: number; failed: number; total: number };

/** Jobs per queue and state (what the admin jobs page shows; pg-boss 10's getQueues has no counts). */
export async function queueStats(boss: PgBoss, names: readonly string[]): Promise<QueueStats[]> {
  const { rows } = await boss.getDb().executeSql(
    `select name,
            count(*) filter (where state in ('created', 'retry'))::int as queued,
            count(*) filter (where state = 'active')::int as active,
            count(*) filter (where state = 'failed')::int as failed,
            count(*)::int as total
       from "${bossSchema(boss)}".job where name = any($1::text[]) group by name`,
    [names],
  );
  const byName = new Map(rows.map((r: QueueStats) => [r.name, r]));
  return names.map((name) => byName.get(name) ?? { name, queued: 0, active: 0, failed: 0, total: 0 });
}

type Cached = { url: string; boss: Promise<PgBoss> };
const globalForBoss = globalThis as unknown as { __layananBoss?: Cached };

/** The process's started PgBoss (installing the job schema first if nobody did, e.g. under `next dev`). */
export function getBoss(): Promise<PgBoss> {
  const url = databaseUrl();
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
      await boss.send(QUEUES.drafting, { submissionId, jobId: id }, { id, db: transactionDb(tx) });
      return id;
    },
    async delivery(tx: Tx, deliveryId: string): Promise<string> {
      const id = randomUUID();
      await boss.send(QUEUES.delivery, { deliveryId, jobId: id }, { id, db: transactionDb(tx) });
      return id;
    },
  };
}
