/**
 * Auto-approve policy rules that the server and the admin's browser share:
 * the shape of a policy, how two versions differ, and whether a change
 * loosens the policy (then a second admin must approve it, four eyes) or not
 * (then it takes effect at once). Pure: no database, no React. The
 * evaluation itself is server/services/policy/evaluation.ts.
 */
/**
 * Flags no policy can allow through: a document nobody read, the wrong document, an edited one,
 * or a draft that had to be refused always go to a person.
 */
export const ALWAYS_BLOCKED_FLAGS = [
  'documents_not_read',
  'low_read_confidence',
  'wrong_document_type',
  'document_tampered',
  'draft_refused',
  'draft_contradicts_recommendation',
] as const;

/** The weakest document reading an automatic approval may rest on (0..1): below it the checker raises `low_read_confidence`. */
export const MIN_READ_CONFIDENCE_FOR_AUTO = 0.8;

export const KNOWN_FLAGS = [
  'invalid_nik',
  'nik_mismatch',
  'possible_duplicate',
  'minor_involved',
  'complaint',
  'channel_mismatch',
  'draft_retried',
  'draft_ungrounded_amount',
  'draft_ungrounded_duration',
  'draft_ungrounded_document',
] as const;

export type PolicyRules = {
  autoApproveEnabled: boolean;
  /** 0..1; a suggestion at exactly this confidence passes. */
  minConfidence: number;
  /** Every document verdict must be 'valid' (unreadable, missing and invalid all send to a person). */
  requireAllDocsValid: boolean;
  /** Any of these flags on the suggestion always sends the item to a person. */
  blockedFlags: string[];
  /** Automatic approvals of this service per unit per Jakarta calendar day; 0 allows none. */
  dailyCapPerUnit: number;
  /** Share of automatic approvals that still get a blind human second review. */
  qaSampleRate: number;
};

/**
 * Confidences and thresholds are stored as Postgres `real`; compare them at
 * six decimals so a stored 0.9 meets a 0.9 threshold exactly (the simulation
 * in policy-simulation.ts uses the same rounding).
 */
export function micro(x: number): number {
  return Math.round(x * 1_000_000);
}

export const POLICY_FIELDS = [
  'autoApproveEnabled',
  'minConfidence',
  'requireAllDocsValid',
  'blockedFlags',
  'dailyCapPerUnit',
  'qaSampleRate',
] as const satisfies readonly (keyof PolicyRules)[];
export type PolicyField = (typeof POLICY_FIELDS)[number];

export type FieldChange =
  | { field: Exclude<PolicyField, 'blockedFlags'>; from: boolean | number | null; to: boolean | number }
  | { field: 'blockedFlags'; from: string[] | null; to: string[]; added: string[]; removed: string[] };

const sameNumber = (a: number, b: number) => micro(a) === micro(b);

/** Fields that differ between two versions; `before` null is "no policy yet". */
export function diffPolicies(before: PolicyRules | null, after: PolicyRules): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of POLICY_FIELDS) {
    if (field === 'blockedFlags') {
      const prev = before?.blockedFlags ?? null;
      const added = after.blockedFlags.filter((f) => !(prev ?? []).includes(f));
      const removed = (prev ?? []).filter((f) => !after.blockedFlags.includes(f));
      if (prev === null || added.length || removed.length) out.push({ field, from: prev, to: after.blockedFlags, added, removed });
      continue;
    }
    const prev = before ? before[field] : null;
    const next = after[field];
    const same = prev !== null && (typeof next === 'number' ? sameNumber(prev as number, next) : prev === next);
    if (!same) out.push({ field, from: prev, to: next } as FieldChange);
  }
  return out;
}

export type ChangeClass = {
  /** Fields whose change lets more items through without a person (needs a second admin). */
  loosening: PolicyField[];
  /** Other changed fields: tighter, or irrelevant while auto-approve is off. They take effect at once. */
  immediate: PolicyField[];
  /** True when nothing changed at all. */
  unchanged: boolean;
};

/**
 * A change needs a second admin when the new version can auto-approve
 * something the current one could not:
 *  - auto-approve turned on (from off or from no policy);
 *  - with auto-approve on before and after: minimum confidence down, "all
 *    documents valid" dropped, a blocked flag removed, daily cap up, QA
 *    sample rate down.
 * A version with auto-approve off approves nothing automatically, so it
 * always takes effect at once, whatever its thresholds.
 */
export function classifyChange(before: PolicyRules | null, after: PolicyRules): ChangeClass {
  const changes = diffPolicies(before, after);
  const loosening: PolicyField[] = [];
  const immediate: PolicyField[] = [];
  const wasOn = before?.autoApproveEnabled === true;
  if (after.autoApproveEnabled && !wasOn) loosening.push('autoApproveEnabled');
  if (!after.autoApproveEnabled && wasOn) immediate.push('autoApproveEnabled');
  if (before && wasOn && after.autoApproveEnabled) {
    const looser: Record<Exclude<PolicyField, 'autoApproveEnabled'>, boolean> = {
      minConfidence: micro(after.minConfidence) < micro(before.minConfidence),
      requireAllDocsValid: before.requireAllDocsValid && !after.requireAllDocsValid,
      blockedFlags: before.blockedFlags.some((f) => !after.blockedFlags.includes(f)),
      dailyCapPerUnit: after.dailyCapPerUnit > before.dailyCapPerUnit,
      qaSampleRate: micro(after.qaSampleRate) < micro(before.qaSampleRate),
    };
    for (const c of changes) {
      if (c.field === 'autoApproveEnabled') continue;
      if (looser[c.field]) loosening.push(c.field);
      else immediate.push(c.field);
    }
  } else {
    for (const c of changes) if (c.field !== 'autoApproveEnabled') immediate.push(c.field);
  }
  return { loosening, immediate, unchanged: before !== null && changes.length === 0 };
}
