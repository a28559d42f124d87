import { describe, expect, it } from 'vitest';
import { parseAiSettings } from '@/server/ai/settings';

describe('parseAiSettings', () => {
  it('gives the defaults without any AI_* variable (the built-in drafter), and treats empty values as unset', () => {
    const defaults = { baseUrl: null, apiKey: null, model: 'default', timeoutMs: 30_000, maxRetries: 2 };
    expect(parseAiSettings({})).toEqual(defaults);
    expect(parseAiSettings({ AI_BASE_URL: '', AI_TIMEOUT_MS: '  ', AI_MAX_RETRIES: '' })).toEqual(defaults);
  });

  it('reads a complete configuration, trimming values and the trailing slash of the URL', () => {
    expect(
      parseAiSettings({
        AI_BASE_URL: ' http://127.0.0.1:11434/v1/ ',
        AI_API_KEY: 'sk-local-123',
        AI_MODEL: 'qwen2.5:7b-instruct',
        AI_TIMEOUT_MS: '600000',
        AI_MAX_RETRIES: '0',
      }),
    ).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', apiKey: 'sk-local-123', model: 'qwen2.5:7b-instruct', timeoutMs: 600_000, maxRetries: 0 });
    expect(parseAiSettings({ AI_BASE_URL: 'https://llm.internal.go.id/v1', AI_MAX_RETRIES: '10' })).toMatchObject({
      baseUrl: 'https://llm.internal.go.id/v1',
      maxRetries: 10,
    });
  });

  it('names the variable and the bad value', () => {
    const ms = 'AI_TIMEOUT_MS must be a whole number of milliseconds from 1 to 600000, got';
    const retries = 'AI_MAX_RETRIES must be a whole number of retries from 0 to 10, got';
    const cases: [Record<string, string>, string][] = [
      [{ AI_TIMEOUT_MS: 'abc' }, `${ms} "abc"`],
      [{ AI_TIMEOUT_MS: '1.5' }, `${ms} "1.5"`],
      [{ AI_TIMEOUT_MS: '-5' }, `${ms} "-5"`],
      [{ AI_TIMEOUT_MS: '0' }, `${ms} "0"`],
      [{ AI_TIMEOUT_MS: '600001' }, `${ms} "600001"`],
      [{ AI_MAX_RETRIES: 'two' }, `${retries} "two"`],
      [{ AI_MAX_RETRIES: '11' }, `${retries} "11"`],
      [{ AI_BASE_URL: 'localhost:8000' }, 'AI_BASE_URL must be an http:// or https:// URL, got "localhost:8000"'],
      [{ AI_BASE_URL: 'ftp://models.example/v1' }, 'AI_BASE_URL must be an http:// or https:// URL, got "ftp://models.example/v1"'],
      [{ AI_MODEL: 'qwen 7b' }, 'AI_MODEL must be a model name without spaces, at most 200 characters, got "qwen 7b"'],
    ];
    for (const [env, message] of cases) expect(() => parseAiSettings(env), message).toThrow(message);
  });

  it('reports every bad variable at once, and never echoes the API key', () => {
    let message = '';
    try {
      parseAiSettings({ AI_TIMEOUT_MS: 'abc', AI_MAX_RETRIES: '99', AI_API_KEY: 'sk-secret with space' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('AI_TIMEOUT_MS must be a whole number of milliseconds from 1 to 600000, got "abc"');
    expect(message).toContain('AI_MAX_RETRIES must be a whole number of retries from 0 to 10, got "99"');
    expect(message).toContain('AI_API_KEY must be printable characters without spaces or line breaks (value not shown)');
    expect(message).not.toContain('sk-secret');
  });
});
