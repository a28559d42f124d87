/**
 * Start-up seeding for intake: the knowledge base articles, and for the demo
 * one API client (portal channel, Disdukcapil Kota Bandung) whose key is kept
 * in the data folder so `npm start` can print it for `npm run demo:feed`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { units } from '@/db/schema';
import { authenticateApiKey, createApiClient } from './api-keys';
import { seedKnowledgeBase } from '../admin/knowledge-base';

export async function seedIntake(db: Db): Promise<{ kbArticlesAdded: number }> {
  return { kbArticlesAdded: await seedKnowledgeBase(db) };
}

/** The demo feed's key: reused while it is valid, created (and saved with mode 600) otherwise. */
export async function ensureDemoApiKey(db: Db, keyFile: string, unitCode = 'bdg'): Promise<{ key: string; unitName: string } | null> {
  const [unit] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.code, unitCode));
  if (!unit) return null;
  if (existsSync(keyFile)) {
    const key = readFileSync(keyFile, 'utf8').trim();
    const client = await authenticateApiKey(db, key);
    if (client?.unitId === unit.id) return { key, unitName: unit.name };
  }
  const { key } = await createApiClient(db, null, { unitId: unit.id, channel: 'portal', name: 'Demo feed (npm run demo:feed)', rateLimitPerMinute: 600 });
  writeFileSync(keyFile, key, { mode: 0o600 });
  return { key, unitName: unit.name };
}
