import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, createLogger, inTenant, outboxDdl, queryRows, recordEvent, RedisStreamsBus, sql, startOutboxRelay, type Database, type OutboxRelay } from '@etika/kit';
import { createTestDatabase } from '@etika/kit/testing';
import { sleep, until } from './load.ts';
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
