/**
 * The managed list of reason codes. Codes are never deleted (old decisions
 * refer to them); an admin retires a code by deactivating it.
 */
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { reasonCodes } from '@/db/schema';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM } from '../audit/audit';

export type ReasonCodeInput = {
  code: string;
  labelId: string;
  labelEn: string;
  legalBasis: string | null;
  active: boolean;
  sortOrder: number;
};

export function listAllReasonCodes(db: DbOrTx) {
  return db.select().from(reasonCodes).orderBy(asc(reasonCodes.sortOrder), asc(reasonCodes.code));
}

export async function upsertReasonCode(db: DbOrTx, actor: Actor, input: ReasonCodeInput) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(reasonCodes).where(eq(reasonCodes.code, input.code));
    const { code, ...rest } = input;
    await tx.insert(reasonCodes).values(input).onConflictDoUpdate({ target: reasonCodes.code, set: rest });
    const changed = before
      ? Object.fromEntries(
          Object.entries(rest)
            .filter(([k, v]) => before[k as keyof typeof before] !== v)
            .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
        )
      : rest;
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: null,
      action: before ? 'reason_code.update' : 'reason_code.create',
      entityType: 'reason_code',
      entityId: code,
      payload: { changed },
    });
    return { code };
  });
}
