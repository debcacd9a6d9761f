-- Accounts made before sign-up confirmed addresses by mail keep working as they did: their address counts as
-- confirmed from the day they signed up (notification mails reach confirmed addresses only).
UPDATE "identity"."users" SET "email_verified_at" = "created_at" WHERE "email_verified_at" IS NULL AND "created_at" < now();
