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
 * the first 12 hex digits. The key comes from QA_SAMPLE_KEY, which `npm start`
 * generates once per installation (the data folder's `qa-sample-key`) unless it
 * is set. Outside production (tests, development) the documented key below
 * stands in; a production server without a key refuses to sample rather than
 * use a key everybody can read.
 */
import { createHmac } from 'node:crypto';
import { env } from '@/lib/env';

/** The key of tests and development: documented, so public; production refuses it. */
export const DEFAULT_QA_SAMPLE_KEY = 'layanan-review-qa-sample-v1';
export const DEFAULT_QA_SAMPLE_RATE = 0.1;

export function qaSampleKey(): string {
  const configured = env.QA_SAMPLE_KEY;
  if (configured) return configured;
  if (process.env.NODE_ENV === 'production') throw new Error('QA_SAMPLE_KEY is not set: npm start generates one; a deployment sets it on every instance');
  return DEFAULT_QA_SAMPLE_KEY;
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
