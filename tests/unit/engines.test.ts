/**
 * Every installed package must run on the Node the project promises, so that
 * `npm install` stays free of EBADENGINE warnings and nobody learns from a
 * crash that a dependency needs a newer Node (pg-boss 12 declared >= 22.12
 * while we run Node 20).
 *
 * The promises live in package.json: `engines.node` for what `npm start`
 * needs (production dependencies), `devEngines.runtime.version` for the
 * test and lint toolchain (vitest 4's vite 8 and typescript-eslint need Node
 * 20.19). Both are checked at their lowest version and at the Node running
 * this test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Version = [number, number, number];
type Partial = [number | null, number | null, number | null];

function parsePartial(text: string): Partial {
  const parts = text.trim().replace(/^v/, '').split('-')[0].split('.');
  const num = (p: string | undefined) => (p === undefined || p === '' || /^[xX*]$/.test(p) ? null : Number(p));
  const [a, b, c] = [num(parts[0]), num(parts[1]), num(parts[2])];
  for (const n of [a, b, c]) if (n !== null && !Number.isInteger(n)) throw new Error(`not a version: "${text}"`);
  // Once a part is a wildcard, every later part is too ("1.x.3" means "1.x").
  return a === null ? [null, null, null] : b === null ? [a, null, null] : [a, b, c];
}

const cmp = (x: Version, y: Version) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
const floorOf = (p: Partial): Version => [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
/** The first version above everything the partial version names (1.2 → 1.3.0, 1 → 2.0.0). */
function ceilingOf(p: Partial): Version | null {
  if (p[0] === null) return null;
  if (p[1] === null) return [p[0] + 1, 0, 0];
  if (p[2] === null) return [p[0], p[1] + 1, 0];
  return [p[0], p[1], p[2] + 1];
}

function comparatorHolds(op: string, p: Partial, v: Version): boolean {
  const lo = floorOf(p);
  const hi = ceilingOf(p);
  switch (op) {
    case '>=':
      return cmp(v, lo) >= 0;
    case '>':
      return hi === null ? false : cmp(v, hi) >= 0;
    case '<':
      return p[0] !== null && cmp(v, lo) < 0;
    case '<=':
      return hi === null || cmp(v, hi) < 0;
    case '~': {
      const upper: Version | null = p[0] === null ? null : p[1] === null ? [p[0] + 1, 0, 0] : [p[0], p[1] + 1, 0];
      return cmp(v, lo) >= 0 && (upper === null || cmp(v, upper) < 0);
    }
    case '^': {
      let upper: Version | null;
      if (p[0] === null) upper = null;
      else if (p[0] > 0 || p[1] === null) upper = [p[0] + 1, 0, 0];
      else if (p[1] > 0 || p[2] === null) upper = [0, p[1] + 1, 0];
      else upper = [0, 0, p[2] + 1];
      return cmp(v, lo) >= 0 && (upper === null || cmp(v, upper) < 0);
    }
    default: // '' or '=': an x-range
      return cmp(v, lo) >= 0 && (hi === null || cmp(v, hi) < 0);
  }
}

/** node-semver's `satisfies` for the forms package.json `engines` use (no prereleases: Node has none). */
function satisfies(version: string, range: string): boolean {
  const v = floorOf(parsePartial(version));
  return range.split('||').some((alternative) => {
    const set = alternative.trim();
    if (set === '' || set === '*') return true;
    const hyphen = set.match(/^(\S+)\s+-\s+(\S+)$/);
    if (hyphen) return comparatorHolds('>=', parsePartial(hyphen[1]), v) && comparatorHolds('<=', parsePartial(hyphen[2]), v);
    // ">= 10" is written with a space too: glue operators to their version first.
    const comparators = set.replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/);
    return comparators.every((c) => {
      const m = c.match(/^(>=|<=|>|<|=|\^|~)?(.+)$/);
      if (!m) throw new Error(`cannot read the range "${range}"`);
      return comparatorHolds(m[1] ?? '', parsePartial(m[2]), v);
    });
  });
}

/** The lowest version a ">=a.b" promise admits. */
function lowestOf(range: string): string {
  const m = range.trim().match(/^>=\s*(\d+(?:\.\d+){0,2})$/);
  if (!m) throw new Error(`the Node promise "${range}" should have the form ">=20.9"`);
  return floorOf(parsePartial(m[1])).join('.');
}

type LockEntry = { version?: string; dev?: boolean; optional?: boolean; engines?: { node?: string } | string[]; os?: string[]; cpu?: string[] };

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devEngines?: { runtime?: { name: string; version: string } };
};
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

/** npm installs an optional platform package only where its `os` and `cpu` match; elsewhere its engines never apply. */
function installedHere(e: LockEntry): boolean {
  const allows = (list: string[] | undefined, value: string) =>
    !list || (list.some((x) => !x.startsWith('!')) ? list.includes(value) : !list.includes(`!${value}`));
  return allows(e.os, process.platform) && allows(e.cpu, process.arch);
}

function nodeRange(e: LockEntry): string | null {
  // Old packages wrote engines as an array of strings ("node >= 0.8"); none here does, but read it rather than skip it.
  if (Array.isArray(e.engines)) {
    const n = e.engines.find((s) => s.trim().startsWith('node'));
    return n ? n.trim().replace(/^node\s*/, '') : null;
  }
  return e.engines?.node ?? null;
}

function misfits(dev: boolean, promise: string): string[] {
  // The promise's lowest version, and the Node running now (the one npm checks for EBADENGINE on install).
  const versions = [...new Set([lowestOf(promise), process.versions.node])].filter((v) => satisfies(v, promise));
  const out: string[] = [];
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (where === '' || !where.includes('node_modules/') || Boolean(entry.dev) !== dev || !installedHere(entry)) continue;
    const range = nodeRange(entry);
    if (!range) continue;
    const failing = versions.filter((v) => !satisfies(v, range));
    if (failing.length) out.push(`${where.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${range}, not ${failing.join(', ')}`);
  }
  return out;
}

describe('the range check', () => {
  it('reads the forms npm packages use like node-semver does', () => {
    const cases: [string, string, boolean][] = [
      ['20.9.0', '>=20.9.0', true],
      ['20.8.9', '>=20.9', false],
      ['20.9.0', '>=22.12.0', false],
      ['20.20.2', '>= 10', true],
      ['20.9.0', '^20.19.0 || >=22.12.0', false],
      ['20.19.0', '^20.19.0 || >=22.12.0', true],
      ['22.0.0', '^20.19.0 || >=22.12.0', false],
      ['24.0.0', '^20.9.0', false],
      ['20.9.0', '18 || 20 || >=22', true],
      ['21.0.0', '18 || 20 || >=22', false],
      ['20.9.0', '6.* || 8.* || >= 10.*', true],
      ['9.1.0', '6.* || 8.* || >= 10.*', false],
      ['20.9.0', '*', true],
      ['20.9.0', '^10 || ^12 || ^13.7 || ^14 || >=15.0.1', true],
      ['13.6.0', '^10 || ^12 || ^13.7 || ^14 || >=15.0.1', false],
      ['20.9.0', '>=12 <21', true],
      ['21.0.0', '>=12 <21', false],
      ['20.9.0', '~20.9', true],
      ['20.10.0', '~20.9', false],
      ['0.3.5', '^0.3.1', true],
      ['0.4.0', '^0.3.1', false],
      ['20.9.0', '16 - 20', true],
      ['21.0.0', '16 - 20', false],
      ['20.9.0', '>20', false],
      ['21.0.0', '>20', true],
    ];
    for (const [version, range, expected] of cases) expect(satisfies(version, range), `${version} in ${range}`).toBe(expected);
  });
});

describe('declared engines of every installed package', () => {
  it('fit the Node that `npm start` promises (package.json engines.node)', () => {
    expect(pkg.engines.node).toBe('>=20.9');
    expect(misfits(false, pkg.engines.node)).toEqual([]);
  });

  it('fit the Node the test and lint toolchain promises (package.json devEngines)', () => {
    const promise = pkg.devEngines?.runtime;
    expect(promise?.name).toBe('node');
    expect(misfits(true, promise!.version)).toEqual([]);
  });
});
