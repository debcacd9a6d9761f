-- Open invitations are the consumers' own: no request reads them.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'notification' AND tablename = 'invitations') THEN
    CREATE POLICY invitations_system ON "notification"."invitations"
      USING (current_setting('app.system', true) = 'notification')
      WITH CHECK (current_setting('app.system', true) = 'notification');
  END IF;
END $$;
