import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Principal } from '@etika/schema';
import type { HTTPGraphQLRequest } from '@apollo/server';
import { HttpError, openStore, sendGraphQLError, type KeyValueStore } from '@etika/kit';
import type { Admitted, Refused } from '../http/admission.ts';
import { FieldUsage } from '../observability/field-usage.ts';
import { GatewayMetrics } from '../observability/metrics.ts';
import { clientAddressResolver, trustedProxyList, type ClientAddressResolver } from './client-address.ts';
import { CostEstimator, readCostDirectives, type CostDefaults } from './cost.ts';
import { PersistedDocuments, type PersistedOptions } from './persisted-documents.ts';
import { RateLimits, addressQuota, quotasFor, rateLimitHeaders, retryAfterSeconds, type QuotaState, type RateLimitSettings } from './rate-limit.ts';

/** The most an operation may cost, by kind of caller (`anonymous` also covers failed look-ups of a principal). */
export interface CostLimits {
  readonly anonymous: number;
  readonly user: number;
  readonly apiKey: number;
}

export interface EdgeOptions {
  /** Quotas of cost points per caller; absent, nothing is rate limited and no RateLimit header is sent. */
  readonly rateLimits?: RateLimitSettings | undefined;
  /** Counters in this Redis when set, shared by every gateway; in memory otherwise. */
  readonly redisUrl?: string | undefined;
  /** Prefix of the Redis keys, so gateways of different platforms (or test runs) sharing one Redis never meet. */
  readonly storeNamespace?: string | undefined;
  /** Addresses or CIDR ranges of the reverse proxies whose `X-Forwarded-For` is believed. */
  readonly trustedProxies?: readonly string[] | undefined;
  /** The most one operation may cost; absent, operations are measured (for the limits) but never refused. */
  readonly costLimits?: CostLimits | undefined;
  readonly costDefaults?: CostDefaults | undefined;
  /** Who may read `/metrics` (addresses or CIDR ranges, after trusted proxies); loopback when absent. */
  readonly metricsAllow?: readonly string[] | undefined;
  /** Trusted documents (the web app's manifest) and APQ for partners; every document runs when absent. */
  readonly persisted?: PersistedOptions | undefined;
}

/** Who a request is, as far as the edge needs to know: the principal and the key's own limit. */
export interface Caller {
  readonly principal: Principal;
  readonly clientAddress: string;
  /** A partner key's limit in cost points per minute, set by its organisation; null for the default. */
  readonly rateLimitPerMinute?: number | null | undefined;
}

export interface EdgeRefusal {
  readonly status: number;
  readonly errors: readonly GraphQLFormattedError[];
}

/**
 * What the gateway decides at its edge, around authorization and planning: the client's address, the estimated
 * cost of each operation and the most it may be, and the quotas each caller spends that cost from, with the
 * `RateLimit` headers every answer carries when quotas are on.
 */
export class Edge {
  readonly clientAddress: ClientAddressResolver;
  private estimator: CostEstimator;
  private readonly limits: RateLimits | null;
  readonly metrics = new GatewayMetrics();
  private fields: FieldUsage;
  private readonly metricsAllow: ReturnType<typeof trustedProxyList>;
  private readonly store: KeyValueStore | null;
  private readonly persisted: PersistedDocuments | null;

  constructor(supergraphSdl: string, apiSchema: GraphQLSchema, private readonly options: EdgeOptions = {}) {
    this.clientAddress = clientAddressResolver(options.trustedProxies ?? []);
    this.fields = new FieldUsage(apiSchema);
    this.metricsAllow = trustedProxyList(options.metricsAllow ?? ['127.0.0.1', '::1']);
    this.estimator = this.estimatorOf(supergraphSdl, apiSchema);
    this.store = options.persisted ? openStore(options.redisUrl, `${options.storeNamespace ?? ''}edge`) : null;
    this.persisted = options.persisted && this.store ? new PersistedDocuments(options.persisted, this.store) : null;
    this.limits = options.rateLimits ? RateLimits.open(options.rateLimits, options.redisUrl, `etika:${options.storeNamespace ?? ''}`) : null;
  }

  /** A reloaded supergraph: costs and field coordinates from now on come from it. */
  setSupergraph(supergraphSdl: string, apiSchema: GraphQLSchema): void {
    this.estimator = this.estimatorOf(supergraphSdl, apiSchema);
    this.fields = new FieldUsage(apiSchema);
  }

  /** Estimates are kept per operation (and slicing variables' values) until the supergraph changes. */
  private estimatorOf(supergraphSdl: string, apiSchema: GraphQLSchema): CostEstimator {
    return new CostEstimator(apiSchema, readCostDirectives(supergraphSdl), this.options.costDefaults, 10_000, (hit) => this.metrics.observeCache('cost', hit));
  }

  estimate(document: DocumentNode, operation: OperationDefinitionNode, variables: unknown): number {
    const values = variables && typeof variables === 'object' && !Array.isArray(variables) ? (variables as Record<string, unknown>) : {};
    return this.estimator.estimate(document, operation, values);
  }

  /** Refuses an operation that would cost more than the caller's kind may spend on one, with the estimate. */
  refuseCost(principal: Principal, cost: number): EdgeRefusal | null {
    const max = this.options.costLimits?.[principal.kind];
    if (max === undefined || cost <= max) return null;
    return {
      status: 400,
      errors: [{
        message: `This operation's estimated cost is ${cost}, above the ${max} allowed for one operation`,
        extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxCost', cost: { estimated: cost, maximum: max } },
      }],
    };
  }

  /**
   * Spends `cost` from the caller's quotas (a request that failed authentication spends from its address) and
   * sets the `RateLimit` headers on the answer; a 429 with `Retry-After` when a quota is exhausted.
   */
  async spend(res: ServerResponse, caller: Caller | { readonly clientAddress: string }, cost: number): Promise<EdgeRefusal | null> {
    if (!this.limits) return null;
    const settings = this.limits.settings;
    const quotas = 'principal' in caller ? quotasFor(caller.principal, caller.clientAddress, settings, scaled(caller.rateLimitPerMinute, settings.windowSeconds)) : addressQuota(caller.clientAddress, settings);
    const states: QuotaState[] = await this.limits.spend(quotas, cost);
    for (const [name, value] of Object.entries(rateLimitHeaders(states, settings.windowSeconds))) res.setHeader(name, value);
    const retryAfter = retryAfterSeconds(states);
    if (retryAfter === null) return null;
    res.setHeader('retry-after', String(retryAfter));
    const policy = states.find((s) => s.exceeded)!.quota.policy;
    this.metrics.observeRateLimited(policy);
    return {
      status: 429,
      errors: [{ message: `Too many requests for this ${policy === 'api-key' ? 'API key' : policy}; try again in ${retryAfter} s`, extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: retryAfter, policy, cost } }],
    };
  }

  /**
   * The edge's verdict on one GraphQL request, before authorization and planning: an admitted operation spends
   * its estimated cost, after the cost limit; a request refused on admission, or one Apollo answers itself,
   * spends 1.
   */
  async meter(res: ServerResponse, caller: Caller, admitted: Admitted | Refused | null, variables: unknown): Promise<EdgeRefusal | null> {
    const cost = admitted?.admitted ? this.estimate(admitted.document, admitted.operation, variables) : 1;
    const { principal } = caller;
    if (admitted?.admitted) {
      this.metrics.observeFields(this.fields.coordinatesOf(admitted.document), this.metrics.client(principal.kind, principal.kind === 'apiKey' ? principal.keyId : undefined), cost);
    }
    const tooCostly = this.refuseCost(principal, cost);
    const limited = await this.spend(res, caller, tooCostly ? 1 : cost);
    const refusal = limited ?? tooCostly;
    this.metrics.observeErrors(refusal?.errors ?? (admitted && !admitted.admitted ? admitted.errors : undefined));
    return refusal;
  }

  /**
   * The document a request runs: its own text, or the persisted document its id names; refused (spending 1) when
   * people may run registered documents only, or when the id is unknown.
   */
  async resolveDocument(res: ServerResponse, caller: Caller, request: HTTPGraphQLRequest): Promise<{ readonly request: HTTPGraphQLRequest } | EdgeRefusal> {
    if (!this.persisted) return { request };
    const resolved = await this.persisted.resolve(request, caller.principal);
    if ('request' in resolved) return resolved;
    const limited = await this.spend(res, caller, 1);
    const refusal = limited ?? resolved;
    this.metrics.observeErrors(refusal.errors);
    return refusal;
  }

  /** `/metrics` for Prometheus, to the addresses allowed to scrape it; a 403 for anyone else. */
  async serveMetrics(req: Pick<IncomingMessage, 'headers' | 'socket'>, res: ServerResponse): Promise<void> {
    const address = this.clientAddress(req);
    const family = isIP(address);
    if (!family || !this.metricsAllow.check(address, family === 6 ? 'ipv6' : 'ipv4')) {
      return sendGraphQLError(res, 403, 'Metrics are only served to the addresses allowed to scrape them', 'FORBIDDEN');
    }
    await this.metrics.serve(res);
  }

  /** A failed authentication spends from the client's address (so guessing keys is rate limited), then fails. */
  async failedAuthentication(res: ServerResponse, clientAddress: string, err: unknown): Promise<never> {
    const limited = await this.spend(res, { clientAddress }, 1);
    this.metrics.observeErrors(limited?.errors ?? [{ extensions: { code: err instanceof HttpError ? err.code : 'INTERNAL_SERVER_ERROR' } }]);
    if (limited) throw new HttpError(429, limited.errors[0]!.message, 'TOO_MANY_REQUESTS');
    throw err;
  }

  async close(): Promise<void> {
    await this.limits?.close();
    await this.store?.close();
  }
}

/** A key's per-minute limit in the window the gateway counts in. */
const scaled = (perMinute: number | null | undefined, windowSeconds: number): number | null =>
  perMinute ? Math.max(1, Math.round((perMinute * windowSeconds) / 60)) : null;

