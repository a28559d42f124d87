/**
 * The AI settings, from the one environment schema (lib/env.ts): a typo in
 * AI_TIMEOUT_MS stops `npm start` with a sentence naming the variable, not
 * NaN timeouts at the first draft.
 *
 *   AI_BASE_URL     OpenAI-compatible endpoint (http or https); unset: the built-in drafter
 *   AI_API_KEY      bearer token, optional
 *   AI_MODEL        model name sent to the endpoint (default "default")
 *   AI_TIMEOUT_MS   per attempt, 1..600000 (default 30000)
 *   AI_MAX_RETRIES  retries after the first attempt, 0..10 (default 2)
 */
import { parseEnvVars } from '@/lib/env';

export type AiSettings = {
  /** Null: no endpoint configured, the built-in retrieval drafter answers. */
  baseUrl: string | null;
  apiKey: string | null;
  model: string;
  timeoutMs: number;
  maxRetries: number;
};

export const AI_VARIABLES = ['AI_BASE_URL', 'AI_API_KEY', 'AI_MODEL', 'AI_TIMEOUT_MS', 'AI_MAX_RETRIES'] as const;

/**
 * The AI settings, or an EnvError whose message names every bad variable and its value, e.g.
 * `AI_TIMEOUT_MS must be a whole number of milliseconds from 1 to 600000, got "abc"`. The API key's value is never echoed.
 */
export function parseAiSettings(source: Record<string, string | undefined> = process.env): AiSettings {
  const e = parseEnvVars(AI_VARIABLES, source);
  return {
    baseUrl: e.AI_BASE_URL ? e.AI_BASE_URL.replace(/\/+$/, '') : null,
    apiKey: e.AI_API_KEY ?? null,
    model: e.AI_MODEL,
    timeoutMs: e.AI_TIMEOUT_MS,
    maxRetries: e.AI_MAX_RETRIES,
  };
}
