CREATE TABLE "analytics"."active_spans" (
	"org_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "active_spans_org_id_token_id_starts_at_ends_at_pk" PRIMARY KEY("org_id","token_id","starts_at","ends_at")
);
--> statement-breakpoint
CREATE INDEX "active_spans_ends" ON "analytics"."active_spans" USING btree ("org_id","token_id","ends_at");