import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { PARTNER_GRANTABLE, SUPERGRAPH_PATH } from '@etika/schema';
import { stripSecurityLinks } from '../src/authorization/requirements-index.ts';

let p: TestPlatform;
let t: Tenant;
let partnerKey: string;
beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'partner');
  const created = dataOrThrow(await p.gql<{ createApiKey: { secret: string } }>(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
    { input: { name: 'everything a partner may hold', scopes: PARTNER_GRANTABLE } },
    bearer(t.tokens.owner),
  )).createApiKey;
  partnerKey = created.secret;
});
afterAll(() => p?.close());

const asPartner = () => ({ 'x-api-key': partnerKey });

/** A value of the type that passes validation: enough to reach the resolver. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, sample(f.type)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
      case 'SafeInt':
        return 1;
      case 'Boolean':
        return true;
      case 'DateTimeISO':
        return new Date().toISOString();
      case 'ID':
        return randomUUID();
      default:
        return '123456';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const args = field.args.filter((a) => isNonNullType(a.type));
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return {
    query: `${kind}${defs ? `(${defs})` : ''} { ${field.name}${call}${selection} }`,
    variables: Object.fromEntries(args.map((a) => [a.name, sample(a.type)])),
  };
}

const api = Supergraph.build(stripSecurityLinks(readFileSync(SUPERGRAPH_PATH, 'utf8'))).apiSchema().toGraphQLJSSchema();
const rootFields = (['query', 'mutation'] as const).flatMap((kind) => {
  const root = kind === 'query' ? api.getQueryType() : api.getMutationType();
  return Object.values(root?.getFields() ?? {}).map((field) => [`${kind} ${field.name}`, kind, field] as const);
});

describe('a partner key', () => {
  it.each(rootFields)('calling %s gets an answer or a refusal, never an internal error', async (_name, kind, field) => {
    const { query, variables } = operationFor(kind, field);
    const r = await p.gql(query, variables, asPartner());
    for (const error of r.errors ?? []) {
      expect(error.extensions?.code, `${field.name}: ${error.message}`).not.toBe('INTERNAL_SERVER_ERROR');
    }
  });

  it.each([
    ['me', '{ me { id } }'],
    ['signOut', 'mutation { signOut }'],
    ['enrollTotp', 'mutation { enrollTotp { secret } }'],
    ['disableTotp', 'mutation { disableTotp(code: "123456") }'],
    ['createOrganization', 'mutation { createOrganization(input: { name: "Mine" }) { id } }'],
  ])('calling %s, which needs a person, is FORBIDDEN and says why', async (name, query) => {
    const r = await p.gql(query, {}, asPartner());
    expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r.errors)).toBe('FORBIDDEN');
    expect(r.errors?.[0]?.path).toEqual([name]);
    expect(r.errors?.[0]?.message).toMatch(/person/i);
  });

  it('finds out which organisation its key belongs to: myOrganizations is that one', async () => {
    const r = dataOrThrow(await p.gql<{ myOrganizations: { id: string; name: string }[] }>('{ myOrganizations { id name } }', {}, asPartner()));
    expect(r.myOrganizations).toEqual([{ id: t.orgId, name: 'Org partner' }]);
  });
});
