import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EventEnvelope } from '@etika/schema';
import {
  MemoryBus,
  RedisStreamsBus,
  createLogger,
  idempotentHandler,
  inTenant,
  migrateSubgraph,
  queryRows,
  recordEvent,
  startOutboxRelay,
  thenAfter,
  type EventBus,
} from '../src/index.ts';
import { createTestDatabase, outboxEvents, testRedisUrl } from '../src/testing/index.ts';

const ORG = '00000000-0000-4000-8000-0000000000e1';
const logger = createLogger('test', 'silent');
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'kit-events-'));
  mkdirSync(join(dir, 'meta'));
  writeFileSync(join(dir, '0000_init.sql'), 'CREATE SCHEMA "ev";\n--> statement-breakpoint\nCREATE TABLE "ev"."effects" ("event_id" uuid NOT NULL);');
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries: [{ idx: 0, version: '7', when: 1, tag: '0000_init', breakpoints: true }] }));
  await migrateSubgraph(db.database, 'ev', dir);
});
afterAll(() => db.close());

const commitEvent = (payload: unknown) =>
  inTenant(db.database.db, { orgId: ORG, userId: null }, (tx) => recordEvent(tx, 'ev', 'test.happened', ORG, payload));

const effects = async (eventId: string) =>
  (await queryRows(db.database.db, sql`select event_id from ev.effects where event_id = ${eventId}`)).length;

function consumer(log = logger) {
  return idempotentHandler({ db: db.database.db, schema: 'ev', consumer: 'effects', payload: z.object({ n: z.number().int() }), logger: log }, async (tx, event) => {
    await tx.execute(sql`insert into ev.effects (event_id) values (${event.id})`);
  });
}

describe('outbox, relay and idempotent consumers', () => {
  it('an event committed while no relay ran (a crash after commit) is delivered once a relay starts', async () => {
    const event = await commitEvent({ n: 1 });
    const bus = new MemoryBus();
    const seen: string[] = [];
    const handle = consumer();
    bus.subscribe('effects', ['test.happened'], async (e) => {
      seen.push(e.id);
      await handle(e);
    });
    const relay = startOutboxRelay({ db: db.database.db, schema: 'ev', bus, logger, intervalMs: 20 });
    await relay.flush();
    await relay.stop();
    // delivery is asynchronous: wait (bounded) for the consumer's transaction to commit
    for (let i = 0; i < 100 && (await effects(event.id)) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(seen).toContain(event.id);
    expect(await effects(event.id)).toBe(1);
  });

  it('a crash between publishing and marking publishes again, and the duplicate changes nothing', async () => {
    const event = await commitEvent({ n: 2 });
    const handle = consumer();
    const delivered: EventEnvelope[] = [];
    let failMark = true;
    const flaky: EventBus = {
      async publish(events) {
        delivered.push(...events.filter((e) => e.id === event.id));
        if (failMark) {
          failMark = false;
          throw new Error('crash before the outbox row was marked');
        }
      },
      subscribe: () => undefined,
      close: async () => undefined,
    };
    const relay = startOutboxRelay({ db: db.database.db, schema: 'ev', bus: flaky, logger, intervalMs: 20 });
    await expect(relay.flush()).rejects.toThrow(/crash/);
    await relay.flush();
    await relay.stop();
    expect(delivered).toHaveLength(2);
    for (const e of delivered) await handle(e);
    expect(await effects(event.id)).toBe(1);
    // read as the relay reads the outbox: in any other scope it shows no rows, pending or not
    expect(await outboxEvents(db.database.db, 'ev', sql`id = ${event.id}::uuid`)).toMatchObject([{ id: event.id }]);
    expect(await outboxEvents(db.database.db, 'ev', sql`published_at is null`)).toEqual([]);
  });

  it('a relay that stops goes quiet: the pass it was in may fail unlogged, and a kick after it publishes nothing', async () => {
    const event = await commitEvent({ n: 3 });
    const logged: unknown[] = [];
    const capture = { error: (...args: unknown[]) => void logged.push(args) } as unknown as typeof logger;
    let publishes = 0;
    let release: (() => void) | undefined;
    const closing: EventBus = {
      async publish() {
        publishes += 1;
        // the process shuts down while this pass waits: its connections end under it
        await new Promise<void>((r) => (release = r));
        throw new Error('write CONNECTION_ENDED');
      },
      subscribe: () => undefined,
      close: async () => undefined,
    };
    const relay = startOutboxRelay({ db: db.database.db, schema: 'ev', bus: closing, logger: capture, intervalMs: 20 });
    for (let i = 0; i < 100 && !release; i++) await new Promise((r) => setTimeout(r, 10));
    const stopping = relay.stop();
    release!();
    await expect(stopping).resolves.toBeUndefined();
    relay.kick();
    expect(await relay.flush()).toBe(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(publishes).toBe(1);
    expect(logged).toEqual([]);
    expect(await outboxEvents(db.database.db, 'ev', sql`id = ${event.id}::uuid and published_at is null`)).toMatchObject([{ id: event.id }]);
    // what it left is published by the next relay
    const next = startOutboxRelay({ db: db.database.db, schema: 'ev', bus: new MemoryBus(), logger, intervalMs: 20 });
    await next.flush();
    await next.stop();
    expect(await outboxEvents(db.database.db, 'ev', sql`published_at is null`)).toEqual([]);
  });

  it('a payload that does not fit its contract is rejected with a logged error and applies nothing', async () => {
    const event = await commitEvent({ n: 'four' });
    const logged: unknown[] = [];
    const capture = { error: (...args: unknown[]) => void logged.push(args) } as unknown as typeof logger;
    await consumer(capture)(event);
    expect(await effects(event.id)).toBe(0);
    expect(logged).toEqual([[expect.objectContaining({ eventId: event.id, issues: [expect.objectContaining({ path: 'n' })] }), expect.stringMatching(/rejected/)]]);
    const inbox = await queryRows(db.database.db, sql`select event_id from ev.inbox where event_id = ${event.id}`);
    expect(inbox).toEqual([]);
  });

  it('a batch is handled in one transaction, each event once even when delivered twice in it', async () => {
    const events = await Promise.all([{ n: 10 }, { n: 11 }, { n: 12 }].map(commitEvent));
    const handle = consumer();
    await handle.batch([...events, events[0]!]);
    expect(await Promise.all(events.map((e) => effects(e.id)))).toEqual([1, 1, 1]);
    // delivered again, as after a crash before the acknowledgement: nothing changes
    await handle.batch(events);
    expect(await Promise.all(events.map((e) => effects(e.id)))).toEqual([1, 1, 1]);
  });

  it('a batch with an event that cannot be applied keeps the events before it and fails at that one', async () => {
    const [a, b, poison, d] = await Promise.all([{ n: 20 }, { n: 21 }, { n: 22 }, { n: 23 }].map(commitEvent));
    const handle = idempotentHandler({ db: db.database.db, schema: 'ev', consumer: 'effects', payload: z.object({ n: z.number().int() }), logger }, async (tx, event) => {
      if (event.payload.n === 22) throw new Error('cannot apply this one');
      await tx.execute(sql`insert into ev.effects (event_id) values (${event.id})`);
    });
    await expect(handle.batch([a!, b!, poison!, d!])).rejects.toThrow(/cannot apply/);
    // the batch's transaction rolled back whole, then the events went one at a time until the one that fails
    expect(await Promise.all([a!, b!, poison!, d!].map((e) => effects(e.id)))).toEqual([1, 1, 0, 0]);
  });

  it('the memory bus hands a batch handler the events waiting together, in order, and retries a failed batch', async () => {
    const bus = new MemoryBus();
    const batches: string[][] = [];
    let fail = true;
    const handler = Object.assign(async () => undefined, {
      batch: async (events: readonly EventEnvelope[]) => {
        if (fail) {
          fail = false;
          throw new Error('first attempt fails');
        }
        batches.push(events.map((e) => e.id));
      },
    });
    bus.subscribe('batched', ['x.y'], handler);
    const events: EventEnvelope[] = Array.from({ length: 5 }, () => ({ id: randomUUID(), type: 'x.y', orgId: null, occurredAt: new Date().toISOString(), payload: {} }));
    await bus.publish(events);
    for (let i = 0; i < 50 && batches.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(batches).toEqual([events.map((e) => e.id)]);
    await bus.close();
  });

  it('thenAfter runs its follow-up once per batch for a batch handler, once per event otherwise', async () => {
    const seen: number[] = [];
    const events = [1, 2, 3].map((n): EventEnvelope => ({ id: randomUUID(), type: 'x.y', orgId: null, occurredAt: new Date().toISOString(), payload: { n } }));
    const batched = thenAfter(Object.assign(async () => undefined, { batch: async () => undefined }), (done) => void seen.push(done.length));
    await batched.batch!(events);
    const single = thenAfter(async () => undefined, (done) => void seen.push(done.length));
    expect(single.batch).toBeUndefined();
    for (const e of events) await single(e);
    expect(seen).toEqual([3, 1, 1, 1]);
  });

  it('the application role cannot read the outbox', async () => {
    await commitEvent({ n: 3 });
    const visible = await inTenant(db.database.db, { orgId: ORG, userId: null }, (tx) => queryRows(tx, sql`select id from ev.outbox`));
    expect(visible).toEqual([]);
  });
});

const redisUrl = testRedisUrl();
describe.runIf(redisUrl)('Redis Streams bus', () => {
  it('delivers to each group, and redelivers what a failed handler left pending', async () => {
    const prefix = `test-${randomUUID()}:`;
    const bus = new RedisStreamsBus(redisUrl!, prefix, logger, 200);
    const got: string[] = [];
    let failed = false;
    bus.subscribe('g1', ['x.y'], async (e) => {
      if (!failed) {
        failed = true;
        throw new Error('first attempt fails');
      }
      got.push(e.id);
    });
    const event: EventEnvelope = { id: randomUUID(), type: 'x.y', orgId: null, occurredAt: new Date().toISOString(), payload: {} };
    await bus.publish([event]);
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await bus.close();
    expect(got).toEqual([event.id]);
  });

  it('hands a batch handler the entries it read together, and acknowledges them together', async () => {
    const prefix = `test-${randomUUID()}:`;
    const bus = new RedisStreamsBus(redisUrl!, prefix, logger, 200);
    const events: EventEnvelope[] = Array.from({ length: 3 }, () => ({ id: randomUUID(), type: 'x.y', orgId: null, occurredAt: new Date().toISOString(), payload: {} }));
    // published before the group reads: its first read takes all three
    await bus.publish(events);
    const batches: string[][] = [];
    bus.subscribe('g2', ['x.y'], Object.assign(async () => undefined, { batch: async (got: readonly EventEnvelope[]) => void batches.push(got.map((e) => e.id)) }));
    for (let i = 0; i < 50 && batches.flat().length < 3; i++) await new Promise((r) => setTimeout(r, 100));
    await bus.close();
    expect(batches).toEqual([events.map((e) => e.id)]);
  });
});
