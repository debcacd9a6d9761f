import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { APP_ROLE, createLogger, generateKeyPairs, keyNeedsOf, keysFor, MemoryBus, migrateSubgraph, openRightsStore, openStore, queryRows, Rights, sql, type Database, type Tx } from '@etika/kit';
import { EVENT_TYPES, scopesForRole, type EventEnvelope, type TokenTransactionCommitted } from '@etika/schema';
import { notification } from '@etika/notification';
import { buildNotificationParts } from '@etika/notification/server';

export interface WebhookBench {
  readonly deliveries: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Webhook deliveries per second to a receiver on this machine: `count` committed transactions become messages to
 * one endpoint, and the notification subgraph's own sender delivers them (signed, each attempt recorded first, 50 at
 * a time). The percentiles are of one attempt's duration as the delivery log records it.
 */
export async function benchWebhooks(database: Database, count: number): Promise<WebhookBench> {
  await migrateSubgraph(database, 'notification', notification.migrations);
  const arrived = new Set<string>();
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrived.add(String(req.headers['webhook-id']));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const keys = await generateKeyPairs(['gateway', 'notification']);
  const rightsStore = openRightsStore(undefined, `bench-${randomUUID()}-`);
  const store = openStore(undefined, 'bench');
  const bus = new MemoryBus();
  const deps = {
    database,
    store,
    keys: keysFor(keys, 'notification', keyNeedsOf(notification)),
    logger: createLogger('notification', 'silent'),
    production: false,
    peers: new Map(),
    bus,
    rights: new Rights(rightsStore),
  };
  const parts = buildNotificationParts(deps, { smtpUrl: undefined, mailFrom: 'bench', appUrl: 'http://localhost', allowedNetworks: ['127.0.0.1/32'], allowHttp: true, maxRedirects: 0, timeoutMs: 5_000, workerIntervalMs: 0 });
  const orgId = randomUUID();
  const admin = { kind: 'user' as const, userId: randomUUID(), sessionId: randomUUID(), orgId, role: 'admin' as const, scopes: scopesForRole('admin'), epoch: 0, issuedAt: 0 };
  await parts.webhooks.create(admin, { url, eventTypes: [EVENT_TYPES.tokenTransactionCommitted] }, async () => undefined);
  const tokenId = randomUUID();
  for (let done = 0; done < count; done += 100) {
    const events: EventEnvelope<TokenTransactionCommitted>[] = Array.from({ length: Math.min(100, count - done) }, () => {
      const transactionId = randomUUID();
      return {
        id: randomUUID(),
        type: EVENT_TYPES.tokenTransactionCommitted,
        orgId,
        occurredAt: new Date().toISOString(),
        payload: { transactionId, orgId, kind: 'transfer', reversesId: null, memo: null, createdAt: new Date().toISOString(), postings: [
          { accountId: randomUUID(), tokenId, ownerType: 'member', ownerId: randomUUID(), amount: '-1' },
          { accountId: randomUUID(), tokenId, ownerType: 'member', ownerId: randomUUID(), amount: '1' },
        ] },
      };
    });
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.system', 'notification', true), set_config('role', ${APP_ROLE}, true)`);
      for (const e of events) await parts.webhooks.enqueueEvent(tx as unknown as Tx, e);
    });
  }
  const started = performance.now();
  while (arrived.size < count) await parts.worker.runDue();
  const elapsed = (performance.now() - started) / 1000;
  const durations = (
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.system', 'notification', true), set_config('role', ${APP_ROLE}, true)`);
      return queryRows<{ duration_ms: number }>(tx, sql`select duration_ms from notification.webhook_attempts order by duration_ms`);
    })
  ).map((r) => Number(r.duration_ms));
  receiver.close();
  await bus.close();
  await store.close();
  await rightsStore.close();
  return { deliveries: count, perSecond: count / elapsed, p50Ms: durations[Math.floor(durations.length / 2)] ?? 0, p99Ms: durations[Math.floor(durations.length * 0.99)] ?? 0 };
}
