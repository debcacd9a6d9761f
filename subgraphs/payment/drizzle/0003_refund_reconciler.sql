-- refunds whose money never went out (the process stopped between taking the tokens back and the provider's refund)
-- are found across organisations by the scheduled pass, as processing payments are; the tenant policy is created here
-- too when it is not there yet, since the kit only adds it to tables that have no policy
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'payment' AND tablename = 'refunds' AND policyname = 'tenant_isolation') THEN
    CREATE POLICY tenant_isolation ON "payment"."refunds"
      USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
      WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
  END IF;
END $$;--> statement-breakpoint
CREATE POLICY refunds_reconciler_read ON "payment"."refunds" FOR SELECT
  USING (current_setting('app.system', true) = 'payment-reconciler');
