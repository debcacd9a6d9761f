-- Group commit: ledger transactions that arrive while earlier ones are being written commit together, in one
-- statement and one database transaction, so that neighbours sharing an account (a sends to b while b sends to c)
-- no longer wait for each other's commit one by one. Each item runs `commit_transaction` in a subtransaction of its
-- own: one item's refusal (its SQLSTATE, message and detail are its answer) rolls back that item alone. The accounts
-- every item names are locked first, all together in their key order (the order `commit_transaction` locks them
-- in), so two batches never wait for each other in a cycle.
CREATE FUNCTION "token"."commit_batch"(p_items jsonb) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  e jsonb;
  v_out jsonb := '[]'::jsonb;
  v_result jsonb;
  v_org uuid;
  v_state text;
  v_message text;
  v_detail text;
BEGIN
  -- organisation by organisation (under its row-level security), each one's accounts in key order: every batch
  -- takes its locks in this one order
  FOR v_org IN SELECT DISTINCT (i->>'org')::uuid FROM jsonb_array_elements(p_items) i ORDER BY 1 LOOP
    PERFORM set_config('app.org_id', v_org::text, true), set_config('role', 'etika_app', true);
    PERFORM 1 FROM "token"."accounts" a
      JOIN (SELECT DISTINCT (x->>'t')::uuid AS t, x->>'o' AS o, (x->>'w')::uuid AS w,
                   (x->>'t') || ':' || (x->>'o') || ':' || coalesce(x->>'w', '') AS k
              FROM jsonb_array_elements(p_items) i,
                   jsonb_array_elements(CASE WHEN jsonb_typeof(i->'postings') = 'array' THEN i->'postings' ELSE '[]'::jsonb END) x
             WHERE (i->>'org')::uuid = v_org) q
        ON a.org_id = v_org AND a.token_id = q.t AND a.owner_type = q.o AND a.owner_id IS NOT DISTINCT FROM q.w
     ORDER BY q.k COLLATE "C"
       FOR UPDATE OF a;
  END LOOP;

  FOR e IN SELECT value FROM jsonb_array_elements(p_items) LOOP
    BEGIN
      PERFORM "token"."recipients_known"((e->>'org')::uuid, (e->>'user')::uuid, (e->>'recipients')::uuid[], (e->>'epochs')::bigint[], (e->>'maxAge')::integer);
      v_result := "token"."commit_transaction"((e->>'org')::uuid, (e->>'user')::uuid, e->>'key', e->>'hash', e->>'kind', e->>'actor',
        e->>'memo', (e->>'reverses')::uuid, CASE WHEN jsonb_typeof(e->'postings') = 'array' THEN e->'postings' END,
        (e->>'tokens')::uuid[], CASE WHEN jsonb_typeof(e->'audit') = 'object' THEN e->'audit' END);
      v_out := v_out || jsonb_build_array(jsonb_build_object('ok', v_result));
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT, v_detail = PG_EXCEPTION_DETAIL;
      v_out := v_out || jsonb_build_array(jsonb_build_object('error', jsonb_build_object('code', v_state, 'message', v_message, 'detail', nullif(v_detail, ''))));
    END;
  END LOOP;
  RETURN v_out;
END $$;
