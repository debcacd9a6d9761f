-- Each person's previous slot of activity, for the rows written before it was kept.
UPDATE "analytics"."active_members" a SET "prev_slot" = p."prev"
FROM (
  SELECT "org_id", "token_id", "user_id", "slot", lag("slot") OVER (PARTITION BY "org_id", "token_id", "user_id" ORDER BY "slot") AS "prev"
  FROM "analytics"."active_members"
) p
WHERE a."org_id" = p."org_id" AND a."token_id" = p."token_id" AND a."user_id" = p."user_id" AND a."slot" = p."slot" AND p."prev" IS NOT NULL;
