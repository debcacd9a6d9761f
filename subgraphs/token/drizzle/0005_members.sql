-- Who may receive tokens, as token last learned it from org, under the membership epoch it read before asking.
-- org's membership events delete a row (the next transfer to that person asks org again); a row is trusted only
-- while its epoch is at least the current one and it is younger than the rights' memory (see token.recipients_known).
CREATE TABLE "token"."members" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"member" boolean NOT NULL,
	"epoch" bigint NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_pkey" PRIMARY KEY ("org_id", "user_id")
);--> statement-breakpoint
-- Raises ETK07 (DETAIL: the ids, comma-separated) for recipients token must ask org about, ETK08 (DETAIL: the ids)
-- for known strangers; called in the statement that commits a transfer, so a known recipient costs no round trip.
CREATE FUNCTION "token"."recipients_known"(p_org uuid, p_user uuid, p_recipients uuid[], p_epochs bigint[], p_max_age_seconds integer)
RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_unknown text;
  v_strangers text;
BEGIN
  IF cardinality(p_recipients) = 0 THEN RETURN true; END IF;
  PERFORM set_config('app.org_id', p_org::text, true), set_config('app.user_id', coalesce(p_user::text, ''), true), set_config('role', 'etika_app', true);
  SELECT string_agg(r.id::text, ',') FILTER (WHERE NOT r.trusted),
         string_agg(r.id::text, ',') FILTER (WHERE r.trusted AND NOT r.member)
    INTO v_unknown, v_strangers
    FROM (SELECT q.id, coalesce(m.member, false) AS member,
                 coalesce(m.epoch >= q.epoch AND m.checked_at > now() - make_interval(secs => p_max_age_seconds), false) AS trusted
            FROM unnest(p_recipients, p_epochs) AS q(id, epoch)
            LEFT JOIN "token"."members" m ON m.org_id = p_org AND m.user_id = q.id) r;
  IF v_unknown IS NOT NULL THEN RAISE EXCEPTION 'recipients to ask org about' USING ERRCODE = 'ETK07', DETAIL = v_unknown; END IF;
  IF v_strangers IS NOT NULL THEN RAISE EXCEPTION 'The recipient is not a member of this organisation' USING ERRCODE = 'ETK08', DETAIL = v_strangers; END IF;
  RETURN true;
END $$;
