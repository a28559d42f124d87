/**
 * `npm run audit:verify [-- options]`: verifies the audit trail's hash chains
 * outside the console, and optionally exported signed checkpoints.
 *
 *   --unit <code|id>        one unit's stream
 *   --stream <name>         one stream by name (e.g. security)
 *   --from <seq>            start at this sequence number (the event before it anchors the chain)
 *   --checkpoints <file>    JSON Lines exported from the explorer: signatures and hashes must still match
 *   --public-key <pem file> trust only checkpoints signed by this key
 *
 * Uses DATABASE_URL, else the embedded database of the data folder (the
 * running one when `npm start` is up). Exits 1 naming the first broken event.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { env } from '@/lib/env';
import { checkCheckpoints, parseCheckpointLines } from '@/server/services/audit/checkpoints';
import { guardStatus, listStreamHeads, verifyStream } from '@/server/services/audit/verify';
import { dataDir, openDatabase, type Database } from './runtime';

// The embedded server's superuser password (db/embedded.ts); only ever listens on 127.0.0.1.
const EMBEDDED_PASSWORD = 'layanan-local';

/** The embedded Postgres that `npm start` is running on this data folder, if any. */
function runningEmbeddedUrl(): string | null {
  const pidFile = path.join(dataDir(), 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  return Number.isFinite(port) && port > 0 ? `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/layanan` : null;
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function main() {
  const { values } = parseArgs({
    options: {
      unit: { type: 'string' },
      stream: { type: 'string' },
      from: { type: 'string' },
      checkpoints: { type: 'string' },
      'public-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('npm run audit:verify -- [--unit <code|id>] [--stream <name>] [--from <seq>] [--checkpoints <file.jsonl>] [--public-key <pem>]');
    return 0;
  }
  const fromSeq = values.from ? Number(values.from) : 1;
  if (!Number.isSafeInteger(fromSeq) || fromSeq < 1) {
    console.error('--from must be a sequence number ≥ 1');
    return 2;
  }

  let db: Database | null = null;
  let url = env.DATABASE_URL ?? runningEmbeddedUrl();
  if (!url) {
    db = await openDatabase();
    url = db.url;
  }
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    let streams: string[];
    if (values.stream) streams = [values.stream];
    else if (values.unit) {
      const [u] = await sql<{ id: string; name: string }[]>`
        select id, name from units where code = ${values.unit} or id::text = ${values.unit}`;
      if (!u) {
        console.error(`No unit with code or id ${values.unit}`);
        return 2;
      }
      streams = [`unit:${u.id}`];
    } else streams = (await listStreamHeads(sql)).map((h) => h.stream);

    let failures = 0;
    let total = 0;
    const guards = await guardStatus(sql);
    if (guards.ok) console.log('✔ append-only triggers present and ENABLE ALWAYS');
    else {
      failures++;
      for (const p of guards.problems) console.log(`✘ append-only trigger ${p}`);
    }
    const unitNames = new Map((await sql<{ id: string; name: string }[]>`select id::text as id, name from units`).map((u) => [`unit:${u.id}`, u.name]));
    const label = (stream: string) => (unitNames.has(stream) ? `${stream} (${unitNames.get(stream)})` : stream);
    const t0 = performance.now();
    for (const stream of streams) {
      const r = await verifyStream(sql, stream, { fromSeq });
      total += r.checked;
      const rate = r.ms > 0 ? Math.round((r.checked / r.ms) * 1000) : r.checked;
      if (r.ok) {
        console.log(
          `✔ ${label(stream)}: ${fmt(r.checked)} events intact (seq ${r.fromSeq}–${r.lastSeq}) in ${(r.ms / 1000).toFixed(2)} s, ${fmt(rate)} events/s`,
        );
      } else {
        failures++;
        const b = r.firstBroken!;
        console.log(`✘ ${label(stream)}: first broken event seq ${b.seq} (${b.kind}): ${b.detail}`);
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `\n${streams.length} stream(s), ${fmt(total)} events in ${seconds.toFixed(2)} s (${fmt(Math.round(total / Math.max(seconds, 1e-6)))} events/s)`,
    );

    if (values.checkpoints) {
      const lines = parseCheckpointLines(readFileSync(values.checkpoints, 'utf8'));
      const trusted = values['public-key'] ? [readFileSync(values['public-key'], 'utf8')] : undefined;
      const relevant = values.stream || values.unit ? lines.filter((l) => streams.includes(l.stream)) : lines;
      const checks = await checkCheckpoints(sql, relevant, trusted);
      for (const c of checks) {
        if (c.ok) console.log(`✔ checkpoint ${c.stream} #${c.seq} (${c.signedAt}) matches the chain`);
        else {
          failures++;
          console.log(`✘ checkpoint ${c.stream} #${c.seq} (${c.signedAt}): ${c.problem}: ${c.detail}`);
        }
      }
      console.log(`${checks.filter((c) => c.ok).length} of ${checks.length} checkpoint(s) match`);
    }
    return failures ? 1 : 0;
  } finally {
    await sql.end();
    await db?.embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
