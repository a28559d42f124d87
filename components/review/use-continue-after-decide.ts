'use client';
import { useSyncExternalStore } from 'react';

/**
 * The officer's choice to go straight to the next item after deciding
 * ("decide and next"), kept in this browser. The decision and the claim of
 * the next item then commit together (server/services/review/decisions.ts).
 */
const KEY = 'layanan.continueAfterDecide';
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

export function useContinueAfterDecide(): [boolean, (value: boolean) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(KEY) === '1',
    () => false,
  );
  const set = (next: boolean) => {
    window.localStorage.setItem(KEY, next ? '1' : '0');
    listeners.forEach((l) => l());
  };
  return [value, set];
}
