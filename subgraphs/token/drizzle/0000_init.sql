CREATE SCHEMA "token";
--> statement-breakpoint
CREATE TABLE "token"."accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" uuid,
	"balance" numeric(39, 0) DEFAULT '0' NOT NULL,
	CONSTRAINT "accounts_owner" UNIQUE NULLS NOT DISTINCT("token_id","owner_type","owner_id"),
	CONSTRAINT "accounts_owner_type" CHECK ("token"."accounts"."owner_type" in ('member', 'issuance', 'redemption')),
	CONSTRAINT "accounts_no_overdraft" CHECK ("token"."accounts"."owner_type" = 'issuance' or "token"."accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "token"."postings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "token"."postings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"amount" numeric(39, 0) NOT NULL,
	CONSTRAINT "postings_nonzero" CHECK ("token"."postings"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "token"."tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"symbol" text NOT NULL,
	"decimals" smallint NOT NULL,
	"max_supply" numeric(39, 0),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tokens_org_symbol" UNIQUE("org_id","symbol"),
	CONSTRAINT "tokens_decimals" CHECK ("token"."tokens"."decimals" between 0 and 18)
);
--> statement-breakpoint
CREATE TABLE "token"."transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "token"."transactions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"actor" text NOT NULL,
	"reverses_id" uuid,
	"memo" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transactions_seq_unique" UNIQUE("seq"),
	CONSTRAINT "transactions_reverses_id_unique" UNIQUE("reverses_id"),
	CONSTRAINT "transactions_idempotency" UNIQUE("org_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "token"."accounts" ADD CONSTRAINT "accounts_token_id_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "token"."tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token"."postings" ADD CONSTRAINT "postings_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "token"."transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token"."postings" ADD CONSTRAINT "postings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "token"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "postings_account" ON "token"."postings" USING btree ("account_id","transaction_id");--> statement-breakpoint
CREATE INDEX "postings_transaction" ON "token"."postings" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "transactions_org_seq" ON "token"."transactions" USING btree ("org_id","seq");