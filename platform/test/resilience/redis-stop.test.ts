import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, createLogger, inTenant, outboxDdl, queryRows, recordEvent, RedisStreamsBus, sql, startOutboxRelay, type Database, type OutboxRelay } from '@etika/kit';
import { createTestDatabase } from '@etika/kit/testing';
import { bearer, dataOrThrow, graphql } from '../../src/client.ts';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '../../src/testing.ts';
import { sleep, TRANSFER, transferLoad, until } from './load.ts';
import { hasRedis, startOwnRedis, type OwnRedis } from './servers.ts';

/** The port of this test's own redis-server, which it stops and starts. */
const PORT = 56429;
const SCHEMA = 'resilience';
const TYPE = 'resilience.happened';
const ORG = '00000000-0000-4000-8000-0000000000aa';

let test: Awaited<ReturnType<typeof createTestDatabase>>;
let database: Database;
let redis: OwnRedis;
let publisher: RedisStreamsBus;
let consumer: RedisStreamsBus;
let relay: OutboxRelay;
const delivered = new Map<string, number>();
let p: TestPlatform | undefined;

beforeAll(async () => {
  if (!hasRedis) return;
  test = await createTestDatabase();
  database = test.database;
  await database.db.execute(sql.raw(`do $$ begin create role ${APP_ROLE} nologin; exception when duplicate_object then null; end $$`));
  // as a role that is not a superuser (CI), the app role is taken with SET ROLE, which needs membership
  await database.db.execute(sql.raw(`do $$ begin if not (select rolsuper from pg_roles where rolname = current_user) and not pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') then execute format('grant ${APP_ROLE} to %I', current_user); end if; end $$`));
  await database.db.execute(sql.raw(`create schema ${SCHEMA}`));
  for (const statement of outboxDdl(SCHEMA)) await database.db.execute(sql.raw(statement));
  await database.db.execute(sql.raw(`grant usage on schema ${SCHEMA} to ${APP_ROLE}`));
  await database.db.execute(sql.raw(`grant select, insert, update on ${SCHEMA}.outbox to ${APP_ROLE}`));
  redis = await startOwnRedis(PORT);
  const prefix = `r${randomUUID().slice(0, 8)}:`;
  const logger = createLogger('resilience', 'silent');
  publisher = new RedisStreamsBus(redis.url, prefix, logger);
  consumer = new RedisStreamsBus(redis.url, prefix, logger);
  consumer.subscribe('resilience-test', [TYPE], async (event) => {
    delivered.set(event.id, (delivered.get(event.id) ?? 0) + 1);
  });
  relay = startOutboxRelay({ db: database.db, schema: SCHEMA, bus: publisher, logger, intervalMs: 100 });
}, 60_000);
afterAll(async () => {
  await p?.close();
  await relay?.stop();
  await consumer?.close().catch(() => undefined);
  await publisher?.close().catch(() => undefined);
  await redis?.close();
  await test?.close();
});

/** Outbox rows not yet published, read as the relay reads them (row-level security shows the outbox to it alone). */
async function unpublished(): Promise<number> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.system', 'outbox-relay', true)`);
    return (await queryRows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from ${SCHEMA}.outbox where published_at is null`)))[0]!.n;
  });
}

describe.skipIf(!hasRedis)('Redis stopped during load (own redis-server; skipped without it)', () => {
  it('state changes keep committing, their events wait in the outbox, and every one is delivered once Redis is back', async () => {
    const committed: string[] = [];
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const event = await inTenant(database.db, { orgId: ORG, userId: null }, (tx) => recordEvent(tx, SCHEMA, TYPE, ORG, { n: committed.length }));
        committed.push(event.id);
        relay.kick();
        await sleep(10);
      }
    })();
    await until('events to be delivered', 20_000, () => delivered.size > 0);
    await redis.stop();
    const stoppedAt = committed.length;
    await sleep(2_000);
    const whileDown = committed.length - stoppedAt;
    const waiting = await unpublished();
    await redis.start();
    await sleep(500);
    writing = false;
    await writer;
    await until('every committed event to be delivered', 30_000, () => committed.every((id) => delivered.has(id)));

    expect(whileDown).toBeGreaterThan(10);
    expect(waiting).toBeGreaterThan(0);
    expect(await unpublished()).toBe(0);
    expect(committed.filter((id) => !delivered.has(id))).toEqual([]);
  }, 90_000);
});

/** What the token subgraph's relay has not published yet, and which transfers have no chain leaf (exactly one each). */
async function deliveryOf(db: Database, orgId: string): Promise<{ unpublished: number; withoutOneLeaf: number; transfers: number; leaves: number }> {
  return db.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.org_id', ${orgId}, true), set_config('app.system', 'outbox-relay', true)`);
    const [row] = await queryRows<{ unpublished: number; without: number; transfers: number; leaves: number }>(
      tx,
      sql`select (select count(*)::int from token.outbox where published_at is null) as unpublished,
                 (select count(*)::int from token.transactions t where t.kind = 'transfer'
                    and (select count(*) from chain.leaves l where l.transaction_id = t.id) <> 1) as without,
                 (select count(*)::int from token.transactions where kind = 'transfer') as transfers,
                 (select count(*)::int from chain.leaves) as leaves`,
    );
    return { unpublished: row!.unpublished, withoutOneLeaf: row!.without, transfers: row!.transfers, leaves: row!.leaves };
  });
}

describe.skipIf(!hasRedis)('Redis stopped while people send transfers through the gateway (own redis-server; skipped without it)', () => {
  let t: Tenant;
  let tokenId: string;

  beforeAll(async () => {
    // the whole platform on this file's Redis: rights, the bus between subgraphs, the gateway's rate limits
    process.env['REDIS_URL'] = redis.url;
    const limits = { perApiKey: 1_000_000, perPerson: 1_000_000, perOrganization: 1_000_000, perAddress: 1_000_000, windowSeconds: 60 };
    p = await startTestPlatform({ edge: { redisUrl: redis.url, storeNamespace: `r${randomUUID().slice(0, 8)}-`, rateLimits: limits } });
    t = await seedTenant(p, 'redisstop');
    const defined = await p.gql<{ defineToken: { id: string } }>('mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }', { input: { name: 'Outage points', symbol: 'OUT', decimals: 0 } }, bearer(t.tokens.owner));
    tokenId = dataOrThrow(defined).defineToken.id;
    const issue = 'mutation($input: MovementInput!) { issueTokens(input: $input) { id } }';
    for (const to of [t.userIds.member, t.userIds.admin]) dataOrThrow(await p.gql(issue, { input: { tokenId, amount: '1000000', toUserId: to, idempotencyKey: randomUUID() } }, bearer(t.tokens.owner)));
  }, 180_000);

  it('signed-in people keep transferring within the rights grace; every event reaches the chain once Redis is back; limits fall back to memory', async () => {
    const platform = p!;
    const send = (query: string, variables: Record<string, unknown>, token: string) => platform.gql<{ transferTokens?: { id: string } | null }>(query, variables, bearer(token));
    const people = [{ principal: t.tokens.member, userId: t.userIds.member }, { principal: t.tokens.admin, userId: t.userIds.admin }];
    const load = transferLoad(send, tokenId, people, 6);
    await until('transfers to commit', 30_000, () => load.attempts.filter((a) => a.id).length > 20);
    await until('their events to reach the chain', 30_000, async () => (await deliveryOf(platform.databases.token, t.orgId)).leaves > 10);

    await redis.stop();
    const down = Date.now();
    await sleep(1_000);
    // a revocation cannot be written while Redis is away: the person is told to try again, nothing is signed out
    const signOut = await platform.gql<{ signOut: boolean }>('mutation { signOut }', {}, bearer(t.tokens.auditor));
    // the gateway's quotas are counted in memory meanwhile: answered, with their headers
    const limited = await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(t.tokens.member) }, body: JSON.stringify({ query: '{ me { id } }' }) });
    await sleep(4_000);
    const whileDown = await deliveryOf(platform.databases.token, t.orgId);
    await redis.start();
    const up = Date.now();
    await until('transfers to commit after Redis is back', 30_000, () => load.attempts.some((a) => a.id && a.at > up + 1_000));
    const attempts = await load.stop();

    const failed = attempts.filter((a) => !a.id);
    expect(failed.map((a) => `${a.code}: ${a.message}`)).toEqual([]);
    const duringOutage = attempts.filter((a) => a.at >= down && a.at + a.ms <= up);
    expect(duringOutage.length).toBeGreaterThan(10);
    // no request waited on Redis's reconnection attempts: the rights' read timeout bounds the first ones
    const slow = duringOutage.filter((a) => a.ms >= 3_000).map((a) => `${a.at - down} ms after the stop: ${a.ms} ms`);
    expect(slow).toEqual([]);
    expect(whileDown.unpublished).toBeGreaterThan(0);

    expect(signOut.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(signOut.data?.signOut).not.toBe(true);
    // still signed in: once the store's client has reconnected (a key forgotten after the failed write is read
    // afresh, and refused as retryable until then), the same token is accepted
    let me = await graphql<{ me: { id: string } }>(platform.gatewayUrl, '{ me { id } }', {}, bearer(t.tokens.auditor));
    for (let i = 0; i < 50 && me.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE'; i++) {
      await sleep(200);
      me = await graphql<{ me: { id: string } }>(platform.gatewayUrl, '{ me { id } }', {}, bearer(t.tokens.auditor));
    }
    expect(me.data?.me.id, JSON.stringify(me.errors)).toBe(t.userIds.auditor);

    expect(limited.status).toBe(200);
    expect(limited.headers.get('ratelimit')).toMatch(/"person";r=\d+/);

    await until('every event to be delivered to the chain', 60_000, async () => {
      const now = await deliveryOf(platform.databases.token, t.orgId);
      return now.unpublished === 0 && now.withoutOneLeaf === 0;
    });
    const after = await deliveryOf(platform.databases.token, t.orgId);
    expect(after.transfers).toBe(attempts.length);
  }, 180_000);
});
