CREATE TABLE "notification"."invitations" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"email" text NOT NULL,
	"params" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "invitations_email" ON "notification"."invitations" USING btree ("email","expires_at");