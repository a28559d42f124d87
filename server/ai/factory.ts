/**
 * Which Drafter the pipeline uses: the OpenAI-compatible adapter when
 * AI_BASE_URL is set, otherwise the built-in retrieval drafter. Both answer
 * from the same knowledge-base articles; the rule checker always runs locally.
 * Either is wrapped in the grounding check (grounding.ts): fees, durations and
 * documents a draft states must come from the articles it cites, and what it
 * says about the outcome must match its recommendation.
 */
import { GroundedDrafter } from './grounding';
import type { KbArticle } from './knowledge-base';
import { OpenAiCompatibleDrafter } from './openai-adapter';
import { RetrievalDrafter } from './retrieval-drafter';
import { parseAiSettings } from './settings';
import type { Drafter } from './types';

export type AiEnv = Record<string, string | undefined>;

/** Throws an Error naming the variable when an AI_* setting is malformed (see settings.ts). */
export function createDrafter(articles: KbArticle[], env: AiEnv = process.env): GroundedDrafter {
  const s = parseAiSettings(env);
  const inner: Drafter = s.baseUrl
    ? new OpenAiCompatibleDrafter({
        baseUrl: s.baseUrl,
        apiKey: s.apiKey ?? undefined,
        model: s.model,
        articles,
        timeoutMs: s.timeoutMs,
        maxRetries: s.maxRetries,
      })
    : new RetrievalDrafter({ articles });
  return new GroundedDrafter(inner, { articles });
}
