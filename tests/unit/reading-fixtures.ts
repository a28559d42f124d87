/** Readings as the document reader would produce them, for checker tests that need exact field values. */
import type { DocumentAnalysis, ReadField, ReadMember } from '@/server/ai/types';

export const field = (value: string, confidence = 0.93): ReadField => ({ value, confidence, box: { page: 0, x: 0.27, y: 0.2, w: 0.3, h: 0.04 } });

export function reading(
  detectedType: DocumentAnalysis['detectedType'],
  fields: Record<string, string | ReadField>,
  over: Partial<DocumentAnalysis> = {},
): DocumentAnalysis {
  const f = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? field(v) : v]));
  return {
    engine: 'tesseract',
    engineVersion: '5.3.0 ind',
    lines: Object.values(f).map((x) => ({ text: x.value, conf: x.confidence, box: x.box! })),
    pageSizes: [{ width: 856, height: 540 }],
    quality: { width: 1200, height: 800, sharpness: 30, brightness: 180, contrast: 40, problems: [] },
    qr: [],
    durationMs: 300,
    detectedType,
    typeScore: 0.8,
    meanConfidence: 0.9,
    fields: f,
    members: [],
    ...over,
  };
}

export const members = (...rows: [string, string, string?][]): ReadMember[] =>
  rows.map(([nama, nik, hubungan]) => ({ nama: field(nama), nik: field(nik), ...(hubungan ? { hubungan } : {}) }));
