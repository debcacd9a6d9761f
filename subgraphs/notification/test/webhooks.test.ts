import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, queryRows } from '@etika/kit';
import { asSystem, rowsInTenant, startSubgraphTest, userPrincipal, type SubgraphTest } from '@etika/kit/testing';
import { PARTNER_GRANTABLE, type Principal } from '@etika/schema';
import { notification } from '../src/index.ts';
import { MailService } from '../src/mail/mail.service.ts';
import { NotificationService } from '../src/notification/notification.service.ts';
import { RETRY_SCHEDULE_MS } from '../src/webhook/schedule.ts';
import { SecretBox } from '../src/webhook/secrets.ts';
import { AddressGuard } from '../src/webhook/ssrf.ts';
import { WebhookService } from '../src/webhook/webhook.service.ts';
import { WebhookWorker } from '../src/webhook/webhook.worker.ts';
import { joined, publish, transaction } from './events.ts';
import { startReceiver } from './receiver.ts';

/** Outgoing webhooks end to end: GraphQL management, events, a real receiver, the retry schedule under a controlled clock. */
let p: SubgraphTest;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let now = new Date(Date.now() + 60_000);
const clock = { now: () => now };
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};
const logger = createLogger('notification', 'silent');

function worker(options: { timeoutMs?: number; maxRedirects?: number; allowed?: string[] } = {}) {
  const db = p.database.db;
  const box = new SecretBox(p.keys['notification']!.privateJwk!);
  const guard = new AddressGuard(options.allowed ?? ['127.0.0.1/32']);
  const webhooks = new WebhookService(db, box, guard, true, clock);
  const notifications = new NotificationService(db, new MailService(db, null, 'test', clock, logger), 'http://localhost:4000');
  return new WebhookWorker(db, webhooks, notifications, clock, logger, { guard, timeoutMs: options.timeoutMs ?? 2_000, maxRedirects: options.maxRedirects ?? 0, random: () => 0.5 });
}

beforeAll(async () => {
  receiver = await startReceiver();
  p = await startSubgraphTest(notification, { settings: { DELIVERY_INTERVAL_MS: 0, WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32', WEBHOOK_ALLOW_HTTP: 'true' } });
});
afterAll(async () => {
  await p?.close();
  await receiver?.close();
});
beforeEach(() => {
  receiver.hits.length = 0;
  receiver.status(200, 'ok');
});

const [orgA, orgB] = [randomUUID(), randomUUID()];
const admin = userPrincipal(randomUUID(), orgA, 'admin');
const member = userPrincipal(randomUUID(), orgA, 'member');
const otherAdmin = userPrincipal(randomUUID(), orgB, 'admin');
const partner: Principal = { kind: 'apiKey', keyId: randomUUID(), orgId: orgA, role: 'partner', scopes: PARTNER_GRANTABLE };
const token = randomUUID();

const CREATE = 'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id url eventTypes enabled } } }';
const LOG = 'query { webhookEndpoints { id enabled disabledReason deliveries(first: 50) { id messageId eventType status attemptCount replayOf attempts { attempt outcome responseStatus responseExcerpt durationMs error } } } }';
type Log = { webhookEndpoints: { id: string; enabled: boolean; disabledReason: string | null; deliveries: { id: string; messageId: string; eventType: string; status: string; attemptCount: number; replayOf: string | null; attempts: { attempt: number; outcome: string; responseStatus: number | null; responseExcerpt: string | null; error: string | null }[] }[] }[] };

async function create(path: string, who: Principal = admin, eventTypes = ['token.transaction.committed']) {
  const r = await p.execute<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(CREATE, { input: { url: receiver.url(path), eventTypes, description: 'ERP' } }, who);
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return { id: r.data.createWebhookEndpoint.endpoint.id, secret: r.data.createWebhookEndpoint.secret };
}

const transfer = (orgId = orgA) =>
  transaction(orgId, 'transfer', [
    { tokenId: token, ownerType: 'member', ownerId: randomUUID(), amount: '-10' },
    { tokenId: token, ownerType: 'member', ownerId: randomUUID(), amount: '10' },
  ]);

async function endpointLog(id: string, who: Principal = admin) {
  return (await p.execute<Log>(LOG, {}, who)).data!.webhookEndpoints.find((e) => e.id === id)!;
}

describe('managing endpoints', () => {
  it('an admin creates one and sees its secret once; it is sealed at rest', async () => {
    const { id, secret } = await create('/created');
    expect(secret).toMatch(/^whsec_/);
    const stored = await rowsInTenant<{ secret: string }>(p.database.db, orgA, sql`select secret from notification.webhook_endpoints where id = ${id}::uuid`);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.secret).not.toContain(secret.slice(6, 20));
    const listed = await p.execute<{ webhookEndpoints: { id: string }[] }>('{ webhookEndpoints { id } }', {}, admin);
    expect(listed.data!.webhookEndpoints.map((e) => e.id)).toContain(id);
  });

  it('a member and a partner key cannot manage endpoints; another organisation sees none and reaches none', async () => {
    const { id } = await create('/private');
    const input = { url: receiver.url('/x'), eventTypes: ['webhook.test'] };
    expect((await p.execute(CREATE, { input }, member)).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect((await p.execute(CREATE, { input }, partner)).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect((await p.execute<{ webhookEndpoints: unknown[] }>('{ webhookEndpoints { id } }', {}, otherAdmin)).data!.webhookEndpoints).toEqual([]);
    for (const probe of [
      ['mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { description: "mine" }) { id } }', { id }],
      ['mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id }],
      ['mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }', { id }],
      ['mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }', { id }],
      ['mutation($id: ID!) { replayWebhookDeliveries(endpointId: $id, since: "2020-01-01T00:00:00Z") }', { id }],
    ] as const) {
      expect((await p.execute(probe[0], probe[1], otherAdmin)).errors?.[0]?.extensions?.code, probe[0]).toBe('NOT_FOUND');
    }
    const entity = await p.execute<{ _entities: unknown[] }>('query($r: [_Any!]!) { _entities(representations: $r) { ... on WebhookEndpoint { id url } } }', { r: [{ __typename: 'WebhookEndpoint', id }] }, otherAdmin);
    expect(entity.data?._entities).toEqual([null]);
    expect((await endpointLog(id)).enabled).toBe(true);
  });

  it('refuses bad input and unsafe addresses with their codes, and stores nothing', async () => {
    const code = async (url: string, eventTypes = ['webhook.test']) => (await p.execute(CREATE, { input: { url, eventTypes } }, admin)).errors?.[0]?.extensions?.code;
    expect(await code('ftp://example.com/')).toBe('BAD_USER_INPUT');
    expect(await code(receiver.url('/'), ['made.up'])).toBe('BAD_USER_INPUT');
    expect(await code(receiver.url('/'), [])).toBe('BAD_USER_INPUT');
    for (const url of ['http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://127.0.0.2/', 'https://192.168.0.10/']) expect(await code(url), url).toBe('UNSAFE_WEBHOOK_URL');
    // in notification's own scope, across every organisation: none of them got an endpoint
    const count = await asSystem(p.database.db, 'notification', (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from notification.webhook_endpoints where url not like ${`${receiver.url('')}%`}`));
    expect(Number(count[0]!.n)).toBe(0);
  });
});

describe('deliveries', () => {
  it('an event reaches the endpoints that want it, signed (verified by standardwebhooks), with its versioned payload', async () => {
    const { id, secret } = await create('/signed');
    const { id: other } = await create('/memberships', admin, ['org.membership.changed']);
    const { id: elsewhere } = await create('/b', otherAdmin);
    const event = transfer();
    await publish(p.bus, p.database, event, joined(orgA, randomUUID(), 'member'));
    await worker().runDue();
    const hit = receiver.hits.find((h) => h.path === '/signed')!;
    const body = new Webhook(secret).verify(hit.body, hit.headers) as { type: string; version: number; data: { transactionId: string; postings: unknown[] } };
    expect(body.type).toBe('token.transaction.committed');
    expect(body.version).toBe(1);
    expect(body.data.transactionId).toBe(event.payload.transactionId);
    expect(hit.headers['webhook-id']).toMatch(/^msg_/);
    expect(receiver.hits.filter((h) => h.path === '/memberships')).toHaveLength(1);
    expect(receiver.hits.filter((h) => h.path === '/b')).toHaveLength(0);
    expect((await endpointLog(id)).deliveries[0]!.attempts[0]).toMatchObject({ attempt: 1, outcome: 'succeeded', responseStatus: 200, responseExcerpt: 'ok' });
    expect(other).not.toBe(elsewhere);
  });

  it('retries on the schedule with jitter under a controlled clock, and gives up after the eighth attempt', async () => {
    const { id } = await create('/failing');
    receiver.status(500, 'x'.repeat(5000));
    await publish(p.bus, p.database, transfer());
    const w = worker();
    await w.runDue();
    const gaps = RETRY_SCHEDULE_MS.slice(1).map((ms) => Math.round(ms * 1.05));
    for (const gap of gaps) {
      advance(gap - 1000);
      await w.runDue();
      const before = (await endpointLog(id)).deliveries[0]!.attemptCount;
      advance(1000);
      await w.runDue();
      expect((await endpointLog(id)).deliveries[0]!.attemptCount).toBe(before + 1);
    }
    advance(100 * 3600_000);
    await w.runDue();
    const log = await endpointLog(id);
    expect(log.deliveries[0]!.status).toBe('failed');
    expect(log.deliveries[0]!.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(log.deliveries[0]!.attempts[0]!.responseExcerpt).toHaveLength(1024);
    expect(receiver.hits.filter((h) => h.path === '/failing')).toHaveLength(8);
    expect(new Set(receiver.hits.map((h) => h.headers['webhook-id'])).size).toBe(1);
  });

  it('410 Gone disables the endpoint at once and tells its admins', async () => {
    const owner = randomUUID();
    await publish(p.bus, p.database, joined(orgA, owner, 'owner'));
    const { id } = await create('/gone');
    receiver.status(410);
    await publish(p.bus, p.database, transfer());
    await worker().runDue();
    const log = await endpointLog(id);
    expect(log.enabled).toBe(false);
    expect(log.disabledReason).toContain('410');
    const told = await p.execute<{ notifications: { nodes: { kind: string; params: { name: string; value: string }[] }[] } }>('{ notifications { nodes { kind params { name value } } } }', {}, userPrincipal(owner, orgA, 'owner'));
    const disabled = told.data!.notifications.nodes.filter((n) => n.kind === 'WEBHOOK_DISABLED').map((n) => n.params.find((x) => x.name === 'endpointId')!.value);
    expect(disabled).toContain(id);
    receiver.status(200);
    await publish(p.bus, p.database, transfer());
    await worker().runDue();
    expect(receiver.hits.filter((h) => h.path === '/gone')).toHaveLength(1);
  });

  it('an endpoint failing for five days is disabled', async () => {
    const { id } = await create('/down');
    receiver.status(503);
    await publish(p.bus, p.database, transfer());
    const w = worker();
    await w.runDue();
    advance(5 * 24 * 3600_000);
    await p.execute('mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }', { id }, admin);
    await w.runDue();
    const log = await endpointLog(id);
    expect(log.enabled).toBe(false);
    expect(log.disabledReason).toBe('every delivery failed for 5 days');
  });

  it('a restart in the middle resumes: the interrupted attempt counts as failed, the next is sent once, nothing is lost', async () => {
    const { id } = await create('/slow');
    let release: () => void = () => undefined;
    receiver.answer((req, res) => {
      if (receiver.hits.filter((h) => h.path === '/slow').length === 1) release = () => res.writeHead(200).end('late');
      else res.writeHead(200).end('ok');
    });
    await publish(p.bus, p.database, transfer());
    const crashed = worker({ timeoutMs: 30_000 });
    const inFlight = crashed.runDue();
    while (receiver.hits.length === 0) await new Promise((r) => setTimeout(r, 10));
    advance(30_000 + 60_000 + 1);
    const restarted = worker();
    await restarted.runDue();
    advance(6_000);
    await restarted.runDue();
    release();
    await inFlight;
    const delivery = (await endpointLog(id)).deliveries[0]!;
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts.map((a) => [a.attempt, a.outcome])).toEqual([[1, 'failed'], [2, 'succeeded']]);
    expect(delivery.attempts[0]!.error).toContain('interrupted');
    expect(receiver.hits.filter((h) => h.path === '/slow').map((h) => h.headers['webhook-timestamp'])).toHaveLength(2);
  });

  it('two senders at once send each attempt once', async () => {
    const { id } = await create('/concurrent');
    await publish(p.bus, p.database, ...Array.from({ length: 12 }, () => transfer()));
    const [a, b] = await Promise.all([worker().runDue(), worker().runDue()]);
    expect(a + b).toBeGreaterThanOrEqual(12);
    const hits = receiver.hits.filter((h) => h.path === '/concurrent');
    expect(hits).toHaveLength(12);
    expect(new Set(hits.map((h) => h.headers['webhook-id'])).size).toBe(12);
    expect((await endpointLog(id)).deliveries.every((d) => d.status === 'succeeded' && d.attemptCount === 1)).toBe(true);
  });

  it('rotation: both secrets sign during the overlap, then only the new one', async () => {
    // the rotation is stamped by the subgraph's wall clock: the workers' clock starts from it again
    now = new Date(Date.now() + 1000);
    const { id, secret: old } = await create('/rotating', admin, ['webhook.test']);
    const rotated = await p.execute<{ rotateWebhookSecret: { secret: string } }>('mutation($id: ID!) { rotateWebhookSecret(id: $id, overlapHours: 24) { secret } }', { id }, admin);
    const fresh = rotated.data!.rotateWebhookSecret.secret;
    await p.execute('mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }', { id }, admin);
    await worker().runDue();
    const during = receiver.hits.at(-1)!;
    const signedAt = new Date(Number(during.headers['webhook-timestamp']) * 1000);
    expect(during.headers['webhook-signature']!.split(' ').sort()).toEqual([new Webhook(old).sign(during.headers['webhook-id']!, signedAt, during.body), new Webhook(fresh).sign(during.headers['webhook-id']!, signedAt, during.body)].sort());
    advance(25 * 3600_000);
    await p.execute('mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }', { id }, admin);
    await worker().runDue();
    const after = receiver.hits.at(-1)!;
    expect(after.headers['webhook-signature']).toBe(new Webhook(fresh).sign(after.headers['webhook-id']!, new Date(Number(after.headers['webhook-timestamp']) * 1000), after.body));
  });

  it('replays one delivery, and everything since a time, with the same webhook-id', async () => {
    const { id } = await create('/replay');
    await publish(p.bus, p.database, transfer(), transfer());
    await worker().runDue();
    const first = (await endpointLog(id)).deliveries;
    expect(first).toHaveLength(2);
    const probe = await p.execute('mutation($id: ID!) { replayWebhookDelivery(deliveryId: $id) { id } }', { id: first[0]!.id }, otherAdmin);
    expect(probe.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const one = await p.execute<{ replayWebhookDelivery: { replayOf: string } }>('mutation($id: ID!) { replayWebhookDelivery(deliveryId: $id) { replayOf } }', { id: first[0]!.id }, admin);
    expect(one.data!.replayWebhookDelivery.replayOf).toBe(first[0]!.id);
    const since = await p.execute<{ replayWebhookDeliveries: number }>('mutation($id: ID!, $since: DateTimeISO!) { replayWebhookDeliveries(endpointId: $id, since: $since) }', { id, since: new Date(Date.now() - 3600_000).toISOString() }, admin);
    expect(since.data!.replayWebhookDeliveries).toBe(2);
    await worker().runDue();
    const ids = receiver.hits.filter((h) => h.path === '/replay').map((h) => h.headers['webhook-id']);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('the SSRF guard at delivery', () => {
  it('does not follow a redirect by default (3xx fails), and refuses a redirect to a private address when following', async () => {
    const { id } = await create('/redirect', admin, ['webhook.test']);
    receiver.answer((_req, res) => res.writeHead(302, { location: 'http://10.0.0.1/steal' }).end());
    await p.execute('mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }', { id }, admin);
    await worker().runDue();
    expect((await endpointLog(id)).deliveries[0]!.attempts[0]).toMatchObject({ outcome: 'failed', responseStatus: 302 });
    advance(10_000);
    await worker({ maxRedirects: 3 }).runDue();
    const second = (await endpointLog(id)).deliveries[0]!.attempts[1]!;
    expect(second.outcome).toBe('failed');
    expect(second.error).toContain('10.0.0.1 is a private address');
  });

  it('refuses at delivery an endpoint whose address stopped being allowed (loopback without the development allowance)', async () => {
    const { id } = await create('/now-refused', admin, ['webhook.test']);
    await p.execute('mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }', { id }, admin);
    await worker({ allowed: [] }).runDue();
    expect((await endpointLog(id)).deliveries[0]!.attempts[0]!.error).toContain('127.0.0.1 is a loopback address');
    expect(receiver.hits).toHaveLength(0);
  });
});
