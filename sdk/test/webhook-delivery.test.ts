import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { Etika, WebhookVerificationError, verifyWebhook } from '../src/index.ts';

/**
 * The platform's own outgoing webhooks (the notification subgraph, Standard Webhooks 1.0), received on this machine
 * and verified by the SDK as a partner's receiver would: an issuance made through the SDK comes back signed.
 */
interface Delivery {
  readonly headers: Record<string, string>;
  readonly body: string;
}

let p: TestPlatform;
let tenant: Tenant;
let server: Server;
let receiverUrl: string;
const deliveries: Delivery[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/etika`;
  // the receiver is on loopback over http: allowed for this test only, as the notification subgraph's own tests do
  p = await startTestPlatform({ settings: { WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32', WEBHOOK_ALLOW_HTTP: 'true', DELIVERY_INTERVAL_MS: 100 } });
  tenant = await seedTenant(p, 'hooks');
}, 120_000);

afterAll(async () => {
  await p?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function eventually<T>(read: () => T | undefined, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() - started > 20_000) throw new Error(`${what} never came`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('webhooks from the platform, verified by @etika/sdk', { timeout: 60_000 }, () => {
  it('an issuance through the SDK is delivered signed, and the signature holds only for what was sent', async () => {
    const { secret } = dataOrThrow(
      await p.gql<{ createWebhookEndpoint: { secret: string } }>(
        'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }',
        { input: { url: receiverUrl, eventTypes: ['token.transaction.committed'] } },
        bearer(tenant.tokens.admin),
      ),
    ).createWebhookEndpoint;
    const apiKey = dataOrThrow(
      await p.gql<{ createApiKey: { secret: string } }>(
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
        { input: { name: 'hooks', scopes: ['token:read', 'token:define', 'token:issue'] } },
        bearer(tenant.tokens.admin),
      ),
    ).createApiKey.secret;
    const etika = new Etika({ url: p.gatewayUrl, apiKey });
    const token = await etika.defineToken({ name: 'Hook Points', symbol: 'HKP', decimals: 0 });
    const issued = await etika.issueTokens({ tokenId: token.id, amount: '12', toUserId: tenant.userIds.member });

    const delivery = await eventually(() => deliveries.find((d) => d.body.includes(issued.id)), 'the issuance webhook');
    const event = verifyWebhook<{ type: string; data: { transactionId: string; postings: { amount: string }[] } }>(secret, delivery.headers, delivery.body);
    expect(event.type).toBe('token.transaction.committed');
    expect(event.data.transactionId).toBe(issued.id);
    expect(event.data.postings.map((x) => x.amount)).toContain('12');
    expect(() => verifyWebhook(secret, delivery.headers, delivery.body.replace('"12"', '"1200"'))).toThrow(WebhookVerificationError);
  });
});
