import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonTextTooDeep, jsonValueProblem } from '@/lib/json-limits';
import { canonicalJson, requestHash } from '@/server/services/intake/idempotency';
import { EXTRACTED_MAX_FIELDS, fieldErrors, JSON_MAX_DEPTH, SERVICE_CODES, ZSubmissionRequest } from '@/server/services/intake/schema';
import { EXAMPLE_SUBMISSION, openApiDocument } from '@/server/services/intake/openapi';
import { sign, verifySignature } from '@/server/services/intake/webhooks';

describe('intake request schema and OpenAPI document', () => {
  it('accepts the documented example and explains what is wrong, per field', () => {
    expect(ZSubmissionRequest.safeParse(EXAMPLE_SUBMISSION).success).toBe(true);
    const bad = ZSubmissionRequest.safeParse({ ...EXAMPLE_SUBMISSION, form: { ...EXAMPLE_SUBMISSION.form, jenis_kelamin: 'W', tanggal_lahir: '31-12-1990' } });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      expect(fieldErrors(bad.error)).toEqual({
        'form.tanggal_lahir': 'tanggal_lahir must be a date written YYYY-MM-DD',
        'form.jenis_kelamin': 'must be L (laki-laki) or P (perempuan)',
      });
    }
  });

  it('has one schema per service with its own required fields', () => {
    const doc = openApiDocument() as { components: { schemas: Record<string, { oneOf?: unknown[] }> } };
    expect(doc.components.schemas.SubmissionRequest.oneOf).toHaveLength(SERVICE_CODES.length);
    const akta = ZSubmissionRequest.safeParse({ ...EXAMPLE_SUBMISSION, service: 'akta-kelahiran' });
    expect(akta.success).toBe(false);
    if (!akta.success) expect(Object.keys(fieldErrors(akta.error))).toEqual(expect.arrayContaining(['form.nama_anak', 'form.tanggal_lahir_anak']));
  });

  it('hashes a request body independently of key order (idempotency)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(requestHash({ a: 1, b: 2 })).toBe(requestHash({ b: 2, a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });

  it('signs webhooks as documented and refuses tampering and stale timestamps', () => {
    const now = 1_795_423_343;
    const header = sign('whsec_test', now, '{"id":"1"}');
    expect(header).toMatch(/^t=1795423343,v1=[0-9a-f]{64}$/);
    // Exactly the documented scheme (docs/webhooks.md), computed independently of the console's code.
    expect(header.split('v1=')[1]).toBe(createHmac('sha256', 'whsec_test').update(`${now}.{"id":"1"}`).digest('hex'));
    expect(verifySignature('whsec_test', header, '{"id":"1"}', now + 10)).toBe(true);
    expect(verifySignature('whsec_test', header, '{"id":"2"}', now)).toBe(false);
    expect(verifySignature('whsec_other', header, '{"id":"1"}', now)).toBe(false);
    expect(verifySignature('whsec_test', header, '{"id":"1"}', now + 301)).toBe(false);
  });
});

/** Every text a submission carries to Postgres, by path in the documented example. */
const TEXT_PATHS = [
  'citizen.name',
  'citizen.nik',
  'citizen.kkNumber',
  'citizen.phone',
  'citizen.kecamatan',
  'citizen.address',
  'message',
  'externalRef',
  'form.tanggal_lahir',
  'form.tempat_lahir',
  'form.alamat',
  'attachments.0.filename',
  'attachments.0.extracted.nomor_kk',
  'attachments.0.extracted.kepala_keluarga',
  'attachments.1.extracted.nik',
];

/** Sets `path` (a.b.0.c) in `body`, creating objects on the way; replaces a primitive met on the way. */
function setPath(body: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = body;
  for (const k of keys.slice(0, -1)) {
    if (!node[k] || typeof node[k] !== 'object') node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
  return body;
}
const withValue = (path: string, value: unknown) => setPath(structuredClone(EXAMPLE_SUBMISSION) as Record<string, unknown>, path, value);

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

describe('bad input is refused by the intake schema, never passed on', () => {
  it('refuses a NUL character in every text field, naming the field', () => {
    for (const path of TEXT_PATHS) {
      const original =
        path === 'citizen.address'
          ? 'Jl. Dago 1'
          : String(path.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], EXAMPLE_SUBMISSION) ?? 'teks');
      const r = ZSubmissionRequest.safeParse(withValue(path, `${original.slice(0, 2)}\u0000${original.slice(2)}`));
      expect(r.success, path).toBe(false);
      if (!r.success) expect(Object.keys(fieldErrors(r.error)), path).toContain(path);
    }
  });

  it('limits the fields a channel may send in extracted', () => {
    const many = Object.fromEntries(Array.from({ length: EXTRACTED_MAX_FIELDS + 1 }, (_, i) => [`f${i}`, 'x']));
    const r = ZSubmissionRequest.safeParse(withValue('attachments.0.extracted', many));
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrors(r.error)['attachments.0.extracted']).toBe(`at most ${EXTRACTED_MAX_FIELDS} fields`);
  });

  it('finds nesting beyond the limit without recursion, in text and in values, 100,000 levels deep', () => {
    const n = 100_000;
    const text = `{"form":{"x":${'['.repeat(n)}${']'.repeat(n)}}}`;
    expect(jsonTextTooDeep(Buffer.from(text), JSON_MAX_DEPTH)).toBe(true);
    const value = JSON.parse(text);
    expect(jsonValueProblem(value, { maxDepth: JSON_MAX_DEPTH, maxValues: 1e6 })).toEqual({
      path: 'form.x.0',
      message: `nested deeper than ${JSON_MAX_DEPTH} levels`,
    });
    expect(jsonValueProblem(EXAMPLE_SUBMISSION, { maxDepth: JSON_MAX_DEPTH, maxValues: 10_000 })).toBeNull();
    expect(jsonValueProblem({ a: Array.from({ length: 50 }, () => 1) }, { maxDepth: 5, maxValues: 20 })).toMatchObject({
      message: 'more than 20 values in the body',
    });
  });

  it('property: whatever a field holds, parsing never throws and what passes has no NUL and a 16-digit NIK', () => {
    const nul = fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([a, b]) => `${a}\u0000${b}`);
    const deep = fc.nat({ max: 200 }).map((n) => JSON.parse(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      nul,
      fc.jsonValue({ maxDepth: 4 }),
      deep,
      fc.constantFrom(' 9304181501900001', '9304 1815 0190 0001', '9304181501900001 ', '93041815O1900001'),
    );
    const path = fc.oneof(
      fc.constantFrom(...TEXT_PATHS, 'service', 'form', 'attachments', 'attachments.0.extracted', 'citizen', 'form.extra.deep'),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(path, value), { minLength: 1, maxLength: 4 }), (edits) => {
        const body = structuredClone(EXAMPLE_SUBMISSION) as Record<string, unknown>;
        for (const [p, v] of edits) setPath(body, p, v);
        const r = ZSubmissionRequest.safeParse(body);
        if (r.success) {
          expect(strings(r.data).some((s) => s.includes('\u0000'))).toBe(false);
          expect(r.data.citizen.nik).toMatch(/^[0-9]{16}$/);
          if (r.data.citizen.kkNumber) expect(r.data.citizen.kkNumber).toMatch(/^[0-9]{16}$/);
        }
      }),
      { seed: 20261114, numRuns: 400 },
    );
  });
});
