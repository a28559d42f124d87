/**
 * `npm run eval:documents`: the document side of the AI, measured on a
 * labelled set of generated document photos (server/seed/specimen-cases.ts,
 * deterministic for a seed). Every image goes through the real pipeline:
 * rasterise → Tesseract → classify → extract → the rule checks. Prints a
 * table and writes bench-results/eval-documents-<time>.json.
 *
 *   npm run eval:documents                # 320 cases, one OCR process at a time (seconds per page on one core)
 *   npm run eval:documents -- --count 60 --concurrency 2
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { generateDocumentCases, type DocumentCase } from '@/server/seed/specimen-cases';
import { SERVICE_DEFS } from '@/server/seed/data';
import { VERDICTS } from '@/lib/vocabulary';
import { createDrafter } from '@/server/ai/factory';
import { KNOWLEDGE_BASE } from '@/server/ai/knowledge-base';
import { tesseractVersion } from '@/server/ai/reading/tesseract';
import { TesseractDocumentReader } from '@/server/ai/reading/tesseract-reader';
import { RuleDocumentChecker } from '@/server/ai/rule-checker';
import type { DocumentAnalysis, SubmissionInput } from '@/server/ai/types';
import { ensureTesseract } from './system-packages';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const COUNT = arg('count', 320);
const SEED = arg('seed', 13);
const CONCURRENCY = arg('concurrency', 1);
const ALL_FIELDS = [
  'nik',
  'nama',
  'tanggal_lahir',
  'jenis_kelamin',
  'tempat_lahir',
  'alamat',
  'rt_rw',
  'kel_desa',
  'kecamatan',
  'agama',
  'status_perkawinan',
  'pekerjaan',
  'berlaku_hingga',
  'nomor_kk',
  'kepala_keluarga',
  'nama_anak',
  'nama_ibu',
  'nama_ayah',
  'nomor_akta',
];

type Expected = 'valid' | 'invalid' | 'unreadable';
type Row = {
  c: DocumentCase;
  reading: DocumentAnalysis | null;
  error?: string;
  verdict: string;
  reasons: string[];
  expected: Expected;
  ms: number;
  groundingFlags: string[];
};

const normalise = (field: string, v: string) =>
  field === 'nama' || field.startsWith('nama') || field === 'kepala_keluarga'
    ? v
        .toUpperCase()
        .replace(/[^A-Z ]/g, '')
        .replace(/\s+/g, ' ')
        .trim()
    : v.trim().toUpperCase();

function expectedVerdict(c: DocumentCase): Expected {
  if (!c.truth.readable) return 'unreadable';
  if (c.truth.type !== c.requestedType) return 'invalid';
  return c.tampered ? 'invalid' : 'valid';
}

function submissionFor(c: DocumentCase, reading: DocumentAnalysis | null): SubmissionInput {
  const service = c.requestedType === 'akta' ? 'akta-kelahiran' : c.requestedType === 'kk' ? 'kk-perubahan' : 'ktp-el';
  const def = SERVICE_DEFS.find((d) => d.code === service)!;
  return {
    serviceCode: service,
    requiredDocs: [c.requestedType],
    citizenName: c.form.nama,
    nik: c.form.nik,
    kkNumber: c.form.kk ?? null,
    message: `Permohonan ${def.nameId}.`,
    form: {
      ...(c.form.tanggal_lahir ? { tanggal_lahir: c.form.tanggal_lahir } : {}),
      ...(c.form.jenis_kelamin ? { jenis_kelamin: c.form.jenis_kelamin } : {}),
      ...(c.requestedType === 'akta' ? { nama_anak: c.truth.fields.nama_anak ?? c.form.nama, tanggal_lahir_anak: c.truth.fields.tanggal_lahir ?? '' } : {}),
    },
    attachments: [{ id: c.id, docType: c.requestedType, extracted: {}, reading }],
    earlierSameService: [],
    receivedAt: new Date('2026-11-20T03:00:00Z'),
  };
}

async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

async function main() {
  if (!ensureTesseract()) throw new Error('tesseract with Indonesian data (tesseract-ocr-ind) is required');
  const t0 = performance.now();
  const cases: DocumentCase[] = [];
  for await (const c of await generateDocumentCases(COUNT, SEED)) cases.push(c);
  const genSeconds = (performance.now() - t0) / 1000;
  const reader = new TesseractDocumentReader({ concurrency: CONCURRENCY });
  const checker = new RuleDocumentChecker();
  // The built-in drafter behind the grounding check, as the pipeline runs it without AI_BASE_URL.
  const drafter = createDrafter([...KNOWLEDGE_BASE], {});
  const rows = await pool(cases, CONCURRENCY, async (c): Promise<Row> => {
    const started = performance.now();
    let reading: DocumentAnalysis | null = null;
    let error: string | undefined;
    try {
      reading = await reader.read(c.bytes, c.mime);
    } catch (e) {
      error = (e as Error).message;
    }
    const ms = performance.now() - started;
    const input = submissionFor(c, reading);
    const checks = checker.check(input);
    const v = checks.verdicts[0];
    const draft = await drafter.draft(input, checks);
    return {
      c,
      reading,
      error,
      verdict: v.verdict,
      reasons: v.reasons ?? [],
      expected: expectedVerdict(c),
      ms,
      groundingFlags: (draft.flags ?? []).filter((f) => f.startsWith('draft_')),
    };
  });

  // Field accuracy on readable documents of the right type (what a reader can be asked to get right).
  const fieldStats: Record<string, { total: number; correct: number }> = {};
  const fieldMisses: { id: string; field: string; truth: string; got: string | null; confidence: number | null }[] = [];
  for (const r of rows) {
    if (!r.c.truth.readable || r.c.truth.type !== r.c.requestedType || !r.reading) continue;
    for (const f of ALL_FIELDS) {
      const truth = r.c.truth.fields[f];
      if (!truth) continue;
      const got = r.reading.fields[f]?.value;
      const s = (fieldStats[f] ??= { total: 0, correct: 0 });
      s.total++;
      if (got && normalise(f, got) === normalise(f, truth)) s.correct++;
      else fieldMisses.push({ id: r.c.id, field: f, truth, got: got ?? null, confidence: r.reading.fields[f]?.confidence ?? null });
    }
  }
  const acc = (f: string) => (fieldStats[f]?.total ? fieldStats[f].correct / fieldStats[f].total : null);

  const typed = rows.filter((r) => r.c.truth.readable);
  const typeCorrect = typed.filter((r) => (r.reading?.detectedType ?? 'none') === r.c.truth.type).length;
  const predictedUnreadable = rows.filter((r) => r.verdict === 'unreadable');
  const actualUnreadable = rows.filter((r) => !r.c.truth.readable);
  const tp = predictedUnreadable.filter((r) => !r.c.truth.readable).length;
  const confusion: Record<Expected, Record<string, number>> = { valid: {}, invalid: {}, unreadable: {} };
  for (const r of rows) confusion[r.expected][r.verdict] = (confusion[r.expected][r.verdict] ?? 0) + 1;
  const badValid = rows.filter((r) => r.verdict === 'valid' && (!r.c.truth.readable || r.c.truth.type !== r.c.requestedType));
  const tamperedValid = rows.filter((r) => r.verdict === 'valid' && r.c.tampered);
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  const perPage = rows.map((r) => r.ms / Math.max(1, r.reading?.pageSizes.length ?? 1)).sort((a, b) => a - b);
  const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  const grounding = rows.filter((r) => r.groundingFlags.length);

  const result = {
    date: new Date().toISOString(),
    machine: {
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model,
      node: process.version,
      engine: `tesseract ${tesseractVersion() ?? 'missing'}`,
      concurrency: CONCURRENCY,
    },
    cases: rows.length,
    generateSeconds: Math.round(genSeconds * 10) / 10,
    mix: Object.fromEntries(
      Object.entries(
        rows.reduce<Record<string, number>>(
          (m, r) => (
            (m[`${r.c.truth.readable ? r.c.truth.type : 'unreadable'}${r.c.tampered ? '+tampered' : ''}`] =
              (m[`${r.c.truth.readable ? r.c.truth.type : 'unreadable'}${r.c.tampered ? '+tampered' : ''}`] ?? 0) + 1),
            m
          ),
          {},
        ),
      ),
    ),
    fieldAccuracy: Object.fromEntries(Object.entries(fieldStats).map(([f, s]) => [f, { ...s, accuracy: Math.round((s.correct / s.total) * 1000) / 1000 }])),
    typeAccuracy: { total: typed.length, correct: typeCorrect, accuracy: Math.round((typeCorrect / typed.length) * 1000) / 1000 },
    unreadable: {
      precision: predictedUnreadable.length ? Math.round((tp / predictedUnreadable.length) * 1000) / 1000 : null,
      recall: actualUnreadable.length ? Math.round((tp / actualUnreadable.length) * 1000) / 1000 : null,
      predicted: predictedUnreadable.length,
      actual: actualUnreadable.length,
    },
    verdictConfusion: confusion,
    wrongTypeOrUnreadableJudgedValid: badValid.map((r) => ({
      id: r.c.id,
      truth: r.c.truth.type,
      readable: r.c.truth.readable,
      degradation: r.c.truth.degradation,
    })),
    tamperedJudgedValid: tamperedValid.map((r) => r.c.id),
    readErrors: rows.filter((r) => r.error).map((r) => ({ id: r.c.id, error: r.error })),
    draftsFailingGrounding: {
      count: grounding.length,
      flags: grounding.flatMap((r) => r.groundingFlags).reduce<Record<string, number>>((m, f) => ((m[f] = (m[f] ?? 0) + 1), m), {}),
    },
    secondsPerDocument: {
      mean: Math.round((ms.reduce((a, b) => a + b, 0) / ms.length / 1000) * 1000) / 1000,
      p50: Math.round(q(ms, 0.5)) / 1000,
      p95: Math.round(q(ms, 0.95)) / 1000,
      max: Math.round(ms.at(-1)!) / 1000,
    },
    secondsPerPage: { p50: Math.round(q(perPage, 0.5)) / 1000, p95: Math.round(q(perPage, 0.95)) / 1000 },
    fieldMisses: fieldMisses.slice(0, 200),
    mistakes: rows
      .filter((r) => r.verdict !== r.expected)
      .slice(0, 40)
      .map((r) => ({
        id: r.c.id,
        requested: r.c.requestedType,
        truth: r.c.truth.type,
        degradation: r.c.truth.degradation,
        tampered: r.c.tampered,
        expected: r.expected,
        got: r.verdict,
        reasons: r.reasons,
        detected: r.reading?.detectedType,
        score: r.reading?.typeScore,
        conf: r.reading?.meanConfidence,
        quality: r.reading?.quality,
      })),
  };
  const targets = [
    ['NIK accuracy (readable) ≥ 95%', acc('nik'), 0.95],
    ['name accuracy (readable) ≥ 95%', acc('nama'), 0.95],
    ['birth date accuracy (readable) ≥ 95%', acc('tanggal_lahir'), 0.95],
    ['type accuracy ≥ 98%', result.typeAccuracy.accuracy, 0.98],
  ] as const;
  console.log(`\nDocument reading evaluation — ${rows.length} labelled images (seed ${SEED}), ${result.machine.engine}, concurrency ${CONCURRENCY}\n`);
  console.log('field               accuracy   correct/total');
  for (const f of ALL_FIELDS)
    if (fieldStats[f]) console.log(`${f.padEnd(20)}${`${(acc(f)! * 100).toFixed(1)}%`.padStart(8)}   ${fieldStats[f].correct}/${fieldStats[f].total}`);
  console.log(`\ndocument type        ${(result.typeAccuracy.accuracy * 100).toFixed(1)}%  (${typeCorrect}/${typed.length} readable images)`);
  console.log(
    `unreadable detection precision ${result.unreadable.precision}  recall ${result.unreadable.recall}  (${tp} of ${actualUnreadable.length} found, ${predictedUnreadable.length} flagged)`,
  );
  console.log('\nverdict confusion (rows: expected, columns: got)');
  console.log(`${''.padEnd(12)}${VERDICTS.map((v) => v.padStart(11)).join('')}`);
  for (const e of ['valid', 'invalid', 'unreadable'] as const)
    console.log(`${e.padEnd(12)}${VERDICTS.map((v) => String(confusion[e][v] ?? 0).padStart(11)).join('')}`);
  console.log(
    `\nwrong-type or unreadable judged valid: ${badValid.length}   tampered judged valid: ${tamperedValid.length}   read errors: ${result.readErrors.length}`,
  );
  console.log(`drafts failing grounding: ${grounding.length}`);
  console.log(
    `seconds per document: mean ${result.secondsPerDocument.mean}  p50 ${result.secondsPerDocument.p50}  p95 ${result.secondsPerDocument.p95}  max ${result.secondsPerDocument.max}   per page p95 ${result.secondsPerPage.p95}`,
  );
  console.log('\ntargets');
  for (const [name, value, target] of targets)
    console.log(`${value !== null && value >= target ? '✓' : '✗'} ${name}: ${value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`}`);
  console.log(`${badValid.length === 0 ? '✓' : '✗'} 0 wrong-type or unreadable images judged valid: ${badValid.length}`);
  console.log(`${result.secondsPerPage.p95 < 1.5 ? '✓' : '✗'} under 1.5 s per page on one core (p95): ${result.secondsPerPage.p95} s`);
  mkdirSync('bench-results', { recursive: true });
  const file = `bench-results/eval-documents-${result.date.replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`\nwritten ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
