'use client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Verdict } from '@/lib/vocabulary';
import { useTRPC } from '@/lib/trpc';

const DEBOUNCE_MS = 1200;

type DraftValue = { answer: string; verdicts: Record<string, Verdict>; reasonCode: string | null; note: string | null };

/** Saves the officer's work on the server shortly after each change; returns when it was last saved. */
export function useAutosave({ submissionId, enabled, value }: { submissionId: string; enabled: boolean; value: DraftValue }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.review.saveDraft.mutationOptions());
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const serialised = JSON.stringify(value);
  const lastSaved = useRef<string | null>(null);
  const mutate = save.mutate;
  useEffect(() => {
    if (!enabled) return;
    if (lastSaved.current === null) {
      // The first value is what was loaded: nothing to save yet.
      lastSaved.current = serialised;
      return;
    }
    if (serialised === lastSaved.current) return;
    const id = setTimeout(() => {
      lastSaved.current = serialised;
      mutate({ submissionId, ...(JSON.parse(serialised) as DraftValue) }, { onSuccess: (r) => setSavedAt(r.savedAt) });
    }, DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [enabled, serialised, submissionId, mutate]);
  return savedAt;
}
