import { Kind, type ConstDirectiveNode, type ConstValueNode } from 'graphql';
import { NO_REQUIREMENT, combineRequirements, type Requirement } from './requirements.ts';

/** The names the access-control directives go by in a schema (a supergraph may rename them through @link). */
export interface DirectiveNames {
  readonly authenticated: string;
  readonly requiresScopes: string;
}

export const DEFAULT_DIRECTIVE_NAMES: DirectiveNames = { authenticated: 'authenticated', requiresScopes: 'requiresScopes' };

/** Reads `scopes: [[...]]` from a `@requiresScopes` directive; anything malformed throws so callers fail closed. */
function scopesArgument(directive: ConstDirectiveNode): string[][] {
  const arg = directive.arguments?.find((a) => a.name.value === 'scopes');
  const outer = arg?.value;
  if (!outer || outer.kind !== Kind.LIST) throw new Error(`@${directive.name.value} needs scopes: [[String!]!]!`);
  return outer.values.map((inner: ConstValueNode) => {
    if (inner.kind !== Kind.LIST) throw new Error(`@${directive.name.value}: each scope group must be a list`);
    return inner.values.map((s) => {
      if (s.kind !== Kind.STRING) throw new Error(`@${directive.name.value}: scopes must be strings`);
      return s.value;
    });
  });
}

/** The requirement that a set of directives (on one field or type) expresses. */
export function requirementFromDirectives(
  directives: readonly ConstDirectiveNode[] | undefined,
  names: DirectiveNames = DEFAULT_DIRECTIVE_NAMES,
): Requirement {
  let req = NO_REQUIREMENT;
  for (const d of directives ?? []) {
    if (d.name.value === names.authenticated) {
      req = combineRequirements(req, { authenticated: true, scopes: [] });
    } else if (d.name.value === names.requiresScopes) {
      req = combineRequirements(req, { authenticated: true, scopes: [scopesArgument(d)] });
    }
  }
  return req;
}
