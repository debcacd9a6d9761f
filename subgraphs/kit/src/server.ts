import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { CLIENT_ADDRESS_HEADER, PRINCIPAL_HEADER, REQUEST_ID_HEADER, type Principal } from '@etika/schema';
import { auditPlugin, type AuditContext } from './audit.ts';
import type { Db } from './db.ts';
import { formatError } from './errors.ts';
import { createHttpService, executeHttp, sendGraphQLError, sendJson, toGraphQLRequest } from './http.ts';
import type { Logger } from './logger.ts';
import { principalVerifier } from './principal-token.ts';
import { importPublicKey } from './tokens.ts';

export interface RequestInfo {
  readonly principal: Principal;
  readonly requestId: string;
  /** The principal token as received, for relaying to another subgraph's internal routes. */
  readonly principalToken: string;
  /** The caller's address as the gateway saw it (for per-address throttles). */
  readonly clientAddress: string;
  /** Mutation fields already audited inside their own transaction (see `auditInTransaction`). */
  readonly audited: Set<string>;
}

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
  readonly buildContext: (info: RequestInfo) => TContext;
  readonly internalRoutes?: Readonly<Record<string, InternalRoute>>;
  readonly plugins?: ApolloServerPlugin<TContext>[];
  readonly ready?: () => Promise<boolean>;
  /** Stops what the subgraph runs beside its server (relays, consumers) before the server closes. */
  readonly onClose?: () => Promise<void>;
}

export interface SubgraphServer<TContext extends AuditContext> {
  readonly apollo: ApolloServer<TContext>;
  readonly http: Server;
  /** Listens on the port (0 = any free one) and resolves to the URL of its GraphQL endpoint. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
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
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    hideSchemaDetailsFromClientErrors: options.production,
    csrfPrevention: true,
    formatError: formatError(options.production),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      auditPlugin<TContext>(options.name, options.db, logger),
      ...(options.plugins ?? []),
    ],
    logger,
  });
  await apollo.start();

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
    const token = req.headers[PRINCIPAL_HEADER];
    let principal: Principal;
    try {
      if (typeof token !== 'string') throw new Error('missing principal token');
      principal = await verifyPrincipal(token);
    } catch {
      logger.warn({ requestId, path: url.pathname }, 'request without a valid principal token refused');
      return sendGraphQLError(res, 401, 'This service only answers the gateway', 'UNAUTHENTICATED');
    }
    const request = await toGraphQLRequest(req, url);
    const clientAddress = String(req.headers[CLIENT_ADDRESS_HEADER] ?? req.socket.remoteAddress ?? 'unknown');
    await executeHttp(apollo, request, res, async () =>
      options.buildContext({ principal, requestId, principalToken: token, clientAddress, audited: new Set() }),
    );
  }

  const service = createHttpService(handle, logger, async () => {
    await apollo.stop();
  });
  return {
    apollo,
    http: service.http,
    listen: service.listen,
    close: async () => {
      await options.onClose?.();
      await service.close();
    },
  };
}
