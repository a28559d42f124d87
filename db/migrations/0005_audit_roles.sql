-- Hand-written (issue 5): who may touch the audit trail, enforced by Postgres itself.
--   layanan_owner  NOLOGIN. Owns audit_events, audit_heads, audit_checkpoints and the audit functions.
--   layanan_app    the role the console connects as (npm start gives it LOGIN and a password).
--                  DML on the work tables, SELECT only on the audit tables; it appends through
--                  audit_append() and audit_checkpoint_add(), SECURITY DEFINER functions of layanan_owner.
-- Idempotent, and tolerant of a migrating user that may not create roles or change owners
-- (an external Postgres): it then warns and leaves the set-up to an administrator (docs/audit.md).
DO $$
BEGIN
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'layanan_owner') THEN
      CREATE ROLE layanan_owner NOLOGIN;
    END IF;
  EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another database's migration
    WHEN insufficient_privilege THEN
      RAISE WARNING 'audit: cannot create role layanan_owner (%); see docs/audit.md', SQLERRM;
  END;
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'layanan_app') THEN
      CREATE ROLE layanan_app NOLOGIN;
    END IF;
  EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
    WHEN insufficient_privilege THEN
      RAISE WARNING 'audit: cannot create role layanan_app (%); see docs/audit.md', SQLERRM;
  END;
END
$$;
--> statement-breakpoint
-- Generic append-only guard (audit_events keeps its own from 0001).
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_checkpoints_no_update_delete ON audit_checkpoints;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_checkpoints_no_truncate ON audit_checkpoints;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER audit_checkpoints_no_update_delete;
--> statement-breakpoint
ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER audit_checkpoints_no_truncate;
--> statement-breakpoint
-- The only way the application stores a signed checkpoint. It refuses a checkpoint whose head
-- hash is not the stored hash at that sequence number, so a wrong signature target fails loudly.
CREATE OR REPLACE FUNCTION audit_checkpoint_add(
  p_stream text, p_seq bigint, p_head_hash text, p_signed_at timestamptz, p_key_id text, p_signature text
) RETURNS uuid LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_hash bytea;
  v_id uuid;
BEGIN
  SELECT hash INTO v_hash FROM audit_events WHERE stream = p_stream AND seq = p_seq;
  IF v_hash IS NULL OR encode(v_hash, 'hex') <> p_head_hash THEN
    RAISE EXCEPTION 'audit checkpoint %/% does not match the stored chain', p_stream, p_seq
      USING ERRCODE = 'check_violation';
  END IF;
  INSERT INTO audit_checkpoints (stream, seq, head_hash, signed_at, key_id, signature)
    VALUES (p_stream, p_seq, p_head_hash, p_signed_at, p_key_id, p_signature)
    ON CONFLICT (stream, seq) DO NOTHING
    RETURNING id INTO v_id;
  RETURN v_id;
END
$$;
--> statement-breakpoint
-- audit_append runs with its owner's rights, so the application needs no write privilege on the chain.
ALTER FUNCTION audit_append(text, uuid, text, uuid, text, text, text, jsonb)
  SECURITY DEFINER SET search_path = public, pg_temp;
--> statement-breakpoint
-- Audit explorer: keyset pagination newest first, all units (admin) and one unit (supervisor), by actor.
CREATE INDEX IF NOT EXISTS audit_events_time_key_idx ON audit_events (occurred_at, stream, seq);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS audit_events_unit_key_idx ON audit_events (unit_id, occurred_at, stream, seq);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS audit_events_actor_time_idx ON audit_events (actor_id, occurred_at);
--> statement-breakpoint
-- Ownership: the application role must not own the audit tables (an owner can disable triggers).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'layanan_owner') THEN
    RAISE WARNING 'audit: role layanan_owner missing; audit tables stay owned by %', current_user;
    RETURN;
  END IF;
  BEGIN
    EXECUTE 'GRANT USAGE, CREATE ON SCHEMA public TO layanan_owner';
    ALTER TABLE audit_events OWNER TO layanan_owner;
    ALTER TABLE audit_heads OWNER TO layanan_owner;
    ALTER TABLE audit_checkpoints OWNER TO layanan_owner;
    ALTER FUNCTION audit_canonical(text, bigint, timestamptz, uuid, text, uuid, text, text, text, jsonb) OWNER TO layanan_owner;
    ALTER FUNCTION audit_append(text, uuid, text, uuid, text, text, text, jsonb) OWNER TO layanan_owner;
    ALTER FUNCTION audit_checkpoint_add(text, bigint, text, timestamptz, text, text) OWNER TO layanan_owner;
    ALTER FUNCTION audit_events_refuse_change() OWNER TO layanan_owner;
    ALTER FUNCTION audit_refuse_change() OWNER TO layanan_owner;
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'audit: cannot hand the audit tables to layanan_owner (%); see docs/audit.md', SQLERRM;
  END;
END
$$;
--> statement-breakpoint
-- Privileges of the application role, for the tables of this migration and (default privileges)
-- for tables later migrations create as the same migrating user.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'layanan_app') THEN
    RAISE WARNING 'audit: role layanan_app missing; grant it yourself (docs/audit.md)';
    RETURN;
  END IF;
  BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO layanan_app', current_database());
    GRANT USAGE ON SCHEMA public TO layanan_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO layanan_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO layanan_app;
    REVOKE ALL ON audit_events, audit_heads, audit_checkpoints FROM layanan_app;
    GRANT SELECT ON audit_events, audit_heads, audit_checkpoints TO layanan_app;
    REVOKE ALL ON FUNCTION audit_append(text, uuid, text, uuid, text, text, text, jsonb) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION audit_append(text, uuid, text, uuid, text, text, text, jsonb) TO layanan_app;
    REVOKE ALL ON FUNCTION audit_checkpoint_add(text, bigint, text, timestamptz, text, text) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION audit_checkpoint_add(text, bigint, text, timestamptz, text, text) TO layanan_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO layanan_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO layanan_app;
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'audit: cannot grant privileges to layanan_app (%); see docs/audit.md', SQLERRM;
  END;
END
$$;
