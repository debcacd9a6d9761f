-- API keys are tenant-owned. A row is visible to its organisation, or to whoever presents the key itself:
-- the gateway's key check sets app.api_key_hash to the hash of the presented key, so RLS reveals exactly
-- the one row whose secret the caller holds, and no other.
ALTER TABLE "identity"."api_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity"."api_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY api_keys_tenant ON "identity"."api_keys"
  USING (
    org_id = nullif(current_setting('app.org_id', true), '')::uuid
    OR key_hash = nullif(current_setting('app.api_key_hash', true), '')
  )
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
