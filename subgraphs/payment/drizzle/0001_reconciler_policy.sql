-- payments get the tenant policy, and one more: the scheduled reconciliation reads, across organisations, the
-- payments still processing (app.system = 'payment-reconciler', set only for that pass)
CREATE POLICY tenant_isolation ON "payment"."payments"
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY payments_reconciler_read ON "payment"."payments" FOR SELECT
  USING (current_setting('app.system', true) = 'payment-reconciler');
