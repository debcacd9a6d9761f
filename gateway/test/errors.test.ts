import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow, graphql } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { ENGINE_NAMES } from '../src/engine/engine.ts';
import { startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';

let p: TestPlatform;
let t: Tenant;
beforeAll(async () => {
  p = await startTestPlatform({ production: true });
  t = await seedTenant(p, 'errors');
});
afterAll(() => p?.close());

const MAX_AMOUNT = 2n ** 127n - 1n;
const ISSUE = 'mutation($input: MovementInput!) { issueTokens(input: $input) { id } }';
const BRANDING = 'mutation($input: BrandingInput!) { updateBranding(input: $input) { name } }';

/** Nothing an answer carries may tell how the platform is built. */
function expectNoInternals(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/https?:\/\/(127\.0\.0\.1|localhost)|serviceName|stacktrace|"response"|numeric|insert into|update "|select |violates|\bat [\w.]+ \(|\.ts:\d+/i);
}

// what an answer tells of the inside is the engine's formatting as much as the gateway's: each engine behind a production gateway of its own
describe.each(ENGINE_NAMES)('on the %s engine', (engine) => {
let g: EdgeGateway;
let tokenId: string;
const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => graphql<T>(g.url, query, variables, headers);
beforeAll(async () => {
  g = await startEdgeGateway(p, { engine, production: true });
  const symbol = `ER${'AB'[ENGINE_NAMES.indexOf(engine)]}`;
  tokenId = dataOrThrow(await gql<{ defineToken: { id: string } }>(`mutation { defineToken(input: { name: "Errors ${engine}", symbol: "${symbol}", decimals: 0 }) { id } }`, {}, bearer(t.tokens.owner))).defineToken.id;
});
afterAll(() => g?.close());

const issue = (amount: string, memo?: string) =>
  gql(ISSUE, { input: { tokenId, amount, toUserId: t.userIds.member, idempotencyKey: randomUUID(), memo } }, bearer(t.tokens.admin));

describe('production answers tell nothing of the inside', () => {
  it('a NUL byte in a memo is BAD_USER_INPUT naming the field, and nothing is written', async () => {
    const r = await issue('5', 'thanks\u0000');
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.memo' });
    expect(r.errors?.[0]?.message).toMatch(/memo/);
    expectNoInternals(r);
    const supply = dataOrThrow(await gql<{ tokens: { id: string; circulatingSupply: string }[] }>('{ tokens { id circulatingSupply } }', {}, bearer(t.tokens.owner)));
    expect(supply.tokens.find((token) => token.id === tokenId)?.circulatingSupply).toBe('0');
  });

  it('a NUL byte in a branding field is BAD_USER_INPUT naming the field', async () => {
    const r = await gql(BRANDING, { input: { name: 'Org\u0000' } }, bearer(t.tokens.owner));
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expectNoInternals(r);
  });

  it.each([
    ['a bidirectional override in an organisation name', BRANDING, { input: { name: 'Acme\u202Egnp.exe' } }, 'input.name'],
    ['a zero-width space in a token name', 'mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }', { input: { name: 'Po\u200Bints', symbol: 'ZW', decimals: 0 } }, 'input.name'],
    ['a zero-width joiner in a symbol', 'mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }', { input: { name: 'Joined', symbol: 'A\u200DB', decimals: 0 } }, 'input.symbol'],
    ['an isolate in an API key name', 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }', { input: { name: 'crm\u2067', scopes: ['org:read'] } }, 'input.name'],
  ])('refuses %s', async (_name, query, variables, field) => {
    const r = await gql(query, variables, bearer(t.tokens.owner));
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('a bidirectional override in a memo is refused too', async () => {
    const r = await issue('5', 'refund \u202Edrawer');
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.memo' });
  });

  it('an amount that would overflow the ledger is a clear refusal, with what came before kept', async () => {
    expect((await issue(MAX_AMOUNT.toString())).errors).toBeUndefined();
    const r = await issue(MAX_AMOUNT.toString());
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'amount' });
    expectNoInternals(r);
  });

  it.each([
    ['a literal', '{ checkpoints(before: "abc") { treeSize } }', {}],
    ['a variable', 'query($b: SafeInt) { checkpoints(before: $b) { treeSize } }', { b: 'abc' }],
    ['an unsafe integer', 'query($b: SafeInt) { checkpoints(before: $b) { treeSize } }', { b: 2 ** 60 }],
    ['a date', 'query($from: DateTimeISO) { organizationTransactions(input: { from: $from }) { hasNextPage } }', { from: 'yesterday' }],
  ])('a bad custom scalar value in %s is refused at the gateway as the caller’s mistake', async (_name, query, variables) => {
    const r = await gql(query, variables, bearer(t.tokens.owner));
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions?.code).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
    expectNoInternals(r);
  });

  it('a misspelt enum value, in a literal or a variable, gets no suggestion of the schema’s names', async () => {
    const literal = await gql('mutation { addMember(email: "x@y.dev", role: MEMBR) { id } }', {}, bearer(t.tokens.owner));
    const variable = await gql('mutation($r: MemberRole!) { addMember(email: "x@y.dev", role: $r) { id } }', { r: 'MEMBR' }, bearer(t.tokens.owner));
    for (const r of [literal, variable]) {
      expect(r.status).toBe(400);
      expect(r.errors?.[0]?.message).not.toMatch(/Did you mean|MEMBER/);
    }
  });

  it('a subgraph’s refusal keeps its code and message but not which service said it', async () => {
    const r = await gql('mutation { updateBranding(input: { brandColor: "nope" }) { id } }', {}, bearer(t.tokens.owner));
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'brandColor' });
    expectNoInternals(r);
  });
});
});
