'use client';
import type { ReactNode } from 'react';
import { useHydrated } from './use-hydrated';

/**
 * A group of filter controls that only work with JavaScript, disabled until
 * React has hydrated the page. Prefetched pages (server/trpc-prefetch.tsx)
 * paint their data and controls before the scripts run; a choice made in
 * that window would be silently lost. A disabled fieldset disables every
 * control inside it; `display: contents` keeps the surrounding layout.
 */
export function UntilHydrated({ children }: { children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <fieldset disabled={!hydrated} className="contents">
      {children}
    </fieldset>
  );
}
