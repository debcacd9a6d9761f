import {
  GraphQLObjectType,
  getNamedType,
  isObjectType,
  type GraphQLFieldMap,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { allow, deny, shield } from 'graphql-shield';
import {
  combineRequirements,
  isUnrestricted,
  requirementFromDirectives,
  requirementRule,
  type Requirement,
  type RuleContext,
} from '@etika/schema';
import { appError } from './errors.ts';

type ShieldRule = ReturnType<typeof requirementRule> | typeof allow | typeof deny;
type RuleTree = Record<string, Record<string, ShieldRule>>;

const FEDERATION_ROOT_FIELDS = new Set(['_service', '_entities']);

function typeRequirement(type: GraphQLNamedType): Requirement {
  return requirementFromDirectives(type.astNode?.directives);
}

/**
 * The rule tree a subgraph enforces, read from the `@authenticated` / `@requiresScopes` directives of its own
 * schema, the same ones the gateway enforces: defence in depth from one declaration. Root fields are denied unless
 * they carry a directive or are named public; other fields get their directives' rule (with their type's and their
 * return type's type-level directives) or allow; anything the tree misses falls back to deny.
 */
export function rulesFromDirectives(schema: GraphQLSchema, publicRootFields: readonly string[]): RuleTree {
  const roots = new Set([schema.getQueryType(), schema.getMutationType()].filter(Boolean).map((t) => t!.name));
  const publicSet = new Set(publicRootFields);
  const tree: RuleTree = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    const isRoot = roots.has(type.name);
    const fields: GraphQLFieldMap<unknown, unknown> = (type as GraphQLObjectType).getFields();
    const typeReq = typeRequirement(type);
    const rules: Record<string, ShieldRule> = {};
    for (const field of Object.values(fields)) {
      let req = combineRequirements(requirementFromDirectives(field.astNode?.directives), typeReq);
      req = combineRequirements(req, typeRequirement(getNamedType(field.type)));
      if (isRoot && FEDERATION_ROOT_FIELDS.has(field.name)) rules[field.name] = allow;
      else if (!isUnrestricted(req)) rules[field.name] = requirementRule(req);
      else if (isRoot) rules[field.name] = publicSet.has(field.name) ? allow : deny;
      else rules[field.name] = allow;
    }
    tree[type.name] = rules;
  }
  return tree;
}

export function subgraphShield(schema: GraphQLSchema, publicRootFields: readonly string[]) {
  return shield(rulesFromDirectives(schema, publicRootFields), {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: (_thrown, _parent, _args, ctx) =>
      (ctx as unknown as RuleContext).principal.kind === 'anonymous'
        ? appError('UNAUTHENTICATED', 'Sign in to do this')
        : appError('UNAUTHORIZED_FIELD_OR_TYPE', 'Not allowed'),
  });
}
