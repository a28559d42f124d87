/**
 * The production server (`npm start` runs it instead of `next start`): Next's
 * own request handler behind a plain `http.Server`, for one reason. Route
 * handlers and server actions never see the socket, and Next fills
 * `X-Forwarded-For` with the peer address only when the client sent none, so
 * a client could name any address it liked and limits keyed by it would
 * believe it. Here every request gets `x-layanan-peer` set to the socket's
 * address, after any such header from the client is removed;
 * server/client-address.ts reads it (and X-Forwarded-For only when the peer
 * is a trusted proxy).
 *
 * With WEB_CONCURRENCY > 1 it is a small cluster (node:cluster): that many
 * server processes share the port, so requests use every core; the
 * background jobs (lease sweeper, pg-boss workers, rollups, checkpoints)
 * run in the first process only, and a process that dies is replaced.
 *
 * Usage: tsx scripts/serve.ts [-p PORT] [-H HOST]; the build folder is
 * next.config.ts's `distDir` (NEXT_DIST_DIR), as for `next start`.
 */
import cluster from 'node:cluster';
import http from 'node:http';
import next from 'next';
import { env } from '@/lib/env';
import { withPeerHeader } from '@/server/client-address';

function argValue(args: string[], names: string[]): string | undefined {
  const i = args.findIndex((a) => names.includes(a));
  return i >= 0 ? args[i + 1] : undefined;
}

async function serve() {
  const args = process.argv.slice(2);
  const port = Number(argValue(args, ['-p', '--port']) ?? env.PORT);
  const hostname = argValue(args, ['-H', '--hostname']) ?? env.HOST;
  const app = next({ dev: false, hostname, port, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer(withPeerHeader((req, res) => handle(req, res)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  if (!cluster.isWorker || cluster.worker?.id === 1)
    console.log(`▸ Serving on http://${hostname}:${port}${cluster.isWorker ? ` (${env.WEB_CONCURRENCY} processes)` : ''}`);

  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    // Finish requests in flight, but do not wait on idle keep-alive connections for long.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}

/** The cluster's primary: forks the servers, keeps the jobs in one of them, replaces a server that dies, stops them all on SIGTERM. */
function supervise(processes: number) {
  const roles = new Map<number, Record<string, string>>();
  let stopping = false;
  const fork = (role: Record<string, string>) => {
    const worker = cluster.fork(role);
    roles.set(worker.id, role);
  };
  for (let i = 0; i < processes; i++) fork(i === 0 ? {} : { BACKGROUND_JOBS: 'false' });
  cluster.on('exit', (worker, code, signal) => {
    const role = roles.get(worker.id) ?? { BACKGROUND_JOBS: 'false' };
    roles.delete(worker.id);
    if (stopping) {
      if (roles.size === 0) process.exit(0);
      return;
    }
    console.error(`⚠ server process ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    fork(role);
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 8000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function main() {
  if (cluster.isPrimary && env.WEB_CONCURRENCY > 1) return supervise(env.WEB_CONCURRENCY);
  await serve();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
