import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { startReceiver } from './receiver.ts';

/** The whole platform through the real gateway: a transfer tells its recipient; webhooks are for admins only. */
let p: TestPlatform;
let a: Tenant;
let b: Tenant;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
  p = await startTestPlatform({ settings: { WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32', WEBHOOK_ALLOW_HTTP: 'true', DELIVERY_INTERVAL_MS: 100 } });
  a = await seedTenant(p, 'notify-a');
  b = await seedTenant(p, 'notify-b');
  // the whole platform and two tenants: slow on a busy machine
}, 180_000);
afterAll(async () => {
  await p?.close();
  await receiver?.close();
});

type Nodes = { notifications: { nodes: { kind: string; params: { name: string; value: string }[] }[] }; unreadNotificationCount: number };
const mine = async (token: string) => dataOrThrow(await p.gql<Nodes>('{ notifications(first: 50) { nodes { kind params { name value } } } unreadNotificationCount }', {}, bearer(token)));

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() - started > 15_000) throw new Error(`${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('notifications through the gateway', () => {
  it('tokens issued and transferred tell their recipients, and nobody in another organisation', async () => {
    const token = dataOrThrow(await p.gql<{ defineToken: { id: string } }>('mutation { defineToken(input: { name: "Points", symbol: "PTS", decimals: 0 }) { id } }', {}, bearer(a.tokens.owner))).defineToken.id;
    const move = (field: string, to: string, from: string) =>
      p.gql(`mutation($input: MovementInput!) { ${field}(input: $input) { id } }`, { input: { tokenId: token, amount: '40', toUserId: to, idempotencyKey: randomUUID() } }, bearer(from));
    dataOrThrow(await move('issueTokens', a.userIds.member, a.tokens.owner));
    dataOrThrow(await move('transferTokens', a.userIds.admin, a.tokens.member));
    const member = await eventually(() => mine(a.tokens.member), (n) => n.notifications.nodes.some((x) => x.kind === 'TOKENS_ISSUED'), 'member never told');
    expect(member.notifications.nodes.find((x) => x.kind === 'TOKENS_ISSUED')!.params.find((x) => x.name === 'amount')!.value).toBe('40');
    await eventually(() => mine(a.tokens.admin), (n) => n.notifications.nodes.some((x) => x.kind === 'TOKENS_RECEIVED'), 'admin never told');
    const other = await mine(b.tokens.owner);
    expect(other.notifications.nodes.map((x) => x.kind).filter((k) => k.startsWith('TOKENS'))).toEqual([]);
  });

  it('only an admin manages webhook endpoints; a delivery follows a transfer, signed', async () => {
    const denied = await p.gql('{ webhookEndpoints { id } }', {}, bearer(a.tokens.member));
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const created = dataOrThrow(await p.gql<{ createWebhookEndpoint: { secret: string } }>(
      'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }',
      { input: { url: receiver.url('/platform'), eventTypes: ['webhook.test', 'org.membership.changed'] } },
      bearer(a.tokens.admin),
    )).createWebhookEndpoint;
    const listed = dataOrThrow(await p.gql<{ webhookEndpoints: { id: string }[] }>('{ webhookEndpoints { id } }', {}, bearer(a.tokens.admin))).webhookEndpoints;
    dataOrThrow(await p.gql('mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }', { id: listed[0]!.id }, bearer(a.tokens.admin)));
    const hit = await eventually(async () => receiver.hits.find((h) => h.path === '/platform'), (h) => h !== undefined, 'no delivery');
    expect((new Webhook(created.secret).verify(hit!.body, hit!.headers) as { type: string }).type).toBe('webhook.test');
    expect(dataOrThrow(await p.gql<{ webhookEndpoints: unknown[] }>('{ webhookEndpoints { id } }', {}, bearer(b.tokens.admin))).webhookEndpoints).toEqual([]);
  });
});
