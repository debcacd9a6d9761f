-- Invitations are tenant-owned: the inviting organisation reads and changes its own. The invitee, who belongs to
-- none of them yet, reads and answers the ones sent to their address: org sets app.invitee_email to the address
-- identity vouches for (the caller's own), so RLS reveals exactly the invitations to it, and no other.
ALTER TABLE "org"."invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "org"."invitations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY invitations_tenant ON "org"."invitations"
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY invitations_invitee ON "org"."invitations" FOR SELECT
  USING (email = nullif(current_setting('app.invitee_email', true), ''));
