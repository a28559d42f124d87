/**
 * `npm test`: typecheck, lint, unit, integration (real Postgres), production
 * build, and Playwright end-to-end in Debian's chromium. Runs every step,
 * prints a summary and ends with `total: N passed, M failed`. N counts tests
 * only (typecheck, lint, format, dead code and build are checks: a failing one counts as one
 * failure); a skipped test counts as failed, since it proves nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium, ensureTesseract } from './system-packages';

const ROOT = process.cwd();
const OUT = path.join(ROOT, 'test-results');
const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name);

/** What Prettier formats: the code (Markdown and JSON keep their hand layout). */
const CODE_FILES = '**/*.{ts,tsx,mjs}';

/** `check`: one command that passes or fails (typecheck, lint, build); `tests`: a suite of tests. */
type StepResult = { name: string; kind: 'check' | 'tests'; passed: number; failed: number; skipped: number; seconds: number; note?: string };
type Outcome = Omit<StepResult, 'name' | 'kind' | 'seconds' | 'skipped'> & { skipped?: number };
const results: StepResult[] = [];

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } }).status ?? 1;
}

function step(name: string, kind: StepResult['kind'], fn: () => Outcome) {
  console.log(`\n━━━ ${name} ━━━`);
  const t0 = Date.now();
  const r = fn();
  results.push({ name, kind, seconds: (Date.now() - t0) / 1000, skipped: 0, ...r });
}

/** A step that is one check: it passes when the command exits 0. */
const check = (cmd: string, args: string[], env?: Record<string, string>) => () => {
  const ok = run(cmd, args, env) === 0;
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
};

function vitest(project: string) {
  return () => {
    const file = path.join(OUT, `vitest-${project}.json`);
    rmSync(file, { force: true });
    const code = run(bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
    if (!existsSync(file)) return { passed: 0, failed: 1, note: `vitest exited ${code} without a report` };
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      numTotalTests: number;
    };
    // A suite that failed to load, or a run that ran nothing, has no failed tests but is still a failure.
    const loadFailure = (code !== 0 && report.numFailedTests === 0) || report.numTotalTests === 0 ? 1 : 0;
    return { passed: report.numPassedTests, failed: report.numFailedTests + loadFailure, skipped: report.numPendingTests + report.numTodoTests };
  };
}

function e2e(): Outcome {
  const exe = ensureChromium();
  if (!exe) return { passed: 0, failed: 1, note: 'no chromium at /usr/bin/chromium' };
  const file = path.join(OUT, 'playwright.json');
  rmSync(file, { force: true });
  const code = run(bin('playwright'), ['test'], { CHROMIUM_PATH: exe, PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  if (!existsSync(file)) return { passed: 0, failed: 1, note: `playwright exited ${code} without a report` };
  const stats = (JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats;
  const failed = stats.unexpected + (code !== 0 && stats.unexpected === 0 ? 1 : 0);
  return { passed: stats.expected + stats.flaky, failed, skipped: stats.skipped };
}

/** A scripted check over real servers (scripts/checks/harness.ts): each of its assertions counts, read from test-results/<name>.json. */
function scripted(name: string, script: string) {
  return () => {
    const file = path.join(OUT, `${name}.json`);
    rmSync(file, { force: true });
    const code = run(bin('tsx'), [script]);
    if (!existsSync(file)) return { passed: 0, failed: 1, note: `${script} exited ${code} without a report` };
    const r = JSON.parse(readFileSync(file, 'utf8')) as { passed: number; failed: number };
    return { passed: r.passed, failed: r.failed + (code !== 0 && r.failed === 0 ? 1 : 0) };
  };
}

mkdirSync(OUT, { recursive: true });
// Document reading is tested on real images through the real engine: without it the unit and integration steps fail loudly.
if (!ensureTesseract()) console.log('tesseract with Indonesian data is missing and could not be installed: document-reading tests will fail');
step('typecheck', 'check', check(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']));
step('lint', 'check', check(bin('eslint'), ['--max-warnings', '0', '.']));
// One layout for all code (.prettierrc.json): a diff shows what changed, not who formatted it.
step('format', 'check', check(bin('prettier'), ['--check', '--log-level', 'warn', CODE_FILES]));
// No dead code (knip.jsonc): exports only the tests import (--production), then unused files and dependencies.
step('dead code', 'check', check('sh', ['-c', `${bin('knip')} --production && ${bin('knip')}`]));
step('unit', 'tests', vitest('unit'));
step('integration', 'tests', vitest('integration'));
step('build', 'check', check(bin('next'), ['build']));
if (results.at(-1)!.failed === 0) {
  step('e2e', 'tests', e2e);
  // Postgres killed under load, then restarted by `npm start` (issue 14, point 6).
  step('faults', 'tests', scripted('faults', 'scripts/test-faults.ts'));
  // Two instances behind HAProxy, every background job on both (issue 14, point 7).
  step('instances', 'tests', scripted('instances', 'scripts/test-instances.ts'));
} else {
  for (const name of ['e2e', 'faults', 'instances'])
    results.push({ name, kind: 'tests', passed: 0, failed: 1, skipped: 0, seconds: 0, note: 'not run: the build failed' });
}

console.log('\n━━━ summary ━━━');
for (const r of results) {
  const bad = r.failed + r.skipped > 0;
  const counts =
    r.kind === 'check'
      ? (r.failed ? 'failed' : 'ok').padEnd(31)
      : `${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped`;
  console.log(`${bad ? '✗' : '✓'} ${r.name.padEnd(12)} ${counts}  ${r.seconds.toFixed(1)}s${r.note ? `  (${r.note})` : ''}`);
}
const skipped = results.reduce((n, r) => n + r.skipped, 0);
if (skipped) console.log(`✗ ${skipped} skipped test(s): a skipped test proves nothing, so each counts as failed`);
const passed = results.reduce((n, r) => n + (r.kind === 'tests' ? r.passed : 0), 0);
const failed = results.reduce((n, r) => n + r.failed + r.skipped, 0);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
