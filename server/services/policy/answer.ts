/**
 * The answer a citizen receives when no person decided: the AI's draft plus a
 * line saying it was approved automatically, under which policy version, and
 * that a person can be asked to look (UU 27/2022 Pasal 10). The human
 * counterpart is withDisclosure in answer.ts.
 */
export function autoDisclosureLine(unitName: string, policyVersion: number): string {
  return `Jawaban ini disusun dengan bantuan AI dan disetujui otomatis sesuai kebijakan layanan ${unitName} (versi kebijakan ${policyVersion}); Anda dapat meminta peninjauan oleh petugas.`;
}

export function withAutoDisclosure(answer: string, unitName: string, policyVersion: number): string {
  return `${answer.trim()}\n\n— ${autoDisclosureLine(unitName, policyVersion)}`;
}
