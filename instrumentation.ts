/**
 * Next.js calls register() once per server process: background work of the
 * console (lease sweeper, checkpoints, job workers) starts here, in Node only.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // lib/env.ts is Node-only, hence imported after the runtime check.
  const { env } = await import('./lib/env');
  if (!env.BACKGROUND_JOBS) return;
  const { startBackgroundJobs } = await import('./server/jobs');
  await startBackgroundJobs();
}
