import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequest, type GraphQLResponse } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { CLIENT_ADDRESS_HEADER, CLIENT_AGENT_HEADER, PRINCIPAL_HEADER, REQUEST_ID_HEADER, type Principal } from '@etika/schema';
import { auditPlugin, type AuditContext } from './audit.ts';
import type { Db } from './db.ts';
import { errorReporting, formatError } from './errors.ts';
import { HttpError, createHttpService, executeHttp, sendGraphQLError, sendJson, toGraphQLRequest } from './http.ts';
import type { Logger } from './logger.ts';
import { principalVerifier } from './principal-token.ts';
import type { Rights } from './rights.ts';
import { importPublicKey } from './tokens.ts';
import { flushTracing, tracedServerRequest, tracingFor, tracingPlugin } from './tracing/index.ts';

export interface RequestInfo {
  readonly principal: Principal;
  readonly requestId: string;
  /** The principal token as received, for relaying to another subgraph's internal routes. */
  readonly principalToken: string;
  /** The caller's address as the gateway saw it (for per-address throttles). */
  readonly clientAddress: string;
  /** The caller's user agent as the gateway saw it (to name a session's device), or null. */
  readonly clientAgent: string | null;
  /** Mutation fields already audited inside their own transaction (see `auditInTransaction`). */
  readonly audited: Set<string>;
}

const REFUSED = 'This service only answers the gateway';

/** A route outside GraphQL (`/internal/...`), which does its own authentication. */
export type InternalRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export interface SubgraphServerOptions<TContext extends AuditContext> {
  readonly name: string;
  readonly schema: GraphQLSchema;
  readonly db: Db;
  readonly logger: Logger;
  readonly production: boolean;
  /** The gateway's public key: only principal tokens it signed are accepted. */
  readonly gatewayPublicKey: JsonWebKey;
  /** The platform's current rights: a person's request made with rights since taken away is refused. */
  readonly rights: Rights;
  readonly buildContext: (info: RequestInfo) => TContext;
  readonly internalRoutes?: Readonly<Record<string, InternalRoute>>;
  readonly plugins?: ApolloServerPlugin<TContext>[];
  readonly ready?: () => Promise<boolean>;
  /** Stops what the subgraph runs beside its server (relays, consumers) before the server closes. */
  readonly onClose?: () => Promise<void>;
}

/** Who calls in-process: the gateway-signed principal token an HTTP request would carry, and what else it would. */
export interface InProcessCall {
  readonly principalToken: string;
  readonly requestId?: string;
  /** The caller's address for per-address throttles; `in-process` when not given. */
  readonly clientAddress?: string;
  readonly clientAgent?: string;
}

/**
 * Runs one operation in-process, without a socket: the principal token is verified and the context built exactly
 * as for an HTTP request, so tests reach a subgraph as the gateway would. An invalid token is refused (401).
 */
export type InProcessExecutor = (request: GraphQLRequest, call: InProcessCall) => Promise<GraphQLResponse>;

export interface SubgraphServer<TContext extends AuditContext> {
  readonly apollo: ApolloServer<TContext>;
  readonly http: Server;
  /** Listens on the port (0 = any free one) and resolves to the URL of its GraphQL endpoint. */
  listen(port: number, host?: string): Promise<string>;
  readonly execute: InProcessExecutor;
  close(): Promise<void>;
}

/** Every answer is the caller's own: nothing between the gateway and a subgraph may keep one. */
function uncacheableAnswers<TContext extends AuditContext>(): ApolloServerPlugin<TContext> {
  const plugin: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      return listener;
    },
  };
  const listener = {
    async willSendResponse({ response }: { response: GraphQLResponse }) {
      response.http.headers.set('cache-control', 'no-store');
    },
  };
  return plugin;
}

/**
 * An Apollo subgraph over plain Node HTTP. Every GraphQL request must carry a principal token signed by the
 * gateway; without a valid one the answer is 401 and nothing executes. Mutations are audited.
 */
export async function createSubgraphServer<TContext extends AuditContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer<TContext>> {
  const { logger } = options;
  const verifyPrincipal = principalVerifier(await importPublicKey(options.gatewayPublicKey));
  // on only when an OTLP endpoint is configured; the gateway's `traceparent` is always continued here
  const tracing = tracingFor(options.name);
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    hideSchemaDetailsFromClientErrors: options.production,
    csrfPrevention: true,
    // the process's own shutdown drains and closes in order; Apollo's handler would stop the server and re-raise
    // SIGTERM at once, ending requests in flight
    stopOnTerminationSignals: false,
    formatError: formatError(options.production),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // the gateway reports no usage, so per-field timing traces would be work for nobody
      ApolloServerPluginInlineTraceDisabled(),
      // no schema declares cache hints, so Apollo's cache-control plugin would only wrap every field's resolver to
      // conclude what it always concludes: the answer may not be stored (said here once per answer instead)
      ApolloServerPluginCacheControlDisabled(),
      uncacheableAnswers<TContext>(),
      auditPlugin<TContext>(options.name, options.db, logger),
      errorReporting<TContext>(logger),
      ...(tracing.enabled ? [tracingPlugin<TContext>()] : []),
      ...(options.plugins ?? []),
    ],
    logger,
  });
  await apollo.start();

  type Admission = { readonly context: TContext } | { readonly status: number; readonly message: string; readonly code: string };

  /**
   * From a principal token to the request's context, for HTTP and in-process calls alike: refused without a valid
   * token, and refused when the person's rights changed since their access token was issued.
   */
  async function admit(token: unknown, requestId: string, client: { address: string; agent: string | null }): Promise<Admission> {
    const refused = { status: 401, message: REFUSED, code: 'UNAUTHENTICATED' };
    if (typeof token !== 'string') return refused;
    let principal: Principal;
    try {
      principal = await verifyPrincipal(token);
    } catch {
      return refused;
    }
    if (principal.kind === 'user') {
      let verdict;
      try {
        verdict = await options.rights.verdict(principal);
      } catch (err) {
        logger.error({ err, requestId }, 'rights could not be checked; refusing');
        return { status: 503, message: 'Rights cannot be checked right now; try again shortly', code: 'SERVICE_UNAVAILABLE' };
      }
      if (verdict === 'session-revoked') return { status: 401, message: 'This session has ended; sign in again', code: 'SESSION_REVOKED' };
      if (verdict === 'rights-changed') return { status: 401, message: 'Your rights have changed; refresh your session', code: 'RIGHTS_CHANGED' };
    }
    return { context: options.buildContext({ principal, requestId, principalToken: token, clientAddress: client.address, clientAgent: client.agent, audited: new Set() }) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    const requestId = String(req.headers[REQUEST_ID_HEADER] ?? randomUUID());
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      const ready = options.ready ? await options.ready() : true;
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'starting' });
    }
    const internal = options.internalRoutes?.[url.pathname];
    if (internal) return internal(req, res, url);
    if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found' });
    const clientAddress = String(req.headers[CLIENT_ADDRESS_HEADER] ?? req.socket.remoteAddress ?? 'unknown');
    const agent = req.headers[CLIENT_AGENT_HEADER];
    const admission = await admit(req.headers[PRINCIPAL_HEADER], requestId, { address: clientAddress, agent: typeof agent === 'string' ? agent : null });
    if (!('context' in admission)) {
      logger.warn({ requestId, path: url.pathname, code: admission.code }, 'request refused before execution');
      return sendGraphQLError(res, admission.status, admission.message, admission.code);
    }
    const request = await toGraphQLRequest(req, url);
    await executeHttp(apollo, request, res, async () => admission.context);
  }

  // GraphQL and the internal routes are traced; health checks are not
  const traced = (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!;
    const routed = path === '/graphql' || (options.internalRoutes !== undefined && Object.hasOwn(options.internalRoutes, path));
    return routed ? tracedServerRequest(tracing, req, res, path, true, () => handle(req, res)) : handle(req, res);
  };

  const service = createHttpService(traced, logger, async () => {
    await apollo.stop();
    await flushTracing();
  });
  return {
    apollo,
    http: service.http,
    listen: service.listen,
    execute: async (request, call) => {
      const admission = await admit(call.principalToken, call.requestId ?? randomUUID(), { address: call.clientAddress ?? 'in-process', agent: call.clientAgent ?? null });
      if (!('context' in admission)) throw new HttpError(admission.status, admission.message, admission.code);
      return apollo.executeOperation(request, { contextValue: admission.context });
    },
    close: async () => {
      await options.onClose?.();
      await service.close();
    },
  };
}
