CREATE SCHEMA "chain";
--> statement-breakpoint
CREATE TABLE "chain"."checkpoints" (
	"size" bigint PRIMARY KEY NOT NULL,
	"root_hash" "bytea" NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain"."leaves" (
	"idx" bigint PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"data" text NOT NULL,
	"leaf_hash" "bytea" NOT NULL,
	"appended_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leaves_transaction_id_unique" UNIQUE("transaction_id")
);
--> statement-breakpoint
CREATE TABLE "chain"."log_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	CONSTRAINT "log_state_single" CHECK ("chain"."log_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "chain"."nodes" (
	"level" smallint NOT NULL,
	"idx" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "nodes_level_idx_pk" PRIMARY KEY("level","idx")
);
