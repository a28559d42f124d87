/** Reference lists the UI needs: services and the managed reason codes. */
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { reasonCodes, services } from '@/db/schema';

export function listServices(db: DbOrTx) {
  return db.select().from(services).orderBy(asc(services.code));
}

export function listReasonCodes(db: DbOrTx) {
  return db.select().from(reasonCodes).where(eq(reasonCodes.active, true)).orderBy(asc(reasonCodes.sortOrder));
}
