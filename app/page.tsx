import { redirect } from 'next/navigation';
import { getActor } from '@/server/auth';
import { HOME_BY_ROLE } from '@/server/page-guards';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const actor = await getActor();
  redirect(actor ? HOME_BY_ROLE[actor.role] : '/login');
}
