import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { DefineTokenDocument, Etika, EtikaError, collect, newIdempotencyKey, type Wait } from '../src/index.ts';

/**
 * The SDK against the whole platform: real gateway and subgraphs over HTTP. Where a test needs the network to fail,
 * a relay in front of the gateway forwards every request to it and, for the requests it is told to, drops the
 * connection once the gateway has answered, as a lost reply would.
 */
let p: TestPlatform;
let tenant: Tenant;
let apiKey: string;
let relay: Relay;

const PARTNER_SCOPES = ['token:read', 'token:define', 'token:issue', 'ledger:read', 'members:read', 'org:read'];

interface Relay {
  readonly url: string;
  /** Requests the gateway answered whose answers were dropped on the way back. */
  drop(count: number): void;
  readonly forwarded: number;
  close(): Promise<void>;
}

async function startRelay(target: string): Promise<Relay> {
  let toDrop = 0;
  let forwarded = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      forwarded += 1;
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
      void fetch(target, { method: req.method ?? 'POST', headers, body: Buffer.concat(chunks) }).then(async (answer) => {
        const body = Buffer.from(await answer.arrayBuffer());
        if (toDrop > 0) {
          toDrop -= 1;
          req.socket.destroy();
          return;
        }
        const answerHeaders: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (name !== 'content-length' && name !== 'transfer-encoding') answerHeaders[name] = value;
        });
        res.writeHead(answer.status, answerHeaders);
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}/graphql`,
    drop: (count) => {
      toDrop = count;
    },
    get forwarded() {
      return forwarded;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  p = await startTestPlatform();
  tenant = await seedTenant(p, 'sdk');
  const created = dataOrThrow(
    await p.gql<{ createApiKey: { secret: string } }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: { name: 'partner CRM', scopes: PARTNER_SCOPES } },
      bearer(tenant.tokens.admin),
    ),
  );
  apiKey = created.createApiKey.secret;
  relay = await startRelay(p.gatewayUrl);
}, 120_000);

afterAll(async () => {
  await relay?.close();
  await p?.close();
});

const partner = (options: { url?: string; onWait?: (w: Wait) => void } = {}) => new Etika({ url: options.url ?? p.gatewayUrl, apiKey, backoffMs: 20, ...(options.onWait ? { onWait: options.onWait } : {}) });

describe('@etika/sdk against the platform', { timeout: 60_000 }, () => {
  it('goes from an API key to a first issuance: define a token, find a member, issue, read it back', async () => {
    const etika = partner();
    const token = await etika.defineToken({ name: 'Partner Points', symbol: 'PPT', decimals: 2 });
    expect((await etika.tokens()).map((t) => t.symbol)).toContain('PPT');
    const members = await etika.members(tenant.orgId);
    const member = members.find((m) => m.user.id === tenant.userIds.member)!;
    expect(member.role).toBe('MEMBER');
    const issued = await etika.issueTokens({ tokenId: token.id, amount: '1250', toUserId: member.user.id, memo: 'welcome' });
    expect(issued.kind).toBe('ISSUE');
    const credit = issued.postings.find((posting) => posting.owner?.id === member.user.id)!;
    expect(BigInt(credit.amount)).toBe(1250n);
    const [latest] = await collect(etika.transactions({ first: 1, tokenId: token.id }));
    expect(latest!.id).toBe(issued.id);
  });

  it('refuses a wrong key with the platform code, and does not retry it', async () => {
    const wrong = new Etika({ url: p.gatewayUrl, apiKey: 'etk_live_not-a-key' });
    const refused = await wrong.tokens().catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(EtikaError);
    expect((refused as EtikaError).status).toBe(401);
  });

  it('retries an issuance whose answer was lost under the same idempotency key: one transaction, not two', async () => {
    const etika = partner({ url: relay.url });
    const [token] = await etika.tokens();
    const before = relay.forwarded;
    relay.drop(1);
    const issued = await etika.issueTokens({ tokenId: token!.id, amount: '7', toUserId: tenant.userIds.member });
    expect(relay.forwarded - before).toBe(2);
    const sevens = (await collect(partner().transactions({ tokenId: token!.id }))).filter((tx) => tx.postings.some((posting) => posting.amount === '7'));
    expect(sevens.map((tx) => tx.id)).toEqual([issued.id]);
  });

  it('keeps a key the caller gives across its own retries too: the same key answers the first result', async () => {
    const etika = partner();
    const [token] = await etika.tokens();
    const idempotencyKey = newIdempotencyKey();
    const first = await etika.issueTokens({ tokenId: token!.id, amount: '3', toUserId: tenant.userIds.member, idempotencyKey });
    const again = await etika.issueTokens({ tokenId: token!.id, amount: '3', toUserId: tenant.userIds.member, idempotencyKey });
    expect(again.id).toBe(first.id);
  });

  it('retries a query whose answer was lost, and never a mutation without an idempotency key', async () => {
    const waits: Wait[] = [];
    const etika = partner({ url: relay.url, onWait: (w) => waits.push(w) });
    let before = relay.forwarded;
    relay.drop(1);
    expect((await etika.tokens()).length).toBeGreaterThan(0);
    expect(relay.forwarded - before).toBe(2);
    expect(waits).toMatchObject([{ reason: 'retry', attempt: 2 }]);

    before = relay.forwarded;
    relay.drop(1);
    const lost = await etika.client.request(DefineTokenDocument, { input: { name: 'Once', symbol: 'ONCE', decimals: 0 } }).catch((err: unknown) => err);
    expect(lost).toBeInstanceOf(EtikaError);
    expect(relay.forwarded - before).toBe(1);
  });

  it('pages through the ledger, one request per page', async () => {
    const etika = partner({ url: relay.url });
    const token = await etika.defineToken({ name: 'Paged', symbol: 'PGD', decimals: 0 });
    for (let i = 1; i <= 5; i++) await etika.issueTokens({ tokenId: token.id, amount: String(i), toUserId: tenant.userIds.member });
    const before = relay.forwarded;
    const all = await collect(etika.transactions({ tokenId: token.id, first: 2 }));
    expect(all.map((tx) => tx.postings.find((posting) => posting.owner)?.amount)).toEqual(['5', '4', '3', '2', '1']);
    expect(relay.forwarded - before).toBe(3);
  });
});
