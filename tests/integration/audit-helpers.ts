/**
 * Helpers of the audit tests: a database connection that acts as the
 * console's own role (layanan_app), and a caller of the tRPC router.
 */
import { TRPCError } from '@trpc/server';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { inject } from 'vitest';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import { appRouter } from '@/server/routers';
import type { Actor } from '@/server/services/core/actor';
import { createCallerFactory } from '@/server/trpc';

let app: { sql: postgres.Sql; db: Db } | null = null;

/** Every statement runs as layanan_app, exactly the rights the console has in production. */
export function appRole(): { sql: postgres.Sql; db: Db } {
  if (!app) {
    const sql = postgres(inject('databaseUrl'), { max: 8, onnotice: () => {}, connection: { role: 'layanan_app' } });
    app = { sql, db: drizzle(sql, { schema }) };
  }
  return app;
}

const createCaller = createCallerFactory(appRouter);
export const callerAs = (db: Db, actor: Actor | null) => createCaller({ db, actor });

export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}
