import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AppHeader, type NavItem } from '@/components/layout/app-header';
import { requireRole } from '@/server/page-guards';
import type { Role } from '@/server/services/actor';

export const dynamic = 'force-dynamic';

const NAV: { href: string; key: string; roles: Role[] }[] = [
  { href: '/queue', key: 'queue', roles: ['officer', 'supervisor'] },
  { href: '/supervisor', key: 'supervisor', roles: ['supervisor'] },
  { href: '/admin', key: 'admin', roles: ['admin'] },
  { href: '/admin/reasons', key: 'reasons', roles: ['admin'] },
];

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireRole(['officer', 'supervisor', 'admin']);
  const t = await getTranslations('nav');
  const items: NavItem[] = NAV.filter((n) => n.roles.includes(actor.role)).map((n) => ({ href: n.href, label: t(n.key) }));
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader items={items} userName={actor.name} roleLabel={t(`role.${actor.role}`)} />
      <main id="main" className="flex-1">
        {children}
      </main>
    </div>
  );
}
