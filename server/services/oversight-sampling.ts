/**
 * Which decisions go to blind QA: a keyed hash of the submission id, so the
 * sample is deterministic and an auditor holding the key can recompute it,
 * while an officer cannot predict which of their decisions will be checked.
 *
 *   score = first 6 bytes of HMAC-SHA256(key, submission id as lowercase text),
 *           as a big-endian integer, divided by 2^48
 *   sampled  ⇔  score < rate
 *
 * e.g. `printf %s "$ID" | openssl dgst -sha256 -hmac "$QA_SAMPLE_KEY"`, take
 * the first 12 hex digits. The key comes from QA_SAMPLE_KEY; without it the
 * documented demo key below is used (set a secret one in production).
 */
import { createHmac } from 'node:crypto';
import { DEFAULT_QA_SAMPLE_KEY, env } from '@/lib/env';

export { DEFAULT_QA_SAMPLE_KEY };
export const DEFAULT_QA_SAMPLE_RATE = 0.1;

export function qaSampleKey(): string {
  return env.QA_SAMPLE_KEY;
}

export function qaSampleScore(submissionId: string, key = qaSampleKey()): number {
  const digest = createHmac('sha256', key).update(submissionId.toLowerCase()).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

export function isSampledForQa(submissionId: string, rate: number, key = qaSampleKey()): boolean {
  if (!(rate > 0)) return false;
  if (rate >= 1) return true;
  return qaSampleScore(submissionId, key) < rate;
}
