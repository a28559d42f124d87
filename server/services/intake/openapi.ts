/**
 * The intake API's OpenAPI 3.1 document, generated from the same zod schemas
 * the handlers validate with. Its examples carry `x-expect-status`, and the
 * contract test (e2e/intake.spec.ts) posts each one and checks the answer.
 */
import { z } from 'zod';
import { env } from '@/lib/env';
import {
  ALLOWED_MIME,
  ATTACHMENTS_MAX_COUNT,
  JSON_MAX_DEPTH,
  ZApiError,
  ZReplyReceived,
  ZReplyRequest,
  ZSubmissionCreated,
  ZSubmissionRequest,
  ZSubmissionStatus,
} from './schema';
import { EVENT_TYPES } from './outbox';

export const SCHEMAS = {
  SubmissionRequest: ZSubmissionRequest,
  SubmissionCreated: ZSubmissionCreated,
  SubmissionStatus: ZSubmissionStatus,
  ReplyRequest: ZReplyRequest,
  ReplyReceived: ZReplyReceived,
  Error: ZApiError,
} as const;
export type SchemaName = keyof typeof SCHEMAS;

/** A 1×1 PNG: small enough for an example, a real image for the type check. */
export const EXAMPLE_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export const EXAMPLE_SUBMISSION = {
  service: 'ktp-el',
  citizen: { name: 'Siti Nurhaliza', nik: '3273014506900001', kkNumber: '3273010101090001', phone: '081234567890', kecamatan: 'Sukasari' },
  message: 'Mohon dibuatkan KTP-el baru, KK dan pas foto sudah saya lampirkan. Terima kasih.',
  form: { tanggal_lahir: '1990-06-05', jenis_kelamin: 'P', tempat_lahir: 'Bandung', alamat: 'Jl. Setiabudi No. 12, Kota Bandung', alasan: 'baru' },
  attachments: [
    {
      docType: 'kk',
      filename: 'kk.png',
      mime: 'image/png',
      contentBase64: EXAMPLE_PNG_BASE64,
      extracted: { nomor_kk: '3273010101090001', kepala_keluarga: 'BUDI SANTOSO', anggota: 'SITI NURHALIZA' },
    },
    { docType: 'foto', filename: 'foto.png', mime: 'image/png', contentBase64: EXAMPLE_PNG_BASE64 },
  ],
  externalRef: 'portal-2026-0001',
};

/** A citizen's answer to "please send a clearer KK", as a channel forwards it. */
export const EXAMPLE_REPLY = {
  message: 'Berikut foto KK yang lebih jelas.',
  attachments: [{ docType: 'kk', filename: 'kk-baru.png', mime: 'image/png', contentBase64: EXAMPLE_PNG_BASE64 }],
};

/** `{ "a": { "a": … 1 } }`, `levels` objects deep. */
const nested = (levels: number): unknown => Array.from({ length: levels }).reduce<unknown>((inner) => ({ a: inner }), 1);

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName, description: string, extra: Record<string, unknown> = {}) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
  ...extra,
});

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'input', uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, s]) => {
      const { $schema: _s, $id: _i, ...rest } = s as Record<string, unknown>;
      void _s;
      void _i;
      return [id, rest];
    }),
  );
}

export function openApiDocument(): Record<string, unknown> {
  const rateLimited = json('Error', 'Too many requests for this key; retry after the number of seconds in Retry-After', {
    headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds until the window reopens' } },
  });
  const unauthorized = json('Error', 'Missing, unknown or revoked API key (code UNAUTHORIZED)');
  const ticketParameter = { name: 'ticket', in: 'path', required: true, schema: { type: 'string' }, example: 'BDG-2026-000124' };
  const idempotencyKey = (description: string) => ({
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description,
    schema: { type: 'string', minLength: 1, maxLength: 200 },
  });
  const replayedHeader = {
    headers: {
      'Idempotency-Replayed': {
        schema: { type: 'string', enum: ['true'] },
        description: 'Present when this is the stored answer to an earlier request with the same key',
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Layanan Review intake API',
      version: '1.0.0',
      description: [
        "Channel systems (portal, chatbot, WhatsApp gateway, counter app) submit citizens' requests here.",
        'An admin creates one API key per unit and channel (Admin → API clients); send it as `Authorization: Bearer <key>`.',
        'A submission is received at once and drafted by the AI in the background; a person decides.',
        `Attachments: base64 in JSON, at most ${ATTACHMENTS_MAX_COUNT} per submission and ${env.INTAKE_ATTACHMENT_MAX_BYTES} bytes each once decoded, types ${ALLOWED_MIME.join(', ')} (an SVG is stored as the PNG it renders to); the whole body at most ${env.INTAKE_BODY_MAX_BYTES} bytes.`,
        'Retries: send an `Idempotency-Key` header; the same key with the same body returns the same ticket (header `Idempotency-Replayed: true`), the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED).',
        "When an officer asks for more documents the submission waits for the citizen (status `awaiting_citizen`, webhook `submission.documents_requested`, whose `finalAnswer` says what is needed); forward the citizen's answer to `POST /api/v1/submissions/{ticket}/replies` with the same attachment rules. The submission then returns to an officer's queue, and its new documents are read before the AI judges them again.",
        `Decisions and status changes are pushed to registered webhooks, signed with HMAC-SHA256 (see docs/webhooks.md); event types: ${EVENT_TYPES.join(', ')}.`,
        `Texts may not contain the NUL character (U+0000); the body may nest at most ${JSON_MAX_DEPTH} levels. A NIK or KK number may be sent with spaces, dots or dashes between digit groups: they are removed, and 16 digits must remain.`,
        'Errors always have the shape `{ "error": { "code", "message", "fields"? } }`; `fields` maps a field path such as `form.tanggal_lahir` to what is wrong.',
      ].join('\n\n'),
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    paths: {
      '/api/v1/submissions': {
        post: {
          operationId: 'createSubmission',
          summary: "Submit a citizen's request",
          parameters: [idempotencyKey('Any unique string per submission (1–200 visible ASCII characters), reused on retries')],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref('SubmissionRequest'),
                examples: {
                  valid: { summary: 'A complete KTP-el request', value: EXAMPLE_SUBMISSION, 'x-expect-status': 201 },
                  invalidForm: {
                    summary: 'An impossible date of birth and a short NIK',
                    value: {
                      ...EXAMPLE_SUBMISSION,
                      citizen: { ...EXAMPLE_SUBMISSION.citizen, nik: '32730145069' },
                      form: { ...EXAMPLE_SUBMISSION.form, tanggal_lahir: '1990-02-30' },
                    },
                    'x-expect-status': 400,
                  },
                  nikWithSeparators: {
                    summary: 'A NIK typed in digit groups: the separators are removed and the 16 digits stored',
                    value: { ...EXAMPLE_SUBMISSION, citizen: { ...EXAMPLE_SUBMISSION.citizen, nik: '3273 0145 0690 0001' } },
                    'x-expect-status': 201,
                  },
                  nulInText: {
                    summary: 'A NUL character in a text',
                    value: { ...EXAMPLE_SUBMISSION, message: 'Mohon dibuatkan KTP-el\u0000 baru.' },
                    'x-expect-status': 400,
                  },
                  nestedTooDeep: {
                    summary: `Free-form JSON nested deeper than ${JSON_MAX_DEPTH} levels`,
                    value: { ...EXAMPLE_SUBMISSION, form: { ...EXAMPLE_SUBMISSION.form, catatan: nested(JSON_MAX_DEPTH + 4) } },
                    'x-expect-status': 400,
                  },
                  unknownService: { summary: 'A service the API does not know', value: { ...EXAMPLE_SUBMISSION, service: 'paspor' }, 'x-expect-status': 400 },
                  wrongFileType: {
                    summary: 'A file whose content is not what its type says',
                    value: { ...EXAMPLE_SUBMISSION, attachments: [{ ...EXAMPLE_SUBMISSION.attachments[0], mime: 'application/pdf' }] },
                    'x-expect-status': 400,
                  },
                },
              },
            },
          },
          responses: {
            '201': json('SubmissionCreated', 'Received; the AI drafts in the background', replayedHeader),
            '400': json(
              'Error',
              'Invalid JSON (INVALID_JSON); a body that is not valid UTF-8 (INVALID_ENCODING); invalid fields, a NUL character or a lone UTF-16 surrogate in a text, or JSON nested too deeply (VALIDATION_FAILED, with `fields`); a body whose length disagrees with its Content-Length (CONTENT_LENGTH_MISMATCH) or that broke off (BODY_INCOMPLETE); or an invalid Idempotency-Key',
            ),
            '408': json('Error', 'The body stopped arriving for longer than the idle limit (REQUEST_TIMEOUT)'),
            '401': unauthorized,
            '413': json('Error', 'Body too large (PAYLOAD_TOO_LARGE) or an attachment too large (ATTACHMENT_TOO_LARGE, with `fields`)'),
            '415': json('Error', 'The body is not application/json (UNSUPPORTED_MEDIA_TYPE)'),
            '422': json('Error', 'The Idempotency-Key was used for a different body (IDEMPOTENCY_KEY_REUSED)'),
            '429': rateLimited,
          },
        },
      },
      '/api/v1/submissions/{ticket}': {
        get: {
          operationId: 'getSubmission',
          summary: 'Status of a submission of your unit',
          parameters: [ticketParameter],
          responses: {
            '200': json('SubmissionStatus', 'The status, and for a final decision the answer and who decided'),
            '401': unauthorized,
            '404': json('Error', 'No such ticket in your unit (NOT_FOUND)'),
            '429': rateLimited,
          },
        },
      },
      '/api/v1/submissions/{ticket}/replies': {
        post: {
          operationId: 'replyToSubmission',
          summary: "Forward the citizen's answer to a request for more documents",
          description:
            "Only while the submission waits for the citizen (status `awaiting_citizen`): the reply and its attachments are stored, the submission returns to an officer's queue (`pending_review`, webhook `submission.status_changed` with reason `citizen_replied`), and new documents are read and judged again before the officer sees a verdict on them.",
          parameters: [
            ticketParameter,
            idempotencyKey(
              'Any unique string per reply (1–200 visible ASCII characters), reused on retries; a retry gets the first answer even after the submission moved on',
            ),
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref('ReplyRequest'),
                examples: {
                  valid: { summary: 'A clearer photo of the KK', value: EXAMPLE_REPLY, 'x-expect-status': 201 },
                  emptyMessage: { summary: 'No message', value: { ...EXAMPLE_REPLY, message: '' }, 'x-expect-status': 400 },
                  wrongFileType: {
                    summary: 'A file whose content is not what its type says',
                    value: { ...EXAMPLE_REPLY, attachments: [{ ...EXAMPLE_REPLY.attachments[0], mime: 'application/pdf' }] },
                    'x-expect-status': 400,
                  },
                },
              },
            },
          },
          responses: {
            '201': json('ReplyReceived', "Received; the submission is back in an officer's queue", replayedHeader),
            '400': json(
              'Error',
              'Invalid JSON (INVALID_JSON), a body that is not valid UTF-8 (INVALID_ENCODING), invalid fields or attachments (VALIDATION_FAILED, with `fields`), or an invalid Idempotency-Key',
            ),
            '401': unauthorized,
            '404': json('Error', 'No such ticket in your unit (NOT_FOUND)'),
            '408': json('Error', 'The body stopped arriving for longer than the idle limit (REQUEST_TIMEOUT)'),
            '409': json('Error', 'The submission is not waiting for the citizen (NOT_AWAITING_CITIZEN): already answered, or no documents were asked for'),
            '413': json('Error', 'Body too large (PAYLOAD_TOO_LARGE) or an attachment too large (ATTACHMENT_TOO_LARGE, with `fields`)'),
            '415': json('Error', 'The body is not application/json (UNSUPPORTED_MEDIA_TYPE)'),
            '422': json('Error', 'The Idempotency-Key was used for a different request (IDEMPOTENCY_KEY_REUSED)'),
            '429': rateLimited,
          },
        },
      },
      '/api/v1/openapi.json': {
        get: { operationId: 'openapi', summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1 document' } } },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A key from Admin → API clients (lrv1_…)' } },
      schemas: componentSchemas(),
    },
  };
}
