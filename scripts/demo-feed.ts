/**
 * `npm run demo:feed`: sends a stream of realistic submissions through the
 * REST intake API of a running console, as a channel system would. The
 * citizens, documents and messages come from the demo data generator
 * (server/seed/data.ts), freshly drawn each run.
 *
 *   npm run demo:feed -- [--url http://localhost:3000] [--key lrv1_…] [--count 20] [--rate 30] [--unit bdg]
 *
 * The key defaults to LAYANAN_API_KEY, then to the demo key `npm start`
 * saved in the data folder. Only loopback URLs unless --allow-remote.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateDemoData, UNIT_DEFS } from '@/server/seed/data';
import { ZSubmissionRequest, fieldErrors } from '@/server/services/intake/schema';
import { env } from '@/lib/env';
import { calendarFromEnv } from '@/server/services/review/sla';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

async function main() {
  const url = (arg('url') ?? env.LAYANAN_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  const keyFile = path.resolve(env.DATA_DIR, 'demo-api-key');
  const key = arg('key') ?? env.LAYANAN_API_KEY ?? (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : undefined);
  const count = Math.min(500, Math.max(1, Number(arg('count') ?? 20)));
  const perMinute = Math.min(600, Math.max(1, Number(arg('rate') ?? 30)));
  const unitCode = arg('unit') ?? 'bdg';
  const unitIndex = UNIT_DEFS.findIndex((u) => u.code === unitCode);

  if (!key) {
    console.error(
      'No API key. Start the console with `npm start` (it prints a demo key and saves it in the data folder),\n' +
        'or create one as admin under Admin → Integrations → API clients, then:\n' +
        '  npm run demo:feed -- --url http://localhost:3000 --key lrv1_…',
    );
    process.exit(2);
  }
  if (unitIndex < 0) throw new Error(`--unit must be one of ${UNIT_DEFS.map((u) => u.code).join(', ')}`);
  const host = new URL(url).hostname;
  if (!['localhost', '127.0.0.1', '[::1]', '::1'].includes(host) && !flag('allow-remote')) {
    throw new Error(`Refusing to feed ${url}: only loopback addresses unless --allow-remote`);
  }

  // Enough generated requests that this unit's share covers `count`, all "pending" (fresh) ones first.
  const seed = Number(arg('seed') ?? Date.now() % 1_000_000);
  const data = await generateDemoData({ now: new Date(), submissions: count * UNIT_DEFS.length + 6, seed, calendar: calendarFromEnv() });
  const unitId = data.units[unitIndex].id;
  const subs = data.submissions.filter((s) => s.unitId === unitId).slice(0, count);
  console.log(`Feeding ${subs.length} submissions to ${url} at ${perMinute}/min (unit ${UNIT_DEFS[unitIndex].name}, seed ${seed})`);

  const interval = 60_000 / perMinute;
  const codes: Record<number, number> = {};
  const latencies: number[] = [];
  for (const [i, s] of subs.entries()) {
    const started = Date.now();
    const body = {
      service: s.serviceCode,
      citizen: {
        name: s.citizenName,
        nik: s.nik,
        kkNumber: s.kkNumber ?? null,
        ...(s.phone ? { phone: s.phone } : {}),
        ...(s.address ? { address: s.address } : {}),
        ...(s.kecamatan ? { kecamatan: s.kecamatan } : {}),
      },
      message: s.message,
      form: s.form,
      attachments: data.attachments
        .filter((a) => a.submissionId === s.id)
        .map((a) => ({
          docType: a.docType,
          filename: a.filename,
          mime: a.mime,
          contentBase64: Buffer.from(a.content).toString('base64'),
          extracted: a.extracted ?? {},
        })),
      externalRef: `demo-feed-${seed}-${i + 1}`,
    };
    const check = ZSubmissionRequest.safeParse(body);
    if (!check.success) {
      console.log(`  #${i + 1} skipped, not valid for the API: ${JSON.stringify(fieldErrors(check.error))}`);
      continue;
    }
    try {
      const res = await fetch(`${url}/api/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': `demo-feed-${seed}-${i + 1}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const json = (await res.json().catch(() => ({}))) as { ticket?: string; error?: { code: string; message: string } };
      const ms = Date.now() - started;
      latencies.push(ms);
      codes[res.status] = (codes[res.status] ?? 0) + 1;
      console.log(`  #${i + 1} ${res.status} ${json.ticket ?? json.error?.code ?? ''} ${s.serviceCode} (${body.attachments.length} docs) ${ms} ms`);
      if (res.status === 401) throw new Error('The API key was refused (revoked or from another console). Pass --key.');
      if (res.status === 429) await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 5) * 1000));
    } catch (e) {
      if (e instanceof Error && e.message.includes('refused')) throw e;
      console.log(`  #${i + 1} failed: ${e instanceof Error ? e.message : e}`);
    }
    const wait = interval - (Date.now() - started);
    if (wait > 0 && i < subs.length - 1) await new Promise((r) => setTimeout(r, wait));
  }
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  console.log(`Done: ${JSON.stringify(codes)}; latency p50 ${p(0.5)} ms, p95 ${p(0.95)} ms. Open the queue to see them drafted.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
