import {
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  valueFromASTUntyped,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { BoundedCache } from '@etika/kit';

/** `@listSize` as Apollo, Hive, Cosmo and Grafbase read it (the cost spec, `https://specs.apollo.dev/cost/v0.1`). */
export interface ListSize {
  readonly assumedSize: number | null;
  readonly slicingArguments: readonly string[];
  /** When set, the size applies to these child fields (a connection's `nodes`), not to the field itself. */
  readonly sizedFields: readonly string[];
}

/** The `@cost` and `@listSize` directives of a supergraph, by `Type.field`, `Type.field(argument)` and type. */
export interface CostDirectives {
  readonly fieldWeights: ReadonlyMap<string, number>;
  readonly argumentWeights: ReadonlyMap<string, number>;
  readonly typeWeights: ReadonlyMap<string, number>;
  readonly listSizes: ReadonlyMap<string, ListSize>;
}

export interface CostDefaults {
  /** The size of a list field with no `@listSize` and no slicing argument. */
  readonly listSize: number;
  /** The weight of a mutation's root field with no `@cost` of its own (Apollo's default: 10). */
  readonly mutationWeight: number;
}

export const DEFAULT_COST: CostDefaults = { listSize: 10, mutationWeight: 10 };

const argument = (d: DirectiveNode, name: string): unknown => {
  const arg = d.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value) : undefined;
};

const weightOf = (directives: readonly DirectiveNode[] | undefined): number | undefined => {
  const cost = directives?.find((d) => d.name.value === 'cost');
  const weight = cost ? argument(cost, 'weight') : undefined;
  return typeof weight === 'number' ? weight : undefined;
};

/** Reads the directives from the supergraph's text: the API schema @apollo/gateway builds drops them. */
export function readCostDirectives(supergraphSdl: string): CostDirectives {
  const fieldWeights = new Map<string, number>();
  const argumentWeights = new Map<string, number>();
  const typeWeights = new Map<string, number>();
  const listSizes = new Map<string, ListSize>();
  for (const def of parse(supergraphSdl).definitions) {
    if (!('name' in def) || !def.name || !('directives' in def)) continue;
    const typeName = def.name.value;
    const typeWeight = weightOf(def.directives);
    if (typeWeight !== undefined) typeWeights.set(typeName, typeWeight);
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of def.fields ?? []) {
      const key = `${typeName}.${field.name.value}`;
      const weight = weightOf(field.directives);
      if (weight !== undefined) fieldWeights.set(key, weight);
      for (const arg of field.arguments ?? []) {
        const argWeight = weightOf(arg.directives);
        if (argWeight !== undefined) argumentWeights.set(`${key}(${arg.name.value})`, argWeight);
      }
      const listSize = field.directives?.find((d) => d.name.value === 'listSize');
      if (listSize) {
        const assumed = argument(listSize, 'assumedSize');
        const slicing = argument(listSize, 'slicingArguments');
        const sized = argument(listSize, 'sizedFields');
        listSizes.set(key, {
          assumedSize: typeof assumed === 'number' ? assumed : null,
          slicingArguments: Array.isArray(slicing) ? slicing.map(String) : [],
          sizedFields: Array.isArray(sized) ? sized.map(String) : [],
        });
      }
    }
  }
  return { fieldWeights, argumentWeights, typeWeights, listSizes };
}

interface Sizing {
  readonly fields: readonly string[];
  readonly size: number;
}

/** Variables a value refers to (a slicing argument given as `$first`, or inside a list or object). */
function variablesIn(value: ValueNode, into: Set<string>): void {
  if (value.kind === Kind.VARIABLE) into.add(value.name.value);
  else if (value.kind === Kind.LIST) for (const v of value.values) variablesIn(v, into);
  else if (value.kind === Kind.OBJECT) for (const f of value.fields) variablesIn(f.value, into);
}

/** The slicing variables of one operation, and its estimates by their values (the cost is the same for the rest). */
interface OperationCosts {
  readonly slicingVariables: readonly string[];
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly id: number;
}

/** Longer keys (a variable holding a large list or object) are estimated every time rather than kept. */
const MAX_KEY_LENGTH = 256;

/**
 * The estimated cost of an operation, before planning, as the cost spec computes it: an object (or interface,
 * or union) field weighs 1 and a scalar or enum 0 unless `@cost` says otherwise, a mutation's root field weighs
 * `mutationWeight`, arguments add their `@cost`, and a list multiplies its element's cost by its size: the
 * first slicing argument given (a literal or a variable, whose default the operation may give; else the
 * argument's default), else `assumedSize`, else `listSize`. Every selection counts, fragments expanded and
 * `@skip`/`@include` ignored: an upper bound.
 *
 * Estimates are kept per operation (documents are parsed once, so the same text is the same node): only the
 * variables a slicing argument reads can change an operation's cost, so an operation's estimates are keyed by
 * their values alone, and any other variable shares one entry.
 */
export class CostEstimator {
  private readonly operations = new WeakMap<OperationDefinitionNode, OperationCosts>();
  private readonly costs: BoundedCache<string, number>;
  private nextId = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly directives: CostDirectives,
    private readonly defaults: CostDefaults = DEFAULT_COST,
    capacity = 10_000,
    /** Told whether each estimate was found in the cache (metrics). */
    private readonly onLookup: (hit: boolean) => void = () => undefined,
  ) {
    this.costs = new BoundedCache(capacity);
  }

  estimate(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>): number {
    const known = this.operations.get(operation);
    if (!known) {
      const defaults: Record<string, unknown> = {};
      for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) defaults[v.variable.name.value] = valueFromASTUntyped(v.defaultValue);
      const slicing = new Set<string>();
      const cost = this.walk(document, operation, { ...defaults, ...variables }, slicing);
      const costs: OperationCosts = { slicingVariables: [...slicing].sort(), defaults, id: this.nextId++ };
      this.operations.set(operation, costs);
      this.keep(this.keyOf(costs, variables), cost);
      this.onLookup(false);
      return cost;
    }
    const key = this.keyOf(known, variables);
    const cached = key === null ? undefined : this.costs.get(key);
    this.onLookup(cached !== undefined);
    if (cached !== undefined) return cached;
    const cost = this.walk(document, operation, { ...known.defaults, ...variables }, new Set());
    this.keep(key, cost);
    return cost;
  }

  /** The operation and the values of its slicing variables (the operation alone when it has none); null when too long to keep. */
  private keyOf(costs: OperationCosts, variables: Readonly<Record<string, unknown>>): string | null {
    if (!costs.slicingVariables.length) return `${costs.id}`;
    const values = { ...costs.defaults, ...variables };
    const key = `${costs.id}:${JSON.stringify(costs.slicingVariables.map((name) => values[name] ?? null))}`;
    return key.length <= MAX_KEY_LENGTH ? key : null;
  }

  private keep(key: string | null, cost: number): void {
    if (key !== null) this.costs.set(key, cost);
  }

  private walk(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>, slicing: Set<string>): number {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    const root = operation.operation === 'mutation' ? this.schema.getMutationType() : operation.operation === 'subscription' ? this.schema.getSubscriptionType() : this.schema.getQueryType();
    if (!root) return 0;
    const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, sizing: Sizing | null, seen: readonly string[], isRoot: boolean): number => {
      let total = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.INLINE_FRAGMENT) {
          const type = sel.typeCondition ? this.schema.getType(sel.typeCondition.name.value) : parent;
          if (type && isCompositeType(type)) total += walk(sel.selectionSet, type, sizing, seen, isRoot);
        } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments.get(sel.name.value);
          const type = fragment ? this.schema.getType(fragment.typeCondition.name.value) : undefined;
          if (fragment && type && isCompositeType(type) && !seen.includes(fragment.name.value)) {
            total += walk(fragment.selectionSet, type, sizing, [...seen, fragment.name.value], isRoot);
          }
        } else {
          const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[sel.name.value] : undefined;
          if (!field) continue;
          total += this.fieldCost(parent.name, field, sel.arguments ?? [], variables, slicing, sizing, isRoot && operation.operation === 'mutation', (child, childSizing) =>
            sel.selectionSet ? walk(sel.selectionSet, child, childSizing, seen, false) : 0,
          );
        }
      }
      return total;
    };
    return walk(operation.selectionSet, root, null, [], true);
  }

  private fieldCost(
    parentName: string,
    field: GraphQLField<unknown, unknown>,
    args: readonly ArgumentNode[],
    variables: Readonly<Record<string, unknown>>,
    slicing: Set<string>,
    sizing: Sizing | null,
    mutationRoot: boolean,
    children: (type: GraphQLCompositeType, sizing: Sizing | null) => number,
  ): number {
    const key = `${parentName}.${field.name}`;
    const named = getNamedType(field.type);
    const own = this.directives.fieldWeights.get(key) ?? (mutationRoot ? this.defaults.mutationWeight : undefined) ?? this.directives.typeWeights.get(named.name) ?? (isCompositeType(named) ? 1 : 0);
    const argumentCost = args.reduce((sum, a) => sum + (this.directives.argumentWeights.get(`${key}(${a.name.value})`) ?? 0), 0);
    const listSize = this.directives.listSizes.get(key);
    const size = this.sizeOf(field, listSize, args, variables, slicing);
    const childSizing = listSize && listSize.sizedFields.length ? { fields: listSize.sizedFields, size } : null;
    const childCost = isCompositeType(named) ? children(named, childSizing) : 0;
    const element = own + childCost;
    if (!isListType(getNullableType(field.type))) return element + argumentCost;
    const count = sizing?.fields.includes(field.name) ? sizing.size : childSizing ? 1 : size;
    return count * element + argumentCost;
  }

  private sizeOf(field: GraphQLField<unknown, unknown>, listSize: ListSize | undefined, args: readonly ArgumentNode[], variables: Readonly<Record<string, unknown>>, slicing: Set<string>): number {
    // every variable any slicing argument reads, whatever the values: the ones the estimate may depend on
    for (const name of listSize?.slicingArguments ?? []) {
      const given = args.find((a) => a.name.value === name);
      if (given) variablesIn(given.value, slicing);
    }
    for (const name of listSize?.slicingArguments ?? []) {
      const given = args.find((a) => a.name.value === name);
      const value = given ? valueFromASTUntyped(given.value, variables) : field.args.find((a) => a.name === name)?.defaultValue;
      if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, Math.ceil(value));
    }
    return listSize?.assumedSize ?? this.defaults.listSize;
  }
}
