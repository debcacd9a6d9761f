import { openDatabase, queryRows, sql } from '@etika/kit';

/**
 * What must hold of the ledger whatever died when: every token's postings sum to zero, every balance is the sum of
 * its postings, no member holds less than zero, every transaction has postings and the outbox event that
 * describes it. Read as a superuser, across every tenant. Returns the violations (none when the ledger is whole).
 */
export async function ledgerViolations(adminUrl: string, database: string): Promise<string[]> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const { db, close } = await openDatabase({ url: url.toString(), maxConnections: 1 });
  const ids = async (query: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(db, query)).map((r) => r.id);
  try {
    return [
      ...(await ids(sql`select token_id::text as id from token.postings group by token_id having sum(amount) <> 0`)).map((id) => `token ${id}: postings do not sum to zero`),
      ...(await ids(sql`select a.id::text as id from token.accounts a left join token.postings p on p.account_id = a.id group by a.id, a.balance having a.balance <> coalesce(sum(p.amount), 0)`)).map(
        (id) => `account ${id}: balance differs from its postings`,
      ),
      ...(await ids(sql`select id::text as id from token.accounts where owner_type = 'member' and balance < 0`)).map((id) => `account ${id}: below zero`),
      ...(await ids(sql`select t.id::text as id from token.transactions t where not exists (select 1 from token.postings p where p.transaction_id = t.id)
                       or not exists (select 1 from token.outbox o where o.payload->>'transactionId' = t.id::text)`)).map((id) => `transaction ${id}: without postings or outbox event`),
    ];
  } finally {
    await close();
  }
}

/** The ids of every committed transaction of a kind, read as a superuser. */
export async function committedIds(adminUrl: string, database: string, kind: string): Promise<Set<string>> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const { db, close } = await openDatabase({ url: url.toString(), maxConnections: 1 });
  try {
    return new Set((await queryRows<{ id: string }>(db, sql`select id::text as id from token.transactions where kind = ${kind}`)).map((r) => r.id));
  } finally {
    await close();
  }
}
