CREATE SCHEMA "analytics";
--> statement-breakpoint
CREATE TABLE "analytics"."active_members" (
	"org_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "active_members_org_id_token_id_slot_user_id_pk" PRIMARY KEY("org_id","token_id","slot","user_id")
);
--> statement-breakpoint
CREATE TABLE "analytics"."audit_trail" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"subgraph" text NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"error_code" text,
	"request_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."balance_changes" (
	"org_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"delta" numeric NOT NULL,
	CONSTRAINT "balance_changes_transaction_id_token_id_user_id_pk" PRIMARY KEY("transaction_id","token_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "analytics"."holdings" (
	"org_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"balance" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "holdings_org_id_token_id_user_id_pk" PRIMARY KEY("org_id","token_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "analytics"."membership_slots" (
	"org_id" uuid NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"joined" integer DEFAULT 0 NOT NULL,
	"left" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "membership_slots_org_id_slot_pk" PRIMARY KEY("org_id","slot")
);
--> statement-breakpoint
CREATE TABLE "analytics"."money_slots" (
	"org_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"paid" numeric DEFAULT '0' NOT NULL,
	"refunded" numeric DEFAULT '0' NOT NULL,
	"payments" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "money_slots_org_id_token_id_currency_slot_pk" PRIMARY KEY("org_id","token_id","currency","slot")
);
--> statement-breakpoint
CREATE TABLE "analytics"."token_slots" (
	"org_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"issued" numeric DEFAULT '0' NOT NULL,
	"sold" numeric DEFAULT '0' NOT NULL,
	"transferred" numeric DEFAULT '0' NOT NULL,
	"redeemed" numeric DEFAULT '0' NOT NULL,
	"reversed" numeric DEFAULT '0' NOT NULL,
	"refunded" numeric DEFAULT '0' NOT NULL,
	"supply_delta" numeric DEFAULT '0' NOT NULL,
	"transactions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "token_slots_org_id_token_id_slot_pk" PRIMARY KEY("org_id","token_id","slot")
);
--> statement-breakpoint
CREATE INDEX "active_members_slot_brin" ON "analytics"."active_members" USING brin ("slot");--> statement-breakpoint
CREATE INDEX "audit_trail_org_at" ON "analytics"."audit_trail" USING btree ("org_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_trail_at_brin" ON "analytics"."audit_trail" USING brin ("at");--> statement-breakpoint
CREATE INDEX "balance_changes_member" ON "analytics"."balance_changes" USING btree ("org_id","token_id","user_id","at");--> statement-breakpoint
CREATE INDEX "balance_changes_at_brin" ON "analytics"."balance_changes" USING brin ("at");--> statement-breakpoint
CREATE INDEX "holdings_top" ON "analytics"."holdings" USING btree ("org_id","token_id","balance");--> statement-breakpoint
CREATE INDEX "membership_slots_slot_brin" ON "analytics"."membership_slots" USING brin ("slot");--> statement-breakpoint
CREATE INDEX "money_slots_slot_brin" ON "analytics"."money_slots" USING brin ("slot");--> statement-breakpoint
CREATE INDEX "token_slots_slot_brin" ON "analytics"."token_slots" USING brin ("slot");