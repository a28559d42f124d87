-- Hand-written (issue 7): analytics rollups for supervisor oversight.
-- Dashboards read these materialised views, never raw decisions, so a query stays fast at millions of
-- decisions. A job calls analytics_refresh() every few minutes; REFRESH ... CONCURRENTLY keeps the views
-- readable while it runs and needs the unique indexes below (column names only, covering every row).
--
-- Decision rollup: one row per unit × ISO week (Asia/Jakarta) × dimension × key. Dimensions are
-- 'all' (key ''), 'officer' (actor id, '' for automatic), 'service', 'model' ("name version"),
-- 'channel' and 'kecamatan' ('' when unknown). Time spent is kept as a histogram h0..h15 over the
-- bucket edges (ms) 5000,10000,15000,20000,30000,45000,60000,90000,120000,180000,300000,600000,
-- 900000,1800000,3600000 (keep in sync with TIME_BUCKET_EDGES_MS in server/services/stats.ts), so
-- medians and p90 can be estimated over any set of weeks by summing buckets.
CREATE MATERIALIZED VIEW "analytics_decision_rollup" AS
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
);
--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_decision_rollup_uq" ON "analytics_decision_rollup" ("unit_id", "dim", "week", "key");
--> statement-breakpoint
-- Blind QA second reviews, completed: the confusion matrix of first vs second outcome per unit × week of
-- the first decision × service × first decider × sample source. Agreement rates and Cohen's kappa are
-- computed from these counts.
CREATE MATERIALIZED VIEW "analytics_qa_rollup" AS
SELECT
  q.unit_id,
  (date_trunc('week', f.created_at AT TIME ZONE 'Asia/Jakarta'))::date AS week,
  s.service_code AS service,
  coalesce(f.actor_id::text, '') AS officer,
  q.source,
  f.outcome::text AS first_outcome,
  sd.outcome::text AS second_outcome,
  count(*)::int AS n
FROM qa_items q
JOIN decisions f ON f.id = q.first_decision_id
JOIN decisions sd ON sd.id = q.second_decision_id
JOIN submissions s ON s.id = q.submission_id
GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_qa_rollup_uq" ON "analytics_qa_rollup" ("unit_id", "week", "service", "officer", "source", "first_outcome", "second_outcome");
--> statement-breakpoint
CREATE TABLE "analytics_refreshes" (
  "view_name" text PRIMARY KEY NOT NULL,
  "refreshed_at" timestamp with time zone NOT NULL,
  "duration_ms" integer NOT NULL
);
--> statement-breakpoint
-- Runs as the owner of the views (SECURITY DEFINER), so the application role need not own them.
-- One refresher at a time across instances: the others return false at once.
CREATE FUNCTION analytics_refresh() RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  started timestamptz;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('analytics_refresh')) THEN
    RETURN false;
  END IF;
  started := clock_timestamp();
  REFRESH MATERIALIZED VIEW CONCURRENTLY analytics_decision_rollup;
  INSERT INTO analytics_refreshes VALUES ('analytics_decision_rollup', clock_timestamp(), extract(epoch FROM clock_timestamp() - started) * 1000)
    ON CONFLICT (view_name) DO UPDATE SET refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms;
  started := clock_timestamp();
  REFRESH MATERIALIZED VIEW CONCURRENTLY analytics_qa_rollup;
  INSERT INTO analytics_refreshes VALUES ('analytics_qa_rollup', clock_timestamp(), extract(epoch FROM clock_timestamp() - started) * 1000)
    ON CONFLICT (view_name) DO UPDATE SET refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms;
  RETURN true;
END $$;
--> statement-breakpoint
INSERT INTO "analytics_refreshes" VALUES ('analytics_decision_rollup', now(), 0), ('analytics_qa_rollup', now(), 0);
--> statement-breakpoint
-- The overrides page: a person's decisions that departed from the AI, newest first, per unit (keyset pages).
-- The predicate is repeated verbatim in server/services/overrides.ts so the planner can use this index.
CREATE INDEX "decisions_overrides_idx" ON "decisions" ("unit_id", "created_at" DESC, "id" DESC)
  WHERE kind = 'human' AND ((outcome <> 'escalate' AND suggestion_id IS NOT NULL AND NOT agrees_with_ai) OR answer_edited OR jsonb_array_length(verdict_overrides) > 0);
--> statement-breakpoint
-- Reopen and supersede look up the latest decisions of one submission.
CREATE INDEX "decisions_submission_created_idx" ON "decisions" ("submission_id", "created_at" DESC);
--> statement-breakpoint
-- Completed QA reviews of a unit, newest first.
CREATE INDEX "qa_items_done_idx" ON "qa_items" ("unit_id", "completed_at" DESC) WHERE "second_decision_id" IS NOT NULL;
--> statement-breakpoint
-- "Superseded by" on decision lists: which decision replaced this one after a reopen.
CREATE INDEX "decisions_supersedes_idx" ON "decisions" ("supersedes") WHERE "supersedes" IS NOT NULL;
