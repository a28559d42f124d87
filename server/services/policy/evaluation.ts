/**
 * The auto-approve rule, as one pure function: given the service's active
 * policy, the global kill switch, the AI suggestion and how many items the
 * unit already had approved automatically today, it says whether a person
 * must look, and which rule decided. Nothing else in the codebase decides
 * this; routeSuggestion (policy-routing.ts) only gathers the inputs and
 * records the answer.
 */
import { ALWAYS_BLOCKED_FLAGS, micro, type PolicyRules } from '@/lib/policy-rules';
import type { FinalOutcome } from '@/lib/vocabulary';

export { KNOWN_FLAGS, micro, type PolicyRules } from '@/lib/policy-rules';

export type SuggestionFacts = {
  recommendation: FinalOutcome;
  confidence: number;
  docVerdicts: { verdict: string }[];
  flags: string[];
};

export type EvaluationInput = {
  policy: PolicyRules | null;
  killSwitch: boolean;
  suggestion: SuggestionFacts;
  autoApprovedTodayInUnit: number;
};

export type EvaluationRule =
  | 'no_policy'
  | 'kill_switch'
  | 'disabled'
  | 'not_approve'
  | 'below_threshold'
  | 'document_not_valid'
  | `blocked_flag:${string}`
  | 'daily_cap_reached'
  | 'ok';

export type Evaluation = { result: 'auto_approve' | 'human_review'; rule: EvaluationRule };

const human = (rule: EvaluationRule): Evaluation => ({ result: 'human_review', rule });

export function evaluatePolicy({ policy, killSwitch, suggestion, autoApprovedTodayInUnit }: EvaluationInput): Evaluation {
  if (!policy) return human('no_policy');
  if (killSwitch) return human('kill_switch');
  if (!policy.autoApproveEnabled) return human('disabled');
  // Adverse outcomes are never automated: a reject or a request for documents always goes to a person.
  if (suggestion.recommendation !== 'approve') return human('not_approve');
  if (!Number.isFinite(suggestion.confidence) || micro(suggestion.confidence) < micro(policy.minConfidence)) return human('below_threshold');
  if (policy.requireAllDocsValid && suggestion.docVerdicts.some((d) => d.verdict !== 'valid')) return human('document_not_valid');
  const blocked = suggestion.flags.find((f) => policy.blockedFlags.includes(f) || (ALWAYS_BLOCKED_FLAGS as readonly string[]).includes(f));
  if (blocked) return human(`blocked_flag:${blocked}`);
  if (autoApprovedTodayInUnit >= policy.dailyCapPerUnit) return human('daily_cap_reached');
  return { result: 'auto_approve', rule: 'ok' };
}

/**
 * The rule name without its argument, for grouping and translation ('blocked_flag:complaint' → 'blocked_flag').
 * @internal exported for the tests (knip: not an export of the product)
 */
export function ruleKind(rule: string): string {
  const i = rule.indexOf(':');
  return i < 0 ? rule : rule.slice(0, i);
}
