/**
 * The intake API's request and response shapes, one zod schema per service.
 * The handlers validate with these and the OpenAPI document is generated from
 * them (z.toJSONSchema), so the two cannot drift apart.
 */
import { z } from 'zod';
import { DECIDED_BY, DOC_TYPES, FINAL_OUTCOMES, SUBMISSION_STATUSES } from '@/lib/vocabulary';
import { zIsoDate, zNik, zString } from '@/lib/zod-text';

// The size limits are settings (INTAKE_ATTACHMENT_MAX_BYTES, INTAKE_BODY_MAX_BYTES in lib/env.ts), read per request.
export const ATTACHMENTS_MAX_COUNT = 10;
export const ALLOWED_MIME = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'image/svg+xml'] as const;
/** Fields a channel may send per attachment in `extracted`. */
export const EXTRACTED_MAX_FIELDS = 40;
/**
 * Free-form JSON limits of a request body, checked on the raw bytes before it
 * is parsed and on the value before anything is hashed or stored: a valid
 * submission nests 4 levels (body → attachments → item → extracted) and
 * holds a few hundred values.
 */
export const JSON_MAX_DEPTH = 16;
export const JSON_MAX_VALUES = 10_000;

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

const zDate = (what: string) => zIsoDate(what);
const zPastDate = (what: string) => zDate(what).refine((v) => v <= today(), { error: `${what} cannot be in the future` });
const zText = (max = 200) => zString().trim().min(1, { error: 'must not be empty' }).max(max);
const zSex = z.enum(['L', 'P'], { error: 'must be L (laki-laki) or P (perempuan)' });
const zDigits = (n: number, what: string) => zString().regex(new RegExp(`^\\d{${n}}$`), { error: `${what} must be ${n} digits` });
const zCount = (what: string, max: number) =>
  zString()
    .regex(/^\d{1,9}$/, { error: `${what} must be a whole number` })
    .refine((v) => Number(v) <= max, { error: `${what} must be at most ${max}` });

/** Fields every service's form carries: the rule checker compares them with the NIK. */
const baseForm = {
  tanggal_lahir: zPastDate('tanggal_lahir').meta({ description: 'Date of birth as in the NIK (YYYY-MM-DD)', example: '1990-06-05' }),
  jenis_kelamin: zSex.meta({ description: 'L = male, P = female (the NIK adds 40 to the day of birth for women)' }),
  tempat_lahir: zText(100).optional(),
  alamat: zText(300).optional(),
};

export const SERVICE_FORMS = {
  'ktp-el': z.object({ ...baseForm, alasan: z.enum(['baru', 'hilang', 'rusak'], { error: 'must be baru, hilang or rusak' }) }),
  'kk-perubahan': z.object({ ...baseForm, jenis_perubahan: zText(200) }),
  'akta-kelahiran': z.object({
    ...baseForm,
    nama_anak: zText(150),
    jenis_kelamin_anak: zSex,
    tanggal_lahir_anak: zPastDate('tanggal_lahir_anak'),
    tempat_lahir_anak: zText(200),
    nama_ibu: zText(150),
  }),
  'pindah-datang': z.object({
    ...baseForm,
    alamat_asal: zText(300),
    alamat_tujuan: zText(300),
    jumlah_anggota_pindah: zCount('jumlah_anggota_pindah', 30),
    alasan_pindah: zText(200),
  }),
  'pbb-p2': z.object({
    ...baseForm,
    nop: zDigits(18, 'nop (Nomor Objek Pajak)'),
    jenis_permohonan: zText(200),
    tahun_pajak: zString().regex(/^(19|20)\d{2}$/, { error: 'tahun_pajak must be a year' }),
  }),
  bansos: z.object({
    ...baseForm,
    program: z.enum(['PKH', 'BPNT', 'PBI-JK'], { error: 'must be PKH, BPNT or PBI-JK' }),
    pekerjaan: zText(150),
    jumlah_tanggungan: zCount('jumlah_tanggungan', 30),
    penghasilan_bulanan: zCount('penghasilan_bulanan', 1_000_000_000),
  }),
  'bpjs-kesehatan': z.object({
    ...baseForm,
    no_kartu_bpjs: zDigits(13, 'no_kartu_bpjs'),
    jenis_permohonan: zText(200),
  }),
  pengaduan: z.object({
    ...baseForm,
    kategori: zText(100),
    lokasi_kejadian: zText(300),
    tanggal_kejadian: zPastDate('tanggal_kejadian'),
  }),
} as const;

export type ServiceCode = keyof typeof SERVICE_FORMS;
export const SERVICE_CODES = Object.keys(SERVICE_FORMS) as ServiceCode[];

export const ZAttachment = z.object({
  docType: z.enum(DOC_TYPES, { error: `must be one of ${DOC_TYPES.join(', ')}` }),
  filename: zString()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^/\\\0]+$/, { error: 'must be a file name without folders' }),
  mime: z.enum(ALLOWED_MIME, { error: `must be one of ${ALLOWED_MIME.join(', ')}` }),
  contentBase64: z
    .string()
    .min(4, { error: 'must not be empty' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'must be standard base64 without line breaks' })
    .meta({ description: 'The file, base64-encoded; at most the attachment limit once decoded (see the API description)' }),
  /** Fields read from the document by the channel (OCR, or the citizen's own typing). */
  extracted: z
    .record(z.string().regex(/^[a-z_][a-z0-9_]{0,39}$/), zString().max(500))
    .refine((r) => Object.keys(r).length <= EXTRACTED_MAX_FIELDS, { error: `at most ${EXTRACTED_MAX_FIELDS} fields` })
    .optional()
    .meta({ description: 'Fields read from the document (OCR), e.g. nik, nama, nomor_kk', example: { nik: '3273014506900001', nama: 'SITI NURHALIZA' } }),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex digits' })
    .optional()
    .meta({ description: 'Optional: the sha256 of the decoded file; refused when it does not match' }),
});

const citizen = z.object({
  name: zText(150).meta({ example: 'Siti Nurhaliza' }),
  nik: zNik('nik').meta({
    description: 'Nomor Induk Kependudukan, 16 digits; spaces, dots and dashes between digit groups are removed',
    example: '3273014506900001',
  }),
  kkNumber: zNik('kkNumber').nullable().optional(),
  phone: zString()
    .regex(/^(\+62|62|0)8\d{7,12}$/, { error: 'must be an Indonesian mobile number such as 0812…' })
    .optional(),
  address: zText(300).optional(),
  kecamatan: zText(100).optional(),
});

const common = {
  citizen,
  message: zText(4000).meta({ description: "The citizen's request in their own words" }),
  attachments: z
    .array(ZAttachment)
    .max(ATTACHMENTS_MAX_COUNT, { error: `at most ${ATTACHMENTS_MAX_COUNT} attachments` })
    .default([]),
  externalRef: zString().trim().max(100).optional().meta({ description: "The channel system's own reference, echoed back" }),
};

const variants = SERVICE_CODES.map((code) =>
  z.object({ service: z.literal(code), ...common, form: SERVICE_FORMS[code] }).meta({ title: `Submission (${code})` }),
);

export const ZSubmissionRequest = z.discriminatedUnion('service', variants as unknown as [(typeof variants)[number], ...(typeof variants)[number][]], {
  error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${SERVICE_CODES.join(', ')}` : undefined),
});

export type TSubmissionRequest = {
  service: ServiceCode;
  citizen: z.infer<typeof citizen>;
  message: string;
  form: Record<string, string>;
  attachments: z.infer<typeof ZAttachment>[];
  externalRef?: string;
};

export const ZSubmissionCreated = z.object({
  ticket: z.string().meta({ example: 'BDG-2026-000124' }),
  status: z.literal('received'),
  receivedAt: z.string().meta({ description: 'ISO 8601 instant' }),
  slaDueAt: z.string(),
  statusUrl: z.string().meta({ description: "The citizen's public status page" }),
  externalRef: z.string().nullable(),
  attachments: z.array(
    z.object({
      filename: z.string(),
      sha256: z.string().meta({ description: 'sha256 of the stored file' }),
      size: z.number().int(),
      convertedFrom: z
        .literal('image/svg+xml')
        .optional()
        .meta({ description: 'Set when an SVG was received: it is stored as the PNG it renders to (no scripts or links survive)' }),
      originalFilename: z.string().optional(),
      originalSha256: z.string().optional().meta({ description: 'sha256 of the SVG as received' }),
    }),
  ),
});

/** POST /api/v1/submissions/{ticket}/replies: the citizen's answer to a request for more documents. */
export const ZReplyRequest = z.object({
  message: zText(4000).meta({ description: "The citizen's answer in their own words", example: 'Berikut foto KK yang lebih jelas.' }),
  attachments: z
    .array(ZAttachment)
    .max(ATTACHMENTS_MAX_COUNT, { error: `at most ${ATTACHMENTS_MAX_COUNT} attachments` })
    .default([]),
});

export const ZReplyReceived = z.object({
  ticket: z.string().meta({ example: 'BDG-2026-000124' }),
  replyId: z.string().meta({ description: 'The reply, as the webhook event submission.status_changed names it (replyId)' }),
  status: z.literal('pending_review').meta({ description: "The submission is back in an officer's queue" }),
  receivedAt: z.string().meta({ description: 'ISO 8601 instant' }),
  attachments: ZSubmissionCreated.shape.attachments,
});

export const ZSubmissionStatus = z.object({
  ticket: z.string(),
  service: z.string(),
  channel: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  receivedAt: z.string(),
  slaDueAt: z.string(),
  decidedAt: z.string().nullable(),
  decision: z
    .object({
      outcome: z.enum(FINAL_OUTCOMES),
      decidedBy: z.enum(DECIDED_BY),
      officerName: z.string().nullable(),
      policyVersion: z.number().int().nullable(),
      finalAnswer: z.string(),
      decidedAt: z.string(),
    })
    .nullable(),
});
/** The decision a citizen and the channel systems are told of: the REST status answer and the status page. */
export type TPublicDecision = NonNullable<z.infer<typeof ZSubmissionStatus>['decision']>;

export const ERROR_CODES = [
  'UNAUTHORIZED',
  'RATE_LIMITED',
  'INVALID_JSON',
  'INVALID_ENCODING',
  'UNSUPPORTED_MEDIA_TYPE',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'CONTENT_LENGTH_MISMATCH',
  'BODY_INCOMPLETE',
  'REQUEST_TIMEOUT',
  'ATTACHMENT_TOO_LARGE',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'NOT_FOUND',
  'NOT_AWAITING_CITIZEN',
  'DATABASE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof ERROR_CODES)[number];

export const ZApiError = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().meta({ description: "Field path (e.g. 'form.tanggal_lahir') → what is wrong" }),
  }),
});

/** zod issues → `{ 'form.tanggal_lahir': '…' }`, first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '(body)';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
