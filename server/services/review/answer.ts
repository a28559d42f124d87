/**
 * The answer a citizen receives: the officer's text plus a disclosure that AI
 * assisted and a named officer decided.
 */
import { diffWords } from 'diff';

export function disclosureLine(officerName: string, unitName: string): string {
  return `Jawaban ini disusun dengan bantuan AI dan telah diperiksa serta diputuskan oleh ${officerName} (${unitName}).`;
}

export function withDisclosure(answer: string, officerName: string, unitName: string): string {
  return `${answer.trim()}\n\n— ${disclosureLine(officerName, unitName)}`;
}

/** Characters added plus removed between the AI draft and the final answer, at word granularity. */
export function editSize(draft: string, final: string): number {
  if (draft === final) return 0;
  return diffWords(draft, final).reduce((n, part) => (part.added || part.removed ? n + part.value.length : n), 0);
}
