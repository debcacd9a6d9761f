-- History is immutable for everyone, the table owner included: a mistake is fixed by a reversing transaction.
CREATE FUNCTION "token"."refuse_history_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'token history is immutable: % on %', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER transactions_immutable BEFORE UPDATE OR DELETE ON "token"."transactions"
  FOR EACH ROW EXECUTE FUNCTION "token"."refuse_history_change"();--> statement-breakpoint
CREATE TRIGGER postings_immutable BEFORE UPDATE OR DELETE ON "token"."postings"
  FOR EACH ROW EXECUTE FUNCTION "token"."refuse_history_change"();
