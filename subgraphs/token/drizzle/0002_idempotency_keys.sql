CREATE TABLE "token"."idempotency_keys" (
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("org_id","key")
);
--> statement-breakpoint
-- every key so far moves with its transaction as the result; the owner reads past forced RLS only while copying
ALTER TABLE "token"."transactions" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
INSERT INTO "token"."idempotency_keys" ("org_id", "key", "request_hash", "result", "created_at")
  SELECT "org_id", "idempotency_key", "request_hash", jsonb_build_object('transactionId', "id"), "created_at" FROM "token"."transactions";--> statement-breakpoint
ALTER TABLE "token"."transactions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "token"."transactions" DROP CONSTRAINT "transactions_idempotency";--> statement-breakpoint
ALTER TABLE "token"."transactions" DROP COLUMN "idempotency_key";--> statement-breakpoint
ALTER TABLE "token"."transactions" DROP COLUMN "request_hash";