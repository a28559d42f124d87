/**
 * Every setting the console takes from the environment, in one typed zod
 * schema (the README's Configuration table, one entry per row). A value that
 * is wrong stops with a sentence naming the variable and what it must be,
 * e.g. `LEASE_MINUTES must be a whole number of minutes from 1 to 1440, got "abc"`,
 * instead of turning into a NaN timeout or quietly falling back to a default.
 *
 * - `npm start` calls `parseEnv()` before anything else and prints every bad
 *   variable at once (scripts/start.ts).
 * - Code reads `env.NAME`: typed, with the default applied. It is read lazily,
 *   on each access, from `process.env` (cached while the raw text is the
 *   same), because tests set variables at runtime and nothing in server code
 *   is inlined at build time. So no module reads a setting when it is
 *   imported, and a bad value fails where it is used, naming the variable.
 *
 * Values are trimmed (secrets excepted) and an empty value counts as unset (`FOO=` in a shell or
 * a compose file means "use the default"). Booleans are exactly `true` or
 * `false`: `yes`, `1` or `off` are refused rather than guessed. Secrets are
 * never echoed in a message; passwords inside database URLs are masked.
 *
 * Server-side only (node:crypto, node:net): never import it from a client component.
 */
import { createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { z } from 'zod';

type Source = Record<string, string | undefined>;

/** What a variable must be, as the second half of "NAME must be …"; parse gives undefined (or the bad entry of a list) when refused. */
type Check<T> = { must: string; parse: (raw: string) => T | undefined | BadEntry };
class BadEntry {
  constructor(readonly entry: string) {}
}

/**
 * One variable: unset gives the default, a value is parsed or refused with
 * "must be …" (the variable's name and the value shown are added by the caller, see problemOf).
 */
function setting<T, D extends T | undefined>(check: Check<T>, fallback: () => D) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | D => {
      if (raw === undefined) return fallback();
      const value = check.parse(raw);
      if (value === undefined || value instanceof BadEntry) {
        ctx.addIssue({ code: 'custom', message: `must be ${check.must}`, params: { entry: value instanceof BadEntry ? value.entry : undefined } });
        return z.NEVER;
      }
      return value;
    });
}

const required = <T>(check: Check<T>, fallback: T) => setting<T, T>(check, () => fallback);
const optional = <T>(check: Check<T>) => setting<T, undefined>(check, () => undefined);

/** A whole number written in digits, within [min, max]. */
function whole(unit: string, min: number, max: number): Check<number> {
  return {
    must: max === Number.MAX_SAFE_INTEGER ? `a whole number of ${unit} ≥ ${min}` : `a whole number of ${unit} from ${min} to ${max}`,
    parse: (raw) => {
      if (!/^\d+$/.test(raw)) return undefined;
      const n = Number(raw);
      return n >= min && n <= max ? n : undefined;
    },
  };
}
const ANY = Number.MAX_SAFE_INTEGER;
/** Node's timers overflow above 2^31-1 ms (about 24.8 days) and then fire at once. */
const TIMER_MAX_MS = 2 ** 31 - 1;

const flag: Check<boolean> = { must: 'true or false', parse: (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined) };

function text(must = 'text without line breaks', pattern: RegExp = /^[^\p{Cc}]+$/u, max = 4096): Check<string> {
  return { must, parse: (raw) => (raw.length <= max && pattern.test(raw) ? raw : undefined) };
}
const filePath: Check<string> = text('a file or folder path');

function url(protocols: string[], must: string): Check<string> {
  return {
    must,
    parse: (raw) => {
      try {
        const u = new URL(raw);
        return protocols.includes(u.protocol) && u.hostname ? raw : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
const httpUrl = url(['http:', 'https:'], 'an http:// or https:// URL');
const postgresUrl = url(['postgres:', 'postgresql:'], 'a postgres:// URL, e.g. postgres://user:password@host:5432/database');

/** http(s) scheme, host and port only: what a browser sends as `Origin`. */
function originOf(entry: string): string | undefined {
  try {
    const u = new URL(entry);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    if (u.pathname !== '/' || u.search || u.hash || u.username || u.password) return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

/** Comma- (or space-) separated entries, each checked; one bad entry refuses the whole value. */
function list<T>(must: string, each: (entry: string) => T | undefined): Check<T[]> {
  return {
    must,
    parse: (raw) => {
      const out: T[] = [];
      for (const entry of raw.split(/[\s,]+/).filter(Boolean)) {
        const v = each(entry);
        if (v === undefined) return new BadEntry(entry);
        out.push(v);
      }
      return out;
    },
  };
}

/** An IPv4/IPv6 address or a CIDR range (10.0.0.0/8, fd00::/8). */
function addressOrRange(entry: string): string | undefined {
  const [addr, prefix, extra] = entry.split('/');
  if (extra !== undefined) return undefined;
  const family = isIP(addr);
  if (!family) return undefined;
  if (prefix === undefined) return entry;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return undefined;
  return entry;
}

export type OfficeHours = { openMinute: number; closeMinute: number };

const officeHours: Check<OfficeHours> = {
  must: 'opening and closing time like 08:00-16:00, closing after opening',
  parse: (raw) => {
    const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(raw);
    if (!m) return undefined;
    const [h1, m1, h2, m2] = m.slice(1).map(Number);
    if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59) return undefined;
    const openMinute = h1 * 60 + m1;
    const closeMinute = h2 * 60 + m2;
    return closeMinute > openMinute && closeMinute <= 24 * 60 ? { openMinute, closeMinute } : undefined;
  },
};

const weekdays: Check<number[]> = {
  must: 'weekday numbers separated by commas, 0 = Sunday … 6 = Saturday (e.g. 1,2,3,4,5)',
  parse: (raw) => {
    const days = list('', (d) => (/^[0-6]$/.test(d) ? Number(d) : undefined)).parse(raw);
    return Array.isArray(days) && days.length > 0 ? [...new Set(days)] : days;
  },
};

const ed25519Pem: Check<string> = {
  must: 'an Ed25519 private key in PEM (PKCS#8, "-----BEGIN PRIVATE KEY-----"; \\n escapes allowed)',
  parse: (raw) => {
    const pem = raw.replace(/\\n/g, '\n');
    try {
      return createPrivateKey(pem).asymmetricKeyType === 'ed25519' ? pem : undefined;
    } catch {
      return undefined;
    }
  },
};

const token = (must: string) => text(must, /^[\x21-\x7e]+$/);

/**
 * The schema, in the README's order. Each entry takes the raw text (or
 * undefined) and gives the typed value with its default.
 */
export const ENV_SHAPE = {
  DATABASE_URL: optional(postgresUrl),
  DATA_DIR: required(filePath, '.data'),
  PORT: required(whole('port', 1, 65535), 3000),
  HOST: required(text('a host name or address to listen on', /^[A-Za-z0-9.:[\]_-]+$/, 253), 'localhost'),
  /** Unset: http://HOST:PORT (publicUrl()). */
  NEXTAUTH_URL: optional(httpUrl),
  ALLOWED_ORIGINS: required(list('comma-separated origins (scheme, host and port only, e.g. https://review.example.go.id,http://10.0.0.5:3000)', originOf), []),
  NEXTAUTH_SECRET: optional(text('text without line breaks')),
  PG_PORT: required(whole('port', 1, 65535), 54329),
  SEED_DEMO: required(flag, true),
  LEASE_MINUTES: required(whole('minutes', 1, 24 * 60), 10),
  MAX_HELD_ITEMS: required(whole('items', 1, 100), 3),
  OFFICE_HOURS: required(officeHours, { openMinute: 8 * 60, closeMinute: 16 * 60 }),
  OFFICE_DAYS: required(weekdays, [1, 2, 3, 4, 5]),
  DB_POOL_MAX: setting(whole('connections', 1, 1000), () => Math.max(4, 2 * availableParallelism())),
  DB_PREPARE: required(flag, true),
  // A request waits at most this for a connection while Postgres is away (the fault check, `npm run test:faults`, holds failures under 5 s).
  DB_CONNECT_TIMEOUT_S: required(whole('seconds', 1, 600), 3),
  /** 0 turns the statement timeout off (Postgres' own meaning of 0). */
  DB_STATEMENT_TIMEOUT_MS: required(whole('milliseconds', 0, TIMER_MAX_MS), 15_000),
  BACKGROUND_JOBS: required(flag, true),
  // One server process per core: Node serves a request on one core, and Next's request handling is the limit (README, Benchmark).
  WEB_CONCURRENCY: setting(whole('server processes', 1, 64), () => availableParallelism()),
  TRUSTED_PROXIES: required(list('comma-separated IP addresses or CIDR ranges (e.g. 127.0.0.1,10.0.0.0/8)', addressOrRange), []),
  TEST_DATABASE_URL: optional(postgresUrl),
  CHROMIUM_PATH: required(filePath, '/usr/bin/chromium'),
  APP_DATABASE_URL: optional(postgresUrl),
  /** `npm run db:migrate` gives the layanan_app role this password (LOGIN), for deployments that connect as it (deploy/compose.yaml). */
  APP_DB_PASSWORD: optional(text('a password without line breaks')),
  AUDIT_SIGNING_KEY: optional(ed25519Pem),
  /** Unset: DATA_DIR/audit-signing-key.pem. */
  AUDIT_KEY_FILE: optional(filePath),
  AUDIT_CHECKPOINT_MINUTES: required(whole('minutes', 1, 7 * 24 * 60), 60),
  NEXT_DIST_DIR: required(filePath, '.next'),
  AI_BASE_URL: optional(httpUrl),
  AI_API_KEY: optional(token('printable characters without spaces or line breaks')),
  AI_MODEL: required(text('a model name without spaces, at most 200 characters', /^[^\s\p{Cc}]+$/u, 200), 'default'),
  AI_TIMEOUT_MS: required(whole('milliseconds', 1, 600_000), 30_000),
  AI_MAX_RETRIES: required(whole('retries', 0, 10), 2),
  TESSERACT_PATH: required(filePath, 'tesseract'),
  OCR_LANG: required(text('Tesseract language names, e.g. ind or ind+eng', /^[a-z_]+(\+[a-z_]+)*$/, 200), 'ind'),
  OCR_TIMEOUT_MS: required(whole('milliseconds', 1000, 600_000), 20_000),
  OCR_CONCURRENCY: setting(whole('processes', 1, 64), () => Math.max(1, availableParallelism())),
  INTAKE_ATTACHMENT_MAX_BYTES: required(whole('bytes', 1, 1024 ** 3), 2 * 1024 * 1024),
  INTAKE_BODY_MAX_BYTES: required(whole('bytes', 1, 1024 ** 3), 16 * 1024 * 1024),
  INTAKE_BODY_IDLE_TIMEOUT_MS: required(whole('milliseconds', 1, 600_000), 10_000),
  DRAFTING_RETRY_LIMIT: required(whole('retries', 0, 100), 4),
  DRAFTING_RETRY_DELAY_S: required(whole('seconds', 0, 86_400), 5),
  DRAFTING_EXPIRE_S: required(whole('seconds', 1, 86_400), 180),
  WEBHOOK_RETRY_LIMIT: required(whole('retries', 0, 100), 8),
  WEBHOOK_RETRY_DELAY_S: required(whole('seconds', 0, 86_400), 10),
  WEBHOOK_RETRY_DELAY_MAX_S: required(whole('seconds', 1, 7 * 86_400), 3600),
  WEBHOOK_TIMEOUT_MS: required(whole('milliseconds', 1, 600_000), 10_000),
  WEBHOOK_ALLOW_HTTP: required(flag, false),
  WEBHOOK_ALLOW_PRIVATE: required(flag, false),
  // Interpolated into SQL (grants on the schema): a plain identifier only.
  PGBOSS_SCHEMA: required(text('a Postgres schema name (lowercase letters, digits and _, starting with a letter or _)', /^[a-z_][a-z0-9_]*$/, 50), 'pgboss'),
  PGBOSS_POOL_MAX: required(whole('connections', 1, 100), 4),
  JOB_WORKERS: required(flag, true),
  /** Unset: NEXTAUTH_SECRET. */
  STATUS_TOKEN_SECRET: optional(text('text without line breaks')),
  STATUS_ATTEMPTS_PER_TICKET: required(whole('attempts', 1, ANY), 10),
  STATUS_ATTEMPTS_PER_CLIENT: required(whole('attempts', 1, ANY), 20),
  /** Personal-data reveals one person may make per window (server/services/review/personal-data.ts). */
  REVEAL_LIMIT: required(whole('reveals', 1, 10_000), 10),
  REVEAL_WINDOW_MINUTES: required(whole('minutes', 1, 24 * 60), 15),
  /** Unset: generated per install by npm start; the demo key below only outside production. */
  QA_SAMPLE_KEY: optional(text('text without line breaks')),
  LAYANAN_URL: optional(httpUrl),
  LAYANAN_API_KEY: optional(token('printable characters without spaces or line breaks')),
  /** With NODE_ENV=production, refuse to generate a demo NEXTAUTH_SECRET. */
  REQUIRE_SECRET: required(flag, false),
};

export const EnvSchema = z.object(ENV_SHAPE);
export type Env = z.output<typeof EnvSchema>;
export type EnvName = keyof Env;
export const ENV_NAMES = Object.keys(ENV_SHAPE) as EnvName[];

/** Never shown in a message. */
const SECRETS = new Set<EnvName>([
  'APP_DB_PASSWORD',
  'NEXTAUTH_SECRET',
  'AUDIT_SIGNING_KEY',
  'AI_API_KEY',
  'STATUS_TOKEN_SECRET',
  'QA_SAMPLE_KEY',
  'LAYANAN_API_KEY',
]);
const URLS_WITH_PASSWORDS = new Set<EnvName>(['DATABASE_URL', 'TEST_DATABASE_URL', 'APP_DATABASE_URL']);

export type EnvProblem = { variable: EnvName; message: string };

/** One sentence per bad variable; `message` lists them, one a line. */
export class EnvError extends Error {
  constructor(readonly problems: EnvProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'EnvError';
  }
}

// A secret is used exactly as given (next-auth reads NEXTAUTH_SECRET itself, untrimmed); only blank means unset.
const rawOf = (source: Source, name: EnvName): string | undefined => {
  const v = source[name];
  if (!v?.trim()) return undefined;
  return SECRETS.has(name) ? v : v.trim();
};

function shown(name: EnvName, raw: string, entry: string | undefined): string {
  if (SECRETS.has(name)) return ' (value not shown)';
  const masked = URLS_WITH_PASSWORDS.has(name) ? raw.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@') : raw;
  const quote = (v: string) => JSON.stringify(v.length > 120 ? `${v.slice(0, 120)}…` : v);
  return entry !== undefined && entry !== raw ? `, got ${quote(entry)} in ${quote(masked)}` : `, got ${quote(masked)}`;
}

function problemOf(name: EnvName, raw: string, error: z.ZodError): EnvProblem {
  const issue = error.issues[0];
  const entry = issue?.code === 'custom' ? (issue.params?.entry as string | undefined) : undefined;
  return { variable: name, message: `${name} ${issue?.message ?? 'is not valid'}${shown(name, raw, entry)}` };
}

function parseOne<K extends EnvName>(name: K, source: Source): { ok: true; value: Env[K] } | { ok: false; problem: EnvProblem } {
  const raw = rawOf(source, name);
  const parsed = ENV_SHAPE[name].safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as Env[K] };
  return { ok: false, problem: problemOf(name, raw ?? '', parsed.error) };
}

/** The listed variables, typed with defaults; throws an EnvError naming every bad one. */
export function parseEnvVars<K extends EnvName>(names: readonly K[], source: Source = process.env): Pick<Env, K> {
  const out = {} as Pick<Env, K>;
  const problems: EnvProblem[] = [];
  for (const name of names) {
    const r = parseOne(name, source);
    if (r.ok) out[name] = r.value;
    else problems.push(r.problem);
  }
  if (problems.length) throw new EnvError(problems);
  return out;
}

/** Every variable; `npm start` runs this first. Throws an EnvError naming every bad one. */
export function parseEnv(source: Source = process.env): Env {
  return parseEnvVars(ENV_NAMES, source);
}

const cache = new Map<EnvName, { raw: string | undefined; value: unknown }>();

/** One variable of the current process.env, parsed on first use and again whenever its text changes. */
export function readEnv<K extends EnvName>(name: K): Env[K] {
  const raw = rawOf(process.env, name);
  const hit = cache.get(name);
  if (hit && hit.raw === raw) return hit.value as Env[K];
  const r = parseOne(name, process.env);
  if (!r.ok) throw new EnvError([r.problem]);
  const value = typeof r.value === 'object' && r.value !== null ? Object.freeze(r.value) : r.value;
  cache.set(name, { raw, value });
  return value as Env[K];
}

/** `env.LEASE_MINUTES`: the typed setting, read from process.env when accessed (see readEnv). */
export const env: Readonly<Env> = Object.freeze(
  Object.defineProperties({}, Object.fromEntries(ENV_NAMES.map((name) => [name, { enumerable: true, get: () => readEnv(name) }]))) as Env,
);

/** The public URL: NEXTAUTH_URL, or http://HOST:PORT. */
export const publicUrl = (): string => env.NEXTAUTH_URL ?? `http://${env.HOST}:${env.PORT}`;
