/**
 * Revealing a masked identifier on purpose (UU 27/2022 PDP): the officer
 * gives a reason, sees the value for this item only, and the look is audited.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { submissions } from '@/db/schema';
import { assertUnitAccess, type Actor } from './actor';
import { appendAudit, SECURITY_STREAM } from './audit';
import { DomainError } from './errors';

export const REVEALABLE_FIELDS = ['nik', 'kk', 'phone', 'address'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];
export const REVEAL_REASONS = ['verify_document', 'contact_citizen', 'match_records', 'citizen_request'] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];

export async function revealPersonalData(
  db: DbOrTx,
  actor: Actor,
  input: { submissionId: string; field: RevealableField; reason: RevealReason; note?: string | null },
): Promise<{ value: string }> {
  if (actor.role === 'admin') throw new DomainError('FORBIDDEN', 'Admins do not see citizens’ personal data');
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select({
        unitId: submissions.unitId,
        nik: submissions.nik,
        kk: submissions.kkNumber,
        phone: submissions.phone,
        address: submissions.address,
      })
      .from(submissions)
      .where(eq(submissions.id, input.submissionId));
    if (!sub) throw new DomainError('NOT_FOUND', 'Submission not found');
    assertUnitAccess(actor, sub.unitId);
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: sub.unitId,
      action: 'pii.reveal',
      entityType: 'submission',
      entityId: input.submissionId,
      // The field name and the reason, never the value.
      payload: { field: input.field, reason: input.reason, note: input.note?.slice(0, 200) ?? null },
    });
    return { value: sub[input.field] ?? '' };
  });
}
