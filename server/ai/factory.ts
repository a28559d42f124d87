/**
 * Which Drafter the pipeline uses: the OpenAI-compatible adapter when
 * AI_BASE_URL is set, otherwise the built-in retrieval drafter. Both answer
 * from the same knowledge-base articles; the rule checker always runs locally.
 */
import type { KbArticle } from './knowledge-base';
import { OpenAiCompatibleDrafter } from './openai-adapter';
import { RetrievalDrafter } from './retrieval-drafter';
import type { Drafter } from './types';

export type AiEnv = Record<string, string | undefined>;

export function createDrafter(articles: KbArticle[], env: AiEnv = process.env): Drafter {
  const baseUrl = env.AI_BASE_URL?.trim();
  if (!baseUrl) return new RetrievalDrafter({ articles });
  return new OpenAiCompatibleDrafter({
    baseUrl,
    apiKey: env.AI_API_KEY?.trim() || undefined,
    model: env.AI_MODEL?.trim() || 'default',
    articles,
    timeoutMs: Number(env.AI_TIMEOUT_MS ?? 30_000),
    maxRetries: Number(env.AI_MAX_RETRIES ?? 2),
  });
}
