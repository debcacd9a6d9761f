CREATE SCHEMA "payment";
--> statement-breakpoint
CREATE TABLE "payment"."payment_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"method" text NOT NULL,
	"outcome" text NOT NULL,
	"decline_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment"."idempotency_keys" (
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("org_id","key")
);
--> statement-breakpoint
CREATE TABLE "payment"."payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "payment"."payments_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"buyer_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"tokens" numeric(39, 0) NOT NULL,
	"currency" text NOT NULL,
	"total" numeric(39, 0) NOT NULL,
	"status" text NOT NULL,
	"provider" text NOT NULL,
	"provider_payment_id" text,
	"client_secret" text,
	"next_action" text,
	"last_decline_code" text,
	"provider_event_at" timestamp with time zone,
	"refunded_tokens" numeric(39, 0) DEFAULT '0' NOT NULL,
	"refunded_amount" numeric(39, 0) DEFAULT '0' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_seq_unique" UNIQUE("seq"),
	CONSTRAINT "payments_quote_id_unique" UNIQUE("quote_id"),
	CONSTRAINT "payments_provider_id" UNIQUE("provider","provider_payment_id"),
	CONSTRAINT "payments_status" CHECK ("payment"."payments"."status" in ('requires_payment_method', 'requires_action', 'processing', 'succeeded', 'canceled')),
	CONSTRAINT "payments_refund_bounds" CHECK ("payment"."payments"."refunded_tokens" <= "payment"."payments"."tokens" and "payment"."payments"."refunded_amount" <= "payment"."payments"."total")
);
--> statement-breakpoint
CREATE TABLE "payment"."prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"unit_amount" numeric(39, 0) NOT NULL,
	"per_tokens" numeric(39, 0) NOT NULL,
	"min_tokens" numeric(39, 0),
	"max_tokens" numeric(39, 0),
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prices_token" UNIQUE("org_id","token_id")
);
--> statement-breakpoint
CREATE TABLE "payment"."provider_events" (
	"org_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_events_pkey" PRIMARY KEY("org_id","provider","event_id")
);
--> statement-breakpoint
CREATE TABLE "payment"."quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"buyer_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"price_id" uuid NOT NULL,
	"price_version" integer NOT NULL,
	"currency" text NOT NULL,
	"unit_amount" numeric(39, 0) NOT NULL,
	"per_tokens" numeric(39, 0) NOT NULL,
	"tokens" numeric(39, 0) NOT NULL,
	"total" numeric(39, 0) NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment"."refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"status" text NOT NULL,
	"tokens" numeric(39, 0) NOT NULL,
	"amount" numeric(39, 0),
	"provider_refund_id" text,
	"failure_code" text,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_status" CHECK ("payment"."refunds"."status" in ('pending', 'succeeded', 'failed', 'canceled'))
);
--> statement-breakpoint
ALTER TABLE "payment"."payment_attempts" ADD CONSTRAINT "payment_attempts_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "payment"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD CONSTRAINT "payments_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "payment"."quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment"."refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "payment"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_attempts_payment" ON "payment"."payment_attempts" USING btree ("payment_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_org_seq" ON "payment"."payments" USING btree ("org_id","seq");--> statement-breakpoint
CREATE INDEX "payments_buyer_seq" ON "payment"."payments" USING btree ("org_id","buyer_id","seq");--> statement-breakpoint
CREATE INDEX "payments_processing" ON "payment"."payments" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "refunds_payment" ON "payment"."refunds" USING btree ("payment_id","created_at");