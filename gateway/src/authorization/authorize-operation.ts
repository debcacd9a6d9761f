import {
  Kind,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  print,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { evaluateRule, isUnrestricted, requirementKey, requirementRule, type Principal, type Requirement } from '@etika/schema';
import { BoundedCache } from '@etika/kit';
import { filterDocument, fragmentsOf, outermost, pathKey, selectedPaths, type ResponsePath } from './filter-document.ts';
import type { RequirementsIndex } from './requirements-index.ts';

export type { ResponsePath };

/** One restricted field selection of the operation, at one of the response paths where it lands. */
export interface RestrictedField {
  readonly path: ResponsePath;
  readonly requirementKey: string;
  /** The removal location: this node, in the operation or in the fragment definition that holds it. */
  readonly node: FieldNode;
}

/** What depends on the document alone; computed once per (document text, operation name). */
export interface OperationAnalysis {
  readonly cacheKey: string;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** In document order; a field under a fragment spread several times appears once per path. */
  readonly restricted: readonly RestrictedField[];
  /** The distinct requirements of `restricted`, by requirement key: all a request has to evaluate. */
  readonly requirements: ReadonlyMap<string, Requirement>;
  /** The response paths of every field that has a selection set, to name the parents a removal empties. */
  readonly parentPaths: ReadonlyMap<FieldNode, readonly ResponsePath[]>;
}

export interface UnauthorizedFieldError {
  readonly message: 'Unauthorized field or type';
  readonly path: ResponsePath;
  readonly extensions: { readonly code: 'UNAUTHORIZED_FIELD_OR_TYPE' };
}

/**
 * authorized: nothing to remove, execute `document` (the caller's own) as is. filtered: plan and execute the filtered
 * `document`. empty: every root field was removed, answer `data: null` with the errors, plan nothing. rejected:
 * reject mode and something was unauthorized, answer the errors only.
 */
export type AuthorizationOutcome = 'authorized' | 'filtered' | 'empty' | 'rejected';

export interface AuthorizationResult {
  readonly outcome: AuthorizationOutcome;
  readonly document: DocumentNode | null;
  /** One per outermost unauthorized response path, in document order. */
  readonly errors: readonly UnauthorizedFieldError[];
  /**
   * The outermost response paths the filtered document no longer selects, to answer `null` there: the
   * unauthorized fields and the parents whose selections they emptied. Empty unless `filtered`.
   */
  readonly removedPaths: readonly ResponsePath[];
}

export interface AuthorizeRequest {
  readonly document: DocumentNode;
  readonly operationName?: string | null | undefined;
  readonly principal: Principal;
  /** Reject the whole operation if anything in it is unauthorized, instead of removing those fields. */
  readonly reject?: boolean;
  /** The document's text if the caller has it; saves printing the document to key the cache. */
  readonly source?: string;
}

export interface AuthorizerOptions {
  readonly maxDocuments?: number;
  readonly maxVariantsPerDocument?: number;
}

/** Field visits allowed per analysis (fragments expanded), so a fragment bomb fails instead of stalling. */
const MAX_FIELD_VISITS = 100_000;

const printedDocuments = new WeakMap<DocumentNode, string>();

function documentText(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) {
    text = print(document);
    printedDocuments.set(document, text);
  }
  return text;
}

function selectOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) throw new Error(operationName ? `no operation named "${operationName}"` : 'an operationName is needed to pick the operation');
  return operation;
}

/**
 * Walks the selected operation through fragments and type conditions and records every restricted field selection.
 * Expects a document validated against `schema`: anything it cannot resolve throws rather than passing unchecked.
 */
function analyzeOperation(
  schema: GraphQLSchema,
  index: RequirementsIndex,
  document: DocumentNode,
  operationName: string | null | undefined,
  cacheKey: string,
): OperationAnalysis {
  const operation = selectOperation(document, operationName);
  const fragments = fragmentsOf(document);
  const restricted: RestrictedField[] = [];
  const requirements = new Map<string, Requirement>();
  const parentPaths = new Map<FieldNode, ResponsePath[]>();
  let visits = 0;

  const compositeType = (name: string): GraphQLCompositeType => {
    const type = schema.getType(name);
    if (!isCompositeType(type)) throw new Error(`unknown composite type ${name} in the operation`);
    return type;
  };
  const walk = (set: SelectionSetNode, scope: GraphQLCompositeType, path: ResponsePath, spreading: ReadonlySet<string>): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, sel.typeCondition ? compositeType(sel.typeCondition.name.value) : scope, path, spreading);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(sel.name.value);
        if (!fragment) throw new Error(`unknown fragment ${sel.name.value}`);
        if (spreading.has(fragment.name.value)) throw new Error(`fragment ${fragment.name.value} spreads itself`);
        walk(fragment.selectionSet, compositeType(fragment.typeCondition.name.value), path, new Set([...spreading, fragment.name.value]));
      } else {
        const name = sel.name.value;
        // introspection meta-fields carry no access directives
        if (name.startsWith('__')) continue;
        if (++visits > MAX_FIELD_VISITS) throw new Error('the operation is too large to authorize');
        const def = isObjectType(scope) || isInterfaceType(scope) ? scope.getFields()[name] : undefined;
        const req = index.fieldRequirement(scope.name, name);
        if (!def || !req) throw new Error(`field ${scope.name}.${name} is not in the schema or the requirements index`);
        const fieldPath = [...path, sel.alias?.value ?? name];
        if (!isUnrestricted(req)) {
          const key = requirementKey(req);
          requirements.set(key, req);
          restricted.push({ path: fieldPath, requirementKey: key, node: sel });
        }
        if (sel.selectionSet) {
          parentPaths.set(sel, [...(parentPaths.get(sel) ?? []), fieldPath]);
          const target = getNamedType(def.type);
          if (!isCompositeType(target)) throw new Error(`field ${scope.name}.${name} has no subfields`);
          walk(sel.selectionSet, target, fieldPath, spreading);
        }
      }
    }
  };
  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`the schema has no ${operation.operation} type`);
  walk(operation.selectionSet, root, [], new Set());
  return { cacheKey, document, operation, restricted, requirements, parentPaths };
}

/** The per-variant work, done once per (document, set of failed requirements). */
interface Variant {
  readonly denied: readonly RestrictedField[];
  readonly errors: readonly UnauthorizedFieldError[];
  filtered?: { readonly document: DocumentNode | null; readonly removedPaths: readonly ResponsePath[] };
}

function unauthorizedError(path: ResponsePath): UnauthorizedFieldError {
  return { message: 'Unauthorized field or type', path, extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } };
}

function filteredVariant(analysis: OperationAnalysis, variant: Variant): NonNullable<Variant['filtered']> {
  if (variant.filtered) return variant.filtered;
  const { document, collapsed } = filterDocument(analysis.document, analysis.operation, new Set(variant.denied.map((r) => r.node)));
  const still = document ? selectedPaths(document) : new Set<string>();
  const candidates = [...variant.denied.map((r) => r.path), ...collapsed.flatMap((n) => analysis.parentPaths.get(n) ?? [])];
  const removedPaths = document ? outermost(candidates.filter((p) => !still.has(pathKey(p)))) : [];
  variant.filtered = { document, removedPaths };
  return variant.filtered;
}

/**
 * Authorization before planning, with Apollo Router's semantics, for one API schema and its requirements index.
 * The document walk is cached per (document text, operation name); per request only the operation's distinct
 * requirements are evaluated, through the graphql-shield rules the subgraphs use; each set of failed requirements
 * gets one cached filtered document, so the same filtered text and hence the same query plan.
 */
export class OperationAuthorizer {
  readonly #analyses: BoundedCache<string, OperationAnalysis>;
  readonly #variants = new WeakMap<OperationAnalysis, BoundedCache<string, Variant>>();
  readonly #maxVariants: number;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly index: RequirementsIndex,
    options: AuthorizerOptions = {},
  ) {
    this.#analyses = new BoundedCache(options.maxDocuments ?? 1000);
    this.#maxVariants = options.maxVariantsPerDocument ?? 32;
  }

  /** The cached document-only analysis; the same object for the same document text and operation name. */
  analyze(document: DocumentNode, operationName?: string | null, source?: string): OperationAnalysis {
    const cacheKey = `${operationName ?? ''}\n${source ?? documentText(document)}`;
    let analysis = this.#analyses.get(cacheKey);
    if (!analysis) {
      analysis = analyzeOperation(this.schema, this.index, document, operationName, cacheKey);
      this.#analyses.set(cacheKey, analysis);
    }
    return analysis;
  }

  async authorize(request: AuthorizeRequest): Promise<AuthorizationResult> {
    const analysis = this.analyze(request.document, request.operationName, request.source);
    const failed: string[] = [];
    await Promise.all(
      [...analysis.requirements].map(async ([key, req]) => {
        if (!(await evaluateRule(requirementRule(req), request.principal))) failed.push(key);
      }),
    );
    if (failed.length === 0) return { outcome: 'authorized', document: request.document, errors: [], removedPaths: [] };

    const failedKey = JSON.stringify(failed.sort());
    let variants = this.#variants.get(analysis);
    if (!variants) {
      variants = new BoundedCache(this.#maxVariants);
      this.#variants.set(analysis, variants);
    }
    let variant = variants.get(failedKey);
    if (!variant) {
      const failedSet = new Set(failed);
      const denied = analysis.restricted.filter((r) => failedSet.has(r.requirementKey));
      variant = {
        denied,
        errors: outermost(denied.map((r) => r.path)).map(unauthorizedError),
      };
      variants.set(failedKey, variant);
    }
    const { errors } = variant;
    if (request.reject) return { outcome: 'rejected', document: null, errors, removedPaths: [] };
    const { document, removedPaths } = filteredVariant(analysis, variant);
    return { outcome: document ? 'filtered' : 'empty', document, errors, removedPaths };
  }
}
