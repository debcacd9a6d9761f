-- Memberships: a person sees the active organisation's memberships and their own everywhere (to list and
-- switch organisations); every change is confined to the active organisation.
ALTER TABLE "org"."memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "org"."memberships" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY memberships_read ON "org"."memberships" FOR SELECT
  USING (
    org_id = nullif(current_setting('app.org_id', true), '')::uuid
    OR user_id = nullif(current_setting('app.user_id', true), '')::uuid
  );--> statement-breakpoint
CREATE POLICY memberships_insert ON "org"."memberships" FOR INSERT
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY memberships_update ON "org"."memberships" FOR UPDATE
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY memberships_delete ON "org"."memberships" FOR DELETE
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
-- Organisations: visible when active or when the person belongs to it; changed only when active.
ALTER TABLE "org"."organizations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "org"."organizations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY organizations_read ON "org"."organizations" FOR SELECT
  USING (
    id = nullif(current_setting('app.org_id', true), '')::uuid
    OR id IN (SELECT m.org_id FROM "org"."memberships" m
              WHERE m.user_id = nullif(current_setting('app.user_id', true), '')::uuid)
  );--> statement-breakpoint
CREATE POLICY organizations_insert ON "org"."organizations" FOR INSERT
  WITH CHECK (id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY organizations_update ON "org"."organizations" FOR UPDATE
  USING (id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY organizations_delete ON "org"."organizations" FOR DELETE
  USING (id = nullif(current_setting('app.org_id', true), '')::uuid);
