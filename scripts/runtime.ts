/**
 * What `npm start`, the test suite and the benchmark share: where data lives,
 * which database to use (DATABASE_URL or an embedded Postgres), the
 * NEXTAUTH secret for the demo, and whether the production build is current.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedHandle } from '@/db/embedded';
import { env } from '@/lib/env';

export const ROOT = process.cwd();

export function dataDir(): string {
  const dir = path.resolve(ROOT, env.DATA_DIR);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function resetDataDir() {
  rmSync(dataDir(), { recursive: true, force: true });
}

export type Database = { url: string; embedded: EmbeddedHandle | null };

/** DATABASE_URL when given; otherwise an embedded Postgres kept under the data folder. */
export async function openDatabase(database = 'layanan'): Promise<Database> {
  const url = env.DATABASE_URL;
  if (url) return { url, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(dataDir(), 'pg'),
    port: env.PG_PORT,
    database,
    log: (l) => console.error(l),
  });
  return { url: embedded.url, embedded };
}

/**
 * The URL the console itself connects with. Embedded: the layanan_app role of
 * migration 0005 (no write access to the audit tables), given LOGIN and a
 * password kept in the data folder. External: APP_DATABASE_URL when set,
 * otherwise DATABASE_URL as given (docs/audit.md describes the roles to set up).
 */
export async function appDatabaseUrl(db: Database): Promise<string> {
  const configured = env.APP_DATABASE_URL;
  if (configured) return configured;
  if (!db.embedded) return db.url;
  const file = path.join(dataDir(), 'app-db-password');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = readFileSync(file, 'utf8').trim();
  const { default: postgres } = await import('postgres');
  const admin = postgres(db.url, { max: 1, onnotice: () => {} });
  try {
    const [role] = await admin`select 1 from pg_roles where rolname = 'layanan_app'`;
    if (!role) {
      console.warn('▸ Role layanan_app is missing (data folder migrated before 0005?): the console connects as the superuser. Start with --reset to fix.');
      return db.url;
    }
    // The password is hex, so it is safe inside the literal.
    await admin.unsafe(`alter role layanan_app login password '${password}'`);
  } finally {
    await admin.end();
  }
  const url = new URL(db.url);
  url.username = 'layanan_app';
  url.password = password;
  return url.toString();
}

/** Where the demo keeps the Ed25519 key that signs audit checkpoints (AUDIT_SIGNING_KEY overrides it). */
export const auditKeyFile = () => env.AUDIT_KEY_FILE ?? path.join(dataDir(), 'audit-signing-key.pem');

/**
 * A secret of this installation: the configured one, else one generated once
 * into the data folder (so every instance on this data folder, and every
 * restart, shares it). With REQUIRE_SECRET in production it must be configured.
 */
function installSecret(name: 'NEXTAUTH_SECRET' | 'QA_SAMPLE_KEY', fileName: string): string {
  const configured = env[name];
  if (configured) return configured;
  if (process.env.NODE_ENV === 'production' && env.REQUIRE_SECRET) {
    throw new Error(`${name} is required`);
  }
  const file = path.join(dataDir(), fileName);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Signs sessions. Real deployments set NEXTAUTH_SECRET. */
export const nextAuthSecret = () => installSecret('NEXTAUTH_SECRET', 'nextauth-secret');

/** Keys the blind QA sample (server/services/oversight/sampling.ts): never a public default in production. */
export const qaSampleKeyOfInstall = () => installSecret('QA_SAMPLE_KEY', 'qa-sample-key');

const SOURCE_ENTRIES = [
  'app',
  'components',
  'server',
  'db',
  'lib',
  'i18n',
  'messages',
  'next.config.ts',
  'package.json',
  'postcss.config.mjs',
  'tsconfig.json',
];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), st.mtimeMs);
}

/** True when there is no production build, or a source file changed after it. */
export function buildIsStale(): boolean {
  const buildId = path.join(ROOT, env.NEXT_DIST_DIR, 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCE_ENTRIES.some((e) => newestMtime(path.join(ROOT, e)) > built);
}

/** Waits for a 200 from /api/health; throws after the timeout, or as soon as `alive()` says the server process is gone. */
export async function waitForHealthy(url: string, timeoutMs = 60_000, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && alive()) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(alive() ? `The console did not become healthy at ${url} within ${timeoutMs / 1000}s` : `The console at ${url} exited before it was healthy`);
}
