/**
 * Demo data for `npm start`: three Disdukcapil offices, their people, and
 * two months of requests with AI suggestions, decisions and audit events.
 * Runs once: if any unit exists the database is left alone. Everything is
 * written in one transaction, so a failed seed leaves nothing half-done.
 */
import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { aiSuggestions, attachments, decisions, documentReadings, reasonCodes, services, submissions, units, users } from '@/db/schema';
import type { DocumentReader } from '@/server/ai/types';
import { loadCalendar } from '@/server/services/review/sla';
import { DEMO_PASSWORD, generateDemoData, type AuditSeedEvent } from './data';

export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './data';

export type SeedCounts = {
  units: number;
  services: number;
  reasonCodes: number;
  users: number;
  submissions: number;
  attachments: number;
  suggestions: number;
  decisions: number;
  auditEvents: number;
};

export type SeedResult = { created: false } | { created: true; counts: SeedCounts };

const CHUNK = 200;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

async function appendAudit(tx: Tx, e: AuditSeedEvent): Promise<void> {
  await tx.execute(sql`
    select audit_append(${e.stream}, ${e.actorId}::uuid, ${e.actorRole}, ${e.unitId}::uuid, ${e.action},
                        ${e.entityType}, ${e.entityId}, ${JSON.stringify(e.payload)}::jsonb)`);
}

async function hasUnits(db: Db | Tx): Promise<boolean> {
  return (await db.select({ id: units.id }).from(units).limit(1)).length > 0;
}

export async function seedDemo(
  db: Db,
  opts: { submissions?: number; now?: Date; seed?: number; reader?: DocumentReader; onRead?: (done: number, total: number) => void } = {},
): Promise<SeedResult> {
  if (await hasUnits(db)) return { created: false };
  const now = opts.now ?? new Date();
  const calendar = await loadCalendar(db, new Date(now.getTime() - 90 * 86_400_000));
  const data = await generateDemoData({ now, submissions: opts.submissions, seed: opts.seed, calendar, reader: opts.reader, onRead: opts.onRead });
  // One salted hash per account, computed off the event loop by the native module.
  const hashes = await Promise.all(data.users.map(() => hash(DEMO_PASSWORD)));

  return db.transaction(async (tx): Promise<SeedResult> => {
    // Two instances starting together must not both seed.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('layanan:seed-demo'))`);
    if (await hasUnits(tx)) return { created: false };

    await tx.insert(units).values(data.units);
    await tx.insert(services).values(data.services).onConflictDoNothing();
    await tx.insert(reasonCodes).values(data.reasonCodes).onConflictDoNothing();
    await tx.insert(users).values(data.users.map((u, i) => ({ ...u, passwordHash: hashes[i] })));
    await inChunks(data.submissions, (c) => tx.insert(submissions).values(c));
    await inChunks(data.attachments, (c) => tx.insert(attachments).values(c));
    await inChunks(data.readings, (c) => tx.insert(documentReadings).values(c));
    await inChunks(data.suggestions, (c) => tx.insert(aiSuggestions).values(c));
    await inChunks(data.decisions, (c) => tx.insert(decisions).values(c));
    // Oldest first, so each unit's chain reads in the order things happened.
    for (const e of data.audit) await appendAudit(tx, e);

    return {
      created: true,
      counts: {
        units: data.units.length,
        services: data.services.length,
        reasonCodes: data.reasonCodes.length,
        users: data.users.length,
        submissions: data.submissions.length,
        attachments: data.attachments.length,
        suggestions: data.suggestions.length,
        decisions: data.decisions.length,
        auditEvents: data.audit.length,
      },
    };
  });
}
