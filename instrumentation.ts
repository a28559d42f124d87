/**
 * Next.js calls register() once per server process: background work of the
 * console (lease sweeper, checkpoints, job workers) starts here, in Node only.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.BACKGROUND_JOBS === 'false') return;
  const { startBackgroundJobs } = await import('./server/jobs');
  await startBackgroundJobs();
}
