import { STATUS_CODES } from 'node:http';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { Pool, errors as undiciErrors } from 'undici';
import { CLIENT_ADDRESS_HEADER, CLIENT_AGENT_HEADER, PRINCIPAL_HEADER, REQUEST_ID_HEADER } from '@etika/schema';
import { SpanKind, activeTracing, appError, inSpan, injectTraceHeaders, type Span } from '@etika/kit';
import { CircuitBreaker } from './breaker.ts';
import type { SubgraphFetchObserver, SubgraphFetchOutcome } from './observer.ts';
import type { SubgraphSettings } from './settings.ts';

/** What a fetch needs from the request it serves. */
export interface SubgraphRequestContext {
  readonly principalToken: string;
  readonly requestId: string;
  readonly clientAddress: string;
  readonly clientAgent: string | null;
}

type Answer = Awaited<ReturnType<GraphQLDataSource['process']>>;

interface Subgraph {
  readonly name: string;
  readonly path: string;
  readonly url: string;
  readonly pool: Pool;
  readonly breaker: CircuitBreaker;
  readonly timeoutMs: number;
  readonly inFlight: Map<string, Promise<string>>;
}
type Failure = Exclude<SubgraphFetchOutcome['error'], null>;

const RETRIED_STATUSES = new Set([502, 503, 504]);
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function isMutation(document: DocumentNode | undefined, query: string): boolean {
  const operation = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operation?.kind === Kind.OPERATION_DEFINITION) return operation.operation !== 'query';
  return !/^\s*(query\b|\{)/.test(query);
}

/**
 * Whether an engine's fetch body carries a query (retried and shared) rather than a mutation. The engine writes
 * the query first, so its opening words are read from the raw text; anything else is parsed to be sure.
 */
export function isQueryBody(body: string): boolean {
  const prefix = '{"query":"';
  if (body.startsWith(prefix) && /^(query\b|\{)/.test(body.slice(prefix.length, prefix.length + 6))) return true;
  const query = (JSON.parse(body || '{}') as { query?: string }).query ?? '';
  return !isMutation(undefined, query);
}

/** What every subgraph receives about the request: the principal token, the request id, the client. */
export function subgraphHeaders(context: SubgraphRequestContext): Record<string, string> {
  const headers: Record<string, string> = {
    [PRINCIPAL_HEADER]: context.principalToken,
    [REQUEST_ID_HEADER]: context.requestId,
    [CLIENT_ADDRESS_HEADER]: context.clientAddress,
  };
  if (context.clientAgent) headers[CLIENT_AGENT_HEADER] = context.clientAgent;
  return headers;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class FetchFailure extends Error {
  constructor(
    readonly failure: Failure,
    readonly error: GraphQLError,
  ) {
    super(error.message);
  }
}

const JSON_HEADERS: ReadonlyMap<string, string> = new Map([['content-type', 'application/json']]);

/**
 * A subgraph's answer as the engines that fetch by URL read it: the status, the content type, the text (the HTTP
 * executor parses it itself). A WHATWG `Response` would wrap the text in a body stream per fetch for that one read.
 * Its headers are the same for every answer and carry nothing of the request's.
 */
class FetchAnswer {
  readonly status = 200;
  readonly statusText = 'OK';
  readonly ok = true;
  readonly headers = {
    get: (name: string) => JSON_HEADERS.get(name.toLowerCase()) ?? null,
    has: (name: string) => JSON_HEADERS.has(name.toLowerCase()),
    entries: () => JSON_HEADERS.entries(),
    forEach: (each: (value: string, key: string) => void) => JSON_HEADERS.forEach((value, key) => each(value, key)),
  };

  constructor(private readonly body: string) {}

  text(): Promise<string> {
    return Promise.resolve(this.body);
  }

  json(): Promise<unknown> {
    return Promise.resolve().then(() => JSON.parse(this.body) as unknown);
  }
}

/**
 * The gateway's one way to call subgraphs: a keep-alive undici pool per origin, a timeout and a circuit breaker per
 * subgraph, retries for queries only, and identical in-flight queries for the same principal token (so never across
 * principals or organisations) sharing one fetch; each request parses its own copy of the answer, since the
 * executor writes into what it receives. A failed fetch throws, and @apollo/gateway answers that subgraph's fields
 * null with the error beside the rest of the data; an unreachable, hanging or open-circuit subgraph is
 * `SERVICE_UNAVAILABLE`.
 */
export class SubgraphFetcher {
  private readonly pools = new Map<string, Pool>();
  private readonly subgraphs = new Map<string, Subgraph>();
  private readonly byUrl = new Map<string, Subgraph>();

  constructor(
    private readonly settings: SubgraphSettings,
    private readonly observers: readonly SubgraphFetchObserver[] = [],
  ) {}

  /** The subgraph `name` at `url`, with its own circuit and timeout; the same entry for the same name. */
  private subgraph(name: string, url: string): Subgraph {
    const known = this.subgraphs.get(name);
    if (known) return known;
    const target = new URL(url);
    let pool = this.pools.get(target.origin);
    if (!pool) {
      pool = new Pool(target.origin, { connections: 128, pipelining: 1, keepAliveTimeout: 30_000 });
      this.pools.set(target.origin, pool);
    }
    const subgraph: Subgraph = {
      name,
      path: `${target.pathname}${target.search}`,
      url: target.toString(),
      pool,
      breaker: new CircuitBreaker(this.settings.breaker),
      timeoutMs: this.settings.timeouts[name] ?? this.settings.timeoutMs,
      inFlight: new Map(),
    };
    this.subgraphs.set(name, subgraph);
    this.byUrl.set(target.toString(), subgraph);
    return subgraph;
  }

  /** One fetch's answer text: deduplicated for queries of the same principal token, retried for queries only. */
  private answer(subgraph: Subgraph, headers: Record<string, string>, body: string, query: boolean): Promise<string> {
    if (!query || !this.settings.deduplicate) return this.send(subgraph, headers, body, query);
    const key = `${headers[PRINCIPAL_HEADER] ?? ''}\n${body}`;
    let shared = subgraph.inFlight.get(key);
    if (!shared) {
      shared = this.send(subgraph, headers, body, query).finally(() => subgraph.inFlight.delete(key));
      subgraph.inFlight.set(key, shared);
    }
    return shared;
  }

  /** Registers every subgraph, for engines that fetch by URL (`fetch`). */
  register(urls: Readonly<Record<string, string>>): void {
    for (const [name, url] of Object.entries(urls)) this.subgraph(name, url);
  }

  /**
   * The same fetch path as a WHATWG `fetch`, for engines that call subgraphs by URL: the subgraph is found by its
   * URL, and a failure becomes a GraphQL answer with the error, so the engine nulls that subgraph's fields.
   */
  readonly fetch = async (url: string, init?: { body?: unknown; headers?: Record<string, string> }): Promise<globalThis.Response> => {
    // the engine asks by the same few URL strings again and again: each is normalised once
    let subgraph = this.byUrl.get(url);
    if (!subgraph) {
      subgraph = this.byUrl.get(new URL(url).toString());
      if (!subgraph) throw new Error(`no subgraph is registered at ${url}`);
      this.byUrl.set(url, subgraph);
    }
    const body = typeof init?.body === 'string' ? init.body : '';
    const headers = { ...init?.headers, 'content-type': 'application/json', accept: 'application/json' };
    let text: string;
    try {
      text = await this.answer(subgraph, headers, body, isQueryBody(body));
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      text = JSON.stringify({ data: null, errors: [{ message: error.message, extensions: error.extensions }] });
    }
    return new FetchAnswer(text) as unknown as globalThis.Response;
  };

  dataSource(name: string, url: string): GraphQLDataSource<SubgraphRequestContext> {
    const subgraph = this.subgraph(name, url);
    return {
      process: async (options: GraphQLDataSourceProcessOptions<SubgraphRequestContext>): Promise<Answer> => {
        const { request } = options;
        const incoming = 'incomingRequestContext' in options ? options : null;
        const context = incoming?.context.principalToken ? incoming.context : null;
        const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...(context ? subgraphHeaders(context) : {}) };
        const query = request.query ?? '';
        const body = JSON.stringify({ query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
        const text = await this.answer(subgraph, headers, body, !isMutation(incoming?.document, query));
        return JSON.parse(text) as Answer;
      },
    };
  }

  /** The circuit of every subgraph, by name. */
  breakerStates(): Record<string, ReturnType<CircuitBreaker['state']>> {
    return Object.fromEntries([...this.subgraphs].map(([name, s]) => [name, s.breaker.state()]));
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
  }

  private observe(outcome: SubgraphFetchOutcome): void {
    for (const observer of this.observers) {
      try {
        observer.onSubgraphFetch(outcome);
      } catch {
        // an observer's failure is its own: the fetch goes on
      }
    }
  }

  private unavailable(name: string, message: string, retryAfterMs = 0): GraphQLError {
    const retryAfterSeconds = retryAfterMs > 0 ? Math.ceil(retryAfterMs / 1000) : undefined;
    return appError('SERVICE_UNAVAILABLE', `${message}; the fields it serves are null, try again shortly`, {
      serviceName: name,
      ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
    });
  }

  private async send(
    subgraph: Subgraph,
    headers: Record<string, string>,
    body: string,
    retryable: boolean,
  ): Promise<string> {
    const { name, breaker } = subgraph;
    for (let attempt = 0; ; attempt++) {
      if (!breaker.tryAcquire()) {
        this.observe({ subgraph: name, durationMs: 0, ok: false, error: 'circuit-open', status: null, attempt, breaker: breaker.state() });
        throw this.unavailable(name, 'A service this answer needs is failing and is not called for now', breaker.retryAfterMs());
      }
      const started = performance.now();
      const settle = (ok: boolean, error: Failure | null, status: number | null) => {
        if (error === 'timeout' || error === 'network' || (error === 'http' && status !== null && status >= 500)) breaker.failed();
        else breaker.succeeded();
        this.observe({ subgraph: name, durationMs: performance.now() - started, ok, error, status, attempt, breaker: breaker.state() });
      };
      const again = retryable && attempt < this.settings.retries;
      try {
        const text = await this.attempt(subgraph, headers, body);
        settle(true, null, 200);
        return text;
      } catch (error) {
        if (!(error instanceof FetchFailure)) throw error;
        const status = error.error.extensions['status'];
        settle(false, error.failure, typeof status === 'number' ? status : null);
        const transient = error.failure === 'network' || (error.failure === 'http' && typeof status === 'number' && RETRIED_STATUSES.has(status));
        if (!again || !transient || breaker.state() !== 'closed') throw error.error;
        await pause(25 * 2 ** attempt);
      }
    }
  }

  /** One HTTP exchange; inside a traced request, in a client span whose `traceparent` the subgraph continues. */
  private async attempt(subgraph: Subgraph, headers: Record<string, string>, body: string): Promise<string> {
    const tracing = activeTracing();
    if (!tracing) return this.exchange(subgraph, headers, body, null);
    const attributes = { 'subgraph.name': subgraph.name, 'http.request.method': 'POST', 'url.full': subgraph.url };
    return inSpan(tracing, `subgraph ${subgraph.name}`, { kind: SpanKind.CLIENT, attributes }, (span) =>
      this.exchange(subgraph, injectTraceHeaders(span, { ...headers }), body, span),
    );
  }

  private async exchange(subgraph: Subgraph, headers: Record<string, string>, body: string, span: Span | null): Promise<string> {
    const { name, pool, path, timeoutMs } = subgraph;
    let statusCode: number;
    let text: string;
    let retryAfter: string | string[] | undefined;
    try {
      const response = await pool.request({ path, method: 'POST', headers, body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      statusCode = response.statusCode;
      retryAfter = response.headers['retry-after'];
      span?.setAttribute('http.response.status_code', statusCode);
      text = await response.body.text();
    } catch (error) {
      const code = error instanceof undiciErrors.UndiciError ? error.code : (error as { code?: string }).code;
      if (code && TIMEOUTS.has(code)) throw new FetchFailure('timeout', this.unavailable(name, `A service this answer needs did not answer within ${timeoutMs} ms`));
      throw new FetchFailure('network', this.unavailable(name, 'A service this answer needs could not be reached'));
    }
    if (statusCode === 503) {
      // the subgraph cannot answer now (its database or Redis down) and said so: the client is told to retry, as
      // for a subgraph that cannot be reached, with the subgraph's own wait
      const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
      const error = this.unavailable(name, 'A service this answer needs cannot answer right now', Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000);
      error.extensions['status'] = statusCode;
      throw new FetchFailure('http', error);
    }
    if (statusCode >= 300) {
      const extensions: Record<string, unknown> = { serviceName: name, status: statusCode, response: { status: statusCode, body: text.slice(0, 2_000) } };
      if (statusCode === 401) extensions['code'] = 'UNAUTHENTICATED';
      if (statusCode === 403) extensions['code'] = 'FORBIDDEN';
      throw new FetchFailure('http', new GraphQLError(`${statusCode}: ${STATUS_CODES[statusCode] ?? 'HTTP error'}`, { extensions }));
    }
    if (!/^\s*\{/.test(text)) {
      throw new FetchFailure('body', new GraphQLError(`Expected a JSON object from ${name}, got: ${text.slice(0, 200)}`, { extensions: { serviceName: name } }));
    }
    return text;
  }
}
