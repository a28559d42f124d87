/**
 * The AI settings from the environment, checked once at start: a typo in
 * AI_TIMEOUT_MS must stop the console with a sentence naming the variable,
 * not turn into NaN timeouts at the first draft.
 *
 *   AI_BASE_URL     OpenAI-compatible endpoint (http or https); unset: the built-in drafter
 *   AI_API_KEY      bearer token, optional
 *   AI_MODEL        model name sent to the endpoint (default "default")
 *   AI_TIMEOUT_MS   per attempt, 1..600000 (default 30000)
 *   AI_MAX_RETRIES  retries after the first attempt, 0..10 (default 2)
 *
 * Empty values count as unset.
 */
import { z } from 'zod';

export type AiSettings = {
  /** Null: no endpoint configured, the built-in retrieval drafter answers. */
  baseUrl: string | null;
  apiKey: string | null;
  model: string;
  timeoutMs: number;
  maxRetries: number;
};

export const AI_DEFAULTS = { model: 'default', timeoutMs: 30_000, maxRetries: 2 } as const;
export const MAX_AI_TIMEOUT_MS = 600_000;
export const MAX_AI_RETRIES = 10;

const got = (v: unknown) => `(got ${JSON.stringify(typeof v === 'string' ? v : String(v))})`;

/** A whole number written in digits, within [min, max]; the messages name the variable and the value. */
function wholeNumber(name: string, unit: string, min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, { error: (iss) => `${name} must be a whole number of ${unit} ${got(iss.input)}`, abort: true })
    .refine((s) => Number(s) >= min && Number(s) <= max, { error: (iss) => `${name} must be between ${min} and ${max} ${unit} ${got(iss.input)}` })
    .transform(Number);
}

export const ZAiEnv = z.object({
  AI_BASE_URL: z
    .url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: (iss) => `AI_BASE_URL must be an http:// or https:// URL ${got(iss.input)}` })
    .optional(),
  AI_API_KEY: z
    .string()
    .regex(/^[\x21-\x7e]+$/, { error: 'AI_API_KEY must be printable characters without spaces or line breaks (value not shown)' })
    .max(4096, { error: 'AI_API_KEY is longer than 4096 characters' })
    .optional(),
  AI_MODEL: z
    .string()
    .max(200, { error: (iss) => `AI_MODEL must be at most 200 characters ${got(`${String(iss.input).slice(0, 40)}…`)}`, abort: true })
    .regex(/^[^\s\p{Cc}]+$/u, { error: (iss) => `AI_MODEL must be a model name without spaces ${got(iss.input)}` })
    .optional(),
  AI_TIMEOUT_MS: wholeNumber('AI_TIMEOUT_MS', 'milliseconds', 1, MAX_AI_TIMEOUT_MS).optional(),
  AI_MAX_RETRIES: wholeNumber('AI_MAX_RETRIES', 'retries', 0, MAX_AI_RETRIES).optional(),
});

/**
 * The AI settings, or an Error whose message names every bad variable and its value, e.g.
 * `AI_TIMEOUT_MS must be a whole number of milliseconds (got "abc")`. The API key's value is never echoed.
 */
export function parseAiSettings(env: Record<string, string | undefined> = process.env): AiSettings {
  const pick = (k: string) => {
    const v = env[k]?.trim();
    return v ? v : undefined;
  };
  const parsed = ZAiEnv.safeParse({
    AI_BASE_URL: pick('AI_BASE_URL'),
    AI_API_KEY: pick('AI_API_KEY'),
    AI_MODEL: pick('AI_MODEL'),
    AI_TIMEOUT_MS: pick('AI_TIMEOUT_MS'),
    AI_MAX_RETRIES: pick('AI_MAX_RETRIES'),
  });
  if (!parsed.success) {
    // One message per variable: the first problem found with it.
    const byVar = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      if (!byVar.has(key)) byVar.set(key, issue.message);
    }
    throw new Error([...byVar.values()].join('; '));
  }
  const e = parsed.data;
  return {
    baseUrl: e.AI_BASE_URL ? e.AI_BASE_URL.replace(/\/+$/, '') : null,
    apiKey: e.AI_API_KEY ?? null,
    model: e.AI_MODEL ?? AI_DEFAULTS.model,
    timeoutMs: e.AI_TIMEOUT_MS ?? AI_DEFAULTS.timeoutMs,
    maxRetries: e.AI_MAX_RETRIES ?? AI_DEFAULTS.maxRetries,
  };
}
