-- The log is append-only for everyone: leaves, nodes and checkpoints are never changed or removed.
INSERT INTO "chain"."log_state" ("id", "size") VALUES (1, 0);--> statement-breakpoint
CREATE FUNCTION "chain"."refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the chain log is append-only: % on %', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER leaves_append_only BEFORE UPDATE OR DELETE ON "chain"."leaves" FOR EACH ROW EXECUTE FUNCTION "chain"."refuse_change"();--> statement-breakpoint
CREATE TRIGGER nodes_append_only BEFORE UPDATE OR DELETE ON "chain"."nodes" FOR EACH ROW EXECUTE FUNCTION "chain"."refuse_change"();--> statement-breakpoint
CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON "chain"."checkpoints" FOR EACH ROW EXECUTE FUNCTION "chain"."refuse_change"();
