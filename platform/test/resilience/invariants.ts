import { openDatabase, queryRows, sql, type Executor } from '@etika/kit';

/**
 * Reads the ledger of one organisation in one transaction: as a superuser every row is visible; as the platform's
 * ordinary role (CI), row-level security shows the organisation's rows, and the outbox to its relay.
 */
async function asReader<T>(url: string, database: string, orgId: string, read: (tx: Executor) => Promise<T>): Promise<T> {
  const u = new URL(url);
  u.pathname = `/${database}`;
  const { db, close } = await openDatabase({ url: u.toString(), maxConnections: 1 });
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.org_id', ${orgId}, true), set_config('app.system', 'outbox-relay', true)`);
      return read(tx as unknown as Executor);
    });
  } finally {
    await close();
  }
}

/**
 * What must hold of the ledger whatever died when: every token's postings sum to zero, every balance is the sum of
 * its postings, no member holds less than zero, every transaction has postings and the outbox event that
 * describes it. Returns the violations (none when the ledger is whole).
 */
export async function ledgerViolations(url: string, database: string, orgId: string): Promise<string[]> {
  return asReader(url, database, orgId, async (db) => {
    const ids = async (query: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(db, query)).map((r) => r.id);
    return [
      ...(await ids(sql`select token_id::text as id from token.postings group by token_id having sum(amount) <> 0`)).map((id) => `token ${id}: postings do not sum to zero`),
      ...(await ids(sql`select a.id::text as id from token.accounts a left join token.postings p on p.account_id = a.id group by a.id, a.balance having a.balance <> coalesce(sum(p.amount), 0)`)).map(
        (id) => `account ${id}: balance differs from its postings`,
      ),
      ...(await ids(sql`select id::text as id from token.accounts where owner_type = 'member' and balance < 0`)).map((id) => `account ${id}: below zero`),
      ...(await ids(sql`select t.id::text as id from token.transactions t where not exists (select 1 from token.postings p where p.transaction_id = t.id)
                       or not exists (select 1 from token.outbox o where o.payload->>'transactionId' = t.id::text)`)).map((id) => `transaction ${id}: without postings or outbox event`),
    ];
  });
}

/** The ids of every committed transaction of a kind in the organisation. */
export async function committedIds(url: string, database: string, orgId: string, kind: string): Promise<Set<string>> {
  return asReader(url, database, orgId, async (db) => new Set((await queryRows<{ id: string }>(db, sql`select id::text as id from token.transactions where kind = ${kind}`)).map((r) => r.id)));
}

/**
 * Chain leaves against the ledger: every transaction has exactly one leaf, every leaf is a transaction of the
 * ledger, and a leaf's postings are the transaction's own (account and amount).
 */
export async function chainViolations(url: string, database: string, orgId: string): Promise<string[]> {
  return asReader(url, database, orgId, async (db) => {
    const ids = async (query: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(db, query)).map((r) => r.id);
    return [
      ...(await ids(sql`select t.id::text as id from token.transactions t where (select count(*) from chain.leaves l where l.transaction_id = t.id) <> 1`)).map((id) => `transaction ${id}: not exactly one leaf`),
      ...(await ids(sql`select l.transaction_id::text as id from chain.leaves l where not exists (select 1 from token.transactions t where t.id = l.transaction_id)`)).map((id) => `leaf ${id}: no such transaction`),
      ...(await ids(sql`select l.transaction_id::text as id from chain.leaves l
        where jsonb_array_length(l.data::jsonb->'postings') <> (select count(*) from token.postings p where p.transaction_id = l.transaction_id)
           or exists (select 1 from token.postings p where p.transaction_id = l.transaction_id
                      and not (l.data::jsonb->'postings') @> jsonb_build_array(jsonb_build_object('accountId', p.account_id::text, 'amount', p.amount::text)))`)).map(
        (id) => `leaf ${id}: postings differ from the transaction's`,
      ),
    ];
  });
}
