import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { print, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import { HttpError, type EventBus, type Logger } from '@etika/kit';
import { evaluateRule, requirementRule } from '@etika/schema';
import { API_KEY_HEADER, type Authenticator } from '../auth/authenticate.ts';
import type { OperationAuthorizer } from '../authorization/authorize-operation.ts';
import { RequestAdmission } from '../http/admission.ts';
import type { OperationLimits } from '../limits/limits.ts';
import type { GatewayContext } from '../server.ts';
import { LiveHub, type Credentials, type LiveExecutor } from './live-hub.ts';
import { planLive } from './live-query.ts';
import { liveRequirements, withLiveFields } from './live-schema.ts';
import type { LiveSettings } from './settings.ts';

export interface LiveOptions {
  readonly bus: EventBus;
  readonly authenticator: Authenticator;
  /** The gateway's current authorizer (it changes when the supergraph is reloaded). */
  readonly authorizer: () => OperationAuthorizer;
  readonly apollo: ApolloServer<GatewayContext>;
  readonly apiSchema: GraphQLSchema;
  readonly limits: OperationLimits;
  readonly production: boolean;
  readonly rejectUnauthorized: boolean;
  readonly settings: LiveSettings;
  readonly logger: Logger;
}

export interface LiveSubscriptions {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** A reloaded supergraph: subscription documents are validated against it from now on. */
  setSchema(apiSchema: GraphQLSchema): void;
  /** Ends every open stream (before the gateway drains its connections). */
  close(): void;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const refusal = (status: number, errors: readonly GraphQLFormattedError[]) =>
  [JSON.stringify({ errors }), { status, statusText: status === 429 ? 'Too Many Requests' : 'Refused', headers: JSON_TYPE }] as const;
const refused = (err: HttpError) => refusal(err.status, [{ message: err.message, extensions: { code: err.code } }]);

/**
 * GraphQL subscriptions over SSE (the graphql-sse protocol, distinct connections) at `/graphql/stream`, with the
 * credentials, operation limits, validation and authorization of queries. Each event is resolved by running a
 * query through the gateway's normal path as the subscriber: its authorization before planning (fields the
 * subscriber may not see answer null with `UNAUTHORIZED_FIELD_OR_TYPE`), the principal token, the subgraphs' own
 * checks and row-level security.
 */
export function liveSubscriptions(options: LiveOptions): LiveSubscriptions {
  const printed = new WeakMap<DocumentNode, string>();
  const text = (doc: DocumentNode) => printed.get(doc) ?? printed.set(doc, print(doc)).get(doc)!;
  const execute: LiveExecutor = async (auth, document, variables) => {
    const authorized = await options.authorizer().authorize({ document, principal: auth.principal, reject: options.rejectUnauthorized });
    if (!authorized.document || authorized.outcome === 'empty' || authorized.outcome === 'rejected') return { data: null, errors: authorized.errors };
    const response = await options.apollo.executeOperation(
      { query: text(authorized.document), variables },
      {
        contextValue: {
          principal: auth.principal,
          principalToken: auth.principalToken,
          requestId: randomUUID(),
          clientAddress: 'live-subscription',
          clientAgent: null,
          authorization: authorized.outcome === 'filtered' ? { errors: authorized.errors, removedPaths: authorized.removedPaths } : null,
        },
      },
    );
    if (response.body.kind !== 'single') return { data: null, errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    return response.body.singleResult;
  };
  const authenticate = (credentials: Credentials) => options.authenticator.authenticate(credentials);
  const hub = new LiveHub(options.bus, authenticate, execute, options.settings, options.logger);
  const requirements = liveRequirements();
  /** Null when the supergraph lacks the types the live fields return: streams are then refused, queries unaffected. */
  const admissionFor = (apiSchema: GraphQLSchema): RequestAdmission | null => {
    try {
      return new RequestAdmission(withLiveFields(apiSchema), options.limits, options.production);
    } catch (err) {
      options.logger.warn({ err }, 'live subscriptions are off: the supergraph lacks the types they return');
      return null;
    }
  };
  let admission = admissionFor(options.apiSchema);

  const handler = createHandler({
    onSubscribe: async (req, params) => {
      const credentials: Credentials = { authorization: req.headers.get('authorization') ?? undefined, apiKey: req.headers.get(API_KEY_HEADER) ?? undefined };
      let auth;
      try {
        auth = await authenticate(credentials);
      } catch (err) {
        return err instanceof HttpError ? refused(err) : refusal(503, [{ message: 'Try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
      }
      if (auth.principal.kind === 'anonymous') return refused(new HttpError(401, 'Sign in to subscribe', 'UNAUTHENTICATED'));
      if (!admission) return refused(new HttpError(503, 'Live subscriptions are not available on this supergraph', 'SERVICE_UNAVAILABLE'));
      if (typeof params.query !== 'string') return refused(new HttpError(400, 'Send the subscription as text', 'BAD_REQUEST'));
      const admitted = admission.admit({ query: params.query, operationName: params.operationName ?? undefined, variables: params.variables ?? undefined }, true);
      if (!admitted.admitted) return refusal(admitted.status, admitted.errors);
      if (admitted.operation.operation !== 'subscription') return refused(new HttpError(400, 'Only subscriptions are served here; send queries and mutations to /graphql', 'BAD_REQUEST'));
      const plan = planLive(admitted.document, admitted.operation);
      if (typeof plan === 'string') return refused(new HttpError(400, plan, 'BAD_REQUEST'));
      const requirement = requirements.get(plan.field)!;
      if (!(await evaluateRule(requirementRule(requirement), auth.principal))) {
        return refusal(403, [{ message: 'Unauthorized field or type', path: [plan.responseKey], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } }]);
      }
      const stream = hub.open(auth, credentials, plan, requirement, (params.variables ?? {}) as Record<string, unknown>);
      if (stream instanceof HttpError) return refused(stream);
      // graphql-sse's own result type carries GraphQLError instances; formatted errors serialize the same
      return stream as unknown as AsyncIterable<never>;
    },
  });

  return {
    handle: (req, res) => handler(req, res),
    setSchema: (apiSchema) => {
      admission = admissionFor(apiSchema);
    },
    close: () => hub.close(),
  };
}
