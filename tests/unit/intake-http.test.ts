/**
 * The REST intake's body reader against what a real HTTP connection can do:
 * a raw `node:net` socket talks to a Node http server that hands the request
 * to the reader exactly as Next's adapter does (the IncomingMessage as the
 * body of a web Request, `duplex: 'half'`), and Requests whose streams end
 * early, run long or break are handed to it directly.
 */
import http from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonBody } from '@/server/intake-http';
import { JSON_MAX_DEPTH, ZApiError } from '@/server/services/intake/schema';

const IDLE_MS = 300;

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req as unknown as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    let out: Response;
    try {
      const read = await readJsonBody(request, { idleTimeoutMs: IDLE_MS });
      out = 'refused' in read ? read.refused : Response.json({ ok: true });
    } catch {
      out = new Response(null, { status: 500 });
    }
    if (res.destroyed) return;
    res.writeHead(out.status, Object.fromEntries(out.headers));
    res.end(Buffer.from(await out.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Raw = { status: number | null; body: string; text: string; ms: number };

/** Writes `parts` on a raw socket (pausing between them) and collects what comes back until the server closes or `waitMs` passes. */
function rawRequest(parts: string[], opts: { pauseMs?: number; waitMs?: number; halfClose?: boolean } = {}): Promise<Raw> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : null, body: text.split('\r\n\r\n').slice(1).join('\r\n\r\n'), text, ms: Date.now() - started });
    };
    const timer = setTimeout(done, opts.waitMs ?? 3000);
    socket.on('data', (d) => {
      text += d.toString('latin1');
    });
    socket.on('close', done);
    socket.on('error', () => undefined);
    socket.on('connect', async () => {
      for (const [i, p] of parts.entries()) {
        if (i) await new Promise((r) => setTimeout(r, opts.pauseMs ?? 100));
        socket.write(p);
      }
      if (opts.halfClose) socket.end();
    });
  });
}

const head = (contentLength: number | string) =>
  `POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\nConnection: close\r\n\r\n`;

/** The first response's JSON body (chunked or not), checked against the documented error shape. */
function apiErrorOf(raw: Raw) {
  const chunked = /transfer-encoding: chunked/i.test(raw.text.split('\r\n\r\n')[0]);
  const body = chunked
    ? raw.body
        .split('\r\n')
        .filter((_, i) => i % 2 === 1)
        .join('')
    : raw.body;
  const json = JSON.parse(body.slice(0, body.lastIndexOf('}') + 1));
  return ZApiError.parse(json).error;
}

function requestWith(chunks: (string | Error)[], headers: Record<string, string>, opts: { neverEnds?: boolean } = {}) {
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) {
        if (c instanceof Error) return controller.error(c);
        controller.enqueue(enc.encode(c));
      }
      if (!opts.neverEnds) controller.close();
    },
  });
  return new Request('http://127.0.0.1/api/v1/submissions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: stream,
    duplex: 'half',
  } as RequestInit);
}

async function refusal(result: Awaited<ReturnType<typeof readJsonBody>>) {
  if (!('refused' in result)) throw new Error(`expected a refusal, got a body: ${JSON.stringify(result.body).slice(0, 80)}`);
  return { status: result.refused.status, error: ZApiError.parse(await result.refused.json()).error };
}

describe('REST intake body reader over a raw socket', () => {
  const body = JSON.stringify({ service: 'ktp-el', message: 'x'.repeat(40) });

  it('answers a body that stops short of its Content-Length with 408 REQUEST_TIMEOUT in the API format instead of hanging', async () => {
    const res = await rawRequest([head(body.length + 50) + body], { waitMs: 3000 });
    expect(res.status).toBe(408);
    expect(res.ms).toBeLessThan(2000);
    expect(apiErrorOf(res).code).toBe('REQUEST_TIMEOUT');
  });

  it('answers a body that stalls in the middle the same way, after the idle time and not before', async () => {
    const res = await rawRequest([head(body.length) + body.slice(0, 10)], { waitMs: 3000 });
    expect(res.status).toBe(408);
    expect(res.ms).toBeGreaterThanOrEqual(IDLE_MS - 20);
    expect(apiErrorOf(res).message).toContain(`10 of ${body.length} bytes`);
  });

  it('takes a slow body that keeps arriving: the limit is on silence, not on total time', async () => {
    const parts = [head(body.length), ...body.match(/.{1,12}/g)!];
    const res = await rawRequest(parts, { pauseMs: IDLE_MS / 2, waitMs: 5000 });
    expect(res.status).toBe(200);
  });

  it('a Content-Length that understates the body: the handler answers what it was given (typed 400) and Node refuses the rest', async () => {
    // Node's parser ends the body at the declared length; the rest is read as the next request on the connection.
    const res = await rawRequest([head(10) + body.slice(0, 10), body.slice(10)], { pauseMs: 150 });
    expect(res.status).toBe(400);
    expect(apiErrorOf(res).code).toBe('INVALID_JSON');
    expect(res.ms).toBeLessThan(2000);
  });

  it('a Content-Length that understates the body, sent in one write: Node answers 400 itself at once, never a hang or a 500', async () => {
    const res = await rawRequest([head(10) + body]);
    expect(res.status).toBe(400);
    expect(res.ms).toBeLessThan(2000);
  });
});

describe('REST intake body reader on web Requests', () => {
  const body = JSON.stringify({ a: 1 });

  it('refuses a stream that ends before its Content-Length (400 CONTENT_LENGTH_MISMATCH)', async () => {
    const r = await refusal(await readJsonBody(requestWith([body], { 'content-length': String(body.length + 5) })));
    expect(r).toMatchObject({ status: 400, error: { code: 'CONTENT_LENGTH_MISMATCH' } });
  });

  it('refuses a stream longer than its Content-Length, reading no further than one byte past it', async () => {
    let pulled = 0;
    const enc = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(enc.encode(pulled === 1 ? body : 'x'.repeat(1000)));
      },
    });
    const req = new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const r = await refusal(await readJsonBody(req));
    expect(r).toMatchObject({ status: 400, error: { code: 'CONTENT_LENGTH_MISMATCH' } });
    expect(pulled).toBeLessThanOrEqual(3);
  });

  it('refuses a Content-Length that is not a number of bytes', async () => {
    for (const cl of ['abc', '-1', '1e3', '12.5']) {
      const r = await refusal(await readJsonBody(requestWith([body], { 'content-length': cl })));
      expect(r.status, cl).toBe(400);
      expect(r.error.code, cl).toBe('CONTENT_LENGTH_MISMATCH');
    }
  });

  it('answers a stream that breaks mid-body with 400 BODY_INCOMPLETE, not an exception', async () => {
    const r = await refusal(await readJsonBody(requestWith(['{"a":', new Error('aborted')], {})));
    expect(r).toMatchObject({ status: 400, error: { code: 'BODY_INCOMPLETE' } });
  });

  it('answers a stream that never ends with 408 once it has been silent for the idle time', async () => {
    const r = await refusal(await readJsonBody(requestWith(['{"a":'], {}, { neverEnds: true }), { idleTimeoutMs: 50 }));
    expect(r).toMatchObject({ status: 408, error: { code: 'REQUEST_TIMEOUT' } });
  });

  it('refuses JSON nested deeper than the limit before parsing it, and takes the limit itself', async () => {
    const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    const r = await refusal(await readJsonBody(requestWith([deep(5000)], {})));
    expect(r).toMatchObject({ status: 400, error: { code: 'VALIDATION_FAILED', fields: { '(body)': `nested deeper than ${JSON_MAX_DEPTH} levels` } } });
    // Brackets inside strings are text, not nesting.
    const quoted = await readJsonBody(requestWith([JSON.stringify({ s: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{{' })], {}));
    expect('body' in quoted).toBe(true);
    const atLimit = await readJsonBody(requestWith([deep(JSON_MAX_DEPTH)], {}));
    expect('body' in atLimit).toBe(true);
  });

  it('property: any bytes, any declared length: a parsed body or a typed 4xx refusal, never an exception', async () => {
    const bodies = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json({ maxDepth: 30 }),
      fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v) ?? 'null'),
      fc.nat({ max: 40 }).map((n) => `${'['.repeat(n * 3)}${']'.repeat(n * 3)}`),
    );
    const lengths = fc.oneof(
      fc.constant<'exact' | 'none'>('exact'),
      fc.constant<'exact' | 'none'>('none'),
      fc.integer({ min: -3, max: 3 }),
      fc.string({ maxLength: 5 }),
    );
    await fc.assert(
      fc.asyncProperty(bodies, lengths, fc.nat({ max: 4 }), async (text, length, splits) => {
        const bytes = Buffer.from(text, 'utf8');
        const headers: Record<string, string> = {};
        if (length === 'exact') headers['content-length'] = String(bytes.length);
        else if (typeof length === 'number') headers['content-length'] = String(bytes.length + length);
        else if (length !== 'none') headers['content-length'] = length;
        const size = Math.ceil(bytes.length / (splits + 1)) || 1;
        const chunks: string[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size).toString('latin1'));
        const stream = new ReadableStream<Uint8Array>({
          start(c) {
            for (const ch of chunks) c.enqueue(Buffer.from(ch, 'latin1'));
            c.close();
          },
        });
        const req = new Request('http://127.0.0.1/', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: stream,
          duplex: 'half',
        } as RequestInit);
        const result = await readJsonBody(req, { idleTimeoutMs: 1000 });
        if ('refused' in result) {
          expect(result.refused.status).toBeGreaterThanOrEqual(400);
          expect(result.refused.status).toBeLessThan(500);
          ZApiError.parse(await result.refused.json());
        } else {
          expect(headers['content-length'] === undefined || headers['content-length'] === String(bytes.length)).toBe(true);
        }
      }),
      { seed: 20261114, numRuns: 300 },
    );
  });
});
