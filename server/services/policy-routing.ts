/**
 * Where a freshly drafted suggestion goes: automatic approval under the
 * service's active policy, or a person's queue. Called by the drafting
 * pipeline inside its transaction, after the suggestion row is written.
 *
 * Interface owned by the policy work (issue 6); until a policy exists every
 * suggestion goes to a person.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policyEvaluations, submissions } from '@/db/schema';
import { nextStatus, type SubmissionStatus } from './workflow';

export type RouteInput = { submissionId: string; suggestionId: string; unitId: string; serviceCode: string; status: SubmissionStatus };
export type RouteResult = { result: 'auto_approve' | 'human_review'; rule: string; policyId: string | null };

export async function routeSuggestion(tx: DbOrTx, input: RouteInput): Promise<RouteResult> {
  const routed: RouteResult = { result: 'human_review', rule: 'no_policy', policyId: null };
  await tx.insert(policyEvaluations).values({
    submissionId: input.submissionId,
    suggestionId: input.suggestionId,
    policyId: null,
    result: routed.result,
    rule: routed.rule,
  });
  await tx
    .update(submissions)
    .set({ status: nextStatus(input.status, 'draft_ready'), version: sql`${submissions.version} + 1` })
    .where(eq(submissions.id, input.submissionId));
  return routed;
}
