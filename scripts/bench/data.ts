/**
 * Data at scale for the benchmark, generated in SQL (generate_series and a
 * plpgsql loop over audit_append for the hash chains), with progress lines.
 */
import type postgres from 'postgres';

export type Scale = { submissions: number; decisions: number; auditEvents: number; pending: number; units: number };

export const FULL: Scale = { submissions: 1_000_000, decisions: 2_000_000, auditEvents: 5_000_000, pending: 150_000, units: 10 };
export const QUICK: Scale = { submissions: 40_000, decisions: 25_000, auditEvents: 60_000, pending: 30_000, units: 10 };

const progress = (label: string, t0: number) => console.log(`  · ${label.padEnd(46)} ${((Date.now() - t0) / 1000).toFixed(1)}s`);

export type BenchUnits = { unitIds: string[]; benchUnitId: string };

/** Ten units (the three demo ones plus seven), and officers for the concurrent workers in the bench unit. */
export async function prepareUnits(sql: postgres.Sql, scale: Scale, officerHash: string): Promise<BenchUnits> {
  const existing = await sql<{ id: string }[]>`select id from units order by code`;
  for (let i = existing.length; i < scale.units; i++) {
    await sql`insert into units (code, name, region_code, ticket_prefix)
              values (${'b' + i}, ${'Unit Uji Beban ' + i}, '32.73', ${'B' + i})`;
  }
  const unitIds = (await sql<{ id: string }[]>`select id from units order by code`).map((r) => r.id);
  const benchUnitId = unitIds[0];
  await sql`insert into users (email, name, role, unit_id, password_hash)
            select 'bench' || g || '@layanan.go.id', 'Petugas Uji ' || g, 'officer', ${benchUnitId}, ${officerHash}
            from generate_series(1, 40) g on conflict (email) do nothing`;
  await sql`insert into users (email, name, role, unit_id, password_hash)
            values ('bench-supervisor@layanan.go.id', 'Supervisor Uji', 'supervisor', ${benchUnitId}, ${officerHash})
            on conflict (email) do nothing`;
  return { unitIds, benchUnitId };
}

export async function generateData(sql: postgres.Sql, scale: Scale, units: BenchUnits) {
  const t0 = Date.now();
  const decided = scale.submissions - scale.pending;
  await sql`create temp table bench_units as select row_number() over (order by code) - 1 as i, id from units`;
  // Decided submissions spread over all units; the pending ones all wait in the bench unit's queue.
  await sql`
    insert into submissions (id, ticket, unit_id, service_code, channel, citizen_name, nik, message, status, sla_due_at,
                             received_at, latest_suggestion_id, decided_at, version, kecamatan)
    select md5('s' || g)::uuid, 'BENCH-' || g,
           case when g > ${decided} then ${units.benchUnitId}::uuid else (select id from bench_units where i = g % ${scale.units}) end,
           (array['ktp-el','kk-perubahan','akta-kelahiran','pindah-datang','pbb-p2','bansos','bpjs-kesehatan','pengaduan'])[1 + g % 8],
           (array['portal','chatbot','whatsapp','counter'])[1 + g % 4]::channel,
           'Warga Uji ' || g, lpad((3273010000000000 + g)::text, 16, '0'), 'Permohonan uji beban',
           (case when g > ${decided} then 'pending_review'
                 else (array['approved','approved','approved','rejected','awaiting_citizen','auto_approved'])[1 + g % 6] end)::submission_status,
           now() + make_interval(mins => (g % 20000) - 5000), now() - make_interval(mins => g % 86400),
           md5('a' || g)::uuid,
           case when g > ${decided} then null else now() - make_interval(mins => g % 86000) end,
           case when g > ${decided} then 1 else 3 end,
           (array['Coblong','Sukajadi','Cicendo','Andir','Regol','Lengkong'])[1 + g % 6]
    from generate_series(1, ${scale.submissions}) g`;
  progress(`${scale.submissions.toLocaleString('en')} submissions`, t0);
  await sql`
    insert into ai_suggestions (id, submission_id, version, draft_answer, recommendation, confidence, doc_verdicts, model_name, model_version)
    select md5('a' || g)::uuid, md5('s' || g)::uuid, 1, 'Yth. Bapak/Ibu, permohonan Anda telah kami periksa.',
           (array['approve','approve','approve','request_info','reject'])[1 + g % 5]::recommendation,
           0.5 + (g % 50) / 100.0,
           '[{"docType":"ktp","attachmentId":null,"verdict":"valid","checks":[]}]'::jsonb,
           'layanan-bm25', (array['1.0.0','1.1.0'])[1 + g % 2]
    from generate_series(1, ${scale.submissions}) g`;
  progress(`${scale.submissions.toLocaleString('en')} AI suggestions`, t0);
  // Units without officers of their own borrow the bench unit's, so every decision has an actor.
  await sql`create temp table bench_officers as
            select u.id as unit_id, coalesce(
              (select array_agg(o.id order by o.id) from users o where o.unit_id = u.id and o.role = 'officer'),
              (select array_agg(o.id order by o.id) from users o where o.unit_id = ${units.benchUnitId} and o.role = 'officer')) as ids
            from units u`;
  // Two decisions per decided submission on average: versions 1 and 2 (an escalation, then the final answer).
  await sql`
    insert into decisions (submission_id, unit_id, suggestion_id, actor_id, outcome, final_answer, agrees_with_ai, answer_edited,
                           edit_size, verdict_overrides, reason_code, time_spent_ms, kind, submission_version, created_at)
    select s.id, s.unit_id, s.latest_suggestion_id,
           o.ids[1 + g % array_length(o.ids, 1)],
           (array['approve','approve','reject','request_info','escalate'])[1 + g % 5]::decision_outcome,
           'Jawaban akhir', g % 7 <> 0, g % 5 = 0, (g % 5 = 0)::int * 40,
           case when g % 11 = 0 then '[{"docType":"ktp","from":"valid","to":"invalid"}]'::jsonb else '[]'::jsonb end,
           case when g % 7 = 0 or g % 11 = 0 then 'ai_verdict_wrong' end,
           30000 + (g % 300) * 1000, (case when g % 13 = 0 then 'auto' else 'human' end)::decision_kind,
           1 + (g - 1) / ${decided}, now() - make_interval(mins => g % 86000)
    from generate_series(1, ${scale.decisions}) g
    join submissions s on s.id = md5('s' || (1 + (g - 1) % ${decided}))::uuid
    join bench_officers o on o.unit_id = s.unit_id`;
  progress(`${scale.decisions.toLocaleString('en')} decisions`, t0);
  return { elapsedMs: Date.now() - t0 };
}

/**
 * Hash-chained audit events, one stream per unit. Each batch computes its part
 * of the chain in one recursive query (the same canonical form and hash as
 * audit_append, so the chain verifies) and moves the stream head once; streams
 * are generated in parallel connections because they never block each other.
 */
/**
 * A unit's stream as it looks in use: claims, document openings and
 * decisions, so the explorer's filters meet realistic data.
 */
const ACTIONS = [
  'submission.received',
  'submission.drafted',
  'submission.claim',
  'attachment.view',
  'attachment.view',
  'decision.approve',
  'submission.claim',
  'attachment.view',
  'decision.request_info',
  'submission.citizen_replied',
  'submission.claim',
  'decision.reject',
];

export async function generateAudit(sql: postgres.Sql, scale: Scale, unitIds: string[]) {
  const t0 = Date.now();
  const perStream = Math.floor(scale.auditEvents / unitIds.length);
  const batch = 50_000;
  let done = 0;
  const total = perStream * unitIds.length;
  const lanes = 2; // the machine's cores: more lanes only queue up
  const queue = [...unitIds];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let unitId = queue.shift(); unitId; unitId = queue.shift()) {
        const stream = `unit:${unitId}`;
        await sql`insert into audit_heads (stream, seq, hash) values (${stream}, 0, decode(repeat('00', 32), 'hex')) on conflict do nothing`;
        for (let start = 0; start < perStream; start += batch) {
          const n = Math.min(batch, perStream - start);
          await sql.begin(async (tx) => {
            const [head] = await tx`select seq, hash from audit_heads where stream = ${stream} for update`;
            await tx`
              with recursive chain(seq, at, action, prev_hash, hash) as (
                select ${head.seq}::bigint, null::timestamptz, null::text, null::bytea, ${head.hash}::bytea
                union all
                select c.seq + 1, e.at, e.action, c.hash,
                       sha256(c.hash || audit_canonical(${stream}, c.seq + 1, e.at, null, 'system', ${unitId}::uuid, e.action,
                                                        'submission', md5((c.seq + 1)::text), jsonb_build_object('i', c.seq + 1)))
                from chain c, lateral (select date_trunc('microseconds', now() - interval '60 days' + make_interval(secs => (c.seq + 1) * 0.5)) as at,
                                              (${ACTIONS}::text[])[1 + (c.seq + 1) % ${ACTIONS.length}] as action) e
                where c.seq < ${head.seq}::bigint + ${n}
              ),
              ins as (
                insert into audit_events (stream, seq, prev_hash, hash, occurred_at, actor_id, actor_role, unit_id, action, entity_type, entity_id, payload)
                select ${stream}, seq, prev_hash, hash, at, null, 'system', ${unitId}::uuid, action, 'submission', md5(seq::text),
                       jsonb_build_object('i', seq)
                from chain where prev_hash is not null
                returning seq, hash
              )
              update audit_heads set seq = last.seq, hash = last.hash
              from (select seq, hash from ins order by seq desc limit 1) last where stream = ${stream}`;
          });
          done += n;
          if (done % (batch * 4) === 0 || done === total) progress(`audit events ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`, t0);
        }
      }
    }),
  );
  return { elapsedMs: Date.now() - t0, events: total };
}
