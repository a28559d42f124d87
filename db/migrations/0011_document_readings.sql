CREATE TABLE "document_readings" (
	"attachment_id" uuid PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"engine" text NOT NULL,
	"engine_version" text NOT NULL,
	"detected_type" text NOT NULL,
	"type_score" real NOT NULL,
	"mean_confidence" real NOT NULL,
	"quality" jsonb NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"page_sizes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"qr" text[] DEFAULT '{}'::text[] NOT NULL,
	"duration_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "ai_unavailable_reason" text;--> statement-breakpoint
ALTER TABLE "document_readings" ADD CONSTRAINT "document_readings_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;