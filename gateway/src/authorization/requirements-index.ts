import {
  Kind,
  parse,
  visit,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DocumentNode,
  type InterfaceTypeDefinitionNode,
  type InterfaceTypeExtensionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeNode,
} from 'graphql';
import {
  NO_REQUIREMENT,
  combineRequirements,
  isUnrestricted,
  requirementFromDirectives,
  type DirectiveNames,
  type Requirement,
} from '@etika/schema';

const SPEC_VERSION = 'v0.1';
const AUTHENTICATED_SPEC = 'https://specs.apollo.dev/authenticated';
const REQUIRES_SCOPES_SPEC = 'https://specs.apollo.dev/requiresScopes';
const ENFORCED_SPECS: ReadonlySet<string> = new Set([AUTHENTICATED_SPEC, REQUIRES_SCOPES_SPEC]);

/** The names the two directives go by in this supergraph; null when the supergraph does not link the spec. */
export interface LinkedDirectiveNames {
  readonly authenticated: string | null;
  readonly requiresScopes: string | null;
}

/**
 * Access requirements read from a supergraph, with Apollo Router's semantics: a field needs what its own directives
 * say, what the type it returns says (type-level directives on objects, interfaces, scalars and enums), and what the
 * type it is selected on says; an interface needs what every implementer needs, and an interface field what that
 * field needs on every implementer. Requirements are normalized, so equal requirements have equal keys.
 */
export interface RequirementsIndex {
  readonly directiveNames: LinkedDirectiveNames;
  /** The requirement to select `field` on `type`; undefined for a field the supergraph does not declare. */
  fieldRequirement(type: string, field: string): Requirement | undefined;
  /** A named type's type-level requirement (for an interface, also every implementer's). */
  typeRequirement(type: string): Requirement;
}

interface Link {
  readonly base: string;
  readonly version: string;
  readonly as: string | null;
  readonly imports: ReadonlyMap<string, string>;
  readonly security: boolean;
}

function fail(reason: string): never {
  throw new Error(`cannot build the authorization index from the supergraph: ${reason}`);
}

function stringValue(value: ConstValueNode | undefined, what: string): string | null {
  if (value === undefined) return null;
  if (value.kind !== Kind.STRING) fail(`${what} must be a string`);
  return value.value;
}

function splitUrl(url: string): { base: string; version: string } {
  const slash = url.replace(/\/+$/, '').lastIndexOf('/');
  return { base: url.slice(0, slash), version: url.slice(slash + 1) };
}

function readImports(value: ConstValueNode | undefined): Map<string, string> {
  const imports = new Map<string, string>();
  if (value === undefined) return imports;
  const items = value.kind === Kind.LIST ? value.values : [value];
  for (const item of items) {
    if (item.kind === Kind.STRING) {
      imports.set(item.value, item.value);
    } else if (item.kind === Kind.OBJECT) {
      const field = (name: string) => item.fields.find((f) => f.name.value === name)?.value;
      const name = stringValue(field('name'), '@link import name') ?? fail('an @link import object needs a name');
      imports.set(name, stringValue(field('as'), '@link import alias') ?? name);
    } else {
      fail('@link imports must be strings or {name, as} objects');
    }
  }
  return imports;
}

function readLinks(doc: DocumentNode): Link[] {
  const links: Link[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== Kind.SCHEMA_DEFINITION && def.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const d of def.directives ?? []) {
      if (d.name.value !== 'link') continue;
      const arg = (name: string) => d.arguments?.find((a) => a.name.value === name)?.value;
      const url = stringValue(arg('url'), '@link url') ?? fail('an @link has no url');
      const purpose = arg('for');
      links.push({
        ...splitUrl(url),
        as: stringValue(arg('as'), '@link as'),
        imports: readImports(arg('import')),
        security: purpose?.kind === Kind.ENUM && purpose.value === 'SECURITY',
      });
    }
  }
  return links;
}

/** The directive's name in this schema, following the link spec's rules for `as:` and `import:`. */
function linkedName(links: readonly Link[], base: string, directive: string): string | null {
  const matching = links.filter((l) => l.base === base);
  if (matching.length === 0) return null;
  if (matching.length > 1) fail(`${base} is linked more than once`);
  const link = matching[0]!;
  if (link.version !== SPEC_VERSION) fail(`${base}/${link.version} is not supported (only ${SPEC_VERSION})`);
  const imported = link.imports.get(`@${directive}`);
  if (imported !== undefined) {
    if (!imported.startsWith('@')) fail(`the import of @${directive} must be renamed to a directive name`);
    return imported.slice(1);
  }
  return link.as ?? directive;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function sortedByKey<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
}

/** Same meaning, one spelling: scopes sorted and deduplicated at every level, any scope implies authentication. */
function normalizeRequirement(req: Requirement): Requirement {
  if (isUnrestricted(req)) return NO_REQUIREMENT;
  const scopes = sortedByKey(
    req.scopes.map((anyOf) => sortedByKey(anyOf.map((allOf) => [...new Set(allOf)].sort()), (g) => JSON.stringify(g))),
    (entry) => JSON.stringify(entry),
  );
  return Object.freeze({ authenticated: true, scopes });
}

function allOf(reqs: readonly Requirement[]): Requirement {
  return normalizeRequirement(reqs.reduce(combineRequirements, NO_REQUIREMENT));
}

/** Counts every use of the given directive names, wherever it is, including `@join__directive(name: ...)`. */
function countUses(doc: DocumentNode, names: ReadonlySet<string>): number {
  let uses = 0;
  visit(doc, {
    Directive(node) {
      if (names.has(node.name.value)) uses += 1;
      if (node.name.value === 'join__directive') {
        const name = node.arguments?.find((a) => a.name.value === 'name')?.value;
        if (name?.kind === Kind.STRING && names.has(name.value)) uses += 1;
      }
    },
  });
  return uses;
}

function resolveNames(doc: DocumentNode, engineEnforces: ReadonlySet<string>): { linked: LinkedDirectiveNames; matching: DirectiveNames } {
  const links = readLinks(doc);
  const unenforced = links.find((l) => l.security && !ENFORCED_SPECS.has(l.base) && !engineEnforces.has(`${l.base}/${l.version}`));
  if (unenforced) {
    fail(`${unenforced.base}/${unenforced.version} is for: SECURITY but neither this gateway nor its engine enforces it`);
  }
  const linked: LinkedDirectiveNames = {
    authenticated: linkedName(links, AUTHENTICATED_SPEC, 'authenticated'),
    requiresScopes: linkedName(links, REQUIRES_SCOPES_SPEC, 'requiresScopes'),
  };
  if (linked.authenticated !== null && linked.authenticated === linked.requiresScopes) {
    fail('@authenticated and @requiresScopes are linked under the same name');
  }
  for (const spec of ['authenticated', 'requiresScopes'] as const) {
    if (linked[spec] === null && countUses(doc, new Set([spec])) > 0) fail(`@${spec} is used but its spec is not linked`);
  }
  // an empty name never matches a directive: an unlinked spec has no directive to read
  return { linked, matching: { authenticated: linked.authenticated ?? '', requiresScopes: linked.requiresScopes ?? '' } };
}

interface TypeInfo {
  readonly kind: 'object' | 'interface' | 'leaf';
  own: Requirement;
  readonly fields: Map<string, { own: Requirement; returns: string }>;
  readonly implementers: string[];
}

type CompositeNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode | InterfaceTypeExtensionNode;

function collectTypes(doc: DocumentNode, names: DirectiveNames, countHandled: (n: number) => void): Map<string, TypeInfo> {
  const types = new Map<string, TypeInfo>();
  const wanted = new Set([names.authenticated, names.requiresScopes]);
  const read = (directives: readonly ConstDirectiveNode[] | undefined): Requirement => {
    countHandled((directives ?? []).filter((d) => wanted.has(d.name.value)).length);
    return requirementFromDirectives(directives, names);
  };
  const info = (name: string, kind: TypeInfo['kind']): TypeInfo => {
    let t = types.get(name);
    if (!t) {
      t = { kind, own: NO_REQUIREMENT, fields: new Map(), implementers: [] };
      types.set(name, t);
    }
    return t;
  };
  const interfaceImplementers: [string, string][] = [];
  const addComposite = (def: CompositeNode, kind: TypeInfo['kind']) => {
    const t = info(def.name.value, kind);
    t.own = combineRequirements(t.own, read(def.directives));
    for (const f of def.fields ?? []) {
      const previous = t.fields.get(f.name.value)?.own ?? NO_REQUIREMENT;
      t.fields.set(f.name.value, { own: combineRequirements(previous, read(f.directives)), returns: namedType(f.type) });
    }
    for (const i of def.interfaces ?? []) interfaceImplementers.push([i.name.value, def.name.value]);
  };
  for (const def of doc.definitions) {
    switch (def.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
        addComposite(def, 'object');
        break;
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
        addComposite(def, 'interface');
        break;
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_EXTENSION:
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION: {
        const t = info(def.name.value, 'leaf');
        t.own = combineRequirements(t.own, read(def.directives));
        break;
      }
      default:
        break;
    }
  }
  for (const [iface, implementer] of interfaceImplementers) {
    const t = types.get(iface);
    if (t?.kind !== 'interface') fail(`${implementer} implements ${iface}, which is not an interface`);
    t.implementers.push(implementer);
  }
  return types;
}

/**
 * Builds the index from the supergraph SDL, resolving the directives' names from the `@link`s of the
 * authenticated/v0.1 and requiresScopes/v0.1 specs. Fails closed: it throws if the SDL does not parse, if a directive
 * is used without its spec linked, is linked in another version, is used where it cannot be read (arguments, input
 * fields, unions, enum values, `@join__directive`), has malformed scopes, or if another `for: SECURITY` feature is
 * linked that nobody enforces: `engineEnforces` lists the feature URLs (`https://specs.apollo.dev/inaccessible/v0.2`)
 * the engine behind this gateway enforces itself, as @apollo/gateway does `@inaccessible`; none by default.
 */
export function buildRequirementsIndex(supergraphSdl: string, engineEnforces: ReadonlySet<string> = new Set()): RequirementsIndex {
  let doc: DocumentNode;
  try {
    doc = parse(supergraphSdl);
  } catch (error) {
    fail(`the SDL does not parse (${error instanceof Error ? error.message : String(error)})`);
  }
  const { linked, matching } = resolveNames(doc, engineEnforces);
  let handled = 0;
  const types = collectTypes(doc, matching, (n) => (handled += n));
  const enforcedNames = new Set([linked.authenticated, linked.requiresScopes].filter((n): n is string => n !== null));
  const uses = countUses(doc, enforcedNames);
  if (uses !== handled) fail(`${uses - handled} access directive(s) are used where the gateway cannot enforce them`);

  const typeReqs = new Map<string, Requirement>();
  const typeRequirement = (name: string, visiting: ReadonlySet<string> = new Set()): Requirement => {
    const cached = typeReqs.get(name);
    if (cached) return cached;
    if (visiting.has(name)) fail(`interface cycle through ${name}`);
    const t = types.get(name);
    const next = new Set([...visiting, name]);
    const req = t ? allOf([t.own, ...t.implementers.map((i) => typeRequirement(i, next))]) : NO_REQUIREMENT;
    typeReqs.set(name, req);
    return req;
  };
  const fieldReqs = new Map<string, Map<string, Requirement>>();
  const fieldRequirement = (typeName: string, fieldName: string): Requirement | undefined => {
    const cached = fieldReqs.get(typeName)?.get(fieldName);
    if (cached) return cached;
    const t = types.get(typeName);
    const field = t?.fields.get(fieldName);
    if (!t || !field) return undefined;
    // the type requirement first: it is what detects an interface cycle before the implementers are followed
    const parts = [field.own, typeRequirement(typeName), typeRequirement(field.returns)];
    for (const i of t.implementers) {
      const onImplementer = fieldRequirement(i, fieldName);
      if (onImplementer) parts.push(onImplementer);
    }
    const req = allOf(parts);
    const byField = fieldReqs.get(typeName) ?? new Map<string, Requirement>();
    byField.set(fieldName, req);
    fieldReqs.set(typeName, byField);
    return req;
  };
  // computed eagerly, so a supergraph the index cannot represent fails at load time, not on a request
  for (const [typeName, t] of types) {
    typeRequirement(typeName);
    for (const fieldName of t.fields.keys()) fieldRequirement(typeName, fieldName);
  }
  return {
    directiveNames: linked,
    fieldRequirement: (type, field) => fieldReqs.get(type)?.get(field),
    typeRequirement: (type) => typeReqs.get(type) ?? NO_REQUIREMENT,
  };
}

/**
 * @apollo/gateway refuses a supergraph whose `@link`s are `for: SECURITY` and unsupported. Removes that purpose from
 * the authenticated and requiresScopes links only, which this gateway enforces itself before planning; any other
 * security feature keeps it, so the gateway still refuses what nothing here would enforce.
 */
export function stripSecurityLinks(supergraphSdl: string): string {
  return supergraphSdl.replace(/@link\(([^)]*)\)/g, (link, args: string) => {
    const url = /url\s*:\s*"([^"]*)"/.exec(args)?.[1];
    if (url === undefined || !ENFORCED_SPECS.has(splitUrl(url).base)) return link;
    return `@link(${args.replace(/,?\s*for\s*:\s*SECURITY/g, '')})`;
  });
}
