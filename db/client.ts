/**
 * The one postgres.js pool of a process, wrapped by drizzle. Cached on
 * globalThis outside production so dev reloads do not leak pools.
 */
import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { env } from '@/lib/env';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

type Cached = { sql: postgres.Sql; db: Db; url: string };
const globalForDb = globalThis as unknown as { __layananDb?: Cached };

export function databaseUrl(): string {
  const url = env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it for the embedded database).');
  return url;
}

/*
 * The pool size, DB_POOL_MAX, defaults to two connections per core (at least
 * 4, lib/env.ts): Postgres does its best with about two busy connections per
 * core; more only queue up on row locks inside the server. Measured with
 * `npm run bench` on 2 cores, 32 officers deciding at once: a pool of 4
 * reached about 200 decisions/s, a pool of 8 about 140 and a pool of 40 about 150.
 */

/**
 * How the pool behaves when Postgres goes away (issue 14): postgres.js waits
 * 30 s for a connection by default and backs off up to 20 s between attempts
 * once connections have failed, so during an outage requests hung ~20 s and
 * recovered seconds after the database was back. Here a connection attempt
 * gives up after DB_CONNECT_TIMEOUT_S, reconnects back off to at most one
 * second, and (on the console's own pool) no statement runs longer than
 * DB_STATEMENT_TIMEOUT_MS: the caller gets a clear "try again" error
 * (db/errors.ts) instead of a hang.
 */
export type PoolOptions = { max?: number; statementTimeoutMs?: number };

const reconnectBackoff = (retries: number) => Math.min(0.05 * 2 ** retries, 1);

export function createDb(url: string, maxOrOptions: number | PoolOptions = {}) {
  const options = typeof maxOrOptions === 'number' ? { max: maxOrOptions } : maxOrOptions;
  const max = options.max ?? env.DB_POOL_MAX;
  const sql = postgres(url, {
    max,
    onnotice: () => {},
    idle_timeout: 30,
    connect_timeout: env.DB_CONNECT_TIMEOUT_S,
    backoff: reconnectBackoff,
    connection: options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {},
  });
  const prepare = env.DB_PREPARE;
  return { sql, db: drizzle(prepare ? preparedStatements(sql) : sql, { schema }) };
}

/**
 * Drizzle hands postgres.js every query builder statement with
 * `prepare: false`. postgres.js then needs two round trips for any query with
 * parameters (Parse+Describe, wait, then Bind+Execute) and Postgres parses and
 * plans it again each time. Preparing instead costs one round trip the first
 * time on a connection and a bare Bind+Execute after that: the review cycle
 * has about twenty statements, so this roughly halves its latency
 * (`npm run bench`). The set of statements is bounded by our code's query
 * shapes; postgres.js keeps them per connection and drops them with it.
 * DB_PREPARE=false turns it off for poolers in transaction mode (PgBouncer).
 */
function preparedStatements(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, { ...options, prepare: true });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        // Transactions run on a connection of their own: wrap the client drizzle gets inside them too.
        return (...args: unknown[]) => {
          const fn = args.pop() as (inner: postgres.Sql) => unknown;
          const original = Reflect.get(target, prop, receiver) as (...a: unknown[]) => unknown;
          return original.call(target, ...args, (inner: postgres.Sql) => fn(preparedStatements(inner)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

export function getDb(): Db {
  return getConnection().db;
}

function getConnection(): Cached {
  const url = databaseUrl();
  const cached = globalForDb.__layananDb;
  if (cached && cached.url === url) return cached;
  // The console's pool bounds every statement; scripts that load or verify in bulk make their own without a bound.
  const created = { ...createDb(url, { statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS }), url };
  globalForDb.__layananDb = created;
  return created;
}
