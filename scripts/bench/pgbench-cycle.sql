-- The review cycle of scripts/bench/cycles.ts rawCycle, for Postgres's own load driver (pgbench -M prepared):
-- claim with SKIP LOCKED, insert the decision, update the status, audit_append, commit. :unit and :officer come from -D.
BEGIN;
UPDATE submissions s SET status = 'in_review', claimed_by = :officer::uuid, lease_until = now() + interval '10 minutes', version = s.version + 1
FROM (SELECT id FROM submissions WHERE unit_id = :unit::uuid AND status = 'pending_review' ORDER BY sla_due_at LIMIT 1 FOR UPDATE SKIP LOCKED) c
WHERE s.id = c.id
RETURNING s.id AS sid, s.version AS ver, s.latest_suggestion_id AS sug,
          (SELECT recommendation::text FROM ai_suggestions WHERE id = s.latest_suggestion_id) AS rec \gset
INSERT INTO decisions (submission_id, unit_id, suggestion_id, actor_id, outcome, final_answer, agrees_with_ai, answer_edited, reason_code, submission_version)
VALUES (:sid::uuid, :unit::uuid, :sug::uuid, :officer::uuid, :rec::decision_outcome, 'Yth. Bapak/Ibu, permohonan Anda lengkap dan akan kami proses.', true, false,
        CASE WHEN :rec::text = 'reject' THEN 'not_eligible' END, :ver::int)
RETURNING id AS did \gset
UPDATE submissions SET status = (CASE :rec::text WHEN 'approve' THEN 'approved' WHEN 'reject' THEN 'rejected' ELSE 'awaiting_citizen' END)::submission_status,
       claimed_by = NULL, lease_until = NULL, decided_at = now(), version = version + 1
WHERE id = :sid::uuid;
SELECT audit_append('unit:' || :unit::text, :officer::uuid, 'officer', :unit::uuid, 'decision.approve', 'submission', :sid::text,
                    jsonb_build_object('decisionId', :did::text, 'suggestionId', :sug::text, 'from', 'in_review'));
COMMIT;
