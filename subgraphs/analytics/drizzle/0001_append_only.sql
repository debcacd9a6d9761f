-- The audit trail is append-only for everyone: an entry is never changed or removed.
CREATE FUNCTION "analytics"."refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on %', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE ON "analytics"."audit_trail" FOR EACH ROW EXECUTE FUNCTION "analytics"."refuse_change"();--> statement-breakpoint
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON "analytics"."audit_trail" FOR EACH STATEMENT EXECUTE FUNCTION "analytics"."refuse_change"();
