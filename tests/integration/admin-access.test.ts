/**
 * Every admin procedure refuses officers and supervisors, enumerated from the
 * router itself so a procedure added later is covered without editing this
 * test. Only the kill-switch state is readable by supervisors (their banner).
 */
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { appRouter } from '@/server/routers';
import type { Actor } from '@/server/services/core/actor';
import { createCallerFactory } from '@/server/trpc';
import { makeAdmin, makeUnit, testDb } from './fixtures';

const createCaller = createCallerFactory(appRouter);
const SUPERVISOR_READABLE = new Set(['policies.killSwitch']);
const adminPaths = Object.keys(appRouter._def.procedures)
  .filter((p) => p.startsWith('admin.') || p.startsWith('policies.'))
  .filter((p) => !SUPERVISOR_READABLE.has(p))
  .sort();

type Callable = (input?: unknown) => Promise<unknown>;
function procedureAt(actor: Actor, path: string): Callable {
  let node: unknown = createCaller({ db: testDb(), actor });
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return node as Callable;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}

describe('admin procedures', () => {
  it('cover users, units, services, policies and the kill switch', () => {
    for (const p of [
      'admin.users.list',
      'admin.users.create',
      'admin.users.update',
      'admin.users.setActive',
      'admin.users.resetPassword',
      'admin.units.list',
      'admin.units.create',
      'admin.units.update',
      'admin.services.list',
      'admin.services.save',
      'policies.overview',
      'policies.detail',
      'policies.propose',
      'policies.approve',
      'policies.reject',
      'policies.simulate',
      'policies.setKillSwitch',
    ]) {
      expect(adminPaths).toContain(p);
    }
  });

  it('answer FORBIDDEN to officers and supervisors, whatever the input, and record the refusal', async () => {
    const db = testDb();
    const unit = await makeUnit(db);
    for (const actor of [unit.officer, unit.supervisor]) {
      for (const path of adminPaths) {
        expect({ path, role: actor.role, code: await codeOf(procedureAt(actor, path)({})) }).toEqual({ path, role: actor.role, code: 'FORBIDDEN' });
      }
      const refusals = await db
        .select({ entityId: auditEvents.entityId })
        .from(auditEvents)
        .where(and(eq(auditEvents.actorId, actor.id), eq(auditEvents.action, 'access.forbidden')));
      expect(new Set(refusals.map((r) => r.entityId))).toEqual(new Set(adminPaths));
    }
  });

  it('let admins in', async () => {
    const admin = await makeAdmin(testDb());
    for (const path of ['admin.users.list', 'admin.units.list', 'admin.services.list', 'policies.overview', 'policies.killSwitch']) {
      expect(await codeOf(procedureAt(admin, path)())).toBe('OK');
    }
  });
});
