/**
 * Public services (KTP-el, KK, akta…) as admins configure them: names in
 * both languages, the documents a request needs, the SLA in working hours,
 * and "evidence first" (officers open every document before seeing the AI).
 * Codes are stable handles (tickets, policies and the knowledge base refer to
 * them) and are not edited. Audited in the security stream.
 */
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { services } from '@/db/schema';
import { DOC_TYPES, type DocType } from '@/lib/vocabulary';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM } from '../audit/audit';
import { DomainError } from '../core/errors';

export type ServiceInput = {
  code: string;
  nameId: string;
  nameEn: string;
  requiredDocs: DocType[];
  slaHours: number;
  evidenceFirst: boolean;
};

export function listServicesForAdmin(db: DbOrTx) {
  return db.select().from(services).orderBy(asc(services.code));
}

const normalise = (input: ServiceInput) => ({
  nameId: input.nameId.trim(),
  nameEn: input.nameEn.trim(),
  // Fixed order, no duplicates: the same set always reads (and diffs) the same.
  requiredDocs: DOC_TYPES.filter((d) => input.requiredDocs.includes(d)),
  slaHours: input.slaHours,
  evidenceFirst: input.evidenceFirst,
});

export async function saveService(db: DbOrTx, actor: Actor, input: ServiceInput & { create: boolean }): Promise<{ code: string }> {
  const next = normalise(input);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(services).where(eq(services.code, input.code)).for('update');
    if (input.create && before) throw new DomainError('INVALID_INPUT', 'A service with this code exists', { reason: 'service_taken' });
    if (!input.create && !before) throw new DomainError('NOT_FOUND', 'Service not found');
    let changed: Record<string, unknown>;
    if (before) {
      changed = Object.fromEntries(
        (Object.keys(next) as (keyof typeof next)[])
          .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]))
          .map((k) => [k, { from: before[k], to: next[k] }]),
      );
      if (Object.keys(changed).length === 0) return { code: input.code };
      await tx.update(services).set(next).where(eq(services.code, input.code));
    } else {
      changed = next;
      await tx.insert(services).values({ code: input.code, ...next });
    }
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: null,
      action: before ? 'service.update' : 'service.create',
      entityType: 'service',
      entityId: input.code,
      payload: { changed },
    });
    return { code: input.code };
  });
}
