import type { ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SubgraphFetchObserver, SubgraphFetchOutcome } from '../subgraphs/observer.ts';


/**
 * A label whose values come from clients (operation names, API keys): the first `max` distinct values are kept
 * and every later one is counted as `other`, so a client cannot grow the series without bound.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(private readonly max: number) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}

/** Distinct documents whose field usage may wait for the next scrape. */
const MAX_PENDING_DOCUMENTS = 1_000;

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The gateway's Prometheus metrics, in a registry of its own (several gateways in one process never mix):
 * requests, operation latency, errors by code, rate-limit refusals, cache hits, subgraph fetches, and field
 * usage per field and per client. Client-chosen label values are bounded (`BoundedLabel`).
 */
export class GatewayMetrics implements SubgraphFetchObserver {
  readonly registry = new Registry();
  private readonly operations = new BoundedLabel(200);
  private readonly clients = new BoundedLabel(100);
  private readonly codes = new BoundedLabel(60);
  private readonly http: Histogram<'route' | 'status'>;
  private readonly operation: Histogram<'operation' | 'type'>;
  private readonly errors: Counter<'code'>;
  private readonly rateLimited: Counter<'policy'>;
  private readonly cache: Counter<'cache' | 'result'>;
  private readonly subgraphDuration: Histogram<'subgraph' | 'outcome'>;
  private readonly subgraphFailures: Counter<'subgraph' | 'error'>;
  private readonly fieldUsage: Counter<'type' | 'field' | 'client'>;
  private readonly cost: Histogram<'client'>;
  private readonly reloads: Counter<'result'>;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'etika_gateway_' });
    this.http = new Histogram({ name: 'etika_gateway_http_request_duration_seconds', help: 'HTTP requests by route and status', labelNames: ['route', 'status'], buckets: SECONDS, registers });
    this.operation = new Histogram({ name: 'etika_gateway_operation_duration_seconds', help: 'GraphQL operations executed, by operation name and type', labelNames: ['operation', 'type'], buckets: SECONDS, registers });
    this.errors = new Counter({ name: 'etika_gateway_errors_total', help: 'GraphQL errors answered, by extensions.code', labelNames: ['code'], registers });
    this.rateLimited = new Counter({ name: 'etika_gateway_rate_limited_total', help: 'Requests refused by a rate limit, by policy', labelNames: ['policy'], registers });
    this.cache = new Counter({ name: 'etika_gateway_cache_lookups_total', help: 'Cache look-ups by cache and result (hit or miss)', labelNames: ['cache', 'result'], registers });
    this.subgraphDuration = new Histogram({ name: 'etika_gateway_subgraph_fetch_duration_seconds', help: 'Subgraph fetches by subgraph and outcome', labelNames: ['subgraph', 'outcome'], buckets: SECONDS, registers });
    this.subgraphFailures = new Counter({ name: 'etika_gateway_subgraph_fetch_failures_total', help: 'Failed subgraph fetches by subgraph and reason', labelNames: ['subgraph', 'error'], registers });
    this.fieldUsage = new Counter({
      name: 'etika_gateway_field_usage_total',
      help: 'Operations selecting each schema field, by client (web, an API key, anonymous)',
      labelNames: ['type', 'field', 'client'],
      registers,
      collect: () => this.flushFields(),
    });
    this.reloads = new Counter({ name: 'etika_gateway_supergraph_reloads_total', help: 'Supergraph file reloads, by result (ok, or error: the old one kept)', labelNames: ['result'], registers });
    this.cost = new Histogram({ name: 'etika_gateway_operation_cost', help: 'Estimated cost of admitted operations, by client', labelNames: ['client'], buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000], registers });
  }

  /** The client label: `web` for people, the key's id for a partner key, `anonymous` otherwise. */
  client(kind: 'user' | 'apiKey' | 'anonymous', keyId?: string): string {
    if (kind === 'apiKey' && keyId) return this.clients.of(`api-key:${keyId}`);
    return kind === 'user' ? 'web' : 'anonymous';
  }

  observeHttp(route: string, status: number, seconds: number): void {
    this.http.observe({ route, status: String(status) }, seconds);
  }

  observeErrors(errors: readonly { readonly extensions?: Readonly<Record<string, unknown>> }[] | undefined): void {
    for (const e of errors ?? []) {
      const code = e.extensions?.['code'];
      this.errors.inc({ code: this.codes.of(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR') });
    }
  }

  observeRateLimited(policy: string): void {
    this.rateLimited.inc({ policy });
  }

  observeReload(ok: boolean): void {
    this.reloads.inc({ result: ok ? 'ok' : 'error' });
  }

  observeCache(cache: string, hit: boolean): void {
    this.cache.inc({ cache, result: hit ? 'hit' : 'miss' });
  }

  /**
   * Counts one operation per coordinate it selects. A document's coordinates are the same list every time (the
   * field-usage cache), so a request only counts that list once here; the counter gets every coordinate's share
   * when it is read, which keeps a label hash per field out of each request.
   */
  observeFields(coordinates: readonly string[], client: string, cost: number): void {
    let byClient = this.pendingFields.get(coordinates);
    if (!byClient) {
      byClient = new Map();
      this.pendingFields.set(coordinates, byClient);
    }
    byClient.set(client, (byClient.get(client) ?? 0) + 1);
    // documents nobody scrapes for: counted now rather than held without bound
    if (this.pendingFields.size > MAX_PENDING_DOCUMENTS) this.flushFields();
    this.cost.observe({ client }, cost);
  }

  private readonly pendingFields = new Map<readonly string[], Map<string, number>>();

  private flushFields(): void {
    for (const [coordinates, byClient] of this.pendingFields) {
      for (const coordinate of coordinates) {
        const [type = '', field = ''] = coordinate.split('.');
        for (const [client, count] of byClient) this.fieldUsage.inc({ type, field, client }, count);
      }
    }
    this.pendingFields.clear();
  }

  /** A `SubgraphFetchObserver` for the fetcher: latency by outcome, failures by reason. */
  onSubgraphFetch(outcome: SubgraphFetchOutcome): void {
    this.subgraphDuration.observe({ subgraph: outcome.subgraph, outcome: outcome.ok ? 'ok' : 'error' }, outcome.durationMs / 1000);
    if (!outcome.ok) this.subgraphFailures.inc({ subgraph: outcome.subgraph, error: outcome.error ?? 'unknown' });
  }

  /** Times each executed operation and counts its errors (authorization's, subgraphs' and execution's). */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    const metrics = this;
    return {
      async requestDidStart() {
        const started = performance.now();
        return {
          async willSendResponse({ operationName, operation, response }) {
            const type = operation?.operation ?? 'unknown';
            metrics.operation.observe({ operation: metrics.operations.of(operationName ?? 'anonymous'), type }, (performance.now() - started) / 1000);
            if (response.body.kind === 'single') metrics.observeErrors(response.body.singleResult.errors);
          },
        };
      },
    };
  }

  private render: () => Promise<string> = () => this.registry.metrics();

  /** What `serve` answers from now on instead of this registry alone (a cluster's metrics, summed over its workers). */
  serveFrom(render: () => Promise<string>): void {
    this.render = render;
  }

  async serve(res: ServerResponse): Promise<void> {
    let body: string;
    try {
      body = await this.render();
    } catch {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('metrics are unavailable right now\n');
      return;
    }
    res.writeHead(200, { 'content-type': this.registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  }
}
