/**
 * Who is looking at an item right now. The review page sends a heartbeat;
 * anyone seen within PRESENCE_WINDOW_S counts as viewing.
 */
import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { presence, submissions, users } from '@/db/schema';
import { assertUnitAccess, type Actor } from '../core/actor';
import { DomainError } from '../core/errors';

export const PRESENCE_WINDOW_S = 45;

export async function heartbeat(db: DbOrTx, actor: Actor, submissionId: string) {
  const [sub] = await db.select({ unitId: submissions.unitId }).from(submissions).where(eq(submissions.id, submissionId));
  if (!sub) throw new DomainError('NOT_FOUND', 'Submission not found');
  assertUnitAccess(actor, sub.unitId);
  await db
    .insert(presence)
    .values({ submissionId, userId: actor.id })
    .onConflictDoUpdate({ target: [presence.submissionId, presence.userId], set: { seenAt: sql`now()` } });
  return viewersOf(db, actor, submissionId);
}

export async function viewersOf(db: DbOrTx, actor: Actor, submissionId: string) {
  return db
    .select({ id: users.id, name: users.name })
    .from(presence)
    .innerJoin(users, eq(users.id, presence.userId))
    .where(
      and(
        eq(presence.submissionId, submissionId),
        ne(presence.userId, actor.id),
        gt(presence.seenAt, sql`now() - make_interval(secs => ${PRESENCE_WINDOW_S})`),
      ),
    );
}
