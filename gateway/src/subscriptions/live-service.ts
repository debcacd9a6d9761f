import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { print, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { createHandler } from 'graphql-sse';
import { HttpError, toGraphQLRequest, type EventBus, type Logger } from '@etika/kit';
import { evaluateRule, requirementRule } from '@etika/schema';
import { API_KEY_HEADER, type Authenticated, type Authenticator } from '../auth/authenticate.ts';
import type { OperationAuthorizer } from '../authorization/authorize-operation.ts';
import type { Caller, Edge, EdgeRefusal } from '../edge/edge.ts';
import { RequestAdmission } from '../http/admission.ts';
import type { OperationLimits } from '../limits/limits.ts';
import type { GatewayContext } from '../server.ts';
import { LiveHub, type Credentials, type LiveExecutor } from './live-hub.ts';
import { carriesOperation, serveSse } from './live-http.ts';
import { planLive, type LivePlan } from './live-query.ts';
import { liveRequirements, withLiveFields } from './live-schema.ts';
import type { LiveSettings } from './settings.ts';

export interface LiveOptions {
  readonly bus: EventBus;
  readonly authenticator: Authenticator;
  /** The gateway's current authorizer (it changes when the supergraph is reloaded). */
  readonly authorizer: () => OperationAuthorizer;
  readonly apollo: ApolloServer<GatewayContext>;
  /** The gateway's edge: client address, persisted documents, cost limits and quotas, as on /graphql. */
  readonly edge: Edge;
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
type Refusal = ReturnType<typeof refusal>;
const edgeRefusal = (r: EdgeRefusal): Refusal => refusal(r.status, r.errors);

/** A stream request that carries an operation, as the gateway let it through to graphql-sse: who sends it, and where to answer. */
interface Admitted {
  readonly res: ServerResponse;
  readonly auth: Authenticated;
  readonly caller: Caller;
  readonly credentials: Credentials;
}

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
  const answer = (res: ServerResponse, [body, init]: Refusal) => {
    res.writeHead(init.status, init.statusText, init.headers);
    res.end(body);
  };
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

  /** Each subscription document is planned once (and its events' query, whose cost it spends, is the same node). */
  const plans = new WeakMap<OperationDefinitionNode, LivePlan | string>();
  const planOf = (document: DocumentNode, operation: OperationDefinitionNode) => {
    let plan = plans.get(operation);
    if (plan === undefined) plans.set(operation, (plan = planLive(document, operation)));
    return plan;
  };
  const { edge } = options;
  /** A refusal of the stream after it spent 1 from the caller's quotas (the quota's own refusal when exhausted). */
  const spendingOne = async (admitted: Admitted, refusedWith: Refusal): Promise<Refusal> => {
    const limited = await edge.meter(admitted.res, admitted.caller, null, undefined);
    return limited ? edgeRefusal(limited) : refusedWith;
  };

  const handler = createHandler<IncomingMessage, Admitted | null>({
    onSubscribe: async (req, params) => {
      const admitted = req.context;
      if (!admitted) return refused(new HttpError(400, 'Send the subscription in the request', 'BAD_REQUEST'));
      const { auth, caller, res } = admitted;
      if (!admission) return refused(new HttpError(503, 'Live subscriptions are not available on this supergraph', 'SERVICE_UNAVAILABLE'));
      if (typeof params.query !== 'string') return refused(new HttpError(400, 'Send the subscription as text', 'BAD_REQUEST'));
      const variables = (params.variables ?? {}) as Record<string, unknown>;
      const checked = admission.admit({ query: params.query, operationName: params.operationName ?? undefined, variables: params.variables ?? undefined }, true);
      if (!checked.admitted) {
        const limited = await edge.meter(res, caller, checked, variables);
        return limited ? edgeRefusal(limited) : refusal(checked.status, checked.errors);
      }
      if (checked.operation.operation !== 'subscription') return spendingOne(admitted, refused(new HttpError(400, 'Only subscriptions are served here; send queries and mutations to /graphql', 'BAD_REQUEST')));
      const plan = planOf(checked.document, checked.operation);
      if (typeof plan === 'string') return spendingOne(admitted, refused(new HttpError(400, plan, 'BAD_REQUEST')));
      // a subscription costs what the query each of its events runs costs, refused above the caller's maximum as
      // that query would be on /graphql, and spent from the caller's quotas once, when the stream opens
      const query = plan.query.definitions[0] as OperationDefinitionNode;
      const tooMuch = await edge.meter(res, caller, { admitted: true, document: plan.query, operation: query }, variables);
      if (tooMuch) return edgeRefusal(tooMuch);
      const requirement = requirements.get(plan.field)!;
      if (!(await evaluateRule(requirementRule(requirement), auth.principal))) {
        return refusal(403, [{ message: 'Unauthorized field or type', path: [plan.responseKey], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } }]);
      }
      const stream = hub.open(auth, admitted.credentials, plan, requirement, variables);
      if (stream instanceof HttpError) return refused(stream);
      // graphql-sse's own result type carries GraphQLError instances; formatted errors serialize the same
      return stream as unknown as AsyncIterable<never>;
    },
  });

  /**
   * Before graphql-sse sees a request that carries an operation: who sends it (a failed authentication spends from
   * the client's address), then the persisted document it names or the check that people send registered
   * documents only, exactly as on /graphql. Reservations and event streams of graphql-sse's single connection
   * mode carry none and go straight through.
   */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let request = await toGraphQLRequest(req, new URL(req.url ?? '/', 'http://gateway'));
    if (!carriesOperation(request)) return serveSse(handler, req, res, request, null);
    const clientAddress = edge.clientAddress(req);
    const credentials: Credentials = { authorization: request.headers.get('authorization') ?? undefined, apiKey: request.headers.get(API_KEY_HEADER) ?? undefined };
    let auth: Authenticated;
    try {
      auth = await authenticate(credentials);
    } catch (err) {
      const limited = await edge.spend(res, { clientAddress }, 1);
      return answer(res, limited ? edgeRefusal(limited) : err instanceof HttpError ? refused(err) : refusal(503, [{ message: 'Try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }]));
    }
    const caller: Caller = { principal: auth.principal, clientAddress, rateLimitPerMinute: auth.rateLimitPerMinute };
    const admitted: Admitted = { res, auth, caller, credentials };
    if (auth.principal.kind === 'anonymous') return answer(res, await spendingOne(admitted, refused(new HttpError(401, 'Sign in to subscribe', 'UNAUTHENTICATED'))));
    const resolved = await edge.resolveDocument(res, caller, request);
    // /graphql answers an unknown id with 200, as APQ clients expect; a stream's client would take a 200 for an open stream
    if ('errors' in resolved) return answer(res, refusal(resolved.status === 200 ? 400 : resolved.status, resolved.errors));
    request = resolved.request;
    return serveSse(handler, req, res, request, admitted);
  }

  return {
    handle,
    setSchema: (apiSchema) => {
      admission = admissionFor(apiSchema);
    },
    close: () => hub.close(),
  };
}
