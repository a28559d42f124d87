/**
 * Shared pieces of the document checks: result constructors, labels, dates
 * and the evidence a check shows (the field as read, masked when it is a
 * NIK or KK number, with its box and confidence).
 */
import type { CheckEvidence, CheckResult, ReadField } from '@/db/schema';
import { maskNik } from './nik';

export const DOC_LABELS: Record<string, string> = {
  ktp: 'KTP-el',
  kk: 'Kartu Keluarga (KK)',
  akta: 'Akta kelahiran',
  surat_pengantar: 'Surat pengantar/keterangan',
  foto: 'Pas foto',
  other: 'Dokumen pendukung',
  unknown: 'dokumen yang tidak dikenali',
};

export const docLabel = (docType: string) => DOC_LABELS[docType] ?? docType;

export const pass = (name: string, detail: string, evidence?: CheckEvidence[]): CheckResult => ({
  name,
  result: 'pass',
  detail,
  ...(evidence?.length ? { evidence } : {}),
});
export const fail = (name: string, detail: string, evidence?: CheckEvidence[]): CheckResult => ({
  name,
  result: 'fail',
  detail,
  ...(evidence?.length ? { evidence } : {}),
});
export const warn = (name: string, detail: string, evidence?: CheckEvidence[]): CheckResult => ({
  name,
  result: 'warn',
  detail,
  ...(evidence?.length ? { evidence } : {}),
});

const NUMBER_FIELDS = new Set(['nik', 'nomor_kk', 'qr_nomor_kk']);

/** Evidence of one field read from the document; personal numbers are masked here, before anything is stored. */
export function docEvidence(field: string, f: ReadField | undefined): CheckEvidence[] {
  if (!f) return [];
  const value = NUMBER_FIELDS.has(field) || field.endsWith('.nik') ? maskNik(f.value) : f.value;
  return [{ field, value, confidence: f.confidence, source: 'document', ...(f.box ? { box: f.box } : {}) }];
}

export function channelEvidence(field: string, value: string | undefined): CheckEvidence[] {
  if (!value?.trim()) return [];
  return [{ field, value: NUMBER_FIELDS.has(field) ? maskNik(value) : value.trim(), confidence: 1, source: 'channel' }];
}

/** YYYY-MM-DD → DD-MM-YYYY, the order Indonesian documents print. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** Accepts YYYY-MM-DD or DD-MM-YYYY (as printed); returns YYYY-MM-DD or null. */
export function parseDocDate(value: string): string | null {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const m = /^(\d{2})[-/.](\d{2})[-/.](\d{4})$/.exec(v);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

/** Where two 16-digit numbers differ, by position: tells the officer "one typo" without showing the digits. */
export function differingPositions(a: string, b: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) out.push(i + 1);
  return out;
}

export const pct = (x: number) => `${Math.round(x * 100)}%`;
