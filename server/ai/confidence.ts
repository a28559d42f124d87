/**
 * A suggestion is never surer than the weakest reading it rests on: the
 * confidence the drafter computed is capped by the lowest read confidence
 * among the documents that are present (a missing document has no reading
 * and already forces a request for documents).
 */
import type { DocVerdict } from '@/db/schema';

export function capConfidenceByReading(confidence: number, verdicts: Pick<DocVerdict, 'verdict' | 'readConfidence'>[]): number {
  const present = verdicts.filter((v) => v.verdict !== 'missing');
  const weakest = present.length ? Math.min(...present.map((v) => v.readConfidence ?? 0)) : 1;
  return Math.round(Math.min(confidence, weakest) * 1000) / 1000;
}
