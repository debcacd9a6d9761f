import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
} from 'graphql';
import {
  NO_REQUIREMENT,
  combineRequirements,
  requirementFromDirectives,
  type DirectiveNames,
  type Requirement,
} from '@etika/schema';

const AUTHENTICATED_SPEC = 'https://specs.apollo.dev/authenticated/v0.1';
const REQUIRES_SCOPES_SPEC = 'https://specs.apollo.dev/requiresScopes/v0.1';

/** Each type's own requirement and its fields' own requirements, as declared in the supergraph. */
export interface RequirementsIndex {
  /**
   * The requirement for selecting `field` on `type`: the field's own directives, the type-level directives of
   * the type it is on and of the type it returns, and on an interface every implementer's, since the planner may
   * reach any of them.
   */
  fieldRequirement(type: string, field: string): Requirement;
}

function linkedName(doc: DocumentNode, spec: string, fallback: string): string | null {
  for (const def of doc.definitions) {
    if (def.kind !== Kind.SCHEMA_DEFINITION && def.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const d of def.directives ?? []) {
      if (d.name.value !== 'link') continue;
      const url = d.arguments?.find((a) => a.name.value === 'url')?.value;
      if (url?.kind !== Kind.STRING || !url.value.startsWith(spec)) continue;
      const as = d.arguments?.find((a) => a.name.value === 'as')?.value;
      return as?.kind === Kind.STRING ? as.value : fallback;
    }
  }
  return null;
}

/**
 * Reads `@authenticated` and `@requiresScopes` from the supergraph SDL (the API schema no longer carries them).
 * Fails closed: a supergraph that mentions either directive without linking its spec, or whose arguments cannot
 * be read, throws instead of producing an index that would allow everything.
 */
export function buildRequirementsIndex(supergraphSdl: string): RequirementsIndex {
  const doc = parse(supergraphSdl);
  const names: DirectiveNames = {
    authenticated: linkedName(doc, AUTHENTICATED_SPEC, 'authenticated') ?? 'authenticated',
    requiresScopes: linkedName(doc, REQUIRES_SCOPES_SPEC, 'requiresScopes') ?? 'requiresScopes',
  };
  const mentions = (n: string) => new RegExp(`@${n}\\b`).test(supergraphSdl.replace(/@link\([^)]*\)/g, ''));
  if (
    (mentions(names.authenticated) && linkedName(doc, AUTHENTICATED_SPEC, '') === null) ||
    (mentions(names.requiresScopes) && linkedName(doc, REQUIRES_SCOPES_SPEC, '') === null)
  ) {
    throw new Error('the supergraph uses access directives without linking their specs; refusing to start');
  }

  const typeReq = new Map<string, Requirement>();
  const fieldReq = new Map<string, Map<string, Requirement>>();
  const returnType = new Map<string, Map<string, string>>();
  const implementers = new Map<string, string[]>();
  const unionMembers = new Map<string, string[]>();

  const addType = (name: string, directives: readonly ConstDirectiveNode[] | undefined) => {
    typeReq.set(name, combineRequirements(typeReq.get(name) ?? NO_REQUIREMENT, requirementFromDirectives(directives, names)));
  };
  const addFields = (name: string, fields: readonly FieldDefinitionNode[] | undefined) => {
    const reqs = fieldReq.get(name) ?? new Map<string, Requirement>();
    const returns = returnType.get(name) ?? new Map<string, string>();
    for (const f of fields ?? []) {
      reqs.set(f.name.value, combineRequirements(reqs.get(f.name.value) ?? NO_REQUIREMENT, requirementFromDirectives(f.directives, names)));
      let t = f.type;
      while (t.kind !== Kind.NAMED_TYPE) t = t.type;
      returns.set(f.name.value, t.name.value);
    }
    fieldReq.set(name, reqs);
    returnType.set(name, returns);
  };

  for (const def of doc.definitions) {
    switch (def.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
        addType(def.name.value, def.directives);
        addFields(def.name.value, def.fields);
        for (const i of def.interfaces ?? []) implementers.set(i.name.value, [...(implementers.get(i.name.value) ?? []), def.name.value]);
        break;
      case Kind.UNION_TYPE_DEFINITION:
        addType(def.name.value, def.directives);
        unionMembers.set(def.name.value, (def.types ?? []).map((t) => t.name.value));
        break;
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
        addType(def.name.value, def.directives);
        break;
      default:
        break;
    }
  }

  const possible = (type: string): string[] => implementers.get(type) ?? unionMembers.get(type) ?? [];
  /** A type's own requirement; an abstract type also needs what every possible type needs. */
  const namedTypeReq = (type: string): Requirement =>
    possible(type).reduce((req, t) => combineRequirements(req, typeReq.get(t) ?? NO_REQUIREMENT), typeReq.get(type) ?? NO_REQUIREMENT);

  const cache = new Map<string, Requirement>();
  return {
    fieldRequirement(type, field) {
      const key = `${type}.${field}`;
      let req = cache.get(key);
      if (!req) {
        req = combineRequirements(fieldReq.get(type)?.get(field) ?? NO_REQUIREMENT, namedTypeReq(type));
        for (const impl of implementers.get(type) ?? []) req = combineRequirements(req, fieldReq.get(impl)?.get(field) ?? NO_REQUIREMENT);
        const target = returnType.get(type)?.get(field);
        if (target) req = combineRequirements(req, namedTypeReq(target));
        cache.set(key, req);
      }
      return req;
    },
  };
}

/** @apollo/gateway refuses `for: SECURITY` links; the gateway's own authorization enforces them instead. */
export function stripSecurityLinks(supergraphSdl: string): string {
  return supergraphSdl.replace(/,\s*for:\s*SECURITY/g, '');
}
