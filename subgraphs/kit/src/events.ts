import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { EventEnvelope } from '@etika/schema';
import type { Logger } from './logger.ts';

/**
 * What a consumer group runs for each event. One with `batch` is handed the events the group has waiting together
 * (in order, up to `MAX_BATCH`), which it may handle in one transaction; the bus acknowledges them together.
 */
export interface EventHandler {
  (event: EventEnvelope): Promise<void>;
  readonly batch?: (events: readonly EventEnvelope[]) => Promise<void>;
}

/** Events handed to a batch handler at most at once. */
export const MAX_BATCH = 100;

/** The handler, then `after` with the events it handled: once per batch when it takes batches, once per event otherwise. */
export function thenAfter(handler: EventHandler, after: (events: readonly EventEnvelope[]) => void): EventHandler {
  const single = async (event: EventEnvelope) => {
    await handler(event);
    after([event]);
  };
  const { batch } = handler;
  if (!batch) return single;
  return Object.assign(single, {
    batch: async (events: readonly EventEnvelope[]) => {
      await batch(events);
      after(events);
    },
  });
}

/** Runs the handler on events in order: as one batch when it takes batches, one at a time otherwise. */
async function deliver(handler: EventHandler, events: readonly EventEnvelope[]): Promise<void> {
  if (handler.batch) await handler.batch(events);
  else for (const event of events) await handler(event);
}

/**
 * The event bus: at-least-once delivery to named consumer groups. Each group sees every event of its types once
 * under normal operation, and again after a failure; consumers make effects idempotent with the inbox.
 */
export interface EventBus {
  publish(events: readonly EventEnvelope[]): Promise<void>;
  subscribe(group: string, types: readonly string[], handler: EventHandler): void;
  close(): Promise<void>;
}

/** In-process bus for the embedded default: a queue per group, retried until the handler succeeds. */
export class MemoryBus implements EventBus {
  private readonly groups: { types: Set<string>; handler: EventHandler; queue: EventEnvelope[]; running: boolean }[] = [];
  private closed = false;

  constructor(private readonly logger?: Logger) {}

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    for (const group of this.groups) {
      for (const event of events) if (group.types.has(event.type)) group.queue.push(event);
      void this.drain(group);
    }
  }

  subscribe(_group: string, types: readonly string[], handler: EventHandler): void {
    this.groups.push({ types: new Set(types), handler, queue: [], running: false });
  }

  private async drain(group: MemoryBus['groups'][number]): Promise<void> {
    if (group.running) return;
    group.running = true;
    while (!this.closed && group.queue.length > 0) {
      const events = group.queue.slice(0, group.handler.batch ? MAX_BATCH : 1);
      try {
        await deliver(group.handler, events);
        group.queue.splice(0, events.length);
      } catch (err) {
        this.logger?.warn({ err, eventId: events[0]!.id, events: events.length }, 'event handler failed; retrying');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    group.running = false;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

const streamOf = (prefix: string, type: string) => `${prefix}events:${type}`;

/**
 * Redis Streams: one stream per event type, one consumer group per subscriber. Entries are acknowledged only after
 * the handler succeeds; entries left pending by a crashed consumer are claimed again after `claimIdleMs`.
 */
export class RedisStreamsBus implements EventBus {
  private readonly publisher: Redis;
  private readonly readers: Redis[] = [];
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly prefix = 'etika:',
    private readonly logger?: Logger,
    private readonly claimIdleMs = 30_000,
  ) {
    this.publisher = new Redis(url, { maxRetriesPerRequest: 2 });
    this.publisher.on('ready', () => (this.connectedOnce = true));
    this.publisher.on('error', (err: unknown) => this.logger?.debug({ err }, 'event bus connection error'));
  }

  private connectedOnce = false;

  /**
   * Fails at once while Redis is away (after the first connection), instead of queueing until it answers: the
   * outbox relay calls it inside a transaction, which must not stay open for a Redis that is down; the rows wait
   * in the outbox and the relay's next pass publishes them.
   */
  async publish(events: readonly EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    if (this.connectedOnce && this.publisher.status !== 'ready') throw new Error('the event bus is not connected');
    const pipeline = this.publisher.pipeline();
    for (const e of events) pipeline.xadd(streamOf(this.prefix, e.type), '*', 'event', JSON.stringify(e));
    const results = await pipeline.exec();
    const failed = results?.find(([err]) => err);
    if (failed) throw failed[0];
  }

  subscribe(group: string, types: readonly string[], handler: EventHandler): void {
    const reader = new Redis(this.url, { maxRetriesPerRequest: null });
    reader.on('error', (err: unknown) => this.logger?.debug({ err, group }, 'event consumer connection error'));
    this.readers.push(reader);
    const consumer = `${group}-${randomUUID().slice(0, 8)}`;
    void this.loop(reader, group, consumer, types.map((t) => streamOf(this.prefix, t)), handler);
  }

  private async handle(reader: Redis, group: string, stream: string, entries: [string, string[]][], handler: EventHandler): Promise<void> {
    if (entries.length === 0) return;
    const events = entries.flatMap(([, fields]) => {
      const raw = fields[fields.indexOf('event') + 1];
      return raw ? [JSON.parse(raw) as EventEnvelope] : [];
    });
    await deliver(handler, events);
    await reader.xack(stream, group, ...entries.map(([id]) => id));
  }

  /** Creates the group on each stream (and the stream), from its first entry; one that exists is kept as it is. */
  private async ensureGroups(reader: Redis, group: string, streams: string[]): Promise<void> {
    for (const stream of streams) {
      try {
        await reader.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
      } catch (err) {
        if (!String(err).includes('BUSYGROUP')) throw err;
      }
    }
  }

  private async loop(reader: Redis, group: string, consumer: string, streams: string[], handler: EventHandler): Promise<void> {
    let groups = false;
    while (!this.closed) {
      try {
        // (again) after Redis came back without its data: NOGROUP would otherwise stop this consumer for good
        if (!groups) await this.ensureGroups(reader, group, streams);
        groups = true;
        for (const stream of streams) {
          const [, claimed] = (await reader.xautoclaim(stream, group, consumer, this.claimIdleMs, '0-0', 'COUNT', MAX_BATCH)) as [string, [string, string[]][]];
          await this.handle(reader, group, stream, claimed, handler);
        }
        const read = (await reader.xreadgroup('GROUP', group, consumer, 'COUNT', MAX_BATCH, 'BLOCK', 500, 'STREAMS', ...streams, ...streams.map(() => '>'))) as
          | [string, [string, string[]][]][]
          | null;
        for (const [stream, entries] of read ?? []) await this.handle(reader, group, stream, entries, handler);
      } catch (err) {
        if (this.closed) return;
        if (String(err).includes('NOGROUP')) groups = false;
        this.logger?.warn({ err, group }, 'event consumer failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const r of this.readers) r.disconnect();
    await this.publisher.quit();
  }
}

export function openBus(redisUrl: string | undefined, logger?: Logger, prefix = 'etika:'): EventBus {
  return redisUrl ? new RedisStreamsBus(redisUrl, prefix, logger) : new MemoryBus(logger);
}
