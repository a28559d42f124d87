-- Hand-written (issue 6): SQL for auto-approve policies.
--   * at most one active and one pending version per service (the service layer relies on it);
--   * an index for "automatic decisions of this unit today" (the daily cap);
--   * the threshold simulation's data: every final human decision on an AI suggestion lands, by a
--     statement trigger, in policy_sim_queue (one narrow row), and policy_sim_rollup() folds the
--     queue into policy_sim_daily (counts per service, Jakarta day and bucket). The simulation
--     reads the daily counts plus whatever is still queued, so it is exact at any moment and reads
--     ~100,000 rows instead of joining 2,000,000 decisions to their wide ai_suggestions rows.
CREATE UNIQUE INDEX IF NOT EXISTS "policies_one_active_uq" ON "policies" ("service_code") WHERE "status" = 'active';
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "policies_one_pending_uq" ON "policies" ("service_code") WHERE "status" = 'pending_approval';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "decisions_auto_unit_created_idx" ON "decisions" ("unit_id", "created_at") INCLUDE ("policy_id") WHERE "kind" = 'auto';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "policy_evaluations_created_idx" ON "policy_evaluations" ("created_at");
--> statement-breakpoint
-- The global kill switch (server/services/kill-switch.ts), off. The row exists from the start so that
-- evaluations can hold it FOR SHARE and the first switch waits for them like every later one.
INSERT INTO settings (key, value) VALUES ('auto_approve_kill_switch', '{"on": false, "reason": ""}'::jsonb) ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
-- True when every per-document verdict is 'valid' (an empty list is: nothing was required).
-- The same rule as evaluatePolicy's document_not_valid (server/services/policy-evaluation.ts).
CREATE OR REPLACE FUNCTION policy_docs_all_valid(v jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN v IS NULL THEN true
    WHEN jsonb_typeof(v) <> 'array' THEN false
    ELSE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v) e WHERE e->>'verdict' IS DISTINCT FROM 'valid')
  END
$$;
--> statement-breakpoint
-- Confidence in whole percent, rounded to 6 decimals first so a real 0.9 is 90, not 89:
-- "confidence >= t" for a threshold t in steps of 0.01 is "confidence_pct >= 100 t"
-- (evaluatePolicy compares at the same six decimals).
CREATE OR REPLACE FUNCTION policy_confidence_pct(c real) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT least(100, greatest(0, floor(round(c::numeric, 6) * 100)))::smallint
$$;
--> statement-breakpoint
-- Rows that no threshold 0.50–0.99 can ever approve (the AI did not recommend approval, or was
-- below 0.50 sure) only count towards the total: they share one bucket, confidence_pct = -1.
-- Flags are sorted so the same set is one bucket.
CREATE TABLE IF NOT EXISTS "policy_sim_queue" (
  "decision_id" uuid PRIMARY KEY,
  "service_code" text NOT NULL,
  "day" date NOT NULL,
  "confidence_pct" smallint NOT NULL,
  "docs_all_valid" boolean NOT NULL,
  "flags" text[] NOT NULL,
  "differs" boolean NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "policy_sim_queue_service_day_idx" ON "policy_sim_queue" ("service_code", "day");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "policy_sim_daily" (
  "service_code" text NOT NULL,
  "day" date NOT NULL,
  "confidence_pct" smallint NOT NULL,
  "docs_all_valid" boolean NOT NULL,
  "flags" text[] NOT NULL,
  "differs" boolean NOT NULL,
  "n" integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "policy_sim_daily_key" ON "policy_sim_daily" ("service_code", "day", "confidence_pct", "docs_all_valid", "differs", "flags") INCLUDE ("n");
--> statement-breakpoint
-- Final human decisions only: escalations are hand-overs, QA second reviews and reopen markers
-- are not the first answer to the suggestion. "differs": the AI said approve, the person did not.
CREATE OR REPLACE FUNCTION policy_sim_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO policy_sim_queue (decision_id, service_code, day, confidence_pct, docs_all_valid, flags, differs)
  SELECT n.id, sub.service_code, (n.created_at AT TIME ZONE 'Asia/Jakarta')::date,
         CASE WHEN c.candidate THEN c.pct ELSE -1 END,
         CASE WHEN c.candidate THEN policy_docs_all_valid(s.doc_verdicts) ELSE true END,
         CASE WHEN c.candidate THEN ARRAY(SELECT DISTINCT f FROM unnest(s.flags) f ORDER BY f) ELSE '{}'::text[] END,
         c.candidate AND n.outcome <> 'approve'
  FROM new_decisions n
  JOIN ai_suggestions s ON s.id = n.suggestion_id
  JOIN submissions sub ON sub.id = n.submission_id
  CROSS JOIN LATERAL (
    SELECT policy_confidence_pct(s.confidence) AS pct,
           s.recommendation = 'approve' AND policy_confidence_pct(s.confidence) >= 50 AS candidate
  ) c
  WHERE n.kind = 'human' AND n.outcome <> 'escalate'
  ON CONFLICT (decision_id) DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "decisions_policy_sim" ON "decisions";
--> statement-breakpoint
CREATE TRIGGER "decisions_policy_sim" AFTER INSERT ON "decisions"
  REFERENCING NEW TABLE AS new_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION policy_sim_capture();
--> statement-breakpoint
-- Moves up to max_rows queued rows into the daily counts, in one statement: rows queued while it
-- runs stay for the next call, and two calls never count a row twice (the DELETE decides). One
-- caller at a time; a second returns at once.
CREATE OR REPLACE FUNCTION policy_sim_rollup(max_rows integer DEFAULT 200000) RETURNS integer
  LANGUAGE plpgsql AS $$
DECLARE
  moved integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('layanan:policy_sim_rollup')) THEN
    RETURN 0;
  END IF;
  WITH gone AS (
    DELETE FROM policy_sim_queue q
    WHERE q.decision_id IN (SELECT decision_id FROM policy_sim_queue LIMIT max_rows FOR UPDATE SKIP LOCKED)
    RETURNING q.service_code, q.day, q.confidence_pct, q.docs_all_valid, q.flags, q.differs
  ), agg AS (
    SELECT service_code, day, confidence_pct, docs_all_valid, flags, differs, count(*)::integer AS n
    FROM gone GROUP BY 1, 2, 3, 4, 5, 6
  )
  INSERT INTO policy_sim_daily AS d (service_code, day, confidence_pct, docs_all_valid, flags, differs, n)
  SELECT service_code, day, confidence_pct, docs_all_valid, flags, differs, n FROM agg
  ON CONFLICT (service_code, day, confidence_pct, docs_all_valid, differs, flags) DO UPDATE SET n = d.n + excluded.n;
  GET DIAGNOSTICS moved = ROW_COUNT;
  RETURN moved;
END
$$;
--> statement-breakpoint
-- Decisions recorded before this migration (through the same trigger code path's shape).
INSERT INTO policy_sim_queue (decision_id, service_code, day, confidence_pct, docs_all_valid, flags, differs)
SELECT d.id, sub.service_code, (d.created_at AT TIME ZONE 'Asia/Jakarta')::date,
       CASE WHEN c.candidate THEN c.pct ELSE -1 END,
       CASE WHEN c.candidate THEN policy_docs_all_valid(s.doc_verdicts) ELSE true END,
       CASE WHEN c.candidate THEN ARRAY(SELECT DISTINCT f FROM unnest(s.flags) f ORDER BY f) ELSE '{}'::text[] END,
       c.candidate AND d.outcome <> 'approve'
FROM decisions d
JOIN ai_suggestions s ON s.id = d.suggestion_id
JOIN submissions sub ON sub.id = d.submission_id
CROSS JOIN LATERAL (
  SELECT policy_confidence_pct(s.confidence) AS pct,
         s.recommendation = 'approve' AND policy_confidence_pct(s.confidence) >= 50 AS candidate
) c
WHERE d.kind = 'human' AND d.outcome <> 'escalate'
ON CONFLICT (decision_id) DO NOTHING;
--> statement-breakpoint
SELECT policy_sim_rollup(2147483647);
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'layanan_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON policy_sim_queue, policy_sim_daily TO layanan_app;
  END IF;
EXCEPTION
  WHEN insufficient_privilege THEN
    RAISE WARNING 'policy: cannot grant on the simulation tables (%)', SQLERRM;
END
$$;
