import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { CLIENT_ADDRESS_HEADER, CLIENT_AGENT_HEADER, PRINCIPAL_HEADER, REQUEST_ID_HEADER } from '@etika/schema';
import { subgraphHeaders, type SubgraphFetcher, type SubgraphRequestContext } from '../subgraphs/subgraph-fetcher.ts';

/** The headers the gateway hands the engine, which passes them on to every subgraph fetch. */
const PASSED_ON = [PRINCIPAL_HEADER, REQUEST_ID_HEADER, CLIENT_ADDRESS_HEADER, CLIENT_AGENT_HEADER];

/**
 * Hive's Rust query planner (`@graphql-hive/router-runtime`) and its executor, behind the gateway's own security
 * layer: Apollo Server still parses, validates against the API schema, authorizes, formats errors and answers; this
 * engine only plans and executes the document the gateway admitted (already filtered of denied fields), in process.
 * Subgraph fetches go through the gateway's `SubgraphFetcher` (timeouts, retries, breakers, deduplication within one
 * principal, observers), never through the runtime's own HTTP client, and the runtime's deduplication is off.
 */
export class RustPlannerEngine implements GatewayInterface {
  private runtime: ReturnType<typeof createGatewayRuntime> | null = null;

  constructor(
    private readonly supergraphSdl: string,
    private readonly apiSchema: GraphQLSchema,
    private readonly fetcher: SubgraphFetcher,
    subgraphUrls: Readonly<Record<string, string>>,
  ) {
    fetcher.register(subgraphUrls);
    this.urls = subgraphUrls;
  }

  private readonly urls: Readonly<Record<string, string>>;

  async load(): Promise<{ schema: GraphQLSchema; executor: GatewayExecutor }> {
    const runtime = createGatewayRuntime({
      supergraph: this.supergraphSdl,
      unifiedGraphHandler,
      logging: false,
      maskedErrors: false,
      landingPage: false,
      graphiql: false,
      fetchAPI: { fetch: this.fetcher.fetch as never },
      transportEntries: Object.fromEntries(
        Object.entries(this.urls).map(([name, url]) => [name, { kind: 'http', subgraph: name, location: url, options: { deduplicateInflightRequests: false } }]),
      ),
      propagateHeaders: {
        fromClientToSubgraphs: ({ request }) => Object.fromEntries(PASSED_ON.map((h) => [h, request.headers.get(h)])),
      },
    });
    this.runtime = runtime;
    // the first request loads the supergraph into the runtime; after it, documents go straight to its executor
    await runtime.fetch('http://engine/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    const executor: GatewayExecutor = async (requestContext) => {
      const context = requestContext.context as unknown as SubgraphRequestContext;
      // the document Apollo Server parsed and validated against the API schema: neither is done twice
      const request = new Request('http://engine/graphql', { method: 'POST', headers: subgraphHeaders(context) });
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
    };
    return { schema: this.apiSchema, executor };
  }

  onSchemaLoadOrUpdate(callback: (update: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void): () => void {
    callback({ apiSchema: this.apiSchema, coreSupergraphSdl: this.supergraphSdl });
    return () => undefined;
  }

  async stop(): Promise<void> {
    await this.runtime?.dispose();
  }
}
