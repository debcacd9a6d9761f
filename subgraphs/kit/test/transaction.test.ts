import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { createTestDatabase } from '../src/testing/index.ts';
import { APP_ROLE, conflictBackoffMs, inTenant, openDatabase, queryRows, TRANSACTION_ATTEMPTS, type Database } from '../src/index.ts';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let database: Database;

beforeAll(async () => {
  db = await createTestDatabase();
  database = db.database;
  await database.db.execute(sql.raw(`do $$ begin create role ${APP_ROLE} nologin; exception when duplicate_object then null; end $$`));
  // as a role that is not a superuser (CI), the app role is taken with SET ROLE, which needs membership
  await database.db.execute(sql.raw(`do $$ begin if not (select rolsuper from pg_roles where rolname = current_user) and not pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') then execute format('grant ${APP_ROLE} to %I', current_user); end if; end $$`));
  await database.db.execute(sql`create table public.attempts (n int not null)`);
  await database.db.execute(sql.raw(`grant usage on schema public to ${APP_ROLE}`));
  await database.db.execute(sql.raw(`grant select, insert on public.attempts to ${APP_ROLE}`));
});
afterAll(() => db.close());

/** PostgreSQL itself raises the SQLSTATE, as it does for a real conflict; what the attempt wrote is rolled back. */
const raise = (sqlState: string) => sql.raw(`do $$ begin raise exception 'forced conflict' using errcode = '${sqlState}'; end $$`);

async function rows(): Promise<number[]> {
  return (await queryRows<{ n: number }>(database.db, sql`select n from public.attempts order by n`)).map((r) => r.n);
}

describe('conflicts are retried inside the service', () => {
  it.each([['40001'], ['40P01']])('a transaction rolled back with %s runs again and succeeds; the failed attempts left nothing', async (state) => {
    await database.db.execute(sql`delete from public.attempts`);
    let attempts = 0;
    const result = await inTenant(database.db, { orgId: null, userId: null }, async (tx) => {
      attempts += 1;
      await tx.execute(sql`insert into public.attempts (n) values (${attempts})`);
      if (attempts < 3) await tx.execute(raise(state));
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    expect(await rows()).toEqual([3]);
  });

  it('a conflict that keeps coming back stops after a bounded number of attempts as SERVICE_UNAVAILABLE, without SQL', async () => {
    await database.db.execute(sql`delete from public.attempts`);
    let attempts = 0;
    const started = Date.now();
    const err = await inTenant(database.db, { orgId: null, userId: null }, async (tx) => {
      attempts += 1;
      await tx.execute(sql`insert into public.attempts (n) values (${attempts})`);
      await tx.execute(raise('40001'));
    }).catch((e: unknown) => e);
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(err).toBeInstanceOf(GraphQLError);
    expect((err as GraphQLError).extensions['code']).toBe('SERVICE_UNAVAILABLE');
    expect((err as GraphQLError).message).not.toMatch(/forced|exception|insert/i);
    expect(await rows()).toEqual([]);
  });

  it('other errors are not retried and pass through unchanged', async () => {
    let attempts = 0;
    const err = await inTenant(database.db, { orgId: null, userId: null }, async (tx) => {
      attempts += 1;
      await tx.execute(raise('23514'));
    }).catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect(err).not.toBeInstanceOf(GraphQLError);
  });

  it('the backoff grows and stays bounded', () => {
    expect(conflictBackoffMs(1, () => 0.999)).toBeLessThanOrEqual(10);
    expect(conflictBackoffMs(10, () => 0.999)).toBeLessThan(160);
    expect(conflictBackoffMs(3, () => 0)).toBe(0);
  });
});

describe('a database that cannot be reached', () => {
  it('is SERVICE_UNAVAILABLE within seconds, not a hang and not the driver error', async () => {
    const down = await openDatabase({ url: 'postgres://etika:etika@127.0.0.1:9/nothing', maxConnections: 1 });
    try {
      const started = Date.now();
      const err = await inTenant(down.db, { orgId: null, userId: null }, (tx) => tx.execute(sql`select 1`)).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(6_000);
      expect((err as GraphQLError).extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
      expect((err as GraphQLError).message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    } finally {
      await down.close();
    }
  });
});
