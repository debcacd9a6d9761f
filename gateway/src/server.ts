import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { Supergraph } from '@apollo/federation-internals';
import { print, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Registry } from 'prom-client';
import { REQUEST_ID_HEADER, type Principal } from '@etika/schema';
import { createHttpService, errorReporting, executeHttp, flushTracing, tracedServerRequest, formatError, importPublicKey, importPrivateKey, sendGraphQLError, sendJson, toGraphQLRequest, type HttpService, type KeyNeeds, type Logger, ownKeyOrThrow, trustedKeyOrThrow, type Rights, type ServiceKeys } from '@etika/kit';
import { API_KEY_HEADER, Authenticator } from './auth/authenticate.ts';
import { OperationAuthorizer } from './authorization/authorize-operation.ts';
import { buildRequirementsIndex, stripSecurityLinks } from './authorization/requirements-index.ts';
import { engineTraits, type EngineName } from './engine/engine.ts';
import { createEngine } from './engine/create-engine.ts';
import { RequestAdmission } from './http/admission.ts';
import { assertNoCsrf } from './http/csrf.ts';
import { writeBuffered } from './http/send-answer.ts';
import { assertAcceptable, readParams, wantsGraphQLResponseJson, withQuery } from './http/params.ts';
import { mergeAuthorization, type AuthorizationOutcome } from './http/respond.ts';
import { REFRESH_ROUTE, SESSION_MODE_HEADER, handleRefresh, moveRefreshTokenToCookie } from './http/refresh-cookie.ts';
import { securityHeaders, serveStatic } from './http/static.ts';
import { isPaymentWebhook, paymentWebhooks } from './http/webhooks.ts';
import { DEFAULT_LIMITS, type OperationLimits } from './limits/limits.ts';
import { Drain } from './edge/drain.ts';
import { Edge, type EdgeOptions } from './edge/edge.ts';
import { watchSupergraph } from './edge/reload.ts';
import type { SubgraphFetchObserver } from './subgraphs/observer.ts';
import { DEFAULT_SUBGRAPH_SETTINGS, type SubgraphSettings } from './subgraphs/settings.ts';
import { SubgraphFetcher, type SubgraphRequestContext } from './subgraphs/subgraph-fetcher.ts';
import { liveSubscriptions } from './subscriptions/live-service.ts';
import { gatewayTracing, type GatewayTracingOptions } from './tracing/gateway-tracing.ts';
import { DEFAULT_LIVE_SETTINGS, STREAM_ROUTE, type LiveSettings } from './subscriptions/settings.ts';
import type { EventBus } from '@etika/kit';

export interface GatewayContext extends BaseContext, SubgraphRequestContext {
  readonly principal: Principal;
  readonly principalToken: string;
  readonly requestId: string;
  readonly clientAddress: string;
  readonly clientAgent: string | null;
  readonly authorization: AuthorizationOutcome | null;
}

export interface GatewayOptions {
  readonly supergraphSdl: string;
  /** Subgraph name → GraphQL URL, overriding the URLs in the supergraph. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly keys: ServiceKeys;
  /** The platform's current rights, shared with the subgraphs (see the kit's `Rights`). */
  readonly rights: Rights;
  readonly logger: Logger;
  readonly production: boolean;
  readonly rejectUnauthorized: boolean;
  readonly limits?: OperationLimits;
  readonly webDist?: string | undefined;
  /** `Strict-Transport-Security` max-age in seconds, when the gateway is reached over TLS; 0 or absent sends none. */
  readonly hstsMaxAgeSeconds?: number;
  /** Client address behind proxies, demand control and rate limits (`src/edge`); all off when absent. */
  readonly edge?: EdgeOptions;
  /** The supergraph's file, watched: a new text is applied with no request dropped (a bad one is logged, not applied). */
  readonly supergraphPath?: string | undefined;
  readonly supergraphPollMs?: number;
  /** How long `close()` waits for the requests in flight before closing their connections; 10 s when absent. */
  readonly drainTimeoutMs?: number;
  /** Timeouts, retries, circuit breakers and deduplication of subgraph fetches; `DEFAULT_SUBGRAPH_SETTINGS` when absent. */
  readonly subgraphs?: SubgraphSettings;
  /** Told of every subgraph fetch: subgraph, duration, outcome, circuit state. */
  readonly subgraphObservers?: readonly SubgraphFetchObserver[];
  /** What plans and executes behind the security layer: @apollo/gateway (the default) or Hive's Rust planner. */
  readonly engine?: EngineName;
  /** The platform's event bus: live subscriptions at `/graphql/stream` follow it (none are served without it). */
  readonly bus?: EventBus;
  /** Streams per person and how often their rights are checked again; `DEFAULT_LIVE_SETTINGS` when absent. */
  readonly live?: LiveSettings;
  /** OpenTelemetry traces: on when an OTLP endpoint is configured; whether a client's `traceparent` is continued. */
  readonly tracing?: GatewayTracingOptions;
  /** What `/metrics` serves, given the gateway's own registry: in a cluster worker, every worker's metrics summed. */
  readonly metrics?: (registry: Registry) => () => Promise<string>;
}

export type Gateway = HttpService;

/** Routes metrics are labelled with; anything else (the web app's paths) is `other`. */
const ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics', REFRESH_ROUTE, STREAM_ROUTE]);

/** The gateway signs principal tokens and accepts identity's access tokens. */
export const GATEWAY_KEYS: KeyNeeds = { signs: true, trusts: ['identity'] };

/** The gateway: authenticate, limit, authorize before planning, then plan and execute with @apollo/gateway. */
export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const { logger } = options;
  const tracing = gatewayTracing(options.tracing);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const apiSchemaOf = (sdl: string): GraphQLSchema => Supergraph.build(stripSecurityLinks(sdl)).apiSchema().toGraphQLJSSchema();
  const apiSchema = apiSchemaOf(options.supergraphSdl);
  const edge = new Edge(options.supergraphSdl, apiSchema, options.edge);
  if (options.metrics) edge.metrics.serveFrom(options.metrics(edge.metrics.registry));
  /** What the gateway builds from the supergraph's text, replaced as one when the file changes. */
  const viewOf = (sdl: string, schema: GraphQLSchema) => ({
    authorizer: new OperationAuthorizer(schema, buildRequirementsIndex(sdl, engineTraits(options.engine ?? 'apollo').enforces)),
    admission: new RequestAdmission(schema, limits, options.production, (hit) => edge.metrics.observeCache('document', hit)),
  });
  let view = viewOf(options.supergraphSdl, apiSchema);
  const printed = new WeakMap<DocumentNode, string>();
  const printedOnce = (doc: DocumentNode) => {
    let text = printed.get(doc);
    if (text === undefined) {
      text = print(doc);
      printed.set(doc, text);
    }
    return text;
  };
  const identityUrl = options.subgraphUrls['identity'];
  if (!identityUrl) throw new Error('the identity subgraph URL is required');
  const authenticator = new Authenticator(
    await importPublicKey(trustedKeyOrThrow(options.keys, 'identity')),
    await importPrivateKey(ownKeyOrThrow(options.keys).privateJwk),
    () => identityUrl,
    options.rights,
  );

  const fetcher = new SubgraphFetcher(options.subgraphs ?? DEFAULT_SUBGRAPH_SETTINGS, [...(options.subgraphObservers ?? []), edge.metrics]);
  const engine = createEngine(options.engine ?? 'apollo', stripSecurityLinks(options.supergraphSdl), apiSchema, fetcher, options.subgraphUrls);
  const apollo = new ApolloServer<GatewayContext>({
    gateway: engine.gateway,
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    hideSchemaDetailsFromClientErrors: options.production,
    csrfPrevention: false,
    persistedQueries: false,
    allowBatchedHttpRequests: false,
    // the gateway stops on SIGTERM itself, draining first: Apollo's own handler would stop it and re-raise the signal,
    // killing the process with its requests in flight
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: limits.maxTokens },
    // Apollo's default appends a newline, which makes every answer a joined string copied whole before it is written
    stringifyResult: (result) => JSON.stringify(result),
    formatError: formatError(options.production),
    logger,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      errorReporting<GatewayContext>(logger),
      edge.metrics.plugin<GatewayContext>(),
      ...tracing.plugins,
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, request, response }) {
              if (contextValue.authorization && response.body.kind === 'single') {
                mergeAuthorization(response.body.singleResult as Parameters<typeof mergeAuthorization>[0], contextValue.authorization);
              }
              if (request.http?.headers.get(SESSION_MODE_HEADER) === 'cookie' && response.body.kind === 'single') {
                const cookie = moveRefreshTokenToCookie(response.body.singleResult.data as Parameters<typeof moveRefreshTokenToCookie>[0]);
                if (cookie) response.http.headers.set('set-cookie', cookie);
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const live = options.bus
    ? liveSubscriptions({ bus: options.bus, authenticator, authorizer: () => view.authorizer, apollo, edge, apiSchema, limits, production: options.production, rejectUnauthorized: options.rejectUnauthorized, settings: options.live ?? DEFAULT_LIVE_SETTINGS, logger })
    : null;

  // a request keeps the view it started with; the engine swaps its schema and plans the same way
  const reload = async (sdl: string) => {
    const schema = apiSchemaOf(sdl);
    const next = viewOf(sdl, schema);
    await engine.reload(stripSecurityLinks(sdl), schema);
    view = next;
    edge.setSupergraph(sdl, schema);
    live?.setSchema(schema);
  };
  const watch = options.supergraphPath ? watchSupergraph(options.supergraphPath, options.supergraphSdl, reload, logger, (ok) => edge.metrics.observeReload(ok), options.supergraphPollMs) : null;
  const drain = new Drain();

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const { authorizer, admission } = view;
    let request = await toGraphQLRequest(req, url);
    assertAcceptable(request);
    assertNoCsrf(request);
    const clientAddress = edge.clientAddress(req);
    const auth = await authenticator
      .authenticate({ authorization: request.headers.get('authorization'), apiKey: request.headers.get(API_KEY_HEADER) })
      .catch((err: unknown) => edge.failedAuthentication(res, clientAddress, err));
    const graphqlJson = wantsGraphQLResponseJson(request.headers.get('accept'));
    const mediaType = { 'content-type': `${graphqlJson ? 'application/graphql-response+json' : 'application/json'}; charset=utf-8` };
    const caller = { principal: auth.principal, clientAddress, rateLimitPerMinute: auth.rateLimitPerMinute };
    const resolved = await edge.resolveDocument(res, caller, request);
    if ('errors' in resolved) return sendJson(res, resolved.status, { errors: resolved.errors }, mediaType);
    request = resolved.request;
    const params = readParams(request);
    const admitted = params ? admission.admit(params, graphqlJson) : null;
    const refused = await edge.meter(res, caller, admitted, params?.variables);
    if (refused) return sendJson(res, refused.status, { errors: refused.errors }, mediaType);
    let authorization: AuthorizationOutcome | null = null;
    if (params && admitted) {
      if (!admitted.admitted) return sendJson(res, admitted.status, { errors: admitted.errors }, mediaType);
      const result = await authorizer.authorize({
        document: admitted.document,
        operationName: params.operationName,
        principal: auth.principal,
        reject: options.rejectUnauthorized,
        source: params.query,
      });
      if (result.outcome === 'empty' || result.outcome === 'rejected') {
        return sendJson(res, graphqlJson ? 403 : 200, { data: null, errors: result.errors }, mediaType);
      }
      if (result.outcome === 'filtered' && result.document) {
        // each filtered variant is its own document text, hence its own query plan in the gateway's cache
        request = withQuery(request, printedOnce(result.document));
        authorization = { errors: result.errors, removedPaths: result.removedPaths };
      }
    }
    const clientAgent = request.headers.get('user-agent')?.slice(0, 200) ?? null;
    const context = async () => ({ principal: auth.principal, principalToken: auth.principalToken, requestId, clientAddress, clientAgent, authorization });
    await executeHttp(apollo, request, res, context, writeBuffered);
  }

  /** The cookie's refresh token exchanged by identity, as any client's refreshSession would be. */
  async function refreshThroughIdentity(refreshToken: string) {
    const anonymous = await authenticator.authenticate({});
    const result = await apollo.executeOperation(
      { query: 'mutation Refresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { accessToken accessTokenExpiresAt refreshToken } }', variables: { refreshToken } },
      { contextValue: { principal: anonymous.principal, principalToken: anonymous.principalToken, requestId: randomUUID(), clientAddress: 'refresh-route', clientAgent: null, authorization: null } },
    );
    if (result.body.kind !== 'single') return null;
    const data = result.body.singleResult.data as { refreshSession?: { accessToken: string; accessTokenExpiresAt: string; refreshToken: string | null } } | null | undefined;
    return data?.refreshSession ?? null;
  }

  const webhooks = paymentWebhooks({ paymentUrl: options.subgraphUrls['payment'], principalToken: async () => (await authenticator.authenticate({})).principalToken, logger });
  const hsts = options.hstsMaxAgeSeconds ? { 'strict-transport-security': `max-age=${options.hstsMaxAgeSeconds}; includeSubDomains` } : {};

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    drain.track(res);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    for (const [name, value] of Object.entries(hsts)) res.setHeader(name, value);
    const url = URL.canParse(req.url ?? '/', 'http://gateway') ? new URL(req.url ?? '/', 'http://gateway') : null;
    if (!url) return sendGraphQLError(res, 400, 'The request path is not a valid URL', 'BAD_REQUEST');
    const started = performance.now();
    res.on('finish', () => {
      logger.info({ requestId, method: req.method, path: url.pathname, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
      edge.metrics.observeHttp(ROUTES.has(url.pathname) ? url.pathname : 'other', res.statusCode, (performance.now() - started) / 1000);
    });
    if (url.pathname === '/metrics') return edge.serveMetrics(req, res);
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') return drain.draining ? sendJson(res, 503, { status: 'draining' }) : sendJson(res, 200, { status: 'ready' });
    if (url.pathname === '/graphql') return tracedServerRequest(tracing.tracing, req, res, '/graphql', tracing.trustIncoming, () => handleGraphQL(req, res, url, requestId));
    if (url.pathname === STREAM_ROUTE) return live ? live.handle(req, res) : sendJson(res, 404, { error: 'live subscriptions need the event bus' });
    if (url.pathname === REFRESH_ROUTE) return handleRefresh(req, res, refreshThroughIdentity);
    if (isPaymentWebhook(url.pathname)) return webhooks(req, res, url, requestId);
    if (options.webDist && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(options.webDist, url.pathname, res, securityHeaders());
    return sendJson(res, 404, { error: 'not found' });
  }

  const service = createHttpService(handle, logger, async () => {
    await apollo.stop();
    await edge.close();
    await fetcher.close();
    await flushTracing();
  });
  return {
    ...service,
    close: async () => {
      watch?.close();
      live?.close();
      await drain.drain(service.http, options.drainTimeoutMs ?? 10_000);
      await service.close();
    },
  };
}
