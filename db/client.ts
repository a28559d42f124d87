/**
 * The one postgres.js pool of a process, wrapped by drizzle. Cached on
 * globalThis outside production so dev reloads do not leak pools.
 */
import { availableParallelism } from 'node:os';
import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

type Cached = { sql: postgres.Sql; db: Db; url: string };
const globalForDb = globalThis as unknown as { __layananDb?: Cached };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it for the embedded database).');
  return url;
}

/**
 * Postgres does its best with about two busy connections per core; more only
 * queue up on row locks inside the server. Measured with `npm run bench` on 2
 * cores, 32 officers deciding at once: a pool of 4 reached about 200
 * decisions/s, a pool of 8 about 140 and a pool of 40 about 150.
 */
const DEFAULT_POOL_SIZE = Math.max(4, 2 * availableParallelism());

export function createDb(url: string, max = Number(process.env.DB_POOL_MAX ?? DEFAULT_POOL_SIZE)) {
  const sql = postgres(url, { max, onnotice: () => {}, idle_timeout: 30 });
  const prepare = process.env.DB_PREPARE !== 'false';
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

export function getSql(): postgres.Sql {
  return getConnection().sql;
}

function getConnection(): Cached {
  const url = databaseUrl();
  const cached = globalForDb.__layananDb;
  if (cached && cached.url === url) return cached;
  const created = { ...createDb(url), url };
  globalForDb.__layananDb = created;
  return created;
}
