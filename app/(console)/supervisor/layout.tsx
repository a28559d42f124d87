import type { ReactNode } from 'react';
import { OversightNav } from '@/components/supervisor/oversight-nav';
import { requireRole } from '@/server/page-guards';

/** Oversight pages: supervisors (own unit) and admins (all units). Officers are sent back to their queue. */
export default async function SupervisorLayout({ children }: { children: ReactNode }) {
  const actor = await requireRole(['supervisor', 'admin']);
  return (
    <>
      <OversightNav role={actor.role} />
      {children}
    </>
  );
}
