import { describe, expect, it } from 'vitest';
import { composeServices } from '@apollo/composition';
import { isObjectType, parse } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { NO_REQUIREMENT } from '@etika/schema';
import { supergraphSdl } from '../../test/authorization-fixture.ts';
import { engineTraits } from '../engine/engine.ts';
import { buildRequirementsIndex, stripSecurityLinks } from './requirements-index.ts';

const AUTH = { authenticated: true, scopes: [] };
const scopes = (...entries: string[][][]) => ({ authenticated: true, scopes: entries });

const LINKS = `schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)
  @link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)
{ query: Query }
`;

/** What composition writes when one subgraph hides a field with `@inaccessible`. */
const INACCESSIBLE = composeServices([
  {
    name: 'people',
    url: 'http://people',
    typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@inaccessible", "@requiresScopes"])
      type Query { user: User }
      type User @key(fields: "id") { id: ID! email: String @requiresScopes(scopes: [["members:read"]]) internalNote: String @inaccessible }`),
  },
]).supergraphSdl!;

describe('buildRequirementsIndex on a composed supergraph', () => {
  const index = buildRequirementsIndex(supergraphSdl);

  it('reads field directives, AND-ing several on one field', () => {
    expect(index.fieldRequirement('Query', 'me')).toEqual(AUTH);
    expect(index.fieldRequirement('Query', 'publicInfo')).toEqual(NO_REQUIREMENT);
    expect(index.fieldRequirement('Org', 'budget')).toEqual(scopes([['payment:read']]));
    expect(index.fieldRequirement('Org', 'audit')).toEqual(scopes([['audit:read', 'members:read'], ['org:manage']]));
  });

  it('adds the return type: enum and scalar type-level directives, AND-ed with the field own', () => {
    expect(index.fieldRequirement('Query', 'level')).toEqual(scopes([['analytics:read']]));
    expect(index.fieldRequirement('Query', 'strictLevel')).toEqual(scopes([['analytics:read']], [['org:read']]));
    expect(index.fieldRequirement('Query', 'serverTime')).toEqual(AUTH);
  });

  it('applies an object type-level directive to the type fields and leaves unions to their members', () => {
    expect(index.typeRequirement('Vault')).toEqual(AUTH);
    expect(index.fieldRequirement('Vault', 'content')).toEqual(AUTH);
    expect(index.fieldRequirement('Query', 'search')).toEqual(NO_REQUIREMENT);
  });

  it('knows interface fields restricted on an implementer', () => {
    expect(index.fieldRequirement('Node', 'label')).toEqual(scopes([['audit:read']]));
    expect(index.fieldRequirement('Node', 'id')).toEqual(NO_REQUIREMENT);
  });

  it('answers undefined for a field it does not know, so callers can fail closed', () => {
    expect(index.fieldRequirement('Query', 'nope')).toBeUndefined();
    expect(index.fieldRequirement('Nope', 'id')).toBeUndefined();
  });
});

describe('interfaces without composition help', () => {
  const index = buildRequirementsIndex(`${LINKS}
    type Query { things: [Thing] }
    interface Thing { id: ID! secret: String }
    type A implements Thing { id: ID! secret: String @requiresScopes(scopes: [["audit:read"]]) }
    type B implements Thing @authenticated { id: ID! secret: String @requiresScopes(scopes: [["org:read"]]) }
  `);

  it('an interface field needs what it needs on every implementer', () => {
    expect(index.fieldRequirement('Thing', 'secret')).toEqual(scopes([['audit:read']], [['org:read']]));
    expect(index.fieldRequirement('A', 'secret')).toEqual(scopes([['audit:read']]));
  });

  it('an interface type needs what every implementer type needs, and so do fields returning it', () => {
    expect(index.typeRequirement('Thing')).toEqual(AUTH);
    expect(index.fieldRequirement('Query', 'things')).toEqual(AUTH);
    expect(index.fieldRequirement('A', 'id')).toEqual(NO_REQUIREMENT);
  });
});

describe('directive names from @link', () => {
  const original = buildRequirementsIndex(supergraphSdl);
  const probes: [string, string][] = [
    ['Query', 'me'],
    ['Query', 'strictLevel'],
    ['Query', 'serverTime'],
    ['Org', 'audit'],
    ['Vault', 'content'],
  ];

  it('follows `as:`', () => {
    const renamed = supergraphSdl
      .replace('authenticated/v0.1", for: SECURITY', 'authenticated/v0.1", as: "mustLogin", for: SECURITY')
      .replaceAll('@authenticated', '@mustLogin');
    const index = buildRequirementsIndex(renamed);
    expect(index.directiveNames).toEqual({ authenticated: 'mustLogin', requiresScopes: 'requiresScopes' });
    for (const [t, f] of probes) expect(index.fieldRequirement(t, f)).toEqual(original.fieldRequirement(t, f));
  });

  it('follows a renamed import', () => {
    const renamed = supergraphSdl
      .replace('requiresScopes/v0.1", for: SECURITY', 'requiresScopes/v0.1", import: [{name: "@requiresScopes", as: "@scoped"}], for: SECURITY')
      .replaceAll('@requiresScopes(', '@scoped(');
    const index = buildRequirementsIndex(renamed);
    expect(index.directiveNames.requiresScopes).toBe('scoped');
    for (const [t, f] of probes) expect(index.fieldRequirement(t, f)).toEqual(original.fieldRequirement(t, f));
  });

  it('ignores a directive that only shares the default name once the spec is renamed', () => {
    const renamed = supergraphSdl.replace('authenticated/v0.1", for: SECURITY', 'authenticated/v0.1", as: "mustLogin", for: SECURITY');
    expect(buildRequirementsIndex(renamed).fieldRequirement('Query', 'me')).toEqual(NO_REQUIREMENT);
  });
});

describe('fails closed', () => {
  it('when a directive is used without its spec linked', () => {
    const unlinked = supergraphSdl.replace(/\s*@link\(url: "https:\/\/specs\.apollo\.dev\/authenticated\/v0\.1"[^)]*\)/, '');
    expect(unlinked).not.toContain('authenticated/v0.1');
    expect(() => buildRequirementsIndex(unlinked)).toThrow(/@authenticated is used but its spec is not linked/);
  });

  it('when scopes are malformed', () => {
    const bad = supergraphSdl.replace('@requiresScopes(scopes: [["members:read"]])', '@requiresScopes(scopes: "members:read")');
    expect(bad).not.toBe(supergraphSdl);
    expect(() => buildRequirementsIndex(bad)).toThrow(/scopes/);
  });

  it('when the SDL does not parse', () => {
    expect(() => buildRequirementsIndex(`${supergraphSdl}\ntype {`)).toThrow(/does not parse/);
  });

  it('when a spec version is not the one it knows', () => {
    expect(() => buildRequirementsIndex(supergraphSdl.replace('authenticated/v0.1', 'authenticated/v0.2'))).toThrow(/not supported/);
  });

  it('when a directive sits where it cannot be enforced', () => {
    expect(() => buildRequirementsIndex(`${LINKS} type Query { x(arg: Int @authenticated): Int }`)).toThrow(/cannot enforce/);
    expect(() => buildRequirementsIndex(`${LINKS} type Query { x: U } union U @authenticated = Query`)).toThrow(/cannot enforce/);
  });

  it('when another security feature is linked', () => {
    const policy = supergraphSdl.replace(
      '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)',
      '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)\n  @link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)',
    );
    expect(() => buildRequirementsIndex(policy)).toThrow(/policy\/v0.1 is for: SECURITY/);
    expect(() => buildRequirementsIndex(policy, engineTraits('apollo').enforces)).toThrow(/policy\/v0.1 is for: SECURITY/);
  });

  it('when @inaccessible is linked for security and the engine is not known to enforce it', () => {
    expect(() => buildRequirementsIndex(INACCESSIBLE)).toThrow(/inaccessible\/v0.2 is for: SECURITY but neither this gateway nor its engine/);
  });

  it('but not when the engine enforces that feature, as @apollo/gateway does @inaccessible', () => {
    const index = buildRequirementsIndex(INACCESSIBLE, engineTraits('apollo').enforces);
    expect(index.fieldRequirement('User', 'email')).toEqual(scopes([['members:read']]));
    const user = Supergraph.build(stripSecurityLinks(INACCESSIBLE)).apiSchema().toGraphQLJSSchema().getType('User');
    expect(isObjectType(user) && Object.keys(user.getFields())).toEqual(['id', 'email']);
  });

  it('and only for the versions the engine enforces', () => {
    const future = INACCESSIBLE.replace('inaccessible/v0.2', 'inaccessible/v0.9');
    expect(() => buildRequirementsIndex(future, engineTraits('apollo').enforces)).toThrow(/inaccessible\/v0.9 is for: SECURITY/);
  });

  it('but builds an empty index for a supergraph without access directives', () => {
    const index = buildRequirementsIndex('schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query } type Query { a: Int }');
    expect(index.fieldRequirement('Query', 'a')).toEqual(NO_REQUIREMENT);
    expect(index.directiveNames).toEqual({ authenticated: null, requiresScopes: null });
  });
});

describe('stripSecurityLinks', () => {
  it('makes the supergraph acceptable to the gateway without losing the requirements', () => {
    expect(() => Supergraph.build(supergraphSdl)).toThrow(/for: SECURITY but is unsupported/);
    const stripped = stripSecurityLinks(supergraphSdl);
    expect(stripped).not.toMatch(/for: SECURITY/);
    expect(() => Supergraph.build(stripped)).not.toThrow();
    expect(buildRequirementsIndex(stripped).fieldRequirement('Org', 'audit')).toEqual(
      buildRequirementsIndex(supergraphSdl).fieldRequirement('Org', 'audit'),
    );
  });

  it('keeps the security purpose of features it does not enforce', () => {
    const sdl = '@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY) @link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)';
    expect(stripSecurityLinks(sdl)).toBe('@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY) @link(url: "https://specs.apollo.dev/authenticated/v0.1")');
  });
});
