'use client';
import { useCallback, useRef } from 'react';
import type { DecideInput } from './types';

/** What the officer decided; the time spent and the attempt's key are added at the first send. */
type Decision = Omit<DecideInput, 'timeSpentMs' | 'idempotencyKey'>;

/**
 * One idempotency key per decision attempt. Sending the same decision again
 * (an automatic retry after a lost answer, or the officer pressing the button
 * again after "try again") reuses the key and the exact values of the first
 * send, so the server answers with the first attempt's result when it had
 * committed, instead of STALE_VERSION. Changing anything in the decision
 * starts a new attempt with a new key; a success ends the attempt.
 */
export function useDecisionAttempt() {
  const last = useRef<{ fingerprint: string; variables: DecideInput } | null>(null);
  /** `decision`: what the officer decided; `extra`: values taken at the first send only (the time spent). */
  const variables = useCallback((decision: Decision, extra: () => Pick<DecideInput, 'timeSpentMs'>): DecideInput => {
    const fingerprint = JSON.stringify(decision);
    if (last.current?.fingerprint !== fingerprint) {
      last.current = { fingerprint, variables: { ...decision, ...extra(), idempotencyKey: newUuid() } };
    }
    return last.current.variables;
  }, []);
  const done = useCallback(() => {
    last.current = null;
  }, []);
  return { variables, done };
}

/** crypto.randomUUID exists only in secure contexts; the console may be served over plain http on a LAN address. */
function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Worth sending the same attempt again by itself: the answer never arrived, or the database was away for a moment. */
export function isRetryableDecisionError(error: { data?: { domainCode?: string | null } | null } | null | undefined): boolean {
  if (!error) return false;
  if (!error.data) return true; // network failure: no answer from the server at all
  return error.data.domainCode === 'DATABASE_UNAVAILABLE';
}
