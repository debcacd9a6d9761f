import { parse, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  PARTNER_GRANTABLE,
  ROLES,
  ROLE_SCOPES,
  evaluateRule,
  requirementFromDirectives,
  requirementRule,
  satisfies,
  type Principal,
} from '../src/index.ts';

const user = (scopes: string[]): Principal => ({ kind: 'user', userId: 'u', sessionId: 's', orgId: 'o', role: 'member', scopes: scopes as never });

function fieldDirectives(sdl: string) {
  const type = parse(sdl).definitions[0] as ObjectTypeDefinitionNode;
  return type.fields![0]!.directives;
}

describe('requirements with Router semantics', () => {
  const req = requirementFromDirectives(fieldDirectives('type Q { f: Int @requiresScopes(scopes: [["a", "b"], ["c"]]) }'));

  it('inner lists AND, the outer list ORs', () => {
    expect(satisfies(user(['a', 'b']), req)).toBe(true);
    expect(satisfies(user(['c']), req)).toBe(true);
    expect(satisfies(user(['a']), req)).toBe(false);
    expect(satisfies(user([]), req)).toBe(false);
  });

  it('several directives all apply', () => {
    const both = requirementFromDirectives(fieldDirectives('type Q { f: Int @requiresScopes(scopes: [["a"]]) @requiresScopes(scopes: [["b"]]) }'));
    expect(satisfies(user(['a']), both)).toBe(false);
    expect(satisfies(user(['a', 'b']), both)).toBe(true);
  });

  it('@authenticated and any scope requirement refuse the anonymous principal', () => {
    expect(satisfies(ANONYMOUS, requirementFromDirectives(fieldDirectives('type Q { f: Int @authenticated }')))).toBe(false);
    expect(satisfies(user([]), requirementFromDirectives(fieldDirectives('type Q { f: Int @authenticated }')))).toBe(true);
    expect(satisfies(ANONYMOUS, requirementFromDirectives(fieldDirectives('type Q { f: Int }')))).toBe(true);
  });

  it('a malformed directive throws instead of allowing', () => {
    expect(() => requirementFromDirectives(fieldDirectives('type Q { f: Int @requiresScopes(scopes: ["a"]) }'))).toThrow();
  });

  it('the same requirement evaluates identically as a graphql-shield rule', async () => {
    expect(await evaluateRule(requirementRule(req), user(['c']))).toBe(true);
    expect(await evaluateRule(requirementRule(req), user(['a']))).toBe(false);
    expect(requirementRule(req)).toBe(requirementRule(req));
  });
});

describe('the permission catalogue', () => {
  it('members cannot manage people or keys; auditors cannot move tokens', () => {
    expect(ROLE_SCOPES.member).not.toContain('members:manage');
    expect(ROLE_SCOPES.member).not.toContain('apikeys:manage');
    expect(ROLE_SCOPES.auditor).not.toContain('token:transfer');
    expect(ROLE_SCOPES.admin).not.toContain('org:delete');
    expect(ROLE_SCOPES.owner).toContain('org:delete');
  });

  it('partners are never given people or key management', () => {
    for (const s of ['org:manage', 'org:delete', 'members:manage', 'apikeys:manage']) expect(PARTNER_GRANTABLE).not.toContain(s);
  });

  it('reversing a transaction is a right of its own: owners and admins hold it, and it is never given to a key', () => {
    const holders = ROLES.filter((r) => ROLE_SCOPES[r].includes('token:reverse'));
    expect(holders).toEqual(['owner', 'admin']);
    expect(PARTNER_GRANTABLE).not.toContain('token:reverse');
  });

  it("reading the organisation's ledger is a right of its own: owners, admins and auditors hold it, and a key may be given it", () => {
    const holders = ROLES.filter((r) => ROLE_SCOPES[r].includes('ledger:read'));
    expect(holders).toEqual(['owner', 'admin', 'auditor']);
    expect(PARTNER_GRANTABLE).toContain('ledger:read');
  });
});
