import { redirect } from 'next/navigation';
import { getActor } from './auth';
import type { Role } from '@/lib/vocabulary';
import type { Actor } from './services/core/actor';

/** Where each role starts its day. */
export const HOME_BY_ROLE: Record<Role, string> = {
  officer: '/queue',
  supervisor: '/supervisor',
  admin: '/admin',
};

/** Page-level guard: the UI redirects; the tRPC procedures still refuse on their own. */
export async function requireRole<R extends Role>(roles: R[]): Promise<Actor & { role: R }> {
  const actor = await getActor();
  if (!actor) redirect('/login');
  if (!isOneOf(actor, roles)) redirect(HOME_BY_ROLE[actor.role]);
  return actor;
}

const isOneOf = <R extends Role>(actor: Actor, roles: R[]): actor is Actor & { role: R } => (roles as Role[]).includes(actor.role);
