import { randomUUID } from 'node:crypto';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { EtikaError, type GraphQLErrorEntry } from './errors.ts';
import { parseRateLimit, parseRetryAfter, waitBeforeNext, type Quota } from './rate-limit.ts';

/** A typed document (the generated `…Document` constants) or the text of one. */
export type Document<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & { toString(): string };

export interface EtikaClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://etika.example.com/graphql`. */
  readonly url: string;
  /** The organisation's API key (`etk_live_…`), shown once when an admin created it. */
  readonly apiKey: string;
  /** Attempts per request, the first included (default 4). */
  readonly maxAttempts?: number;
  /** The first pause after a failure that may be retried, doubled each time (default 250 ms). */
  readonly backoffMs?: number;
  /** The longest the client waits for a rate limit to pass before it gives up with `TOO_MANY_REQUESTS` (default 60 s). */
  readonly maxWaitMs?: number;
  /** Told of every pause, for logs and metrics. */
  readonly onWait?: (wait: Wait) => void;
  readonly fetch?: typeof fetch;
}

export interface Wait {
  readonly reason: 'rate-limit' | 'retry';
  readonly ms: number;
  /** The attempt about to be made (2 for the first retry). */
  readonly attempt: number;
}

interface Body<T> {
  readonly data?: T | null;
  readonly errors?: readonly GraphQLErrorEntry[];
}

const RETRIABLE_STATUS = new Set([502, 503, 504]);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether the variables carry an idempotency key somewhere: such a mutation has one effect however often it is sent. */
export function hasIdempotencyKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasIdempotencyKey);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, v]) => (key === 'idempotencyKey' && typeof v === 'string' && v.length > 0) || hasIdempotencyKey(v));
}

export const isMutation = (text: string) => /^\s*mutation\b/.test(text.replace(/^\s*#[^\n]*\n/gm, ''));

/** A new idempotency key, for callers that keep it themselves (to retry across restarts). */
export const newIdempotencyKey = (): string => randomUUID();

/**
 * The GraphQL client: authenticates with the API key, retries what is safe to retry (queries; mutations that carry
 * an idempotency key, with the same key every time), and waits as the gateway's `RateLimit` and `Retry-After` headers
 * ask, before it is refused where it can, and after a 429 where it could not.
 */
export class EtikaClient {
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly maxWaitMs: number;
  private readonly fetch: typeof fetch;
  /** When the quotas the gateway last reported are whole again, if one was exhausted. */
  private pausedUntil = 0;
  /** The quotas the gateway reported on its last answer. */
  quotas: readonly Quota[] = [];

  constructor(private readonly options: EtikaClientOptions) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.backoffMs = options.backoffMs ?? 250;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** Runs one operation and answers its data; any error makes it throw an `EtikaError` with the platform's code. */
  async request<TResult, TVariables>(document: Document<TResult, TVariables>, variables: TVariables): Promise<TResult> {
    const query = document.toString();
    const retriable = !isMutation(query) || hasIdempotencyKey(variables);
    for (let attempt = 1; ; attempt++) {
      await this.waitForQuota(attempt);
      const last = attempt >= this.maxAttempts;
      let response: Response;
      try {
        response = await this.fetch(this.options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', 'x-api-key': this.options.apiKey },
          body: JSON.stringify({ query, variables }),
        });
      } catch (err) {
        if (!retriable || last) throw new EtikaError(`the gateway could not be reached: ${err instanceof Error ? err.message : String(err)}`, 0, []);
        await this.pause('retry', this.backoff(attempt), attempt + 1);
        continue;
      }
      this.quotas = parseRateLimit(response.headers.get('ratelimit'));
      const untilReset = waitBeforeNext(this.quotas);
      this.pausedUntil = untilReset ? Date.now() + untilReset : 0;
      if (response.status === 429) {
        // refused at the edge before anything ran: safe to send again, whatever the operation
        const wait = parseRetryAfter(response.headers.get('retry-after')) ?? (untilReset || this.backoff(attempt));
        const body = (await response.json().catch(() => ({}))) as Body<TResult>;
        if (last || wait > this.maxWaitMs) throw new EtikaError(body.errors?.[0]?.message ?? 'rate limited', 429, body.errors ?? []);
        await this.pause('rate-limit', wait, attempt + 1);
        continue;
      }
      if (RETRIABLE_STATUS.has(response.status) && retriable && !last) {
        await this.pause('retry', this.backoff(attempt), attempt + 1);
        continue;
      }
      const body = (await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}` }] }))) as Body<TResult>;
      const throttled = body.errors?.find((e) => e.extensions?.code === 'TOO_MANY_REQUESTS');
      const retryAfter = Number(throttled?.extensions?.['retryAfterSeconds']);
      if (throttled && retriable && !last && Number.isFinite(retryAfter) && retryAfter * 1000 <= this.maxWaitMs) {
        await this.pause('rate-limit', retryAfter * 1000, attempt + 1);
        continue;
      }
      if (body.errors?.length || !body.data) {
        throw new EtikaError(body.errors?.[0]?.message ?? `HTTP ${response.status}`, response.status, body.errors ?? []);
      }
      return body.data;
    }
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.backoffMs * 2 ** (attempt - 1), 8_000);
    return Math.round(base / 2 + (Math.random() * base) / 2);
  }

  private async waitForQuota(attempt: number): Promise<void> {
    const wait = this.pausedUntil - Date.now();
    if (wait <= 0) return;
    if (wait > this.maxWaitMs) throw new EtikaError(`rate limited for ${Math.ceil(wait / 1000)} s more`, 429, []);
    await this.pause('rate-limit', wait, attempt);
  }

  private async pause(reason: Wait['reason'], ms: number, attempt: number): Promise<void> {
    this.options.onWait?.({ reason, ms, attempt });
    await sleep(ms);
  }
}
