import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { CLIENT_ADDRESS_HEADER, CLIENT_AGENT_HEADER, PRINCIPAL_HEADER, REQUEST_ID_HEADER } from '@etika/schema';
import { subgraphHeaders, type SubgraphFetcher, type SubgraphRequestContext } from '../subgraphs/subgraph-fetcher.ts';

/** The headers the gateway hands the engine, which passes them on to every subgraph fetch. */
const PASSED_ON = [PRINCIPAL_HEADER, REQUEST_ID_HEADER, CLIENT_ADDRESS_HEADER, CLIENT_AGENT_HEADER];

type Runtime = ReturnType<typeof createGatewayRuntime>;
type SchemaListener = (update: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void;

/** One supergraph's runtime, and the requests it is executing (it is disposed once retired and idle). */
interface Generation {
  readonly runtime: Runtime;
  readonly apiSchema: GraphQLSchema;
  readonly supergraphSdl: string;
  inFlight: number;
  retired: boolean;
  disposed: boolean;
}

/**
 * Hive's Rust query planner (`@graphql-hive/router-runtime`) and its executor, behind the gateway's own security
 * layer: Apollo Server still parses, validates against the API schema, authorizes, formats errors and answers; this
 * engine only plans and executes the document the gateway admitted (already filtered of denied fields), in process.
 * Subgraph fetches go through the gateway's `SubgraphFetcher` (timeouts, retries, breakers, deduplication within one
 * principal, observers), never through the runtime's own HTTP client, and the runtime's deduplication is off.
 *
 * A new supergraph gets a runtime of its own, warmed before any request reaches it; a request runs on the runtime of
 * the schema Apollo Server validated it against, so the requests in flight during a reload finish on the old one,
 * which is disposed once the last of them has answered.
 */
export class RustPlannerEngine implements GatewayInterface {
  private current: Generation | null = null;
  private readonly bySchema = new WeakMap<GraphQLSchema, Generation>();
  private readonly listeners = new Set<SchemaListener>();

  constructor(
    private readonly supergraphSdl: string,
    private readonly apiSchema: GraphQLSchema,
    private readonly fetcher: SubgraphFetcher,
    private readonly subgraphUrls: Readonly<Record<string, string>>,
  ) {}

  async load(): Promise<{ schema: GraphQLSchema; executor: GatewayExecutor }> {
    this.current = await this.build(this.supergraphSdl, this.apiSchema, this.subgraphUrls);
    const executor: GatewayExecutor = async (requestContext) => {
      const validatedAgainst = this.bySchema.get(requestContext.schema);
      const generation = validatedAgainst && !validatedAgainst.disposed ? validatedAgainst : this.current!;
      generation.inFlight++;
      try {
        return await execute(generation.runtime, requestContext);
      } finally {
        generation.inFlight--;
        this.disposeIfIdle(generation);
      }
    };
    return { schema: this.apiSchema, executor };
  }

  /**
   * Builds and warms a runtime for this supergraph, then makes it the one new requests run on. Throws (and changes
   * nothing) when the runtime cannot load the supergraph.
   */
  async update(supergraphSdl: string, apiSchema: GraphQLSchema, subgraphUrls: Readonly<Record<string, string>>): Promise<void> {
    const next = await this.build(supergraphSdl, apiSchema, subgraphUrls);
    const previous = this.current;
    this.current = next;
    for (const listener of this.listeners) listener({ apiSchema, coreSupergraphSdl: supergraphSdl });
    if (previous) {
      previous.retired = true;
      this.disposeIfIdle(previous);
    }
  }

  onSchemaLoadOrUpdate(callback: SchemaListener): () => void {
    this.listeners.add(callback);
    const { apiSchema, supergraphSdl } = this.current ?? { apiSchema: this.apiSchema, supergraphSdl: this.supergraphSdl };
    callback({ apiSchema, coreSupergraphSdl: supergraphSdl });
    return () => this.listeners.delete(callback);
  }

  async stop(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (current && !current.disposed) {
      current.disposed = true;
      await current.runtime.dispose();
    }
  }

  private async build(supergraphSdl: string, apiSchema: GraphQLSchema, urls: Readonly<Record<string, string>>): Promise<Generation> {
    this.fetcher.register(urls);
    const runtime = createGatewayRuntime({
      supergraph: supergraphSdl,
      unifiedGraphHandler,
      logging: false,
      maskedErrors: false,
      landingPage: false,
      graphiql: false,
      fetchAPI: { fetch: this.fetcher.fetch as never },
      transportEntries: Object.fromEntries(
        Object.entries(urls).map(([name, url]) => [name, { kind: 'http', subgraph: name, location: url, options: { deduplicateInflightRequests: false } }]),
      ),
      propagateHeaders: {
        fromClientToSubgraphs: ({ request }) =>
          request instanceof EngineRequest ? request.passedOn : Object.fromEntries(PASSED_ON.map((h) => [h, request.headers.get(h)])),
      },
    });
    // the first request loads the supergraph into the runtime; after it, documents go straight to its executor
    const warmed = await runtime.fetch('http://engine/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    const answer = (await warmed.json()) as { data?: unknown; errors?: { message: string }[] };
    if (!answer.data) {
      await runtime.dispose();
      throw new Error(`the Rust planner cannot load this supergraph: ${answer.errors?.map((e) => e.message).join('; ') ?? warmed.status}`);
    }
    const generation: Generation = { runtime, apiSchema, supergraphSdl, inFlight: 0, retired: false, disposed: false };
    this.bySchema.set(apiSchema, generation);
    return generation;
  }

  private disposeIfIdle(generation: Generation): void {
    if (!generation.retired || generation.inFlight > 0 || generation.disposed) return;
    generation.disposed = true;
    void generation.runtime.dispose();
  }
}

/**
 * The request the runtime's plugins see for one operation: its URL, method and the headers passed on to subgraphs,
 * which its header propagation takes as they are. A WHATWG `Request` would parse a URL and build a headers list
 * per operation for the same few reads. It is made per request, since its headers carry the caller's principal.
 */
class EngineRequest {
  readonly url = 'http://engine/graphql';
  readonly method = 'POST';
  readonly headers: { get(name: string): string | null; has(name: string): boolean; entries(): IterableIterator<[string, string]> };

  constructor(readonly passedOn: Readonly<Record<string, string>>) {
    this.headers = {
      get: (name) => (Object.hasOwn(passedOn, name.toLowerCase()) ? passedOn[name.toLowerCase()]! : null),
      has: (name) => Object.hasOwn(passedOn, name.toLowerCase()),
      entries: () => Object.entries(passedOn)[Symbol.iterator](),
    };
  }
}

async function execute(runtime: Runtime, requestContext: Parameters<GatewayExecutor>[0]) {
  const context = requestContext.context as unknown as SubgraphRequestContext;
  // the document Apollo Server parsed and validated against the API schema: neither is done twice
  const request = new EngineRequest(subgraphHeaders(context));
  const enveloped = runtime.getEnveloped({ request, params: { query: requestContext.source, variables: requestContext.request.variables, operationName: requestContext.operationName ?? undefined } } as never);
  const result = (await enveloped.execute({
    schema: enveloped.schema,
    document: requestContext.document,
    variableValues: requestContext.request.variables,
    operationName: requestContext.operationName,
    contextValue: await enveloped.contextFactory(),
  })) as { data?: Record<string, unknown> | null; errors?: readonly GraphQLError[] };
  // an executed operation has data, null when nothing could be served (the runtime then leaves it out)
  return { data: result.data ?? null, ...(result.errors?.length ? { errors: result.errors } : {}) };
}
