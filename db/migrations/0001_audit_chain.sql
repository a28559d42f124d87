-- Hand-written: the audit trail's hash chain and its append-only guard.
-- Canonical serialisation (version 1), hashed exactly as stored:
--   stream \n seq \n occurred_at (UTC, microseconds, YYYY-MM-DDTHH:MI:SS.ffffffZ) \n actor_id \n
--   actor_role \n unit_id \n action \n entity_type \n entity_id \n payload::text (jsonb's own text form)
-- encoded as UTF-8, empty string for NULL; hash = sha256(prev_hash || canonical).
CREATE OR REPLACE FUNCTION audit_canonical(
  p_stream text, p_seq bigint, p_at timestamptz, p_actor uuid, p_role text, p_unit uuid,
  p_action text, p_entity_type text, p_entity_id text, p_payload jsonb
) RETURNS bytea LANGUAGE sql STABLE AS $$
  SELECT convert_to(
    coalesce(p_stream, '') || E'\n' || p_seq::text || E'\n' ||
    to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\n' ||
    coalesce(p_actor::text, '') || E'\n' || coalesce(p_role, '') || E'\n' ||
    coalesce(p_unit::text, '') || E'\n' || coalesce(p_action, '') || E'\n' ||
    coalesce(p_entity_type, '') || E'\n' || coalesce(p_entity_id, '') || E'\n' ||
    p_payload::text,
    'UTF8')
$$;
--> statement-breakpoint
-- Appends one event. Called as the last statement of a writing transaction so the
-- stream's head row is locked only briefly; streams never block each other.
CREATE OR REPLACE FUNCTION audit_append(
  p_stream text, p_actor uuid, p_role text, p_unit uuid,
  p_action text, p_entity_type text, p_entity_id text, p_payload jsonb
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_seq bigint;
  v_prev bytea;
  v_at timestamptz;
  v_hash bytea;
BEGIN
  SELECT seq, hash INTO v_seq, v_prev FROM audit_heads WHERE stream = p_stream FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO audit_heads (stream, seq, hash)
      VALUES (p_stream, 0, decode(repeat('00', 32), 'hex'))
      ON CONFLICT (stream) DO NOTHING;
    SELECT seq, hash INTO v_seq, v_prev FROM audit_heads WHERE stream = p_stream FOR UPDATE;
  END IF;
  v_seq := v_seq + 1;
  -- Taken after the lock so time never runs backwards along a stream.
  v_at := date_trunc('microseconds', clock_timestamp());
  v_hash := sha256(v_prev || audit_canonical(p_stream, v_seq, v_at, p_actor, p_role, p_unit,
                                              p_action, p_entity_type, p_entity_id, p_payload));
  INSERT INTO audit_events (stream, seq, prev_hash, hash, occurred_at, actor_id, actor_role, unit_id,
                            action, entity_type, entity_id, payload)
    VALUES (p_stream, v_seq, v_prev, v_hash, v_at, p_actor, p_role, p_unit,
            p_action, p_entity_type, p_entity_id, p_payload);
  UPDATE audit_heads SET seq = v_seq, hash = v_hash WHERE stream = p_stream;
  RETURN v_seq;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
-- ALWAYS: the guard fires even under session_replication_role = replica.
ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_update_delete;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_truncate;
