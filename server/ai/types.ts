/**
 * The AI layer's contracts. The console never trusts these outputs: they are
 * suggestions a person confirms or overrides, so every field must be explainable.
 */
import type { Citation, CheckResult, DocVerdict } from '@/db/schema';

export type { Citation, CheckResult, DocVerdict };

export type AttachmentInput = {
  id: string | null;
  docType: 'ktp' | 'kk' | 'akta' | 'surat_pengantar' | 'foto' | 'other';
  /** Fields read from the document (OCR or the citizen's form), e.g. nik, nama, tanggal_lahir. */
  extracted: Record<string, string>;
  /** False when the scan could not be read (too dark, cut off). */
  readable?: boolean;
};

export type SubmissionInput = {
  serviceCode: string;
  requiredDocs: string[];
  citizenName: string;
  nik: string;
  kkNumber: string | null;
  message: string;
  form: Record<string, string>;
  attachments: AttachmentInput[];
  /** Tickets of the same citizen's (same NIK) earlier submissions for this service still open or recent. */
  earlierSameService: string[];
  receivedAt: Date;
};

export type DocumentCheckOutput = {
  verdicts: DocVerdict[];
  flags: string[];
};

export interface DocumentChecker {
  check(input: SubmissionInput): DocumentCheckOutput;
}

export type DraftOutput = {
  draftAnswer: string;
  citations: Citation[];
  recommendation: 'approve' | 'reject' | 'request_info';
  confidence: number;
  modelName: string;
  modelVersion: string;
  latencyMs: number;
};

export interface Drafter {
  draft(input: SubmissionInput, checks: DocumentCheckOutput): Promise<DraftOutput>;
}
