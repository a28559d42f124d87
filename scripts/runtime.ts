/**
 * What `npm start`, the test suite and the benchmark share: where data lives,
 * which database to use (DATABASE_URL or an embedded Postgres), the
 * NEXTAUTH secret for the demo, and whether the production build is current.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedHandle } from '@/db/embedded';

export const ROOT = process.cwd();

export function dataDir(): string {
  const dir = path.resolve(ROOT, process.env.DATA_DIR ?? '.data');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function resetDataDir() {
  rmSync(dataDir(), { recursive: true, force: true });
}

export type Database = { url: string; embedded: EmbeddedHandle | null };

/** DATABASE_URL when given; otherwise an embedded Postgres kept under the data folder. */
export async function openDatabase(database = 'layanan'): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(dataDir(), 'pg'),
    port: Number(process.env.PG_PORT ?? 54329),
    database,
    log: (l) => console.error(l),
  });
  return { url: embedded.url, embedded };
}

/** Demo convenience: a secret generated once into the data folder. Real deployments set NEXTAUTH_SECRET. */
export function nextAuthSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (process.env.NODE_ENV === 'production' && process.env.REQUIRE_SECRET === 'true') {
    throw new Error('NEXTAUTH_SECRET is required');
  }
  const file = path.join(dataDir(), 'nextauth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const SOURCE_ENTRIES = ['app', 'components', 'server', 'db', 'lib', 'i18n', 'messages', 'next.config.ts', 'package.json', 'postcss.config.mjs', 'tsconfig.json'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), st.mtimeMs);
}

/** True when there is no production build, or a source file changed after it. */
export function buildIsStale(): boolean {
  const buildId = path.join(ROOT, process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCE_ENTRIES.some((e) => newestMtime(path.join(ROOT, e)) > built);
}

export async function waitForHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The console did not become healthy at ${url} within ${timeoutMs / 1000}s`);
}
