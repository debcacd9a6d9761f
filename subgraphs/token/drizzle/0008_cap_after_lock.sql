-- The supply cap, read after the capped tokens' rows are locked rather than in the statement that locks them. Under
-- READ COMMITTED a statement that waits for a row lock goes on with the snapshot it started with, so two transactions
-- growing one token's supply through different accounts (a reversed redemption and an issuance) could each count
-- the supply from before the other and together pass the cap. The rest of the function is as 0004 wrote it.
CREATE OR REPLACE FUNCTION "token"."commit_transaction"(
  p_org uuid, p_user uuid, p_key text, p_hash text, p_kind text, p_actor text, p_memo text, p_reverses uuid,
  p_postings jsonb, p_tokens uuid[], p_audit jsonb
) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  max_amount constant numeric := 170141183460469231731687303715884105727;
  v_claimed text;
  v_hash text;
  v_saved jsonb;
  v_planned jsonb;
  v_tx "token"."transactions";
  v_ids jsonb := '{}'::jsonb;
  v_account uuid;
  v_balance numeric;
  v_after numeric;
  v_result jsonb;
  v_created text;
  v_growing uuid[];
  r record;
BEGIN
  -- the tenant transaction's scope, as inTenant sets it: the app role, under row-level security, in this organisation
  PERFORM set_config('app.org_id', p_org::text, true), set_config('app.user_id', coalesce(p_user::text, ''), true), set_config('role', 'etika_app', true);

  -- the key first: a concurrent request with the same key waits here for the first to commit or roll back
  INSERT INTO "token"."idempotency_keys" (org_id, key, request_hash) VALUES (p_org, p_key, p_hash) ON CONFLICT DO NOTHING RETURNING key INTO v_claimed;
  IF v_claimed IS NULL THEN
    SELECT request_hash, result INTO v_hash, v_saved FROM "token"."idempotency_keys" WHERE org_id = p_org AND key = p_key;
    IF v_hash IS NULL THEN RAISE EXCEPTION 'idempotency key vanished'; END IF;
    IF v_hash <> p_hash THEN RAISE EXCEPTION 'This idempotency key was used for a different request' USING ERRCODE = 'ETK01'; END IF;
    IF v_saved IS NULL THEN RAISE EXCEPTION 'idempotency key claimed twice in one transaction'; END IF;
    v_result := "token"."committed_json"((v_saved->>'transactionId')::uuid);
    IF v_result IS NULL THEN RAISE EXCEPTION 'idempotency key without its transaction'; END IF;
    RETURN v_result || '{"replayed": true}'::jsonb;
  END IF;

  INSERT INTO "token"."transactions" (org_id, kind, actor, memo, reverses_id) VALUES (p_org, p_kind, p_actor, p_memo, p_reverses) RETURNING * INTO v_tx;

  IF p_reverses IS NOT NULL THEN
    -- a reversal is the mirror image of the original's postings
    SELECT jsonb_agg(jsonb_build_object('t', p.token_id, 'o', a.owner_type, 'w', a.owner_id, 'a', (-p.amount)::text) ORDER BY p.id) INTO v_planned
      FROM "token"."postings" p JOIN "token"."accounts" a ON a.id = p.account_id WHERE p.transaction_id = p_reverses;
    IF v_planned IS NULL THEN RAISE EXCEPTION 'No such transaction' USING ERRCODE = 'ETK06'; END IF;
  ELSE
    v_planned := p_postings;
    IF (SELECT count(*) FROM "token"."tokens" WHERE id = ANY (p_tokens)) <> cardinality(p_tokens) THEN
      RAISE EXCEPTION 'No such token in this organisation' USING ERRCODE = 'ETK02';
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(v_planned) e GROUP BY e->>'t' HAVING sum((e->>'a')::numeric) <> 0) THEN
    RAISE EXCEPTION 'unbalanced transaction';
  END IF;

  -- every account once, in the order of its key, so concurrent transactions lock the same rows in the same order
  FOR r IN
    SELECT g.t, g.o, g.w, g.delta, g.k FROM (
      SELECT (e->>'t')::uuid AS t, e->>'o' AS o, (e->>'w')::uuid AS w, sum((e->>'a')::numeric) AS delta,
             (e->>'t') || ':' || (e->>'o') || ':' || coalesce(e->>'w', '') AS k
        FROM jsonb_array_elements(v_planned) e GROUP BY 1, 2, 3, 5) g
     ORDER BY g.k COLLATE "C"
  LOOP
    v_account := NULL;
    IF r.w IS NULL THEN
      SELECT id, balance INTO v_account, v_balance FROM "token"."accounts" WHERE token_id = r.t AND owner_type = r.o AND owner_id IS NULL FOR UPDATE;
    ELSE
      SELECT id, balance INTO v_account, v_balance FROM "token"."accounts" WHERE token_id = r.t AND owner_type = r.o AND owner_id = r.w FOR UPDATE;
    END IF;
    IF v_account IS NULL THEN
      INSERT INTO "token"."accounts" (org_id, token_id, owner_type, owner_id) VALUES (p_org, r.t, r.o, r.w)
        ON CONFLICT ON CONSTRAINT accounts_owner DO NOTHING RETURNING id, balance INTO v_account, v_balance;
      IF v_account IS NULL THEN
        -- created by a concurrent transaction a moment ago
        SELECT id, balance INTO v_account, v_balance FROM "token"."accounts"
          WHERE token_id = r.t AND owner_type = r.o AND owner_id IS NOT DISTINCT FROM r.w FOR UPDATE;
      END IF;
    END IF;
    v_ids := v_ids || jsonb_build_object(r.k, v_account);
    CONTINUE WHEN r.delta = 0;
    v_after := v_balance + r.delta;
    IF abs(v_after) > max_amount THEN
      RAISE EXCEPTION 'This would take a balance past the largest amount the ledger holds (% minor units)', max_amount USING ERRCODE = 'ETK04';
    END IF;
    IF r.o <> 'issuance' AND v_after < 0 THEN
      RAISE EXCEPTION 'There are not enough tokens in the wallet for this' USING ERRCODE = 'ETK03';
    END IF;
    UPDATE "token"."accounts" SET balance = v_after WHERE id = v_account;
  END LOOP;

  -- circulating supply within each capped token's maximum, counting the room pending purchases hold, for the tokens
  -- whose supply this transaction grows (none for a transfer between members, which skips all of it). Their rows
  -- are locked first, in id order as purchase reservations lock them, so one waits for the other; the supply is
  -- read by the next statement, whose snapshot is taken once the locks are held: a statement that waited for a lock
  -- still reads with the snapshot it started with, and would miss the supply its holder just committed.
  -- FOR NO KEY UPDATE: cap checks wait for each other, while other transactions' foreign keys to the token do not
  SELECT array_agg(g.t) INTO v_growing FROM (
    SELECT (e->>'t')::uuid AS t FROM jsonb_array_elements(v_planned) e WHERE e->>'o' <> 'member'
     GROUP BY 1 HAVING sum(-(e->>'a')::numeric) > 0) g;
  IF v_growing IS NOT NULL THEN
    PERFORM 1 FROM "token"."tokens" t WHERE t.max_supply IS NOT NULL AND t.id = ANY (v_growing) ORDER BY t.id FOR NO KEY UPDATE OF t;
    FOR r IN
      SELECT t.id, t.max_supply,
             coalesce((SELECT -sum(a.balance) FROM "token"."accounts" a WHERE a.token_id = t.id AND a.owner_type <> 'member'), 0) AS circulating,
             coalesce((SELECT sum(h.amount) FROM "token"."purchase_reservations" h WHERE h.token_id = t.id AND h.expires_at > now()), 0) AS held
        FROM "token"."tokens" t
       WHERE t.max_supply IS NOT NULL AND t.id = ANY (v_growing)
    LOOP
      IF r.circulating + r.held > r.max_supply THEN
        RAISE EXCEPTION 'This would put more in circulation than the token’s maximum supply' USING ERRCODE = 'ETK05';
      END IF;
    END LOOP;
  END IF;

  INSERT INTO "token"."postings" (org_id, transaction_id, account_id, token_id, amount)
  SELECT p_org, v_tx.id, (v_ids->>((e->>'t') || ':' || (e->>'o') || ':' || coalesce(e->>'w', '')))::uuid, (e->>'t')::uuid, (e->>'a')::numeric
    FROM jsonb_array_elements(v_planned) WITH ORDINALITY AS x(e, n) ORDER BY n;

  v_result := "token"."committed_json"(v_tx.id);
  INSERT INTO "token"."outbox" (id, org_id, type, payload, occurred_at)
  VALUES (gen_random_uuid(), p_org, 'token.transaction.committed', jsonb_build_object(
    'transactionId', v_tx.id, 'orgId', p_org, 'kind', v_tx.kind, 'reversesId', v_tx.reverses_id, 'memo', v_tx.memo,
    'createdAt', v_result->'transaction'->'createdAt',
    'postings', (SELECT jsonb_agg(jsonb_build_object('accountId', p->'accountId', 'tokenId', p->'tokenId', 'ownerType', p->'ownerType', 'ownerId', p->'ownerId', 'amount', p->'amount') ORDER BY n)
                   FROM jsonb_array_elements(v_result->'postings') WITH ORDINALITY AS y(p, n))), clock_timestamp());

  IF p_audit IS NOT NULL THEN
    -- the success record of the mutation, committed with the change it records, and its event for the trail
    v_created := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    INSERT INTO "token"."audit_log" (org_id, actor, operation, outcome, error_code, request_id, at)
    VALUES (p_org, p_actor, p_audit->>'operation', 'success', NULL, p_audit->>'requestId', v_created::timestamptz);
    INSERT INTO "token"."outbox" (id, org_id, type, payload, occurred_at)
    VALUES (gen_random_uuid(), p_org, 'audit.recorded', jsonb_build_object(
      'orgId', p_org, 'actor', p_actor, 'operation', p_audit->>'operation', 'outcome', 'success', 'errorCode', NULL,
      'requestId', p_audit->'requestId', 'subgraph', 'token', 'at', v_created), clock_timestamp());
  END IF;

  UPDATE "token"."idempotency_keys" SET result = jsonb_build_object('transactionId', v_tx.id) WHERE org_id = p_org AND key = p_key;
  RETURN v_result || '{"replayed": false}'::jsonb;
END $$;
