/**
 * Oversight settings (automation-bias thresholds, QA sample rate) in the
 * `settings` table. A value can be set for all units (key `name`, admins) or
 * for one unit (key `name:<unitId>`, that unit's supervisors or admins); the
 * unit's value wins. Every change is audited with its before and after.
 */
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { settings, units } from '@/db/schema';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM, unitStream } from '../audit/audit';
import { DomainError } from '../core/errors';
import { DEFAULT_QA_SAMPLE_RATE } from './sampling';

export const ZBiasThresholds = z.object({
  /** Length of the current period in ISO weeks; the previous period has the same length. */
  periodWeeks: z.number().int().min(1).max(26),
  /** Officers and models with fewer decisions in the period are not judged. */
  minDecisions: z.number().int().min(1).max(100_000),
  /** Flag: agreement with the AI at or above this share… */
  agreementAtLeast: z.number().min(0).max(1),
  /** …while the median time per item is below this many seconds. */
  medianSecondsBelow: z.number().min(1).max(3600),
  /** Flag: share of approvals (of items with documents) decided without opening any document. */
  unopenedShareAtLeast: z.number().min(0).max(1),
  /** Flag a model version whose override rate rose by at least this much (0.05 = 5 points). */
  modelRiseAtLeast: z.number().min(0).max(1),
});
export type BiasThresholds = z.infer<typeof ZBiasThresholds>;

export const DEFAULT_BIAS_THRESHOLDS: BiasThresholds = {
  periodWeeks: 4,
  minDecisions: 20,
  agreementAtLeast: 0.97,
  medianSecondsBelow: 30,
  unopenedShareAtLeast: 0.3,
  modelRiseAtLeast: 0.05,
};

export const ZQaSampleRate = z.number().min(0).max(1);

const DEFINITIONS = {
  bias_watch: { schema: ZBiasThresholds, fallback: DEFAULT_BIAS_THRESHOLDS },
  qa_sample_rate: { schema: ZQaSampleRate, fallback: DEFAULT_QA_SAMPLE_RATE },
} as const;
export type SettingName = keyof typeof DEFINITIONS;
type ValueOf<N extends SettingName> = z.infer<(typeof DEFINITIONS)[N]['schema']>;

export type SettingValue<N extends SettingName> = {
  value: ValueOf<N>;
  scope: 'unit' | 'global' | 'default';
  updatedAt: Date | null;
};

const unitKey = (name: SettingName, unitId: string) => `${name}:${unitId}`;

/** The value in force for a unit (or for all units when unitId is null). */
export async function getSetting<N extends SettingName>(db: DbOrTx, name: N, unitId: string | null): Promise<SettingValue<N>> {
  const def = DEFINITIONS[name];
  const keys = unitId ? [unitKey(name, unitId), name] : [name];
  const rows = await db.select({ key: settings.key, value: settings.value, updatedAt: settings.updatedAt }).from(settings).where(inArray(settings.key, keys));
  for (const [i, key] of keys.entries()) {
    const row = rows.find((r) => r.key === key);
    if (!row) continue;
    const parsed = def.schema.safeParse(row.value);
    // A stored value from an older shape falls back rather than breaking the page.
    if (parsed.success) return { value: parsed.data as ValueOf<N>, scope: unitId && i === 0 ? 'unit' : 'global', updatedAt: row.updatedAt };
  }
  return { value: def.fallback as ValueOf<N>, scope: 'default', updatedAt: null };
}

/**
 * Saves a setting for one unit (supervisors: their own; admins: any) or for
 * all units (admins only, unitId null). Audited in the same transaction.
 */
export async function saveSetting<N extends SettingName>(db: DbOrTx, actor: Actor, name: N, unitId: string | null, value: unknown): Promise<SettingValue<N>> {
  const parsed = DEFINITIONS[name].schema.safeParse(value);
  if (!parsed.success) throw new DomainError('INVALID_INPUT', `Invalid value for ${name}`);
  if (actor.role === 'officer') throw new DomainError('FORBIDDEN', 'Officers do not change oversight settings');
  if (actor.role === 'supervisor' && (unitId === null || unitId !== actor.unitId)) {
    throw new DomainError('FORBIDDEN', 'Supervisors change the settings of their own unit only');
  }
  return db.transaction(async (tx) => {
    if (unitId) {
      const [u] = await tx.select({ id: units.id }).from(units).where(eq(units.id, unitId));
      if (!u) throw new DomainError('NOT_FOUND', 'Unit not found');
    }
    const key = unitId ? unitKey(name, unitId) : name;
    const [before] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).for('update');
    const [saved] = await tx
      .insert(settings)
      .values({ key, value: parsed.data, updatedBy: actor.id })
      .onConflictDoUpdate({ target: settings.key, set: { value: parsed.data, updatedBy: actor.id, updatedAt: new Date() } })
      .returning({ updatedAt: settings.updatedAt });
    await appendAudit(tx, {
      stream: unitId ? unitStream(unitId) : SECURITY_STREAM,
      actor,
      unitId,
      action: 'setting.update',
      entityType: 'setting',
      entityId: key,
      payload: { from: before?.value ?? null, to: parsed.data },
    });
    return { value: parsed.data as ValueOf<N>, scope: unitId ? 'unit' : 'global', updatedAt: saved.updatedAt };
  });
}
