/**
 * `npm run db:seed`: seeds DATABASE_URL, already migrated (`npm run db:migrate`),
 * with what `npm start` seeds (scripts/seed.ts). For deployments that migrate
 * and seed once before starting several instances. SEED_DEMO=false seeds the
 * reference data only, no demo accounts.
 */
import { createDb } from '@/db/client';
import { env } from '@/lib/env';
import { ensureTesseract } from './system-packages';
import { seedDatabase } from './seed';

async function main() {
  const url = env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must be set: the database to seed (migrate it first with npm run db:migrate)');
  const conn = createDb(url, 2);
  try {
    const { demoKey } = await seedDatabase(conn.db, { ocr: env.SEED_DEMO && ensureTesseract() });
    if (demoKey) console.log(`  Demo API key (${demoKey.unitName}, portal): ${demoKey.key}`);
  } finally {
    await conn.sql.end();
  }
  console.log('✔ seeded');
}

main().catch((e) => {
  console.error(`✘ ${(e as Error).message}`);
  process.exit(1);
});
