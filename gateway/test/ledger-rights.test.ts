import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { ENGINE_NAMES, type EngineName } from '../src/engine/engine.ts';
import { gqlAt, startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';

/**
 * The ledger's rules hold for every kind of transaction, through the gateway: each sequence below was observed to
 * succeed before reversal and reading the whole ledger were rights of their own and the cap was checked on reversals.
 */
let p: TestPlatform;
let t: Tenant;
/** The gateway of the engine whose block runs, and that engine. */
let g: EdgeGateway;
let engine: EngineName;
const gql = gqlAt(() => g.url);

const CREATE_KEY = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }';
const DEFINE = 'mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }';
const MOVE = (op: string) => `mutation($input: MovementInput!) { ${op}(input: $input) { id } }`;
const REVERSE = 'mutation($id: ID!, $k: String!) { reverseTransaction(transactionId: $id, idempotencyKey: $k) { id reversesId } }';
const LEDGER = '{ organizationTransactions(input: { first: 100 }) { nodes { id memo } } }';
const WALLET = '{ me { wallet { token { id } amount } } }';

const key = (secret: string) => ({ 'x-api-key': secret });
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

async function keyWith(...scopes: string[]): Promise<string> {
  return dataOrThrow(await gql<{ createApiKey: { secret: string } }>(CREATE_KEY, { input: { name: scopes.join(' '), scopes } }, bearer(t.tokens.owner))).createApiKey.secret;
}

async function define(symbol: string, maxSupply: string | null): Promise<string> {
  const own = `${symbol}${'AB'[ENGINE_NAMES.indexOf(engine)]}`;
  return dataOrThrow(await gql<{ defineToken: { id: string } }>(DEFINE, { input: { name: `${own} points`, symbol: own, decimals: 0, maxSupply } }, bearer(t.tokens.owner))).defineToken.id;
}

async function moved(op: 'issueTokens' | 'transferTokens' | 'redeemTokens', token: string, tokenId: string, amount: string, toUserId?: string, memo?: string): Promise<string> {
  const r = await gql<Record<string, { id: string }>>(MOVE(op), { input: { tokenId, amount, toUserId, memo, idempotencyKey: randomUUID() } }, bearer(token));
  return dataOrThrow(r)[op]!.id;
}

async function balance(token: string, tokenId: string): Promise<string> {
  const r = dataOrThrow(await gql<{ me: { wallet: { token: { id: string }; amount: string }[] } }>(WALLET, {}, bearer(token)));
  return r.me.wallet.find((b) => b.token.id === tokenId)?.amount ?? '0';
}

async function supply(tokenId: string): Promise<string> {
  const r = dataOrThrow(await gql<{ tokens: { id: string; circulatingSupply: string }[] }>('{ tokens { id circulatingSupply } }', {}, bearer(t.tokens.auditor)));
  return r.tokens.find((x) => x.id === tokenId)!.circulatingSupply;
}

beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'ledger-rights');
});
afterAll(() => p?.close());

// mutations, their refusals and the denied fields' nulls are the engine's execution: each engine behind a gateway of its own
describe.each(ENGINE_NAMES)('on the %s engine', (name) => {
beforeAll(async () => {
  engine = name;
  g = await startEdgeGateway(p, { engine });
});
afterAll(() => g?.close());

describe('the supply cap', () => {
  it('maxSupply 100: issue 100, redeem 50, issue 50, then reversing the redemption is refused and 100 stay in circulation', async () => {
    const tokenId = await define('CAP', '100');
    await moved('issueTokens', t.tokens.admin, tokenId, '100', t.userIds.member);
    const redemption = await moved('redeemTokens', t.tokens.member, tokenId, '50');
    await moved('issueTokens', t.tokens.admin, tokenId, '50', t.userIds.member);
    const r = await gql(REVERSE, { id: redemption, k: randomUUID() }, bearer(t.tokens.owner));
    expect(code(r)).toBe('SUPPLY_CAP_EXCEEDED');
    expect(await supply(tokenId)).toBe('100');
    expect(await balance(t.tokens.member, tokenId)).toBe('100');
  });
});

describe('reversal is a right of its own', () => {
  it('a partner key with token:issue cannot reverse a transfer between two members', async () => {
    const tokenId = await define('REV', null);
    await moved('issueTokens', t.tokens.admin, tokenId, '40', t.userIds.member);
    const transfer = await moved('transferTokens', t.tokens.member, tokenId, '25', t.userIds.auditor);
    const partner = await keyWith('token:issue', 'token:read', 'token:transfer', 'token:redeem');

    const r = await gql<{ reverseTransaction: unknown }>(REVERSE, { id: transfer, k: randomUUID() }, key(partner));
    expect(r.errors).toEqual([expect.objectContaining({ path: ['reverseTransaction'], extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE' }) })]);
    expect(await balance(t.tokens.auditor, tokenId)).toBe('25');
    expect(await balance(t.tokens.member, tokenId)).toBe('15');

    dataOrThrow(await gql(REVERSE, { id: transfer, k: randomUUID() }, bearer(t.tokens.admin)));
    expect(await balance(t.tokens.auditor, tokenId)).toBe('0');
  });

  it('no API key can be given it', async () => {
    const r = await gql(CREATE_KEY, { input: { name: 'reverser', scopes: ['token:reverse'] } }, bearer(t.tokens.owner));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scopes' });
  });
});

describe("reading the organisation's ledger is a right of its own", () => {
  it('a key with token:issue cannot read it; a key given ledger:read reads it, memos included', async () => {
    const tokenId = await define('LED', null);
    const id = await moved('issueTokens', t.tokens.admin, tokenId, '3', t.userIds.member, 'for the spring fair');
    const issuer = await keyWith('token:issue', 'token:read', 'audit:read');
    const denied = await gql<{ organizationTransactions: unknown }>(LEDGER, {}, key(issuer));
    expect(denied.errors).toEqual([expect.objectContaining({ path: ['organizationTransactions'], extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE' }) })]);
    expect(denied.data?.organizationTransactions ?? null).toBeNull();

    const reader = await keyWith('ledger:read', 'token:read');
    const read = dataOrThrow(await gql<{ organizationTransactions: { nodes: { id: string; memo: string | null }[] } }>(LEDGER, {}, key(reader)));
    expect(read.organizationTransactions.nodes).toContainEqual({ id, memo: 'for the spring fair' });
    expect(code(await gql(LEDGER, {}, bearer(t.tokens.member)))).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});
});
