import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../src/testing/index.ts';
import { openDatabase, queryRows, type Database } from '../src/index.ts';

/**
 * On a real server every statement with parameters is prepared once per connection, then only bound and executed:
 * one round trip instead of two. Seen from the server, in the connection's own list of prepared statements.
 */
const url = process.env['DATABASE_URL'];
let test: Awaited<ReturnType<typeof createTestDatabase>>;
let one: Database;

beforeAll(async () => {
  if (!url) return;
  test = await createTestDatabase();
  // one connection, so the statements that look are on the connection that prepared
  one = await openDatabase({ url: test.url!, maxConnections: 1 });
  await one.db.execute(sql`create table public.invites (org int not null, email text not null, status text not null, n int not null default 0)`);
  await one.db.execute(sql`create unique index invites_open on public.invites (org, email) where status = 'pending'`);
});
afterAll(async () => {
  await one?.close();
  await test?.close();
});

const prepared = async (like: string) =>
  (await queryRows<{ n: number }>(one.db, sql.raw(`select count(*)::int as n from pg_prepared_statements where statement like '${like}'`)))[0]!.n;

describe.skipIf(!url)('prepared statements (PostgreSQL)', () => {
  it('a statement with parameters is prepared once and reused; one without stays on the simple protocol', async () => {
    for (let i = 0; i < 3; i++) await one.db.execute(sql`select ${i}::int + 1 as n`);
    expect(await prepared('select $1::int + 1 as n')).toBe(1);
    await one.db.execute(sql`select 40 + 2 as n`);
    expect(await prepared('select 40 + 2 as n')).toBe(0);
  });

  it('inside a transaction and a savepoint too', async () => {
    await one.db.transaction(async (tx) => {
      await tx.execute(sql`select ${1}::int * 7 as n`);
      await tx.transaction(async (inner) => inner.execute(sql`select ${2}::int * 9 as n`));
    });
    expect(await prepared('select $1::int * 7 as n')).toBe(1);
    expect(await prepared('select $1::int * 9 as n')).toBe(1);
  });

  it('an upsert on a partial unique index with the predicate as a parameter keeps working past the fifth run', async () => {
    // prepared, the sixth run may get a plan without the values and fail to find the arbiter index
    for (let i = 0; i < 10; i++) {
      await one.db.execute(sql`insert into public.invites (org, email, status) values (1, 'a@example.org', ${'pending'})
        on conflict (org, email) where status = ${'pending'} do update set n = public.invites.n + 1`);
    }
    const [row] = await queryRows<{ n: number }>(one.db, sql`select n from public.invites where org = 1`);
    expect(row!.n).toBe(9);
  });
});
