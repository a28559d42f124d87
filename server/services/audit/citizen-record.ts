/**
 * A citizen's record for a data-access request (UU 27/2022 PDP: their data and
 * its processing record, within 3×24 hours): every submission of one NIK in
 * the supervisor's unit, the decisions on them, and every audit event about
 * them. The NIK is only a search key: it never enters the audit trail.
 */
import type { Db } from '@/db/client';
import { normalizeNik } from '@/lib/nik';
import { requireUnit, type Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM } from './audit';
import { rawSql } from './checkpoints';
import { eventSelect, toEventView, type AuditEventView, type RawEventRow } from './explorer';
import { DomainError } from '../core/errors';
import { maskNik } from '../core/masking';

export type CitizenQuery = { nik?: string; submissionId?: string; purpose: 'view' | 'export' };

export type CitizenRecord = {
  format: 'layanan-review/citizen-record';
  version: 1;
  generatedAt: string;
  unit: { code: string; name: string };
  citizen: { names: string[]; nikMasked: string };
  submissions: {
    id: string;
    ticket: string;
    serviceCode: string;
    channel: string;
    status: string;
    receivedAt: string;
    decidedAt: string | null;
    decisions: { outcome: string; kind: string; at: string; officer: string | null; agreesWithAi: boolean; reasonCode: string | null; answer: string }[];
  }[];
  events: AuditEventView[];
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function citizenRecord(db: Db, actor: Actor, q: CitizenQuery): Promise<CitizenRecord> {
  // The processing record is personal data: it is the unit's supervisor who answers the request.
  if (actor.role !== 'supervisor') throw new DomainError('FORBIDDEN', 'Citizen records are answered by the unit supervisor');
  const unitId = requireUnit(actor);
  const sql = rawSql(db);
  let nik = q.nik ? normalizeNik(q.nik) : null;
  if (q.nik && !nik) throw new DomainError('INVALID_INPUT', 'A NIK has 16 digits');
  if (!nik && q.submissionId) {
    const [s] = await sql<{ nik: string }[]>`select nik from submissions where id = ${q.submissionId} and unit_id = ${unitId}`;
    if (!s) throw new DomainError('NOT_FOUND', 'Submission not found');
    nik = s.nik;
  }
  if (!nik || normalizeNik(nik) !== nik) throw new DomainError('INVALID_INPUT', 'A NIK has 16 digits');

  const [unit] = await sql<{ code: string; name: string }[]>`select code, name from units where id = ${unitId}`;
  const subs = await sql<
    { id: string; ticket: string; service_code: string; channel: string; status: string; received_at: Date; decided_at: Date | null; citizen_name: string }[]
  >`
    select id, ticket, service_code, channel::text as channel, status::text as status, received_at, decided_at, citizen_name
    from submissions where nik = ${nik} and unit_id = ${unitId} order by received_at`;
  const ids = subs.map((s) => s.id);
  const decisions = ids.length
    ? await sql<
        {
          submission_id: string;
          outcome: string;
          kind: string;
          created_at: Date;
          officer: string | null;
          agrees_with_ai: boolean;
          reason_code: string | null;
          final_answer: string;
        }[]
      >`
        select d.submission_id, d.outcome::text as outcome, d.kind::text as kind, d.created_at, u.name as officer,
               d.agrees_with_ai, d.reason_code, d.final_answer
        from decisions d left join users u on u.id = d.actor_id
        where d.submission_id in ${sql(ids)} order by d.created_at`
    : [];
  const events = ids.length
    ? (
        await sql<RawEventRow[]>`
          ${eventSelect(sql)}
          where e.entity_type = 'submission' and e.entity_id in ${sql(ids)}
          order by e.occurred_at, e.stream, e.seq`
      ).map(toEventView)
    : [];

  await appendAudit(db, {
    stream: SECURITY_STREAM,
    actor,
    unitId,
    action: q.purpose === 'export' ? 'audit.citizen_export' : 'audit.citizen_lookup',
    entityType: 'citizen',
    entityId: ids[0] ?? 'none',
    // Which submissions were disclosed, never the NIK that found them.
    payload: { via: q.nik ? 'nik' : 'submission', submissionIds: ids, events: events.length },
  });

  return {
    format: 'layanan-review/citizen-record',
    version: 1,
    generatedAt: new Date().toISOString(),
    unit: { code: unit.code, name: unit.name },
    citizen: { names: [...new Set(subs.map((s) => s.citizen_name))], nikMasked: maskNik(nik) },
    submissions: subs.map((s) => ({
      id: s.id,
      ticket: s.ticket,
      serviceCode: s.service_code,
      channel: s.channel,
      status: s.status,
      receivedAt: iso(s.received_at)!,
      decidedAt: iso(s.decided_at),
      decisions: decisions
        .filter((d) => d.submission_id === s.id)
        .map((d) => ({
          outcome: d.outcome,
          kind: d.kind,
          at: iso(d.created_at)!,
          officer: d.officer,
          agreesWithAi: d.agrees_with_ai,
          reasonCode: d.reason_code,
          answer: d.final_answer,
        })),
    })),
    events,
  };
}
