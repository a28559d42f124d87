CREATE TYPE "public"."channel" AS ENUM('portal', 'chatbot', 'whatsapp', 'counter');--> statement-breakpoint
CREATE TYPE "public"."decision_kind" AS ENUM('human', 'auto', 'qa_second', 'reopen');--> statement-breakpoint
CREATE TYPE "public"."doc_type" AS ENUM('ktp', 'kk', 'akta', 'surat_pengantar', 'foto', 'other');--> statement-breakpoint
CREATE TYPE "public"."decision_outcome" AS ENUM('approve', 'reject', 'request_info', 'escalate');--> statement-breakpoint
CREATE TYPE "public"."recommendation" AS ENUM('approve', 'reject', 'request_info');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('officer', 'supervisor', 'admin');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('received', 'drafting', 'pending_review', 'in_review', 'approved', 'rejected', 'awaiting_citizen', 'escalated', 'auto_approved', 'qa_review');--> statement-breakpoint
CREATE TABLE "ai_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"draft_answer" text NOT NULL,
	"citations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recommendation" "recommendation" NOT NULL,
	"confidence" real NOT NULL,
	"doc_verdicts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"model_name" text NOT NULL,
	"model_version" text NOT NULL,
	"latency_ms" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"doc_type" "doc_type" NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"extracted" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"stream" text NOT NULL,
	"seq" bigint NOT NULL,
	"prev_hash" "bytea" NOT NULL,
	"hash" "bytea" NOT NULL,
	"occurred_at" timestamp (6) with time zone NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"unit_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "audit_events_stream_seq_pk" PRIMARY KEY("stream","seq")
);
--> statement-breakpoint
CREATE TABLE "audit_heads" (
	"stream" text PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"hash" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"suggestion_id" uuid,
	"actor_id" uuid,
	"outcome" "decision_outcome" NOT NULL,
	"final_answer" text NOT NULL,
	"agrees_with_ai" boolean NOT NULL,
	"answer_edited" boolean NOT NULL,
	"edit_size" integer DEFAULT 0 NOT NULL,
	"verdict_overrides" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason_code" text,
	"note" text,
	"time_spent_ms" integer DEFAULT 0 NOT NULL,
	"kind" "decision_kind" DEFAULT 'human' NOT NULL,
	"supersedes" uuid,
	"submission_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reason_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"label_id" text NOT NULL,
	"label_en" text NOT NULL,
	"legal_basis" text,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "services" (
	"code" text PRIMARY KEY NOT NULL,
	"name_id" text NOT NULL,
	"name_en" text NOT NULL,
	"required_docs" text[] NOT NULL,
	"sla_hours" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"service_code" text NOT NULL,
	"channel" "channel" NOT NULL,
	"citizen_name" text NOT NULL,
	"nik" text NOT NULL,
	"kk_number" text,
	"phone" text,
	"address" text,
	"kecamatan" text,
	"message" text NOT NULL,
	"form" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "submission_status" NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sla_due_at" timestamp with time zone NOT NULL,
	"claimed_by" uuid,
	"lease_until" timestamp with time zone,
	"latest_suggestion_id" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "submissions_ticket_unique" UNIQUE("ticket")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"ticket_prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"unit_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"password_hash" text NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"sessions_valid_after" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "ai_suggestions" ADD CONSTRAINT "ai_suggestions_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_suggestion_id_ai_suggestions_id_fk" FOREIGN KEY ("suggestion_id") REFERENCES "public"."ai_suggestions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_reason_code_reason_codes_code_fk" FOREIGN KEY ("reason_code") REFERENCES "public"."reason_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_service_code_services_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."services"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ai_suggestions_submission_version_uq" ON "ai_suggestions" USING btree ("submission_id","version");--> statement-breakpoint
CREATE INDEX "attachments_submission_idx" ON "attachments" USING btree ("submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_stream_prev_uq" ON "audit_events" USING btree ("stream","prev_hash");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_events_unit_time_idx" ON "audit_events" USING btree ("unit_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_submission_version_uq" ON "decisions" USING btree ("submission_id","submission_version");--> statement-breakpoint
CREATE INDEX "decisions_unit_created_idx" ON "decisions" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "decisions_actor_idx" ON "decisions" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "submissions_queue_idx" ON "submissions" USING btree ("unit_id","status","sla_due_at");--> statement-breakpoint
CREATE INDEX "submissions_nik_idx" ON "submissions" USING btree ("nik");--> statement-breakpoint
CREATE INDEX "submissions_received_idx" ON "submissions" USING btree ("unit_id","received_at");--> statement-breakpoint
CREATE INDEX "users_unit_idx" ON "users" USING btree ("unit_id");