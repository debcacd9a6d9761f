import {
  GraphQLError,
  Kind,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { BoundedCache, withScalarImplementations } from '@etika/kit';
import { checkLimits, type OperationLimits } from '../limits/limits.ts';
import type { GraphQLParams } from './params.ts';

/** A request the gateway may authorize and plan: its document parsed, valid, limited, and its variables sound. */
export interface Admitted {
  readonly admitted: true;
  readonly document: DocumentNode;
  /** The operation the request runs, chosen by `operationName`. */
  readonly operation: OperationDefinitionNode;
}

/** A request refused before any authorization or planning, answered with GraphQL errors and this status. */
export interface Refused {
  readonly admitted: false;
  readonly status: number;
  readonly errors: readonly GraphQLFormattedError[];
}

interface Analysed {
  readonly document: DocumentNode | null;
  /** Parse, limit or validation errors, the same for every request with this document. */
  readonly errors: readonly GraphQLFormattedError[];
}

/** Introspection is off in production: the same refusal Apollo Server would give, decided here with the rest. */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(new GraphQLError('Introspection is turned off on this server', { nodes: [node] }));
    }
  },
});

const formatted = (errors: readonly GraphQLError[], code: string): GraphQLFormattedError[] =>
  errors.map((e) => ({ message: e.message, ...(e.locations ? { locations: e.locations } : {}), extensions: { code } }));

/**
 * Everything the GraphQL-over-HTTP spec calls a request error, decided in one place before authorization and
 * planning: parse failures, operation limits, validation against the API schema with real custom scalars (so
 * `SafeInt` and `DateTimeISO` refuse bad literals and variables here, not in a subgraph), choosing the operation,
 * and coercing variables. Answers are 400 for `application/graphql-response+json` and 200 for `application/json`
 * (the spec's SHOULD for that legacy type), except that an operation that cannot be chosen is always a 400.
 */
export class RequestAdmission {
  private readonly schema: GraphQLSchema;
  private readonly rules: readonly ValidationRule[];
  private readonly documents = new BoundedCache<string, Analysed>(5_000);

  constructor(
    apiSchema: GraphQLSchema,
    private readonly limits: OperationLimits,
    private readonly production: boolean,
    /** Told whether each document was found in the cache of analysed documents (metrics). */
    private readonly onLookup: (hit: boolean) => void = () => undefined,
  ) {
    this.schema = withScalarImplementations(apiSchema);
    this.rules = production ? [...specifiedRules, noIntrospection] : specifiedRules;
  }

  admit(params: GraphQLParams, graphqlResponseJson: boolean): Admitted | Refused {
    const requestError = graphqlResponseJson ? 400 : 200;
    const analysed = this.analyse(params.query);
    if (!analysed.document || analysed.errors.length) return { admitted: false, status: requestError, errors: analysed.errors };
    const operation = operationOf(analysed.document, params.operationName);
    if (typeof operation === 'string') {
      return { admitted: false, status: 400, errors: [{ message: operation, extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] };
    }
    if (params.variables === undefined || isObject(params.variables)) {
      const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], params.variables ?? {}, { maxErrors: 20, hideSuggestions: this.production });
      if (coerced.errors) return { admitted: false, status: requestError, errors: formatted(coerced.errors, 'BAD_USER_INPUT') };
    }
    return { admitted: true, document: analysed.document, operation };
  }

  private analyse(query: string): Analysed {
    let entry = this.documents.get(query);
    this.onLookup(entry !== undefined);
    if (!entry) {
      entry = this.analyseOnce(query);
      this.documents.set(query, entry);
    }
    return entry;
  }

  private analyseOnce(query: string): Analysed {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.limits.maxTokens });
    } catch (err) {
      const error = err instanceof GraphQLError ? err : new GraphQLError('The document could not be parsed');
      return { document: null, errors: formatted([error], 'GRAPHQL_PARSE_FAILED') };
    }
    const violation = checkLimits(document, this.limits);
    if (violation) return { document, errors: [{ message: violation.message, extensions: { code: 'OPERATION_LIMIT_EXCEEDED' } }] };
    const errors = validate(this.schema, document, this.rules, { hideSuggestions: this.production, maxErrors: 20 });
    return { document, errors: formatted(errors, 'GRAPHQL_VALIDATION_FAILED') };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value === null || (typeof value === 'object' && !Array.isArray(value));

/** The operation a request names, or why none can be chosen. */
function operationOf(document: DocumentNode, name: string | undefined): OperationDefinitionNode | string {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (name === undefined) {
    if (operations.length === 1) return operations[0]!;
    return 'The document has several operations: say which one to run with operationName';
  }
  return operations.find((o) => o.name?.value === name) ?? `The document has no operation named "${name}"`;
}
