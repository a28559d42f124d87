/**
 * Rules about decisions that both the review page (to guide the officer) and
 * the decision service (to enforce) need. Pure: no database, no React.
 */
import type { Outcome, Verdict } from './vocabulary';

/** The officer changed the AI's verdict on one document (decisions.verdict_overrides). */
export type VerdictOverride = { docType: string; from: string; to: string };

export function computeOverrides(aiVerdicts: { docType: string; verdict: string }[], final: { docType: string; verdict: Verdict }[]): VerdictOverride[] {
  const byType = new Map(aiVerdicts.map((v) => [v.docType, v.verdict]));
  return final
    .filter((f) => byType.has(f.docType) && byType.get(f.docType) !== f.verdict)
    .map((f) => ({ docType: f.docType, from: byType.get(f.docType)!, to: f.verdict }));
}

/**
 * Document types the officer gave a verdict for that the AI did not judge. An
 * override is measured against the AI's verdict, so such a verdict has nothing
 * to be compared with: the service refuses it rather than drop it unseen.
 */
export function unjudgedDocTypes(aiVerdicts: { docType: string }[], final: { docType: string }[]): string[] {
  const judged = new Set(aiVerdicts.map((v) => v.docType));
  return [...new Set(final.map((f) => f.docType).filter((t) => !judged.has(t)))];
}

/** An escalation passes the item on; it is neither agreement nor an override of the AI's outcome. */
export function agreesWithAi(recommendation: string | null | undefined, outcome: Outcome): boolean {
  return recommendation !== null && recommendation !== undefined && recommendation === outcome;
}

/**
 * A reason code is required for a reject, for any departure from the AI's
 * recommendation, and for any changed document verdict.
 */
export function requiresReason(outcome: Outcome, agrees: boolean, overrides: VerdictOverride[]): boolean {
  if (overrides.length > 0) return true;
  if (outcome === 'escalate') return false;
  return outcome === 'reject' || !agrees;
}
