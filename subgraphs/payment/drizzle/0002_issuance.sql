ALTER TABLE "payment"."payments" ADD COLUMN "issuance" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD COLUMN "tokens_issued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD CONSTRAINT "payments_issuance" CHECK ("payment"."payments"."issuance" in ('pending', 'issued', 'refused'));