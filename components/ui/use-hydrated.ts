import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the page; true after.
 * For controls that only work with JavaScript: disabled until then, so a click
 * on a page still loading is not silently lost (or, for a form, sent natively).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
