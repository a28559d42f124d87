/** What the admin intake page's forms choose from: units, services, channels and webhook event types. */
import { asc } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { services, units } from '@/db/schema';
import { CHANNELS } from '@/lib/vocabulary';
import { EVENT_TYPES } from './outbox';

export async function intakeAdminOptions(db: DbOrTx) {
  return {
    units: await db.select({ id: units.id, name: units.name }).from(units).orderBy(asc(units.name)),
    services: await db.select({ code: services.code, nameId: services.nameId, nameEn: services.nameEn }).from(services).orderBy(asc(services.code)),
    channels: CHANNELS,
    eventTypes: EVENT_TYPES,
  };
}
