import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { KillSwitchBanner } from '@/components/admin/kill-switch-banner';
import { AppHeader, type NavItem } from '@/components/layout/app-header';
import { requireRole } from '@/server/page-guards';
import { ROLES, type Role } from '@/lib/vocabulary';

export const dynamic = 'force-dynamic';

const NAV: { href: string; key: string; roles: Role[] }[] = [
  { href: '/queue', key: 'queue', roles: ['officer', 'supervisor'] },
  { href: '/supervisor', key: 'supervisor', roles: ['supervisor'] },
  { href: '/admin', key: 'admin', roles: ['admin'] },
  { href: '/supervisor/analytics', key: 'oversight', roles: ['admin'] },
  { href: '/admin/policies', key: 'policies', roles: ['admin'] },
  { href: '/admin/users', key: 'users', roles: ['admin'] },
  { href: '/admin/reasons', key: 'reasons', roles: ['admin'] },
  { href: '/admin/api-clients', key: 'integrations', roles: ['admin'] },
  { href: '/admin/knowledge-base', key: 'knowledgeBase', roles: ['admin'] },
  { href: '/admin/jobs', key: 'jobs', roles: ['admin'] },
  { href: '/audit', key: 'audit', roles: ['supervisor', 'admin'] },
];

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireRole([...ROLES]);
  const t = await getTranslations('nav');
  const items: NavItem[] = NAV.filter((n) => n.roles.includes(actor.role)).map((n) => ({ href: n.href, label: t(n.key) }));
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader items={items} userName={actor.name} roleLabel={t(`role.${actor.role}`)} />
      {actor.role !== 'officer' && <KillSwitchBanner canManage={actor.role === 'admin'} />}
      <main id="main" className="flex-1">
        {children}
      </main>
    </div>
  );
}
