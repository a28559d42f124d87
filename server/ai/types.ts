/**
 * The AI layer's contracts. The console never trusts these outputs: they are
 * suggestions a person confirms or overrides, so every field must be explainable.
 */
import type { Citation, CheckEvidence, CheckResult, DocVerdict, ImageQuality, PageBox, ReadField, ReadLine, ReadMember, UnreadableReason } from '@/db/schema';
import type { DocType, FinalOutcome } from '@/lib/vocabulary';

export type { Citation, CheckEvidence, CheckResult, DocType, DocVerdict, ImageQuality, PageBox, ReadField, ReadLine, ReadMember, UnreadableReason };

/** The raw OCR of a document: every page rasterised, then read line by line. */
export type OcrResult = {
  engine: string;
  engineVersion: string;
  lines: ReadLine[];
  pageSizes: { width: number; height: number }[];
  quality: ImageQuality;
  /** Texts of QR codes found on the pages (a current KK carries one). */
  qr: string[];
  durationMs: number;
};

/** OCR plus what it means: the classified type and the fields, each with a confidence and a box. */
export type DocumentAnalysis = OcrResult & {
  detectedType: DocType | 'unknown';
  /** 0..1: how clearly the text looks like `detectedType`. */
  typeScore: number;
  /** Mean OCR confidence over the lines (0..1; 0 when nothing was read). */
  meanConfidence: number;
  fields: Record<string, ReadField>;
  members: ReadMember[];
};

/** Reads stored document bytes (JPEG, PNG, WebP, PDF, SVG) offline; throws DocumentReadError when it cannot. */
export interface DocumentReader {
  read(bytes: Buffer, mime: string): Promise<DocumentAnalysis>;
}

export type AttachmentInput = {
  id: string | null;
  docType: DocType;
  /** Fields the channel system sent with the file: compared with what the console read, never trusted instead of it. */
  extracted: Record<string, string>;
  /** What the console's own reader found in the file; null when it was not read (no verdict on content then). */
  reading: DocumentAnalysis | null;
};

export type SubmissionInput = {
  serviceCode: string;
  /** Kemendagri code of the unit's kota/kabupaten (e.g. 32.73): NIKs from elsewhere get a note. */
  unitRegionCode?: string;
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
  recommendation: FinalOutcome;
  confidence: number;
  modelName: string;
  modelVersion: string;
  latencyMs: number;
  /** Problems the grounding check found in the draft (e.g. `draft_ungrounded_amount`); shown to the officer as flags. */
  flags?: string[];
  /** What the grounding check found, with a sentence for the officer each (set by GroundedDrafter; absent when nothing). */
  groundingProblems?: GroundingProblem[];
};

export interface Drafter {
  draft(input: SubmissionInput, checks: DocumentCheckOutput): Promise<DraftOutput>;
}

/** A statement of a draft that the grounding check could not trace to the cited articles, the service or the checks. */
export type GroundingProblemCode = 'draft_ungrounded_amount' | 'draft_ungrounded_duration' | 'draft_ungrounded_document' | 'draft_contradicts_recommendation';

export type GroundingProblem = {
  code: GroundingProblemCode;
  /** One Indonesian sentence for the officer. */
  detail: string;
  /** The words of the draft it is about. */
  excerpt: string;
};

/** A Drafter that can write again, told what was wrong with its previous draft (the grounding check's findings). */
export interface FeedbackDrafter extends Drafter {
  draftWithFeedback(input: SubmissionInput, checks: DocumentCheckOutput, feedback: string): Promise<DraftOutput>;
}
