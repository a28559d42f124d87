/**
 * `npm run db:migrate`: the committed migrations and the job queue's tables,
 * on DATABASE_URL, as `npm start` does before it serves. For deployments that
 * migrate once before starting several instances (deploy/compose.yaml). With
 * APP_DB_PASSWORD, the console's role layanan_app (docs/audit.md) may log in
 * with that password.
 */
import postgres from 'postgres';
import { runMigrations } from '@/db/migrate';
import { env } from '@/lib/env';
import { installJobs } from '@/server/jobs/boss';

async function main() {
  const url = env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must be set: the database to migrate');
  await runMigrations(url);
  await installJobs(url);
  const password = env.APP_DB_PASSWORD;
  if (password) {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      // ALTER ROLE takes no bind parameters: quote the literal the way Postgres does.
      await sql.unsafe(`alter role layanan_app login password '${password.replaceAll("'", "''")}'`);
    } finally {
      await sql.end();
    }
  }
  console.log('✔ migrated');
}

main().catch((e) => {
  console.error(`✘ ${(e as Error).message}`);
  process.exit(1);
});
