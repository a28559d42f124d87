import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from '@/server/services/idempotency';
import { fieldErrors, SERVICE_CODES, ZSubmissionRequest } from '@/server/services/intake-schema';
import { EXAMPLE_SUBMISSION, openApiDocument } from '@/server/services/openapi';
import { sign, verifySignature } from '@/server/services/webhooks';

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
