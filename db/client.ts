/**
 * The one postgres.js pool of a process, wrapped by drizzle. Cached on
 * globalThis outside production so dev reloads do not leak pools.
 */
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

export function createDb(url: string, max = Number(process.env.DB_POOL_MAX ?? 10)) {
  const sql = postgres(url, { max, onnotice: () => {}, idle_timeout: 30 });
  return { sql, db: drizzle(sql, { schema }) };
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
