CREATE TABLE "analytics"."dashboard_readers" (
	"org_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"time_zone" text NOT NULL,
	"last_read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_readers_org_id_token_id_time_zone_pk" PRIMARY KEY("org_id","token_id","time_zone")
);
--> statement-breakpoint
ALTER TABLE "analytics"."active_spans" ADD COLUMN "last_read_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "dashboard_readers_read" ON "analytics"."dashboard_readers" USING btree ("last_read_at");--> statement-breakpoint
-- the background pass reads who opened which dashboard and prunes stale kept spans of every organisation; these
-- tables get their tenant policy here (the start-up adds one only to a table with no policy at all)
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'analytics' AND tablename = 'active_spans' AND policyname = 'tenant_isolation') THEN
    CREATE POLICY tenant_isolation ON analytics.active_spans
      USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
      WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
  END IF;
END $$;--> statement-breakpoint
CREATE POLICY tenant_isolation ON analytics.dashboard_readers
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY warmer_read ON analytics.dashboard_readers FOR SELECT USING (current_setting('app.system', true) = 'analytics-warmer');--> statement-breakpoint
CREATE POLICY warmer_forget ON analytics.dashboard_readers FOR DELETE USING (current_setting('app.system', true) = 'analytics-warmer');--> statement-breakpoint
CREATE POLICY warmer_read ON analytics.active_spans FOR SELECT USING (current_setting('app.system', true) = 'analytics-warmer');--> statement-breakpoint
CREATE POLICY warmer_prune ON analytics.active_spans FOR DELETE USING (current_setting('app.system', true) = 'analytics-warmer');
