/**
 * The review cycle three ways: raw SQL (the database's own limit, our
 * baseline), our services in-process, and the product over HTTP with signed-in
 * officers calling the tRPC procedures on the production server.
 */
import type postgres from 'postgres';
import type { Db } from '@/db/client';
import type { Actor } from '@/server/services/core/actor';
import { decide } from '@/server/services/review/decisions';
import { release, takeNext, type ClaimResult } from '@/server/services/review/queue';
import { closedLoop } from './measure';

const ANSWER = 'Yth. Bapak/Ibu, permohonan Anda lengkap dan akan kami proses.';
/** Every cycle agrees with the AI, so all three paths do the same work; a reject always carries a reason. */
const STATUS_OF: Record<string, string> = { approve: 'approved', reject: 'rejected', request_info: 'awaiting_citizen' };
const REJECT_REASON = 'not_eligible';
const reasonFor = (outcome: string) => (outcome === 'reject' ? REJECT_REASON : null);

/** claim (SKIP LOCKED) → insert decision → update status → audit_append → commit, all prepared, one transaction. */
export function rawCycle(sql: postgres.Sql, unitId: string, officers: Actor[]) {
  return async (w: number) =>
    sql.begin(async (tx) => {
      const officer = officers[w];
      const [c] = await tx`
        update submissions s set status = 'in_review', claimed_by = ${officer.id}, lease_until = now() + interval '10 minutes',
               version = s.version + 1
        from (select id from submissions where unit_id = ${unitId} and status = 'pending_review'
              order by sla_due_at limit 1 for update skip locked) c
        where s.id = c.id returning s.id, s.version, s.latest_suggestion_id,
          (select recommendation from ai_suggestions where id = s.latest_suggestion_id) as recommendation`;
      if (!c) return false;
      const [d] = await tx`
        insert into decisions (submission_id, unit_id, suggestion_id, actor_id, outcome, final_answer, agrees_with_ai,
                               answer_edited, reason_code, submission_version)
        values (${c.id}, ${unitId}, ${c.latest_suggestion_id}, ${officer.id}, ${c.recommendation}, ${ANSWER}, true, false,
                ${reasonFor(c.recommendation)}, ${c.version})
        returning id`;
      await tx`update submissions set status = ${STATUS_OF[c.recommendation as string]}, claimed_by = null, lease_until = null, decided_at = now(),
               version = version + 1 where id = ${c.id}`;
      await tx`select audit_append(${'unit:' + unitId}, ${officer.id}, 'officer', ${unitId}, 'decision.approve', 'submission',
               ${c.id}, ${JSON.stringify({ decisionId: d.id, suggestionId: c.latest_suggestion_id, from: 'in_review', to: STATUS_OF[c.recommendation as string] })}::jsonb)`;
      return true;
    });
}

/**
 * The same work through our services, as an officer works with "continue with
 * the next item": the first item comes from takeNext, every later one from
 * the decision that claimed it in the same transaction (decide with takeNext).
 */
export function serviceCycle(db: Db, sql: postgres.Sql, officers: Actor[]) {
  const held: (ClaimResult | null | undefined)[] = officers.map(() => undefined);
  return async (w: number) => {
    const officer = officers[w];
    const claimed = held[w] === undefined ? await takeNextOrNull(db, officer) : held[w];
    if (!claimed) return false;
    held[w] = undefined; // after a failure, start again from take next
    const [s] = await sql`select s.latest_suggestion_id, a.recommendation from submissions s
                          join ai_suggestions a on a.id = s.latest_suggestion_id where s.id = ${claimed.submissionId}`;
    const result = await decide(db, officer, {
      submissionId: claimed.submissionId,
      version: claimed.version,
      suggestionId: s.latest_suggestion_id,
      outcome: s.recommendation,
      answer: ANSWER,
      verdicts: [],
      reasonCode: reasonFor(s.recommendation),
      note: null,
      timeSpentMs: 1000,
      takeNext: true,
    });
    held[w] = result.next;
    return true;
  };
}

async function takeNextOrNull(db: Db, officer: Actor): Promise<ClaimResult | null> {
  try {
    return await takeNext(db, officer);
  } catch (e) {
    if ((e as { code?: string }).code === 'QUEUE_EMPTY') return null;
    throw e;
  }
}

/**
 * With "continue with the next item" every officer still holds the item
 * claimed by its last decision when a timed loop ends: give those back (as an
 * officer would) so the next loop starts from a clean queue.
 */
export async function releaseHeld(db: Db, sql: postgres.Sql, officers: Actor[]) {
  const rows = await sql<{ id: string; claimed_by: string }[]>`
    select id, claimed_by from submissions where status = 'in_review' and claimed_by in ${sql(officers.map((o) => o.id))}`;
  for (const r of rows) await release(db, officers.find((o) => o.id === r.claimed_by)!, r.id);
}

export type HttpOfficer = { cookie: string };

/** Signs in through next-auth exactly like the login form: CSRF token, credentials callback, session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<HttpOfficer> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(csrfRes);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = cookiesOf(res)
    .split('; ')
    .filter((c) => c.startsWith('next-auth.session-token'))
    .join('; ');
  if (!session) throw new Error(`sign-in failed for ${email} (${res.status})`);
  return { cookie: session };
}

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Every request's latency in ms, for the per-request percentiles next to the per-cycle ones. */
export const requestLatencies: number[] = [];

async function trpc<T>(base: string, officer: HttpOfficer, path: string, input: unknown, mutation: boolean): Promise<T> {
  const started = performance.now();
  const payload = JSON.stringify({ json: input });
  const res = mutation
    ? await fetch(`${base}/api/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: officer.cookie, origin: base },
        body: payload,
      })
    : await fetch(`${base}/api/trpc/${path}?input=${encodeURIComponent(payload)}`, { headers: { cookie: officer.cookie } });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: { data?: { domainCode?: string } } } };
  if (!res.ok || !body.result) {
    const code = body.error?.json.data?.domainCode ?? String(res.status);
    throw Object.assign(new Error(`${path}: ${code}`), { code });
  }
  requestLatencies.push(performance.now() - started);
  return body.result.data.json;
}

/**
 * One officer's loop on the product, as the review page does it with
 * "continue with the next item": read the item with its suggestion, decide
 * (which claims the next one), go on. The first item comes from take next.
 */
export function httpCycle(base: string, officers: HttpOfficer[]) {
  const held: (string | null | undefined)[] = officers.map(() => undefined);
  const cycle = async (w: number) => {
    const officer = officers[w];
    if (held[w] === undefined) {
      try {
        held[w] = (await trpc<{ submissionId: string }>(base, officer, 'queue.takeNext', null, true)).submissionId;
      } catch (e) {
        if ((e as { code?: string }).code !== 'QUEUE_EMPTY') throw e;
        held[w] = null;
      }
    }
    const submissionId = held[w];
    if (!submissionId) return false;
    held[w] = undefined; // after a failure, start again from take next
    const review = await trpc<{ submission: { version: number }; suggestion: { id: string; recommendation: string } | null }>(
      base,
      officer,
      'review.get',
      { submissionId },
      false,
    );
    const outcome = review.suggestion?.recommendation ?? 'approve';
    const result = await trpc<{ next: { submissionId: string } | null }>(
      base,
      officer,
      'review.decide',
      {
        submissionId,
        version: review.submission.version,
        suggestionId: review.suggestion?.id ?? null,
        outcome,
        answer: ANSWER,
        verdicts: [],
        reasonCode: reasonFor(outcome),
        note: null,
        timeSpentMs: 1000,
        takeNext: true,
      },
      true,
    );
    held[w] = result.next?.submissionId ?? null;
    return true;
  };
  /** Gives back, through queue.release, every item a decision claimed that was not decided before the loop ended. */
  const releaseAll = async () => {
    await Promise.all(held.map((id, w) => (id ? trpc(base, officers[w], 'queue.release', { submissionId: id }, true) : null)));
    held.fill(undefined);
  };
  return Object.assign(cycle, { releaseAll });
}

export { closedLoop };
