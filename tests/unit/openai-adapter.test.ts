import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrafter } from '@/server/ai/factory';
import { GroundedDrafter } from '@/server/ai/grounding';
import { KNOWLEDGE_BASE } from '@/server/ai/knowledge-base';
import { AiAdapterError, MODEL_ANSWER_JSON_SCHEMA, OpenAiCompatibleDrafter } from '@/server/ai/openai-adapter';
import { RetrievalDrafter } from '@/server/ai/retrieval-drafter';
import { RuleDocumentChecker } from '@/server/ai/rule-checker';
import type { SubmissionInput } from '@/server/ai/types';
import { members, reading } from './reading-fixtures';

type Behaviour = (n: number, body: Record<string, unknown>) => { status?: number; json?: unknown; raw?: string; hang?: boolean };

/** A fake OpenAI-compatible server on 127.0.0.1 whose next answers a test scripts. */
let behaviour: Behaviour = () => ({ status: 500 });
let calls: Record<string, unknown>[] = [];
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      calls.push({ ...body, path: req.url, auth: req.headers.authorization });
      const b = behaviour(calls.length, body);
      if (b.hang) return; // never answers: the client must time out
      res.statusCode = b.status ?? 200;
      res.setHeader('content-type', 'application/json');
      res.end(b.raw ?? JSON.stringify(b.json ?? {}));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const input: SubmissionInput = {
  serviceCode: 'ktp-el',
  requiredDocs: ['kk', 'foto'],
  citizenName: 'Siti Nurhaliza',
  nik: '3273014506900001',
  kkNumber: '3273010101090001',
  message: 'Mohon dibuatkan KTP-el baru.',
  form: { tanggal_lahir: '1990-06-05', jenis_kelamin: 'P' },
  attachments: [
    {
      id: 'a1',
      docType: 'kk',
      extracted: {},
      reading: reading(
        'kk',
        { nomor_kk: '3273010101090001', kepala_keluarga: 'BUDI' },
        { members: members(['BUDI', '3273010101850001', 'KEPALA KELUARGA'], ['SITI NURHALIZA', '3273014506900001', 'ISTRI']) },
      ),
    },
    { id: 'a2', docType: 'foto', extracted: {}, reading: reading('foto', {}) },
  ],
  earlierSameService: [],
  receivedAt: new Date('2026-03-02T03:00:00Z'),
};
const checks = new RuleDocumentChecker().check(input);
const answer = (over: Record<string, unknown> = {}) => ({
  model: 'qwen2.5-7b-instruct-2026-01',
  choices: [
    {
      message: {
        content: JSON.stringify({
          draftAnswer: 'Yth. Ibu Siti Nurhaliza, permohonan KTP-el Anda lengkap dan akan kami proses paling lama 3 hari kerja.',
          recommendation: 'approve',
          confidence: 0.87,
          citations: [
            { articleId: 'kb-ktp-el-syarat', passage: 'KTP-el diterbitkan paling lama 3 hari kerja sejak perekaman dan berkas dinyatakan lengkap.' },
            { articleId: 'kb-invented', passage: 'Tidak ada.' },
          ],
          ...over,
        }),
      },
    },
  ],
});
const drafter = (opts: Partial<ConstructorParameters<typeof OpenAiCompatibleDrafter>[0]> = {}) =>
  new OpenAiCompatibleDrafter({
    baseUrl,
    apiKey: 'sk-test',
    model: 'qwen2.5-7b',
    articles: KNOWLEDGE_BASE,
    timeoutMs: 500,
    maxRetries: 2,
    backoffMs: 10,
    ...opts,
  });

describe('OpenAI-compatible drafter against a local fake server', () => {
  it('sends a JSON-schema response format, masks the NIK, and stores model name and version', async () => {
    calls = [];
    behaviour = () => ({ json: answer() });
    const out = await drafter().draft(input, checks);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      path: '/v1/chat/completions',
      auth: 'Bearer sk-test',
      model: 'qwen2.5-7b',
      response_format: { type: 'json_schema', json_schema: { strict: true } },
    });
    expect((calls[0].response_format as { json_schema: { schema: unknown } }).json_schema.schema).toEqual(MODEL_ANSWER_JSON_SCHEMA);
    const sent = JSON.stringify(calls[0].messages);
    expect(sent).not.toContain('3273014506900001');
    expect(sent).toContain('3273********0001');
    expect(out).toMatchObject({ recommendation: 'approve', confidence: 0.87, modelName: 'qwen2.5-7b', modelVersion: 'qwen2.5-7b-instruct-2026-01' });
    // Only citations of supplied articles survive.
    expect(out.citations.map((c) => c.articleId)).toEqual(['kb-ktp-el-syarat']);
    expect(out.citations[0].title).toBe('Persyaratan penerbitan KTP-el baru');
  });

  it('refuses a malformed answer without retrying it', async () => {
    calls = [];
    behaviour = () => ({ json: answer({ recommendation: 'maybe', confidence: 7 }) });
    await expect(drafter().draft(input, checks)).rejects.toMatchObject({ kind: 'invalid_answer' });
    expect(calls).toHaveLength(1);
    calls = [];
    behaviour = () => ({ raw: '{"choices":[{"message":{"content":"Maaf, saya tidak bisa."}}]}' });
    await expect(drafter().draft(input, checks)).rejects.toBeInstanceOf(AiAdapterError);
  });

  it('times out a silent server and retries, then gives up', async () => {
    calls = [];
    behaviour = () => ({ hang: true });
    const t0 = Date.now();
    await expect(drafter({ timeoutMs: 200, maxRetries: 1 }).draft(input, checks)).rejects.toMatchObject({ kind: 'timeout' });
    expect(calls).toHaveLength(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
  });

  it('retries a 500 and succeeds on the next attempt; a 400 is not retried', async () => {
    calls = [];
    behaviour = (n) => (n === 1 ? { status: 500, json: { error: 'overloaded' } } : { json: answer() });
    const out = await drafter().draft(input, checks);
    expect(calls).toHaveLength(2);
    expect(out.recommendation).toBe('approve');
    calls = [];
    behaviour = () => ({ status: 400, json: { error: 'bad request' } });
    await expect(drafter().draft(input, checks)).rejects.toMatchObject({ kind: 'http', status: 400 });
    expect(calls).toHaveLength(1);
  });

  it('never lets the model approve what the document checks do not support', async () => {
    behaviour = () => ({ json: answer() });
    const missingKk = { ...input, attachments: input.attachments.filter((a) => a.docType !== 'kk') };
    const out = await drafter().draft(missingKk, new RuleDocumentChecker().check(missingKk));
    expect(out.recommendation).toBe('request_info');
    expect(out.confidence).toBeLessThanOrEqual(0.5);
  });

  it('sends the grounding findings as a last user message when asked to draft again', async () => {
    calls = [];
    behaviour = () => ({ json: answer() });
    const out = await drafter().draftWithFeedback(input, checks, 'Draf sebelumnya tidak lolos pemeriksaan: biaya Rp 50.000 tidak ada di artikel.');
    expect(calls).toHaveLength(1);
    const messages = calls[0].messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'user']);
    expect(messages[2].content).toContain('biaya Rp 50.000 tidak ada di artikel');
    expect(out.recommendation).toBe('approve');
  });

  it('puts the article of the kind of request asked for first among those sent', () => {
    const bpjs = {
      ...input,
      serviceCode: 'bpjs-kesehatan',
      message: 'Mohon bantuan kartu BPJS saya.',
      form: { ...input.form, jenis_permohonan: 'perubahan data' },
    };
    const user = JSON.parse(drafter().buildMessages(bpjs, checks)[1].content) as { articles: { articleId: string }[] };
    expect(user.articles[0].articleId).toBe('kb-bpjs-perubahan-data');
    expect(user.articles.map((a) => a.articleId)).toContain('kb-bpjs-pbi');
  });

  it('is chosen by AI_BASE_URL; the built-in drafter otherwise; either behind the grounding check', () => {
    const builtIn = createDrafter(KNOWLEDGE_BASE, {});
    expect(builtIn).toBeInstanceOf(GroundedDrafter);
    expect(builtIn.inner).toBeInstanceOf(RetrievalDrafter);
    expect(createDrafter(KNOWLEDGE_BASE, { AI_BASE_URL: baseUrl, AI_MODEL: 'm' }).inner).toBeInstanceOf(OpenAiCompatibleDrafter);
    expect(() => createDrafter(KNOWLEDGE_BASE, { AI_BASE_URL: baseUrl, AI_TIMEOUT_MS: 'abc' })).toThrow(
      'AI_TIMEOUT_MS must be a whole number of milliseconds from 1 to 600000, got "abc"',
    );
  });
});
