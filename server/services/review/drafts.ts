/**
 * Autosaved work in progress on an answer. Only the person holding the item
 * saves; the draft is deleted in the same transaction as the decision.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { drafts, submissions } from '@/db/schema';
import type { Actor } from '../core/actor';
import { DomainError } from '../core/errors';

export type DraftInput = {
  submissionId: string;
  answer: string;
  verdicts: Record<string, string>;
  reasonCode: string | null;
  note: string | null;
};

export async function saveDraft(db: DbOrTx, actor: Actor, input: DraftInput): Promise<{ savedAt: Date }> {
  const [sub] = await db
    .select({ unitId: submissions.unitId, claimedBy: submissions.claimedBy, status: submissions.status })
    .from(submissions)
    .where(eq(submissions.id, input.submissionId));
  if (!sub || sub.unitId !== actor.unitId) throw new DomainError('NOT_FOUND', 'Submission not found');
  if (sub.status !== 'in_review' || sub.claimedBy !== actor.id) throw new DomainError('NOT_CLAIMED', 'You do not hold this submission');
  const values = {
    answer: input.answer,
    verdicts: input.verdicts,
    reasonCode: input.reasonCode,
    note: input.note,
    updatedAt: sql`now()`,
  };
  const [row] = await db
    .insert(drafts)
    .values({ submissionId: input.submissionId, userId: actor.id, ...values })
    .onConflictDoUpdate({ target: [drafts.submissionId, drafts.userId], set: values })
    .returning({ savedAt: drafts.updatedAt });
  return row;
}

export async function getDraft(db: DbOrTx, actor: Actor, submissionId: string) {
  const [row] = await db
    .select()
    .from(drafts)
    .where(and(eq(drafts.submissionId, submissionId), eq(drafts.userId, actor.id)));
  return row ?? null;
}
