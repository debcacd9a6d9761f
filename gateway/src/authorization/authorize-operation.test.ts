import { describe, expect, it } from 'vitest';
import { parse, print, validate, type DocumentNode } from 'graphql';
import type { Principal } from '@etika/schema';
import { anonymous, apiSchema, supergraphSdl, user } from '../../test/authorization-fixture.ts';
import { OperationAuthorizer, type AuthorizationResult } from './authorize-operation.ts';
import { buildRequirementsIndex } from './requirements-index.ts';

const index = buildRequirementsIndex(supergraphSdl);
const denied = (...path: string[]) => ({ message: 'Unauthorized field or type', path, extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } });

function valid(document: DocumentNode): DocumentNode {
  expect(validate(apiSchema, document).map((e) => e.message)).toEqual([]);
  return document;
}

async function run(query: string, principal: Principal, options: { reject?: boolean; operationName?: string } = {}): Promise<AuthorizationResult> {
  const document = valid(parse(query));
  return new OperationAuthorizer(apiSchema, index).authorize({ document, principal, ...options });
}

/** The filtered document, checked against the API schema, printed for comparison. */
function filtered(result: AuthorizationResult): string {
  expect(result.outcome).toBe('filtered');
  if (!result.document) throw new Error('no document');
  return print(valid(result.document));
}

const printed = (query: string) => print(parse(query));

describe('authenticated', () => {
  const query = '{ publicInfo me { name email } }';

  it('removes the field for an anonymous caller, with an error at its path, and keeps its siblings', async () => {
    const result = await run(query, anonymous);
    expect(filtered(result)).toBe(printed('{ publicInfo }'));
    expect(result.errors).toEqual([denied('me')]);
    expect(result.removedPaths).toEqual([['me']]);
  });

  it('leaves the document untouched for an authenticated caller', async () => {
    const document = parse(query);
    const result = await new OperationAuthorizer(apiSchema, index).authorize({ document, principal: user('members:read') });
    expect(result).toEqual({ outcome: 'authorized', document, errors: [], removedPaths: [] });
    expect(result.document).toBe(document);
  });

  it('reports the alias, not the field name', async () => {
    const result = await run('{ info: publicInfo boss: me { name } }', anonymous);
    expect(filtered(result)).toBe(printed('{ info: publicInfo }'));
    expect(result.errors).toEqual([denied('boss')]);
  });
});

describe('requiresScopes', () => {
  const query = '{ org { name audit } }';

  it('ANDs the scopes of an inner list and ORs the outer list', async () => {
    expect((await run(query, user('members:read'))).errors).toEqual([denied('org', 'audit')]);
    expect((await run(query, user('audit:read'))).errors).toEqual([denied('org', 'audit')]);
    expect((await run(query, user('members:read', 'audit:read'))).outcome).toBe('authorized');
    expect((await run(query, user('org:manage'))).outcome).toBe('authorized');
    expect(filtered(await run(query, user('members:read')))).toBe(printed('{ org { name } }'));
  });

  it('ANDs several directives: the field own, the type it returns, @authenticated', async () => {
    const strict = '{ publicInfo strictLevel }';
    expect((await run(strict, user('analytics:read'))).errors).toEqual([denied('strictLevel')]);
    expect((await run(strict, user('org:read'))).errors).toEqual([denied('strictLevel')]);
    expect((await run(strict, user('analytics:read', 'org:read'))).outcome).toBe('authorized');
    expect((await run('{ org { budget } publicInfo }', user('payment:read'))).outcome).toBe('authorized');
    expect((await run('{ org { budget } publicInfo }', anonymous)).errors).toEqual([denied('org', 'budget')]);
  });
});

describe('fragments and abstract types', () => {
  it('removes fields inside named and inline fragments, and the fragments they empty', async () => {
    const result = await run(
      `query { me { name ...Contact ... on User { alsoEmail: email } } }
       fragment Contact on User { email }`,
      user(),
    );
    expect(filtered(result)).toBe(printed('query { me { name } }'));
    expect(result.errors).toEqual([denied('me', 'email'), denied('me', 'alsoEmail')]);
  });

  it('reports a fragment field once per place the fragment is spread', async () => {
    const result = await run('{ me { ...E } other: me { ...E name } } fragment E on User { email id }', user());
    expect(result.errors).toEqual([denied('me', 'email'), denied('other', 'email')]);
    expect(filtered(result)).toBe(printed('{ me { ...E } other: me { ...E name } } fragment E on User { id }'));
  });

  it('restricts an interface field as much as its implementers restrict it', async () => {
    const query = '{ nodes { id label ... on Memo { text memoLabel: label } } }';
    const result = await run(query, user());
    expect(filtered(result)).toBe(printed('{ nodes { id ... on Memo { text } } }'));
    expect(result.errors).toEqual([denied('nodes', 'label'), denied('nodes', 'memoLabel')]);
    expect((await run(query, user('audit:read'))).outcome).toBe('authorized');
  });

  it('applies a type-level directive on an object to selections on that type', async () => {
    const query = '{ search { __typename ... on Article { body } ... on Vault { content } } }';
    const result = await run(query, anonymous);
    expect(filtered(result)).toBe(printed('{ search { __typename ... on Article { body } } }'));
    expect(result.errors).toEqual([denied('search', 'content')]);
    expect((await run(query, user())).outcome).toBe('authorized');
  });

  it('applies type-level directives on a scalar and an enum to fields returning them', async () => {
    const query = '{ publicInfo level serverTime }';
    expect((await run(query, anonymous)).errors).toEqual([denied('level'), denied('serverTime')]);
    const member = await run(query, user());
    expect(member.errors).toEqual([denied('level')]);
    expect(filtered(member)).toBe(printed('{ publicInfo serverTime }'));
    expect((await run(query, user('analytics:read'))).outcome).toBe('authorized');
  });
});

describe('emptied selections', () => {
  it('removes a parent whose selections are all removed; the error stays at the denied field', async () => {
    const result = await run('{ me { name bills: invoices { amount } } }', user());
    expect(filtered(result)).toBe(printed('{ me { name } }'));
    expect(result.errors).toEqual([denied('me', 'bills', 'amount')]);
    expect(result.removedPaths).toEqual([['me', 'bills']]);
  });

  it('does not claim a path removed while another selection still answers it', async () => {
    const result = await run('{ me { invoices { amount } invoices { id } } }', user());
    expect(filtered(result)).toBe(printed('{ me { invoices { id } } }'));
    expect(result.removedPaths).toEqual([['me', 'invoices', 'amount']]);
  });

  it('says so when every root field is removed', async () => {
    const nested = await run('{ me { invoices { amount } } }', user());
    expect(nested).toMatchObject({ outcome: 'empty', document: null, errors: [denied('me', 'invoices', 'amount')] });
    expect((await run('{ me { name } }', anonymous)).outcome).toBe('empty');
  });
});

describe('reject mode', () => {
  it('rejects the whole operation when anything is unauthorized', async () => {
    const result = await run('{ publicInfo me { name } }', anonymous, { reject: true });
    expect(result).toMatchObject({ outcome: 'rejected', document: null, errors: [denied('me')], removedPaths: [] });
  });

  it('lets an authorized operation through', async () => {
    expect((await run('{ publicInfo me { name } }', user(), { reject: true })).outcome).toBe('authorized');
  });
});

describe('the filtered document still validates', () => {
  const query = `query Q($status: String, $withInfo: Boolean!) {
      publicInfo @include(if: $withInfo)
      me { name ...Billing }
    }
    fragment Billing on User { invoices(status: $status) { amount } }`;

  it('drops the variables and fragments the removal left unused', async () => {
    const result = await run(query, user());
    expect(filtered(result)).toBe(printed('query Q($withInfo: Boolean!) { publicInfo @include(if: $withInfo) me { name } }'));
    expect(result.errors).toEqual([denied('me', 'invoices', 'amount')]);
  });

  it('drops a fragment only a removed field spread, though nothing in it was denied', async () => {
    const result = await run(
      'query Q($s: String) { publicInfo me { ...U } } fragment U on User { name invoices(status: $s) { id } }',
      anonymous,
    );
    expect(filtered(result)).toBe(printed('query Q { publicInfo }'));
  });

  it('keeps only the selected operation', async () => {
    const doc = `query A { publicInfo me { name } } query B { me { name } }`;
    const a = await run(doc, anonymous, { operationName: 'A' });
    expect(filtered(a)).toBe(printed('query A { publicInfo }'));
    expect((await run(doc, anonymous, { operationName: 'B' })).outcome).toBe('empty');
  });
});

describe('caching', () => {
  const query = '{ me { email name } org { audit } other: me { email } }';

  it('gives the same analysis for the same document text and operation name', () => {
    const authorizer = new OperationAuthorizer(apiSchema, index);
    const first = authorizer.analyze(parse(query));
    expect(authorizer.analyze(parse(query))).toBe(first);
    expect(authorizer.analyze(parse(query), undefined, query)).not.toBe(first);
    expect(first.restricted.map((r) => r.path)).toEqual([['me'], ['me', 'email'], ['org', 'audit'], ['other'], ['other', 'email']]);
    // me and other share one requirement: only three distinct checks per request
    expect(first.requirements.size).toBe(3);
  });

  it('gives the same filtered document for the same failed requirements', async () => {
    const authorizer = new OperationAuthorizer(apiSchema, index);
    const a = await authorizer.authorize({ document: parse(query), principal: user() });
    const b = await authorizer.authorize({ document: parse(query), principal: user('payment:read') });
    const c = await authorizer.authorize({ document: parse(query), principal: user('members:read') });
    expect(b.document).toBe(a.document);
    expect(c.document).not.toBe(a.document);
    expect(c.errors).toEqual([denied('org', 'audit')]);
  });
});

describe('fails closed on a document it cannot resolve', () => {
  it('throws instead of passing unknown fields or operations', () => {
    const authorizer = new OperationAuthorizer(apiSchema, index);
    expect(() => authorizer.analyze(parse('{ nope }'))).toThrow(/not in the schema/);
    expect(() => authorizer.analyze(parse('query A { publicInfo }'), 'B')).toThrow(/no operation named "B"/);
    expect(() => authorizer.analyze(parse('query A { publicInfo } query B { publicInfo }'))).toThrow(/operationName/);
  });
});
