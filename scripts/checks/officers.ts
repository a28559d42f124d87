/**
 * Concurrent officers over real HTTP, for the fault and multi-instance checks
 * (scripts/test-faults.ts, scripts/test-instances.ts). Each officer works as
 * the review page does: take the next item, read it, decide with "continue
 * with the next item". A decision whose answer did not arrive (database away,
 * connection cut) is sent again with the same idempotency key until the
 * server answers, so every decision the client saw acknowledged is known,
 * and the SQL invariants afterwards can hold the server to it.
 */
import { randomUUID } from 'node:crypto';
import { signIn, type HttpOfficer } from '../bench/cycles';

export type Answer = { at: number; ms: number; status: number; code: string | null; path: string };
export type Acknowledged = { submissionId: string; outcome: string; decisionId: string; retries: number; at: number };

export type LoadReport = {
  acknowledged: Acknowledged[];
  answers: Answer[];
  /** Decisions whose replay was refused, so the client could not learn the outcome (must stay zero). */
  unknownOutcomes: { submissionId: string; code: string | null }[];
};

const ANSWER = 'Yth. Bapak/Ibu, permohonan Anda lengkap dan akan kami proses.';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Call = { ok: true; data: unknown } | { ok: false; status: number; code: string | null };

export function officerLoad(bases: string[], report: LoadReport = { acknowledged: [], answers: [], unknownOutcomes: [] }) {
  /** One tRPC call; the answer (or its absence: status 0) is recorded with its latency. */
  async function call(base: string, officer: HttpOfficer, path: string, input: unknown, mutation: boolean): Promise<Call> {
    const started = Date.now();
    const payload = JSON.stringify({ json: input });
    let status = 0;
    let code: string | null = 'NETWORK';
    try {
      const res = mutation
        ? await fetch(`${base}/api/trpc/${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: officer.cookie, origin: base },
            body: payload,
            signal: AbortSignal.timeout(30_000),
          })
        : await fetch(`${base}/api/trpc/${path}?input=${encodeURIComponent(payload)}`, {
            headers: { cookie: officer.cookie },
            signal: AbortSignal.timeout(30_000),
          });
      status = res.status;
      const body = (await res.json().catch(() => ({}))) as {
        result?: { data: { json: unknown } };
        error?: { json: { data?: { domainCode?: string | null; code?: string } } };
      };
      if (res.ok && body.result) {
        report.answers.push({ at: started, ms: Date.now() - started, status, code: null, path });
        return { ok: true, data: body.result.data.json };
      }
      code = body.error?.json.data?.domainCode ?? body.error?.json.data?.code ?? null;
    } catch {
      // No answer at all (connection refused or cut): recorded as status 0.
    }
    report.answers.push({ at: started, ms: Date.now() - started, status, code, path });
    return { ok: false, status, code };
  }

  /** Retryable: the server said the database is away, or nothing came back. */
  const retryable = (r: Call) => !r.ok && (r.status === 0 || r.status === 503 || r.status === 502);

  async function officerLoop(base: string, officer: HttpOfficer, until: number) {
    let held: string | null = null;
    while (Date.now() < until) {
      if (!held) {
        const taken = await call(base, officer, 'queue.takeNext', null, true);
        if (!taken.ok) {
          if (taken.code === 'QUEUE_EMPTY') return;
          await sleep(100);
          continue;
        }
        held = (taken.data as { submissionId: string }).submissionId;
      }
      const review = await call(base, officer, 'review.get', { submissionId: held }, false);
      if (!review.ok) {
        if (!retryable(review)) held = null;
        await sleep(100);
        continue;
      }
      const item = review.data as { submission: { version: number }; suggestion: { id: string; recommendation: string } | null };
      const outcome = item.suggestion?.recommendation ?? 'approve';
      const input = {
        submissionId: held,
        version: item.submission.version,
        suggestionId: item.suggestion?.id ?? null,
        outcome,
        answer: ANSWER,
        verdicts: [],
        reasonCode: outcome === 'reject' ? 'not_eligible' : null,
        note: null,
        timeSpentMs: 1000,
        takeNext: true,
        idempotencyKey: randomUUID(),
      };
      let result = await call(base, officer, 'review.decide', input, true);
      let retries = 0;
      // As the review page does: the same decision, the same key, until the server answers.
      while (retryable(result) && Date.now() < until + 60_000) {
        retries++;
        await sleep(Math.min(100 * 2 ** retries, 1_000));
        result = await call(base, officer, 'review.decide', input, true);
      }
      if (result.ok) {
        const data = result.data as { decisionId: string; next: { submissionId: string } | null };
        report.acknowledged.push({ submissionId: input.submissionId, outcome, decisionId: data.decisionId, retries, at: Date.now() });
        held = data.next?.submissionId ?? null;
      } else {
        if (retries > 0) report.unknownOutcomes.push({ submissionId: input.submissionId, code: result.code });
        held = null;
      }
    }
    if (held) await call(base, officer, 'queue.release', { submissionId: held }, true);
  }

  return {
    report,
    /** Signs the officers in (spread over the bases round-robin) and runs them all until `ms` have passed. */
    async run(emails: string[], password: string, ms: number) {
      const officers = await Promise.all(emails.map((e, i) => signIn(bases[i % bases.length], e, password)));
      const until = Date.now() + ms;
      await Promise.all(officers.map((o, i) => officerLoop(bases[i % bases.length], o, until)));
      return report;
    },
  };
}
