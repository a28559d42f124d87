/**
 * A Drafter backed by any OpenAI-compatible chat completions endpoint (vLLM,
 * Ollama, a hosted model). The rule checks still run locally and are given to
 * the model as facts; the model writes the reply and cites knowledge-base
 * articles by id. Its answer must match a JSON schema, is validated with zod,
 * and a reply that does not validate is an error (the job retries), never a
 * half-trusted draft. Personal numbers are masked before they leave the server.
 */
import { z } from 'zod';
import { normalizeNik } from '@/lib/nik';
import { FINAL_OUTCOMES } from '@/lib/vocabulary';
import type { KbArticle } from './knowledge-base';
import { maskNik } from './nik';
import { recommend, requestIntent, RetrievalDrafter } from './retrieval-drafter';
import type { Citation, DocumentCheckOutput, DraftOutput, FeedbackDrafter, SubmissionInput } from './types';

export const ZModelAnswer = z.strictObject({
  draftAnswer: z.string().min(20).max(8000),
  recommendation: z.enum(FINAL_OUTCOMES),
  confidence: z.number().min(0).max(1),
  citations: z.array(z.strictObject({ articleId: z.string().min(1).max(100), passage: z.string().min(1).max(1000) })).max(8),
});
export type TModelAnswer = z.infer<typeof ZModelAnswer>;

export const MODEL_ANSWER_JSON_SCHEMA = z.toJSONSchema(ZModelAnswer, { target: 'draft-2020-12' });

export type AiErrorKind = 'timeout' | 'network' | 'http' | 'invalid_answer';

export class AiAdapterError extends Error {
  constructor(
    readonly kind: AiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AiAdapterError';
  }
  get retryable(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || (this.kind === 'http' && (this.status === 429 || (this.status ?? 0) >= 500));
  }
}

export type OpenAiDrafterOptions = {
  baseUrl: string;
  apiKey?: string;
  model: string;
  articles: KbArticle[];
  /** Per attempt. */
  timeoutMs?: number;
  /** Retries after the first attempt, on timeouts, network errors, 429 and 5xx. */
  maxRetries?: number;
  /** First backoff; doubles each retry, with jitter. */
  backoffMs?: number;
  serviceNames?: Record<string, string>;
};

const SYSTEM_PROMPT = [
  'Anda membantu petugas layanan publik (Disdukcapil dan layanan daerah) di Indonesia menyusun draf jawaban untuk warga.',
  'Tulis dalam Bahasa Indonesia yang sopan dan jelas. Jangan mengarang persyaratan, biaya, atau waktu proses: gunakan hanya artikel basis pengetahuan yang diberikan, dan kutip artikel yang Anda pakai (articleId dan kalimat yang dikutip).',
  'Hasil pemeriksaan dokumen (checks) adalah fakta. Jika ada dokumen yang hilang, tidak terbaca, atau tidak valid, jangan merekomendasikan approve.',
  'Jika informasinya tidak ada di artikel, katakan bahwa petugas akan melengkapi jawaban.',
  'Keputusan akhir dibuat oleh petugas; draf Anda hanya saran.',
  'Jawab hanya dengan JSON sesuai skema: draftAnswer, recommendation (approve | reject | request_info), confidence (0..1), citations [{articleId, passage}].',
].join('\n');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export class OpenAiCompatibleDrafter implements FeedbackDrafter {
  readonly modelName: string;
  private readonly opts: Required<Omit<OpenAiDrafterOptions, 'apiKey' | 'serviceNames'>> & Pick<OpenAiDrafterOptions, 'apiKey' | 'serviceNames'>;
  private readonly retrieval: RetrievalDrafter;
  private readonly byId: Map<string, KbArticle>;

  constructor(opts: OpenAiDrafterOptions) {
    this.opts = { timeoutMs: 30_000, maxRetries: 2, backoffMs: 500, ...opts, baseUrl: opts.baseUrl.replace(/\/+$/, '') };
    this.modelName = opts.model;
    this.retrieval = new RetrievalDrafter({ articles: opts.articles, serviceNames: opts.serviceNames });
    this.byId = new Map(opts.articles.map((a) => [a.id, a]));
  }

  /**
   * What the model sees: the request with personal numbers masked, the checks, and the most relevant articles
   * (the service's own first, the one matching the kind of request in the form leading).
   */
  buildMessages(input: SubmissionInput, checks: DocumentCheckOutput): ChatMessage[] {
    const hits = this.retrieval.retrieve(input.serviceCode, `${input.serviceCode} ${input.message}`, requestIntent(input.form)).slice(0, 5);
    const ownHits = hits.map((h) => h.article).filter((a) => a.serviceCode === input.serviceCode);
    const own = [...ownHits, ...this.opts.articles.filter((a) => a.serviceCode === input.serviceCode)];
    const articles = [...new Map([...own, ...hits.map((h) => h.article)].map((a) => [a.id, a])).values()].slice(0, 8);
    const form = Object.fromEntries(Object.entries(input.form).map(([k, v]) => [k, normalizeNik(v) ? maskNik(normalizeNik(v)) : v]));
    const user = {
      service: input.serviceCode,
      receivedAt: input.receivedAt.toISOString(),
      citizenName: input.citizenName,
      nik: maskNik(input.nik),
      message: input.message,
      form,
      earlierSameService: input.earlierSameService,
      checks: {
        flags: checks.flags,
        documents: checks.verdicts.map((v) => ({ docType: v.docType, verdict: v.verdict, checks: v.checks })),
        ruleRecommendation: recommend(checks),
      },
      articles: articles.map((a) => ({ articleId: a.id, title: a.title, body: a.body, processingTime: a.processingTime ?? null })),
    };
    return [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: JSON.stringify(user) },
    ];
  }

  async draft(input: SubmissionInput, checks: DocumentCheckOutput): Promise<DraftOutput> {
    return this.complete(this.buildMessages(input, checks), checks);
  }

  /**
   * A second attempt after the grounding check found problems in the first draft: the same request, plus the
   * findings as a last user message (GroundedDrafter calls this at most once per submission).
   */
  async draftWithFeedback(input: SubmissionInput, checks: DocumentCheckOutput, feedback: string): Promise<DraftOutput> {
    return this.complete([...this.buildMessages(input, checks), { role: 'user', content: feedback }], checks);
  }

  private async complete(messages: ChatMessage[], checks: DocumentCheckOutput): Promise<DraftOutput> {
    const started = performance.now();
    const body = JSON.stringify({
      model: this.opts.model,
      temperature: 0,
      messages,
      response_format: { type: 'json_schema', json_schema: { name: 'layanan_draft', strict: true, schema: MODEL_ANSWER_JSON_SCHEMA } },
    });
    let lastError: AiAdapterError | null = null;
    for (let attempt = 0; attempt <= this.opts.maxRetries; attempt++) {
      if (attempt > 0) await sleep(this.opts.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5));
      try {
        const { answer, model } = await this.call(body);
        return this.toDraft(answer, model, checks, Math.round(performance.now() - started));
      } catch (e) {
        const err = e instanceof AiAdapterError ? e : new AiAdapterError('network', e instanceof Error ? e.message : String(e));
        lastError = err;
        if (!err.retryable) throw err;
      }
    }
    throw lastError ?? new AiAdapterError('network', 'AI call failed');
  }

  private async call(body: string): Promise<{ answer: TModelAnswer; model: string }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.opts.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}),
        },
        body,
        signal: controller.signal,
      });
      text = await res.text();
    } catch (e) {
      if (controller.signal.aborted) throw new AiAdapterError('timeout', `AI endpoint did not answer within ${this.opts.timeoutMs} ms`);
      throw new AiAdapterError('network', `AI endpoint unreachable: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      clearTimeout(timer);
    }
    if (!res.ok) throw new AiAdapterError('http', `AI endpoint answered HTTP ${res.status}`, res.status);
    let content: unknown;
    let model = this.opts.model;
    try {
      const parsed = JSON.parse(text) as { model?: unknown; system_fingerprint?: unknown; choices?: { message?: { content?: unknown } }[] };
      if (typeof parsed.model === 'string' && parsed.model) model = parsed.model;
      if (typeof parsed.system_fingerprint === 'string' && parsed.system_fingerprint) model = `${model}+${parsed.system_fingerprint}`;
      const raw = parsed.choices?.[0]?.message?.content;
      content = typeof raw === 'string' ? JSON.parse(raw) : raw;
    } catch {
      throw new AiAdapterError('invalid_answer', 'AI answer is not JSON');
    }
    const answer = ZModelAnswer.safeParse(content);
    if (!answer.success) {
      throw new AiAdapterError(
        'invalid_answer',
        `AI answer does not match the schema: ${answer.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    }
    return { answer: answer.data, model };
  }

  private toDraft(answer: TModelAnswer, model: string, checks: DocumentCheckOutput, latencyMs: number): DraftOutput {
    // A citation must point at a supplied article and quote it; anything else is dropped, not trusted.
    const citations: Citation[] = [];
    for (const c of answer.citations) {
      const article = this.byId.get(c.articleId);
      if (!article) continue;
      const quoted = norm(article.body).includes(norm(c.passage));
      citations.push({ articleId: article.id, title: article.title, passage: quoted ? c.passage.trim() : article.body.split(/(?<=[.!?])\s+/)[0] });
    }
    // The documents are facts: the model may be stricter than the rules, never more lenient.
    const rule = recommend(checks);
    const downgraded = answer.recommendation === 'approve' && rule !== 'approve';
    return {
      draftAnswer: answer.draftAnswer.trim(),
      citations,
      recommendation: downgraded ? rule : answer.recommendation,
      confidence: Math.round((downgraded ? Math.min(answer.confidence, 0.5) : answer.confidence) * 1000) / 1000,
      modelName: this.modelName,
      modelVersion: model,
      latencyMs,
    };
  }
}
