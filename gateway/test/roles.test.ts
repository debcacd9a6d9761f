import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { ENGINE_NAMES } from '../src/engine/engine.ts';
import { gqlAt, startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';

let p: TestPlatform;
let t: Tenant;
let partnerKey: string;

beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'matrix');
  const created = dataOrThrow(
    await p.gql<{ createApiKey: { secret: string } }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: { name: 'partner', scopes: ['org:read', 'members:read', 'token:read'] } },
      bearer(t.tokens.owner),
    ),
  );
  partnerKey = created.createApiKey.secret;
});
afterAll(() => p?.close());

type Caller = 'owner' | 'admin' | 'member' | 'auditor' | 'partner' | 'anonymous';
const CALLERS: Caller[] = ['owner', 'admin', 'member', 'auditor', 'partner', 'anonymous'];

function headersOf(caller: Caller): Record<string, string> {
  if (caller === 'anonymous') return {};
  if (caller === 'partner') return { 'x-api-key': partnerKey };
  return bearer(t.tokens[caller]);
}

/** Each operation, the root field it reaches, and exactly who may run it. */
const MATRIX: { name: string; query: string; variables: () => Record<string, unknown>; field: string; allowed: Caller[] }[] = [
  { name: 'read the organisation', query: 'query($id: ID!) { organization(id: $id) { id name } }', variables: () => ({ id: t.orgId }), field: 'organization', allowed: ['owner', 'admin', 'member', 'auditor', 'partner'] },
  { name: 'list members', query: 'query($id: ID!) { organization(id: $id) { members { id role } } }', variables: () => ({ id: t.orgId }), field: 'organization.members', allowed: ['owner', 'admin', 'member', 'auditor', 'partner'] },
  { name: 'list API keys', query: '{ apiKeys { id prefix } }', variables: () => ({}), field: 'apiKeys', allowed: ['owner', 'admin'] },
  { name: 'change branding', query: 'mutation { updateBranding(input: { brandColor: "#123456" }) { id } }', variables: () => ({}), field: 'updateBranding', allowed: ['owner', 'admin'] },
  { name: 'change a role', query: 'mutation($m: ID!) { changeMemberRole(membershipId: $m, role: AUDITOR) { id } }', variables: () => ({ m: t.membershipIds.auditor }), field: 'changeMemberRole', allowed: ['owner', 'admin'] },
  { name: 'create an API key', query: 'mutation { createApiKey(input: { name: "k", scopes: ["token:read"] }) { apiKey { id } } }', variables: () => ({}), field: 'createApiKey', allowed: ['owner', 'admin'] },
  { name: "read the organisation's ledger", query: '{ organizationTransactions(input: { first: 1 }) { nodes { id } } }', variables: () => ({}), field: 'organizationTransactions', allowed: ['owner', 'admin', 'auditor'] },
  { name: 'reverse a transaction', query: 'mutation($id: ID!) { reverseTransaction(transactionId: $id, idempotencyKey: "matrix") { id } }', variables: () => ({ id: randomUUID() }), field: 'reverseTransaction', allowed: ['owner', 'admin'] },
  { name: 'create an organisation', query: 'mutation { createOrganization(input: { name: "Side project" }) { id } }', variables: () => ({}), field: 'createOrganization', allowed: ['owner', 'admin', 'member', 'auditor', 'partner'] },
];

// a denied field's null and error, and the rest of the answer, are the engine's execution of the filtered document
describe.each(ENGINE_NAMES)('on the %s engine', (engine) => {
let g: EdgeGateway;
const gql = gqlAt(() => g.url);
beforeAll(async () => {
  g = await startEdgeGateway(p, { engine });
});
afterAll(() => g?.close());

describe('role × operation matrix through the gateway', () => {
  for (const op of MATRIX) {
    for (const caller of CALLERS) {
      const allowed = op.allowed.includes(caller);
      it(`${caller} ${allowed ? 'may' : 'may not'} ${op.name}`, async () => {
        const r = await gql<Record<string, unknown>>(op.query, op.variables(), headersOf(caller));
        const denied = (r.errors ?? []).filter((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE');
        if (allowed) {
          expect(denied).toEqual([]);
        } else {
          // the outermost removed field is reported: the field itself or a parent it sits in
          const paths = denied.map((e) => e.path?.join('.') ?? '');
          expect(paths.some((path) => op.field === path || op.field.startsWith(`${path}.`))).toBe(true);
          expect(r.data?.[op.field.split('.')[0]!] ?? null).toBeNull();
        }
      });
    }
  }
});

describe('token movements without their scope', () => {
  it('refuses an auditor transferring and a member issuing before planning', async () => {
    const tokenId = dataOrThrow(await gql<{ defineToken: { id: string } }>(
      'mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }',
      { input: { name: `PTS points ${engine}`, symbol: `PT${'AB'[ENGINE_NAMES.indexOf(engine)]}`, decimals: 2, maxSupply: null } },
      bearer(t.tokens.owner),
    )).defineToken.id;
    const move = (op: 'issueTokens' | 'transferTokens', token: string, input: { amount: string; toUserId: string }) =>
      gql(`mutation($input: MovementInput!) { ${op}(input: $input) { id kind postings { amount ownerType owner { id } } } }`, { input: { tokenId, idempotencyKey: randomUUID(), ...input } }, bearer(token));
    expect((await move('transferTokens', t.tokens.auditor, { amount: '1', toUserId: t.userIds.owner })).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect((await move('issueTokens', t.tokens.member, { amount: '5', toUserId: t.userIds.member })).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});

describe('partial results', () => {
  it('answers null with an error at the aliased path for a denied field and runs the rest', async () => {
    const r = await gql<{ mine: { id: string }[]; keys: unknown; org: { name: string; people: unknown } }>(
      `query($id: ID!) { mine: myOrganizations { id } keys: apiKeys { id } org: organization(id: $id) { name ...People } }
       fragment People on Organization { people: members { id } }`,
      { id: t.orgId },
      bearer(t.tokens.member),
    );
    expect(r.status).toBe(200);
    expect(r.data?.mine.map((o) => o.id)).toContain(t.orgId);
    expect(r.data?.keys).toBeNull();
    expect(r.data?.org.name).toBe('Org matrix');
    expect(r.errors).toEqual([expect.objectContaining({ path: ['keys'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } })]);
  });

  it('type-level directives apply through fragments: anonymous gets nothing of an Organization', async () => {
    const r = await gql<{ organization: unknown }>(
      'query($id: ID!) { organization(id: $id) { ... on Organization { name } } }',
      { id: t.orgId },
    );
    expect(r.data?.organization ?? null).toBeNull();
    expect(r.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});
});
