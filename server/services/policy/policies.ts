/**
 * Auto-approve policies per service: versioned, never updated in place. A
 * change is a new row naming the version it replaces, who made it and why.
 * A change that loosens the policy (lib/policy-rules.ts) waits as
 * pending_approval until a second admin approves it; anything else becomes
 * active at once. The only updates are status moves of whole versions:
 * active → superseded, pending_approval → active | rejected.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { auditEvents, policies, services, users } from '@/db/schema';
import type { PolicyStatus } from '@/lib/vocabulary';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM } from '../audit/audit';
import { DomainError } from '../core/errors';
import { classifyChange, diffPolicies, type FieldChange, type PolicyField, type PolicyRules } from '@/lib/policy-rules';

type PolicyRow = typeof policies.$inferSelect;

const tidy = (x: number) => Math.round(x * 10_000) / 10_000;

export function rulesOf(row: Pick<PolicyRow, keyof PolicyRules>): PolicyRules {
  return {
    autoApproveEnabled: row.autoApproveEnabled,
    minConfidence: tidy(row.minConfidence),
    requireAllDocsValid: row.requireAllDocsValid,
    blockedFlags: [...row.blockedFlags].sort(),
    dailyCapPerUnit: row.dailyCapPerUnit,
    qaSampleRate: tidy(row.qaSampleRate),
  };
}

/** The version in force for a service, or null (then nothing is auto-approved). */
export async function getActivePolicy(db: DbOrTx, serviceCode: string): Promise<PolicyRow | null> {
  const [row] = await db
    .select()
    .from(policies)
    .where(and(eq(policies.serviceCode, serviceCode), eq(policies.status, 'active')))
    .limit(1);
  return row ?? null;
}

export type PolicyOverviewRow = {
  serviceCode: string;
  nameId: string;
  nameEn: string;
  active: { id: string; version: number; rules: PolicyRules; createdAt: Date; approvedAt: Date | null } | null;
  pending: { id: string; version: number; createdBy: string; createdById: string; createdAt: Date } | null;
  /** Routing decisions of the last 7 days. */
  last7d: { auto: number; human: number };
};

/** Every service with its policy status at a glance. */
export async function listPolicyOverview(db: DbOrTx): Promise<PolicyOverviewRow[]> {
  const svc = await db.select().from(services).orderBy(asc(services.code));
  const current = await db
    .select({ p: policies, author: users.name })
    .from(policies)
    .innerJoin(users, eq(users.id, policies.createdBy))
    .where(inArray(policies.status, ['active', 'pending_approval']));
  const counts = await db.execute<{ service_code: string; result: string; n: string }>(sql`
    select sub.service_code, pe.result, count(*) as n
    from policy_evaluations pe join submissions sub on sub.id = pe.submission_id
    where pe.created_at >= now() - interval '7 days'
    group by 1, 2`);
  return svc.map((s) => {
    const active = current.find((c) => c.p.serviceCode === s.code && c.p.status === 'active')?.p;
    const pending = current.find((c) => c.p.serviceCode === s.code && c.p.status === 'pending_approval');
    const n = (result: string) => Number(counts.find((c) => c.service_code === s.code && c.result === result)?.n ?? 0);
    return {
      serviceCode: s.code,
      nameId: s.nameId,
      nameEn: s.nameEn,
      active: active ? { id: active.id, version: active.version, rules: rulesOf(active), createdAt: active.createdAt, approvedAt: active.approvedAt } : null,
      pending: pending
        ? { id: pending.p.id, version: pending.p.version, createdBy: pending.author, createdById: pending.p.createdBy, createdAt: pending.p.createdAt }
        : null,
      last7d: { auto: n('auto_approve'), human: n('human_review') },
    };
  });
}

export type PolicyVersionView = {
  id: string;
  version: number;
  status: PolicyStatus;
  rules: PolicyRules;
  reason: string;
  createdBy: { id: string; name: string };
  createdAt: Date;
  /** Who approved (active/superseded after four eyes) or rejected (rejected) the version. */
  decidedBy: { id: string; name: string } | null;
  decidedAt: Date | null;
  /** The approver's note or the rejection reason. */
  decisionNote: string | null;
  previousId: string | null;
  previousVersion: number | null;
  /** Field changes against the version it replaced (or would replace). */
  changes: FieldChange[];
  /** Fields that loosen the policy; non-empty means the change needed (or needs) a second admin. */
  loosening: PolicyField[];
};

export type PolicyDetail = {
  service: { code: string; nameId: string; nameEn: string };
  active: PolicyVersionView | null;
  pending: PolicyVersionView | null;
  /** A pending change can be approved only while the version it was based on is still the active one. */
  pendingIsStale: boolean;
  history: PolicyVersionView[];
};

/** A service's versions, newest first, each with its diff against the version before it. */
export async function getPolicyDetail(db: DbOrTx, serviceCode: string): Promise<PolicyDetail> {
  const [service] = await db.select().from(services).where(eq(services.code, serviceCode));
  if (!service) throw new DomainError('NOT_FOUND', 'Service not found');
  const author = alias(users, 'author');
  const decider = alias(users, 'decider');
  const rows = await db
    .select({ p: policies, authorName: author.name, deciderName: decider.name })
    .from(policies)
    .innerJoin(author, eq(author.id, policies.createdBy))
    .leftJoin(decider, eq(decider.id, policies.approvedBy))
    .where(eq(policies.serviceCode, serviceCode))
    .orderBy(desc(policies.version));
  const notes = rows.length
    ? await db
        .select({ entityId: auditEvents.entityId, action: auditEvents.action, payload: auditEvents.payload })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.entityType, 'policy'),
            inArray(
              auditEvents.entityId,
              rows.map((r) => r.p.id),
            ),
            inArray(auditEvents.action, ['policy.approve', 'policy.reject']),
          ),
        )
    : [];
  const byId = new Map(rows.map((r) => [r.p.id, r]));
  const history: PolicyVersionView[] = rows.map(({ p, authorName, deciderName }) => {
    const prev = p.previousId ? byId.get(p.previousId)?.p : undefined;
    const rules = rulesOf(p);
    const before = prev ? rulesOf(prev) : null;
    const note = notes.find((n) => n.entityId === p.id);
    const noteText =
      note && typeof note.payload.note === 'string' ? note.payload.note : note && typeof note.payload.reason === 'string' ? note.payload.reason : null;
    return {
      id: p.id,
      version: p.version,
      status: p.status,
      rules,
      reason: p.reason,
      createdBy: { id: p.createdBy, name: authorName },
      createdAt: p.createdAt,
      decidedBy: p.approvedBy ? { id: p.approvedBy, name: deciderName ?? '' } : null,
      decidedAt: p.approvedAt,
      decisionNote: noteText,
      previousId: p.previousId,
      previousVersion: prev?.version ?? null,
      changes: diffPolicies(before, rules),
      loosening: classifyChange(before, rules).loosening,
    };
  });
  const active = history.find((h) => h.status === 'active') ?? null;
  const pending = history.find((h) => h.status === 'pending_approval') ?? null;
  return {
    service: { code: service.code, nameId: service.nameId, nameEn: service.nameEn },
    active,
    pending,
    pendingIsStale: pending !== null && pending.previousId !== (active?.id ?? null),
    history,
  };
}

/** Serialises policy changes of one service (proposals, approvals) without blocking anything else. */
async function lockService(tx: DbOrTx, serviceCode: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`policy:${serviceCode}`}))`);
}

export type ProposeInput = {
  serviceCode: string;
  rules: PolicyRules;
  reason: string;
  /** The active version the admin edited (null when there was none): a concurrent change is refused, not overwritten. */
  basedOnVersion: number | null;
};

export type ProposeResult = { policyId: string; version: number; status: 'active' | 'pending_approval'; loosening: PolicyField[] };

export async function proposePolicy(db: DbOrTx, actor: Actor, input: ProposeInput): Promise<ProposeResult> {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins change policies');
  const reason = input.reason.trim();
  if (reason.length < 10) throw new DomainError('REASON_REQUIRED', 'Say why the policy changes');
  const rules: PolicyRules = { ...input.rules, blockedFlags: [...new Set(input.rules.blockedFlags)].sort() };
  return db.transaction(async (tx) => {
    await lockService(tx, input.serviceCode);
    const [service] = await tx.select({ code: services.code }).from(services).where(eq(services.code, input.serviceCode));
    if (!service) throw new DomainError('NOT_FOUND', 'Service not found');
    const active = await getActivePolicy(tx, input.serviceCode);
    if ((active?.version ?? null) !== input.basedOnVersion) {
      throw new DomainError('STALE_VERSION', 'The policy changed since you opened it', { expected: input.basedOnVersion, actual: active?.version ?? null });
    }
    const before = active ? rulesOf(active) : null;
    const change = classifyChange(before, rules);
    if (change.unchanged) throw new DomainError('INVALID_INPUT', 'Nothing changed', { reason: 'unchanged' });
    const needsApproval = change.loosening.length > 0;
    const [pending] = await tx
      .select({ id: policies.id, version: policies.version })
      .from(policies)
      .where(and(eq(policies.serviceCode, input.serviceCode), eq(policies.status, 'pending_approval')));
    // One change waits at a time; a tightening still goes through at once (an emergency must not wait).
    if (needsApproval && pending) {
      throw new DomainError('ILLEGAL_TRANSITION', 'Another change of this policy is waiting for approval', {
        reason: 'pending_exists',
        pendingVersion: pending.version,
      });
    }
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${policies.version}), 0) + 1` })
      .from(policies)
      .where(eq(policies.serviceCode, input.serviceCode));
    if (!needsApproval && active) await tx.update(policies).set({ status: 'superseded' }).where(eq(policies.id, active.id));
    const [row] = await tx
      .insert(policies)
      .values({
        serviceCode: input.serviceCode,
        version: Number(next),
        status: needsApproval ? 'pending_approval' : 'active',
        ...rules,
        reason,
        createdBy: actor.id,
        previousId: active?.id ?? null,
      })
      .returning({ id: policies.id, version: policies.version });
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: null,
      action: needsApproval ? 'policy.propose' : 'policy.activate',
      entityType: 'policy',
      entityId: row.id,
      payload: {
        serviceCode: input.serviceCode,
        version: row.version,
        previousId: active?.id ?? null,
        previousVersion: active?.version ?? null,
        status: needsApproval ? 'pending_approval' : 'active',
        changes: diffPolicies(before, rules),
        loosening: change.loosening,
        reason,
      },
    });
    return { policyId: row.id, version: row.version, status: needsApproval ? 'pending_approval' : 'active', loosening: change.loosening };
  });
}

async function loadPending(tx: DbOrTx, policyId: string) {
  const [p] = await tx.select().from(policies).where(eq(policies.id, policyId));
  if (!p) throw new DomainError('NOT_FOUND', 'Policy version not found');
  await lockService(tx, p.serviceCode);
  // Re-read under the lock: a concurrent approve or reject may have moved it.
  const [locked] = await tx.select().from(policies).where(eq(policies.id, policyId)).for('update');
  if (locked.status !== 'pending_approval') {
    throw new DomainError('ILLEGAL_TRANSITION', 'This version is not waiting for approval', { status: locked.status });
  }
  return locked;
}

/** Four eyes: a second admin, not the author, puts a pending change into force. */
export async function approvePolicy(
  db: DbOrTx,
  actor: Actor,
  input: { policyId: string; note: string | null },
): Promise<{ policyId: string; version: number }> {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins approve policies');
  return db.transaction(async (tx) => {
    const p = await loadPending(tx, input.policyId);
    if (p.createdBy === actor.id) throw new DomainError('FORBIDDEN', 'A change is approved by an admin other than its author', { reason: 'own_change' });
    const active = await getActivePolicy(tx, p.serviceCode);
    if ((active?.id ?? null) !== p.previousId) {
      throw new DomainError('STALE_VERSION', 'The active policy changed after this proposal; reject it and propose again', {
        reason: 'stale_proposal',
        basedOn: p.previousId,
        active: active?.version ?? null,
      });
    }
    if (active) await tx.update(policies).set({ status: 'superseded' }).where(eq(policies.id, active.id));
    await tx
      .update(policies)
      .set({ status: 'active', approvedBy: actor.id, approvedAt: sql`now()` })
      .where(eq(policies.id, p.id));
    const before = active ? rulesOf(active) : null;
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: null,
      action: 'policy.approve',
      entityType: 'policy',
      entityId: p.id,
      payload: {
        serviceCode: p.serviceCode,
        version: p.version,
        authorId: p.createdBy,
        previousId: active?.id ?? null,
        changes: diffPolicies(before, rulesOf(p)),
        note: input.note?.trim() || null,
      },
    });
    return { policyId: p.id, version: p.version };
  });
}

/** Any admin rejects a pending change with a reason; its author may withdraw it the same way. */
export async function rejectPolicy(db: DbOrTx, actor: Actor, input: { policyId: string; reason: string }): Promise<{ policyId: string; version: number }> {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins reject policies');
  const reason = input.reason.trim();
  if (reason.length < 5) throw new DomainError('REASON_REQUIRED', 'Say why the change is rejected');
  return db.transaction(async (tx) => {
    const p = await loadPending(tx, input.policyId);
    await tx
      .update(policies)
      .set({ status: 'rejected', approvedBy: actor.id, approvedAt: sql`now()` })
      .where(eq(policies.id, p.id));
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: null,
      action: 'policy.reject',
      entityType: 'policy',
      entityId: p.id,
      payload: { serviceCode: p.serviceCode, version: p.version, authorId: p.createdBy, withdrawn: p.createdBy === actor.id, reason },
    });
    return { policyId: p.id, version: p.version };
  });
}
