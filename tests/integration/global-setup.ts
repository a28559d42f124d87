/**
 * One real Postgres for the integration run: DATABASE_URL when given (a
 * throwaway database is created on it), otherwise an embedded server under
 * .data/test-pg. Migrations are the committed SQL, as in production.
 */
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../../db/embedded';
import { runMigrations } from '../../db/migrate';

let embedded: EmbeddedHandle | null = null;

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export async function setup(project: TestProject) {
  const dbName = `layanan_it_${process.pid}`;
  let serverUrl: string;
  if (process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL) {
    serverUrl = (process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL)!;
  } else {
    // One data folder per port, so two integration runs on one machine do not share a server.
    const port = Number(process.env.TEST_PG_PORT ?? 54338);
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(`.data/test-pg-${port}`),
      port,
      database: 'postgres',
    });
    serverUrl = embedded.url;
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.unsafe(`create database "${dbName}"`);
  await admin.end();
  const url = withDatabase(serverUrl, dbName);
  await runMigrations(url);
  project.provide('databaseUrl', url);
  return async () => {
    const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => undefined);
    await cleanup.end();
    await embedded?.stop();
  };
}

function withDatabase(url: string, db: string) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
