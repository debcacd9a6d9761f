-- each token's sale account: the issuance account purchases are issued from, kept apart from what staff issue
ALTER TABLE "token"."accounts" DROP CONSTRAINT "accounts_owner_type";--> statement-breakpoint
ALTER TABLE "token"."accounts" ADD CONSTRAINT "accounts_owner_type" CHECK ("owner_type" in ('member', 'issuance', 'redemption', 'sale'));--> statement-breakpoint
ALTER TABLE "token"."accounts" DROP CONSTRAINT "accounts_no_overdraft";--> statement-breakpoint
ALTER TABLE "token"."accounts" ADD CONSTRAINT "accounts_no_overdraft" CHECK ("owner_type" in ('issuance', 'sale') or "balance" >= 0);--> statement-breakpoint
-- one row per paid payment: its tokens are issued once (the payment id is the key), and taken back by its refunds
CREATE TABLE "token"."purchases" (
	"payment_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"token_id" uuid NOT NULL REFERENCES "token"."tokens"("id"),
	"buyer_id" uuid NOT NULL,
	"amount" numeric(39, 0) NOT NULL,
	"refunded" numeric(39, 0) DEFAULT '0' NOT NULL,
	"transaction_id" uuid REFERENCES "token"."transactions"("id"),
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchases_status" CHECK ("status" in ('issued', 'refused')),
	CONSTRAINT "purchases_refunded" CHECK ("refunded" >= 0 and "refunded" <= "amount")
);--> statement-breakpoint
CREATE TABLE "token"."purchase_refunds" (
	"refund_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL REFERENCES "token"."purchases"("payment_id"),
	"amount" numeric(39, 0) NOT NULL,
	"transaction_id" uuid REFERENCES "token"."transactions"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
-- room under a token's supply cap held for a purchase between its quote and its issuance (or its expiry)
CREATE TABLE "token"."purchase_reservations" (
	"quote_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"token_id" uuid NOT NULL REFERENCES "token"."tokens"("id"),
	"amount" numeric(39, 0) NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
CREATE INDEX "purchase_reservations_token" ON "token"."purchase_reservations" USING btree ("token_id", "expires_at");
