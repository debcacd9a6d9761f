-- Row-level security. A person reads only their own notifications, preferences and address; an organisation only
-- its own members and webhooks. The subgraph's consumers and delivery workers act across people and organisations
-- with `app.system = 'notification'` set in their own transactions, never in a request's.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'notification') THEN
    CREATE POLICY members_tenant ON "notification"."members"
      USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid OR current_setting('app.system', true) = 'notification')
      WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid OR current_setting('app.system', true) = 'notification');
    CREATE POLICY notifications_own_read ON "notification"."notifications" FOR SELECT
      USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid OR current_setting('app.system', true) = 'notification');
    CREATE POLICY notifications_own_update ON "notification"."notifications" FOR UPDATE
      USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
      WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
    CREATE POLICY notifications_system_insert ON "notification"."notifications" FOR INSERT
      WITH CHECK (current_setting('app.system', true) = 'notification');
    CREATE POLICY preferences_own ON "notification"."preferences"
      USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid OR current_setting('app.system', true) = 'notification')
      WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
    CREATE POLICY recipients_own ON "notification"."recipients"
      USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid OR current_setting('app.system', true) = 'notification')
      WITH CHECK (current_setting('app.system', true) = 'notification');
    CREATE POLICY mails_system ON "notification"."mails"
      USING (current_setting('app.system', true) = 'notification')
      WITH CHECK (current_setting('app.system', true) = 'notification');
    CREATE POLICY webhook_endpoints_tenant ON "notification"."webhook_endpoints"
      USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid OR current_setting('app.system', true) = 'notification')
      WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid OR current_setting('app.system', true) = 'notification');
    CREATE POLICY webhook_messages_tenant ON "notification"."webhook_messages"
      USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid OR current_setting('app.system', true) = 'notification')
      WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid OR current_setting('app.system', true) = 'notification');
    CREATE POLICY webhook_deliveries_tenant ON "notification"."webhook_deliveries"
      USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid OR current_setting('app.system', true) = 'notification')
      WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid OR current_setting('app.system', true) = 'notification');
    CREATE POLICY webhook_attempts_tenant ON "notification"."webhook_attempts"
      USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid OR current_setting('app.system', true) = 'notification')
      WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid OR current_setting('app.system', true) = 'notification');
  END IF;
END $$;
--> statement-breakpoint
ALTER TABLE "notification"."recipients" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notification"."recipients" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notification"."preferences" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notification"."preferences" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notification"."mails" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notification"."mails" FORCE ROW LEVEL SECURITY;
