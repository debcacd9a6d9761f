-- The sandbox provider's intents, kept in payment's database so that they outlive a restart and every replica sees
-- the same ones (they were held in one process's memory). Only the sandbox reads and writes them.
CREATE TABLE "payment"."sandbox_intents" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount" numeric(39, 0) NOT NULL,
	"intent" jsonb NOT NULL,
	"settles_at" timestamp with time zone
);--> statement-breakpoint
CREATE POLICY sandbox_provider ON "payment"."sandbox_intents"
  USING (current_setting('app.system', true) = 'payment-sandbox')
  WITH CHECK (current_setting('app.system', true) = 'payment-sandbox');
