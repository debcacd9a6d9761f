import { rule, type IRule } from 'graphql-shield';
import { principalScopes, type Principal } from './principal.ts';

/**
 * An access requirement, with Apollo Router's semantics for `@requiresScopes(scopes: [[...]])`: each entry of
 * `scopes` is one directive's list, whose inner lists AND and whose outer list ORs; several directives (a field's
 * own, its type's, an interface's implementers') all apply, so the entries AND together.
 */
export interface Requirement {
  readonly authenticated: boolean;
  readonly scopes: readonly (readonly (readonly string[])[])[];
}

export const NO_REQUIREMENT: Requirement = Object.freeze({ authenticated: false, scopes: [] });

export function isUnrestricted(req: Requirement): boolean {
  return !req.authenticated && req.scopes.length === 0;
}

export function combineRequirements(a: Requirement, b: Requirement): Requirement {
  if (isUnrestricted(a)) return b;
  if (isUnrestricted(b)) return a;
  return { authenticated: a.authenticated || b.authenticated, scopes: [...a.scopes, ...b.scopes] };
}

/** Does this principal meet the requirement? Any scopes requirement also implies authentication. */
export function satisfies(principal: Principal, req: Requirement): boolean {
  if ((req.authenticated || req.scopes.length > 0) && principal.kind === 'anonymous') return false;
  const held = new Set(principalScopes(principal));
  return req.scopes.every((anyOf) => anyOf.some((allOf) => allOf.every((scope) => held.has(scope))));
}

export function requirementKey(req: Requirement): string {
  return JSON.stringify(req);
}

/** The context every shield rule reads: the verified principal. */
export interface RuleContext {
  readonly principal: Principal;
}

/**
 * One rule per distinct requirement. Requirements come from the directives of a schema, never from a request, so
 * this memo is bounded by the schema and needs no eviction (which is also why schema/ needs no cache class).
 */
const ruleCache = new Map<string, IRule>();

/**
 * The graphql-shield rule for a requirement. One vocabulary for both layers: subgraphs put these rules in their
 * shield, the gateway evaluates the same rules over the operation before planning.
 */
export function requirementRule(req: Requirement): IRule {
  const key = requirementKey(req);
  let cached = ruleCache.get(key);
  if (!cached) {
    cached = rule(`requires:${key}`, { cache: 'contextual' })(
      (_parent: unknown, _args: unknown, ctx: RuleContext) => satisfies(ctx.principal, req),
    );
    ruleCache.set(key, cached);
  }
  return cached;
}

/** Evaluates a shield rule outside a resolver, as the gateway does for a document. */
export async function evaluateRule(r: IRule, principal: Principal): Promise<boolean> {
  const ctx: RuleContext & { _shield: { cache: Record<string, unknown> } } = {
    principal,
    _shield: { cache: {} },
  };
  const result = await (r as unknown as {
    resolve: (p: unknown, a: unknown, c: unknown, i: unknown, o: unknown) => Promise<unknown>;
  }).resolve(undefined, {}, ctx, undefined, { debug: false, allowExternalErrors: false });
  return result === true;
}
