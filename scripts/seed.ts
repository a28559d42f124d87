/**
 * What `npm start` and `npm run db:seed` put into a migrated database: the
 * office calendar, the demo (its specimen documents read by OCR when
 * tesseract is here) unless SEED_DEMO=false, the answer templates and the
 * intake's reference rows. Idempotent: a second run adds nothing.
 */
import path from 'node:path';
import type { Db } from '@/db/client';
import { seedDemo } from '@/server/seed';
import { seedAnswerTemplates, seedCalendar } from '@/server/seed/reference';
import { env } from '@/lib/env';
import { TesseractDocumentReader } from '@/server/ai/reading';
import { ensureDemoApiKey, seedIntake } from '@/server/services/intake/seed';
import { OCR_CACHE_DIR } from './system-packages';
import { dataDir } from './runtime';

export type Seeded = { demoKey: Awaited<ReturnType<typeof ensureDemoApiKey>> | null };

export async function seedDatabase(db: Db, opts: { ocr: boolean }): Promise<Seeded> {
  // The office calendar first: the demo's SLA clocks are computed against it.
  await seedCalendar(db);
  if (env.SEED_DEMO) {
    const tSeed = Date.now();
    if (opts.ocr) console.log('▸ Reading the demo documents with OCR (once per data folder, a few minutes)…');
    // The demo's verdicts come from reading its specimen photos, as the drafting job reads uploads.
    const progress = (done: number, total: number) => {
      if (done % 50 === 0 || done === total) console.log(`  ${done}/${total} documents read (${((Date.now() - tSeed) / 1000).toFixed(0)} s)`);
    };
    const seeded = await seedDemo(db, opts.ocr ? { reader: new TesseractDocumentReader({ cacheDir: OCR_CACHE_DIR }), onRead: progress } : {});
    if (seeded.created) console.log(`  ${seeded.counts.attachments} documents read in ${((Date.now() - tSeed) / 1000).toFixed(0)} s`);
    console.log(seeded.created ? '▸ Demo data seeded' : '▸ Demo data already present');
  }
  await seedAnswerTemplates(db);
  await seedIntake(db);
  return { demoKey: env.SEED_DEMO ? await ensureDemoApiKey(db, path.join(dataDir(), 'demo-api-key')) : null };
}
