/**
 * What kind of document is this? Scored from the words each type prints
 * (a KTP-el's "Berlaku Hingga", a KK's "Kepala Keluarga", an akta's
 * "Kutipan Akta Kelahiran"), matched tolerantly in the OCR text; a pas foto
 * prints almost nothing, so it is recognised from its pixels (a plain red or
 * blue background around a face-coloured area). Below a minimum score the
 * answer is "unknown": a random picture is never guessed into a type.
 */
import type { DocType } from '../types';
import { approxContains, lettersOf } from './ocr-text';

type Cue = { words: string; weight: number };

const CUES: Record<Exclude<DocType, 'foto' | 'other'>, Cue[]> = {
  ktp: [
    { words: 'PROVINSI', weight: 1 },
    { words: 'NIK', weight: 0.5 },
    { words: 'TEMPAT/TGL LAHIR', weight: 1.5 },
    { words: 'JENIS KELAMIN', weight: 0.5 },
    { words: 'GOL. DARAH', weight: 1 },
    { words: 'KEL/DESA', weight: 1 },
    { words: 'STATUS PERKAWINAN', weight: 1 },
    { words: 'KEWARGANEGARAAN', weight: 1 },
    { words: 'BERLAKU HINGGA', weight: 1.5 },
    { words: 'AGAMA', weight: 0.5 },
  ],
  kk: [
    { words: 'KARTU KELUARGA', weight: 3 },
    { words: 'NAMA KEPALA KELUARGA', weight: 2 },
    { words: 'NAMA LENGKAP', weight: 1 },
    { words: 'HUBUNGAN', weight: 1 },
    { words: 'TANGGAL LAHIR', weight: 0.5 },
    { words: 'DIKELUARKAN TANGGAL', weight: 1 },
    { words: 'KABUPATEN/KOTA', weight: 0.5 },
  ],
  akta: [
    { words: 'KUTIPAN AKTA KELAHIRAN', weight: 4 },
    { words: 'AKTA KELAHIRAN', weight: 1 },
    { words: 'TELAH LAHIR', weight: 1 },
    { words: 'ANAK KE', weight: 1 },
    { words: 'DARI AYAH', weight: 1 },
    { words: 'PENCATATAN SIPIL', weight: 0.5 },
  ],
  surat_pengantar: [
    { words: 'SURAT PENGANTAR', weight: 3 },
    { words: 'SURAT KETERANGAN', weight: 2.5 },
    { words: 'YANG BERTANDA TANGAN', weight: 1.5 },
    { words: 'MENERANGKAN BAHWA', weight: 1 },
    { words: 'RUKUN TETANGGA', weight: 1 },
    { words: 'KEPERLUAN', weight: 1 },
    { words: 'DEMIKIAN', weight: 1 },
    { words: 'NOMOR', weight: 0.5 },
  ],
};

/** A type needs this much evidence; a stray "NIK" on a receipt is not a KTP. */
const MIN_SCORE = 3;

export type PhotoFeatures = {
  /** Share of pixels in a saturated red or blue (a pas foto's background). */
  plainBackgroundShare: number;
  /** Share of skin-coloured pixels in the central region. */
  centralSkinShare: number;
  aspect: number;
};

export type Classification = { type: DocType | 'unknown'; score: number; scores: Record<string, number> };

export function classify(text: string, lineCount: number, photo: PhotoFeatures | null): Classification {
  const hay = lettersOf(text);
  const scores: Record<string, number> = {};
  let best: { type: DocType | 'unknown'; raw: number; total: number } = { type: 'unknown', raw: 0, total: 1 };
  for (const [type, cues] of Object.entries(CUES)) {
    const total = cues.reduce((s, c) => s + c.weight, 0);
    const raw = cues.filter((c) => approxContains(hay, lettersOf(c.words))).reduce((s, c) => s + c.weight, 0);
    scores[type] = Math.round((raw / total) * 1000) / 1000;
    if (raw > best.raw) best = { type: type as DocType, raw, total };
  }
  // A letter that mentions "akta kelahiran" is still a letter: the title decides between the two.
  if (best.type === 'akta' && !approxContains(hay, 'KUTIPANAKTA') && (scores.surat_pengantar ?? 0) > 0.3) {
    best = { type: 'surat_pengantar', raw: MIN_SCORE, total: CUES.surat_pengantar.reduce((s, c) => s + c.weight, 0) };
  }
  const fotoScore = photo ? fotoLikelihood(photo, lineCount) : 0;
  scores.foto = fotoScore;
  if (best.raw < MIN_SCORE) {
    return fotoScore >= 0.6 ? { type: 'foto', score: fotoScore, scores } : { type: 'unknown', score: Math.max(fotoScore, scores[best.type] ?? 0), scores };
  }
  return { type: best.type, score: scores[best.type], scores };
}

/** 0..1: a portrait picture with little text, a plain red/blue background and a face in the middle. */
function fotoLikelihood(p: PhotoFeatures, lineCount: number): number {
  if (lineCount > 6) return 0;
  const bg = Math.min(1, p.plainBackgroundShare / 0.35);
  const face = Math.min(1, p.centralSkinShare / 0.08);
  const portrait = p.aspect < 1 ? 1 : 0.5;
  return Math.round(bg * face * portrait * 1000) / 1000;
}
