-- Hand-written (issue 16): the decision rollup is refreshed incrementally. It was a materialised view
-- that REFRESH ... CONCURRENTLY recomputed whole (about a minute at 2,000,000 decisions, holding a
-- snapshot); now it is a table of the same name and columns, and a refresh recomputes only the
-- unit × week pairs that changed since the last one. The readers (server/services/analytics.ts,
-- overrides.ts) are unchanged.
--
-- What marks a week as changed: a decision inserted (decisions are never updated or deleted), an
-- attachment added to a decided submission (approvals_with_docs), and a change of the submission
-- columns the rollup groups by (service, channel, kecamatan, SLA due time). A document view only ever
-- counts when it came before the decision, so it never changes a week already rolled up.
-- The QA rollup stays a materialised view: it holds sampled second reviews only, a few per cent of
-- decisions, and its full refresh stays well under a second.
CREATE TABLE "analytics_decision_rollup_next" AS SELECT * FROM "analytics_decision_rollup" WITH NO DATA;
--> statement-breakpoint
DROP MATERIALIZED VIEW "analytics_decision_rollup";
--> statement-breakpoint
ALTER TABLE "analytics_decision_rollup_next" RENAME TO "analytics_decision_rollup";
--> statement-breakpoint
ALTER TABLE "analytics_decision_rollup"
  ALTER COLUMN "unit_id" SET NOT NULL, ALTER COLUMN "week" SET NOT NULL, ALTER COLUMN "dim" SET NOT NULL, ALTER COLUMN "key" SET NOT NULL,
  ADD CONSTRAINT "analytics_decision_rollup_pkey" PRIMARY KEY ("unit_id", "dim", "week", "key");
--> statement-breakpoint
-- The rows of one unit × ISO week (Asia/Jakarta): the formulas of migration 0007, read through the
-- decisions_unit_created_idx range of that week only. Inlined by the planner (one SELECT, STABLE, no SET
-- clause: a SET search_path would stop inlining; analytics_refresh() sets it for the whole call).
CREATE FUNCTION analytics_decision_rollup_rows(p_unit uuid, p_week date) RETURNS SETOF "analytics_decision_rollup"
LANGUAGE sql STABLE AS $$
  WITH base AS (
    SELECT
      d.unit_id,
      (date_trunc('week', d.created_at AT TIME ZONE 'Asia/Jakarta'))::date AS week,
      coalesce(d.actor_id::text, '') AS officer,
      s.service_code AS service,
      coalesce(a.model_name || ' ' || a.model_version, '') AS model,
      s.channel::text AS channel,
      coalesce(nullif(btrim(s.kecamatan), ''), '') AS kecamatan,
      d.kind = 'human' AS human,
      d.kind = 'auto' AS auto,
      d.outcome,
      -- The base of agreement and override rates: a person's final decision on an AI suggestion.
      (d.kind = 'human' AND d.outcome <> 'escalate' AND d.suggestion_id IS NOT NULL) AS rated,
      d.agrees_with_ai,
      d.answer_edited,
      jsonb_array_length(d.verdict_overrides) > 0 AS verdict_changed,
      width_bucket(d.time_spent_ms, ARRAY[5000,10000,15000,20000,30000,45000,60000,90000,120000,180000,300000,600000,900000,1800000,3600000]) AS tb,
      d.time_spent_ms,
      d.created_at <= s.sla_due_at AS within_sla,
      (d.kind = 'human' AND d.outcome = 'approve' AND EXISTS (SELECT 1 FROM attachments at WHERE at.submission_id = d.submission_id)) AS approve_with_docs,
      (d.kind = 'human' AND d.outcome = 'approve'
        AND EXISTS (SELECT 1 FROM attachments at WHERE at.submission_id = d.submission_id)
        AND NOT EXISTS (
          SELECT 1 FROM attachments at JOIN document_views dv ON dv.attachment_id = at.id
          WHERE at.submission_id = d.submission_id AND dv.user_id = d.actor_id AND dv.first_viewed_at <= d.created_at)) AS approve_unopened
    FROM decisions d
    JOIN submissions s ON s.id = d.submission_id
    LEFT JOIN ai_suggestions a ON a.id = d.suggestion_id
    WHERE d.kind IN ('human', 'auto')
      AND d.unit_id = p_unit
      AND d.created_at >= (p_week::timestamp AT TIME ZONE 'Asia/Jakarta')
      AND d.created_at < ((p_week + 7)::timestamp AT TIME ZONE 'Asia/Jakarta')
  )
  SELECT
    unit_id,
    week,
    CASE
      WHEN grouping(officer) = 0 THEN 'officer'
      WHEN grouping(service) = 0 THEN 'service'
      WHEN grouping(model) = 0 THEN 'model'
      WHEN grouping(channel) = 0 THEN 'channel'
      WHEN grouping(kecamatan) = 0 THEN 'kecamatan'
      ELSE 'all'
    END AS dim,
    CASE
      WHEN grouping(officer) = 0 THEN officer
      WHEN grouping(service) = 0 THEN service
      WHEN grouping(model) = 0 THEN model
      WHEN grouping(channel) = 0 THEN channel
      WHEN grouping(kecamatan) = 0 THEN kecamatan
      ELSE ''
    END AS key,
    count(*) FILTER (WHERE rated)::int AS rated,
    count(*) FILTER (WHERE rated AND agrees_with_ai)::int AS agreed,
    count(*) FILTER (WHERE rated AND (NOT agrees_with_ai OR verdict_changed))::int AS overridden,
    count(*) FILTER (WHERE rated AND NOT agrees_with_ai)::int AS outcome_changed,
    count(*) FILTER (WHERE rated AND verdict_changed)::int AS verdict_changed,
    count(*) FILTER (WHERE rated AND answer_edited)::int AS answer_edited,
    count(*) FILTER (WHERE human)::int AS human_decisions,
    count(*) FILTER (WHERE human AND outcome = 'escalate')::int AS escalated,
    count(*) FILTER (WHERE outcome = 'approve')::int AS approved,
    count(*) FILTER (WHERE outcome = 'reject')::int AS rejected,
    count(*) FILTER (WHERE outcome = 'request_info')::int AS info_requested,
    count(*) FILTER (WHERE outcome <> 'escalate' AND within_sla)::int AS sla_met,
    count(*) FILTER (WHERE outcome <> 'escalate' AND NOT within_sla)::int AS sla_breached,
    count(*) FILTER (WHERE auto)::int AS auto_approved,
    count(*) FILTER (WHERE approve_with_docs)::int AS approvals_with_docs,
    count(*) FILTER (WHERE approve_unopened)::int AS approvals_unopened,
    coalesce(sum(time_spent_ms) FILTER (WHERE human), 0)::bigint AS time_total_ms,
    count(*) FILTER (WHERE human AND tb = 0)::int AS h0,
    count(*) FILTER (WHERE human AND tb = 1)::int AS h1,
    count(*) FILTER (WHERE human AND tb = 2)::int AS h2,
    count(*) FILTER (WHERE human AND tb = 3)::int AS h3,
    count(*) FILTER (WHERE human AND tb = 4)::int AS h4,
    count(*) FILTER (WHERE human AND tb = 5)::int AS h5,
    count(*) FILTER (WHERE human AND tb = 6)::int AS h6,
    count(*) FILTER (WHERE human AND tb = 7)::int AS h7,
    count(*) FILTER (WHERE human AND tb = 8)::int AS h8,
    count(*) FILTER (WHERE human AND tb = 9)::int AS h9,
    count(*) FILTER (WHERE human AND tb = 10)::int AS h10,
    count(*) FILTER (WHERE human AND tb = 11)::int AS h11,
    count(*) FILTER (WHERE human AND tb = 12)::int AS h12,
    count(*) FILTER (WHERE human AND tb = 13)::int AS h13,
    count(*) FILTER (WHERE human AND tb = 14)::int AS h14,
    count(*) FILTER (WHERE human AND tb = 15)::int AS h15
  FROM base
  GROUP BY GROUPING SETS (
    (unit_id, week),
    (unit_id, week, officer),
    (unit_id, week, service),
    (unit_id, week, model),
    (unit_id, week, channel),
    (unit_id, week, kecamatan)
  )
$$;
--> statement-breakpoint
-- Weeks to recompute: a queue, not a set. Marking never waits on a refresh (no unique key to
-- conflict on), and a refresh takes exactly the marks it can see; a mark committed while it runs
-- stays for the next one.
CREATE TABLE "analytics_dirty_weeks" (
  "unit_id" uuid NOT NULL,
  "week" date NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION analytics_week(at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (date_trunc('week', at AT TIME ZONE 'Asia/Jakarta'))::date $$;
--> statement-breakpoint
CREATE FUNCTION analytics_mark_new_decisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_weeks (unit_id, week)
  SELECT DISTINCT n.unit_id, analytics_week(n.created_at) FROM new_decisions n WHERE n.kind IN ('human', 'auto');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "decisions_analytics_mark" AFTER INSERT ON "decisions"
  REFERENCING NEW TABLE AS new_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_new_decisions();
--> statement-breakpoint
-- Every week in which one of the given submissions has a decision.
CREATE FUNCTION analytics_mark_submissions(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO analytics_dirty_weeks (unit_id, week)
  SELECT DISTINCT d.unit_id, analytics_week(d.created_at)
  FROM decisions d
  WHERE d.submission_id = ANY (ids) AND d.kind IN ('human', 'auto')
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_mark_new_attachments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_mark_submissions(ARRAY(SELECT DISTINCT submission_id FROM new_attachments));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "attachments_analytics_mark" AFTER INSERT ON "attachments"
  REFERENCING NEW TABLE AS new_attachments
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_new_attachments();
--> statement-breakpoint
CREATE FUNCTION analytics_mark_changed_submission() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_mark_submissions(ARRAY[NEW.id]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Row-level with a WHEN: only updates that change a grouping column pay anything.
CREATE TRIGGER "submissions_analytics_mark" AFTER UPDATE OF "service_code", "channel", "kecamatan", "sla_due_at" ON "submissions"
  FOR EACH ROW
  WHEN (OLD.service_code IS DISTINCT FROM NEW.service_code OR OLD.channel IS DISTINCT FROM NEW.channel
        OR OLD.kecamatan IS DISTINCT FROM NEW.kecamatan OR OLD.sla_due_at IS DISTINCT FROM NEW.sla_due_at)
  EXECUTE FUNCTION analytics_mark_changed_submission();
--> statement-breakpoint
-- One refresher at a time across instances (the others return false at once). The decision rollup:
-- take the marks, drop those weeks' rows, insert them recomputed, in this one transaction, so a
-- dashboard reads either the old or the new numbers of a week, never a half. Readers never wait.
CREATE OR REPLACE FUNCTION analytics_refresh() RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  started timestamptz;
  units uuid[];
  weeks date[];
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('analytics_refresh')) THEN
    RETURN false;
  END IF;
  started := clock_timestamp();
  WITH taken AS (DELETE FROM analytics_dirty_weeks RETURNING unit_id, week)
  SELECT array_agg(t.unit_id), array_agg(t.week) INTO units, weeks FROM (SELECT DISTINCT unit_id, week FROM taken) t;
  IF units IS NOT NULL THEN
    DELETE FROM analytics_decision_rollup r USING unnest(units, weeks) AS w(unit_id, week)
      WHERE r.unit_id = w.unit_id AND r.week = w.week;
    INSERT INTO analytics_decision_rollup
      SELECT f.* FROM unnest(units, weeks) AS w(unit_id, week) CROSS JOIN LATERAL analytics_decision_rollup_rows(w.unit_id, w.week) f;
  END IF;
  INSERT INTO analytics_refreshes VALUES ('analytics_decision_rollup', clock_timestamp(), extract(epoch FROM clock_timestamp() - started) * 1000)
    ON CONFLICT (view_name) DO UPDATE SET refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms;
  started := clock_timestamp();
  REFRESH MATERIALIZED VIEW CONCURRENTLY analytics_qa_rollup;
  INSERT INTO analytics_refreshes VALUES ('analytics_qa_rollup', clock_timestamp(), extract(epoch FROM clock_timestamp() - started) * 1000)
    ON CONFLICT (view_name) DO UPDATE SET refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms;
  RETURN true;
END $$;
--> statement-breakpoint
-- Recomputes every week that has decisions (after a change of the formulas, or to repair by hand).
CREATE FUNCTION analytics_rebuild() RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO analytics_dirty_weeks (unit_id, week)
    SELECT DISTINCT unit_id, analytics_week(created_at) FROM decisions WHERE kind IN ('human', 'auto');
  RETURN analytics_refresh();
END $$;
--> statement-breakpoint
SELECT analytics_rebuild();
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'layanan_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON analytics_decision_rollup, analytics_dirty_weeks TO layanan_app;
  END IF;
EXCEPTION
  WHEN insufficient_privilege THEN
    RAISE WARNING 'analytics: cannot grant on the rollup tables (%)', SQLERRM;
END
$$;
