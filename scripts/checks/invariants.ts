/**
 * What must hold after concurrent officers decided, whatever failed on the
 * way (a killed database, several instances): checked in SQL on the
 * database itself, not on what the servers answered.
 */
import type postgres from 'postgres';
import { verifyStream } from '@/server/services/audit/verify';
import type { CheckResult } from './harness';
import type { LoadReport } from './officers';

/** `tickets`: a LIKE pattern for the submissions the run worked on. */
export async function decisionInvariants(sql: postgres.Sql, report: LoadReport, tickets = 'BENCH-%'): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const check = (name: string, ok: boolean, detail: string) => results.push({ name, ok, detail });

  const [{ decisions }] = await sql<{ decisions: number }[]>`
    select count(*)::int as decisions from decisions d join submissions s on s.id = d.submission_id where s.ticket like ${tickets}`;
  const doubled = await sql<{ ticket: string; n: number }[]>`
    select s.ticket, count(*)::int as n from decisions d join submissions s on s.id = d.submission_id
    where s.ticket like ${tickets} group by s.ticket having count(*) > 1`;
  check(
    'one decision per submission',
    doubled.length === 0,
    doubled.length ? `${doubled.length} submissions decided twice, e.g. ${doubled[0].ticket} ×${doubled[0].n}` : `${decisions} decisions, none doubled`,
  );

  const unaudited = await sql<{ id: string; events: number }[]>`
    select d.id, (select count(*)::int from audit_events e
                  where e.entity_type = 'submission' and e.entity_id = d.submission_id::text
                    and e.action like 'decision.%' and e.payload->>'decisionId' = d.id::text) as events
    from decisions d join submissions s on s.id = d.submission_id where s.ticket like ${tickets}`;
  const wrong = unaudited.filter((r) => r.events !== 1);
  check(
    'one audit event per decision',
    wrong.length === 0,
    wrong.length ? `${wrong.length} decisions with ≠1 audit event (e.g. ${wrong[0].id}: ${wrong[0].events})` : `${unaudited.length} decisions, one event each`,
  );

  const ackIds = report.acknowledged.map((a) => a.decisionId);
  const present = ackIds.length
    ? await sql<{ id: string; outcome: string; submission_id: string }[]>`select id, outcome, submission_id from decisions where id = any(${ackIds}::uuid[])`
    : [];
  const byId = new Map(present.map((p) => [p.id, p]));
  const lost = report.acknowledged.filter((a) => {
    const row = byId.get(a.decisionId);
    return !row || row.submission_id !== a.submissionId || row.outcome !== a.outcome;
  });
  check(
    'every acknowledged decision present',
    lost.length === 0 && ackIds.length > 0,
    lost.length ? `${lost.length} of ${ackIds.length} acknowledged decisions missing or different` : `${ackIds.length} acknowledged, all present`,
  );
  check(
    'no decision with an unknown outcome',
    report.unknownOutcomes.length === 0,
    report.unknownOutcomes.length
      ? `${report.unknownOutcomes.length} retried decisions refused (e.g. ${report.unknownOutcomes[0].code})`
      : 'every retried decision learned its outcome',
  );

  const streams = await sql<{ stream: string }[]>`select stream from audit_heads order by stream`;
  const broken: string[] = [];
  for (const { stream } of streams) {
    const r = await verifyStream(sql, stream);
    if (!r.ok) broken.push(`${stream}: ${r.firstBroken?.detail ?? 'broken'}`);
  }
  check('audit chains verify', broken.length === 0, broken.length ? broken.join('; ') : `${streams.length} streams verified`);
  return results;
}
