import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { env, ENV_NAMES, EnvError, parseEnv } from '@/lib/env';

/** The messages parseEnv gives for these values, one per bad variable. */
function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    return e.problems.map((p) => p.message);
  }
}
const problem = (name: string, value: string) => problems({ [name]: value })[0];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the environment schema', () => {
  it('gives the documented defaults when nothing is set, and treats blank values as unset', () => {
    const e = parseEnv({});
    expect(e).toMatchObject({
      DATABASE_URL: undefined,
      DATA_DIR: '.data',
      PORT: 3000,
      HOST: 'localhost',
      NEXTAUTH_URL: undefined,
      ALLOWED_ORIGINS: [],
      PG_PORT: 54329,
      SEED_DEMO: true,
      LEASE_MINUTES: 10,
      MAX_HELD_ITEMS: 3,
      OFFICE_HOURS: { openMinute: 8 * 60, closeMinute: 16 * 60 },
      OFFICE_DAYS: [1, 2, 3, 4, 5],
      DB_PREPARE: true,
      DB_STATEMENT_TIMEOUT_MS: 15_000,
      BACKGROUND_JOBS: true,
      WEB_CONCURRENCY: availableParallelism(),
      TRUSTED_PROXIES: [],
      AUDIT_CHECKPOINT_MINUTES: 60,
      NEXT_DIST_DIR: '.next',
      AI_MODEL: 'default',
      AI_TIMEOUT_MS: 30_000,
      AI_MAX_RETRIES: 2,
      OCR_LANG: 'ind',
      OCR_TIMEOUT_MS: 20_000,
      INTAKE_ATTACHMENT_MAX_BYTES: 2 * 1024 * 1024,
      INTAKE_BODY_MAX_BYTES: 16 * 1024 * 1024,
      INTAKE_BODY_IDLE_TIMEOUT_MS: 10_000,
      DRAFTING_RETRY_LIMIT: 4,
      WEBHOOK_RETRY_DELAY_MAX_S: 3600,
      WEBHOOK_ALLOW_HTTP: false,
      WEBHOOK_ALLOW_PRIVATE: false,
      PGBOSS_SCHEMA: 'pgboss',
      PGBOSS_POOL_MAX: 4,
      JOB_WORKERS: true,
      STATUS_ATTEMPTS_PER_TICKET: 10,
      STATUS_ATTEMPTS_PER_CLIENT: 20,
    });
    expect(e.DB_POOL_MAX).toBeGreaterThanOrEqual(4);
    expect(parseEnv({ LEASE_MINUTES: '   ', SEED_DEMO: '', TRUSTED_PROXIES: '' })).toMatchObject({ LEASE_MINUTES: 10, SEED_DEMO: true, TRUSTED_PROXIES: [] });
  });

  it('reads well-formed values into their types', () => {
    expect(
      parseEnv({
        LEASE_MINUTES: ' 25 ',
        SEED_DEMO: 'false',
        DB_STATEMENT_TIMEOUT_MS: '0',
        OFFICE_HOURS: '07:30-15:30',
        OFFICE_DAYS: '1, 2,3,4,5,6',
        ALLOWED_ORIGINS: 'https://review.example.go.id, http://10.0.0.5:3000',
        TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/8 fd00::/8',
        DATABASE_URL: 'postgres://app:pw@db:5432/layanan',
      }),
    ).toMatchObject({
      LEASE_MINUTES: 25,
      SEED_DEMO: false,
      DB_STATEMENT_TIMEOUT_MS: 0,
      OFFICE_HOURS: { openMinute: 450, closeMinute: 930 },
      OFFICE_DAYS: [1, 2, 3, 4, 5, 6],
      ALLOWED_ORIGINS: ['https://review.example.go.id', 'http://10.0.0.5:3000'],
      TRUSTED_PROXIES: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'],
      DATABASE_URL: 'postgres://app:pw@db:5432/layanan',
    });
  });

  it('names the variable, what it must be and the value, for every kind of bad value', () => {
    // Numbers: not digits, fractions, negative, out of range: never NaN, never a silent default.
    expect(problem('LEASE_MINUTES', 'abc')).toBe('LEASE_MINUTES must be a whole number of minutes from 1 to 1440, got "abc"');
    expect(problem('LEASE_MINUTES', '0')).toBe('LEASE_MINUTES must be a whole number of minutes from 1 to 1440, got "0"');
    expect(problem('DB_CONNECT_TIMEOUT_S', '2.5')).toBe('DB_CONNECT_TIMEOUT_S must be a whole number of seconds from 1 to 600, got "2.5"');
    expect(problem('STATUS_ATTEMPTS_PER_CLIENT', '-1')).toBe('STATUS_ATTEMPTS_PER_CLIENT must be a whole number of attempts ≥ 1, got "-1"');
    expect(problem('PORT', '70000')).toBe('PORT must be a whole number of port from 1 to 65535, got "70000"');
    // A timer above 2^31-1 ms would fire at once in Node.
    expect(problem('AUDIT_CHECKPOINT_MINUTES', '99999')).toMatch(/^AUDIT_CHECKPOINT_MINUTES must be a whole number of minutes from 1 to 10080, got "99999"$/);
    // Booleans are exactly true or false.
    for (const v of ['yes', '1', 'TRUE', 'off']) expect(problem('SEED_DEMO', v)).toBe(`SEED_DEMO must be true or false, got "${v}"`);
    expect(problem('WEBHOOK_ALLOW_PRIVATE', 'no')).toBe('WEBHOOK_ALLOW_PRIVATE must be true or false, got "no"');
    // URLs; a database password is masked.
    expect(problem('NEXTAUTH_URL', 'layanan.example.go.id')).toBe('NEXTAUTH_URL must be an http:// or https:// URL, got "layanan.example.go.id"');
    expect(problem('DATABASE_URL', 'mysql://app:hunter2@db/layanan')).toBe(
      'DATABASE_URL must be a postgres:// URL, e.g. postgres://user:password@host:5432/database, got "mysql://app:***@db/layanan"',
    );
    // Lists name the bad entry.
    expect(problem('ALLOWED_ORIGINS', 'https://ok.example, https://ok.example/path')).toMatch(
      /^ALLOWED_ORIGINS must be comma-separated origins .*, got "https:\/\/ok.example\/path" in "https:\/\/ok.example, https:\/\/ok.example\/path"$/,
    );
    expect(problem('TRUSTED_PROXIES', '10.0.0.1,10.0.0.0/33')).toMatch(
      /^TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges .*, got "10.0.0.0\/33" in "10.0.0.1,10.0.0.0\/33"$/,
    );
    expect(problem('TRUSTED_PROXIES', 'proxy.internal')).toMatch(/^TRUSTED_PROXIES must be .*, got "proxy.internal"$/);
    // Formats.
    expect(problem('OFFICE_HOURS', '16:00-08:00')).toBe(
      'OFFICE_HOURS must be opening and closing time like 08:00-16:00, closing after opening, got "16:00-08:00"',
    );
    expect(problem('OFFICE_DAYS', '1,2,7')).toMatch(/^OFFICE_DAYS must be weekday numbers .*, got "7" in "1,2,7"$/);
    // Interpolated into SQL grants: an identifier only.
    expect(problem('PGBOSS_SCHEMA', 'pgboss"; drop table users; --')).toMatch(/^PGBOSS_SCHEMA must be a Postgres schema name/);
    expect(problem('OCR_LANG', 'ind eng')).toBe('OCR_LANG must be Tesseract language names, e.g. ind or ind+eng, got "ind eng"');
  });

  it('never echoes a secret, and checks the audit signing key is an Ed25519 key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(problem('AUDIT_SIGNING_KEY', rsa)).toBe(
      'AUDIT_SIGNING_KEY must be an Ed25519 private key in PEM (PKCS#8, "-----BEGIN PRIVATE KEY-----"; \\n escapes allowed) (value not shown)',
    );
    expect(problem('AI_API_KEY', 'sk-secret with space')).toBe('AI_API_KEY must be printable characters without spaces or line breaks (value not shown)');
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(parseEnv({ AUDIT_SIGNING_KEY: ed.replace(/\n/g, '\\n') }).AUDIT_SIGNING_KEY).toBe(ed);
  });

  it('reports every bad variable at once', () => {
    expect(problems({ LEASE_MINUTES: 'abc', SEED_DEMO: 'yes', AI_TIMEOUT_MS: '-1', PORT: '3000' }).map((m) => m.split(' ')[0])).toEqual([
      'SEED_DEMO',
      'LEASE_MINUTES',
      'AI_TIMEOUT_MS',
    ]);
  });

  it('is read when used, so a value set at runtime counts, and a bad one fails where it is read, naming it', () => {
    expect(env.LEASE_MINUTES).toBe(10);
    vi.stubEnv('LEASE_MINUTES', '15');
    expect(env.LEASE_MINUTES).toBe(15);
    vi.stubEnv('LEASE_MINUTES', '15 minutes');
    expect(() => env.LEASE_MINUTES).toThrow('LEASE_MINUTES must be a whole number of minutes from 1 to 1440, got "15 minutes"');
    // Other settings are unaffected by one bad variable.
    expect(env.MAX_HELD_ITEMS).toBe(3);
  });

  it('covers exactly the variables of the README configuration table', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const documented = new Set(
      section
        .split('\n')
        .filter((l) => l.startsWith('| `'))
        .flatMap((l) => [...l.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])),
    );
    expect(documented.size).toBeGreaterThan(40);
    expect(
      [...documented].filter((v) => !ENV_NAMES.includes(v as never)),
      'in the README but not in lib/env.ts',
    ).toEqual([]);
    expect(
      ENV_NAMES.filter((v) => !documented.has(v)),
      'in lib/env.ts but not in the README',
    ).toEqual([]);
  });
});

describe('npm start with a bad setting', () => {
  it('exits with code 1 and a message naming every bad variable, before any database starts, without a stack trace', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'layanan-env-'));
    try {
      const run = spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/start.ts', '--no-build'], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LEASE_MINUTES: 'abc', BACKGROUND_JOBS: 'yes', PG_PORT: '54361' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('2 settings are not valid');
      expect(run.stderr).toContain('LEASE_MINUTES must be a whole number of minutes from 1 to 1440, got "abc"');
      expect(run.stderr).toContain('BACKGROUND_JOBS must be true or false, got "yes"');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      // Nothing was started or written: no embedded Postgres data folder, no generated secrets.
      expect(existsSync(path.join(dataDir, 'pg'))).toBe(false);
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
