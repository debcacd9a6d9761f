import { createClient, type ExecutionResult } from 'graphql-sse';

/** The gateway's `/graphql` URL, as the test platform gives it, turned into its stream route. */
const streamUrl = (gatewayUrl: string) => new URL('/graphql/stream', gatewayUrl).toString();

type Result = ExecutionResult<Record<string, unknown>, unknown>;

/** One live subscription through the gateway with graphql-sse's own client (distinct connections, over fetch). */
export interface LiveSubscription {
  /** Resolves once the gateway has accepted the stream (it is then registered for events). */
  readonly connected: Promise<void>;
  /** The next result the stream delivers (waits for it). */
  next(timeoutMs?: number): Promise<Result>;
  /** Resolves when the stream is over: its last result, if it carried errors. */
  readonly finished: Promise<{ readonly lastErrors: readonly { message: string; extensions?: Record<string, unknown> }[] }>;
  dispose(): void;
}

export function subscribe(gatewayUrl: string, query: string, headers: Record<string, string>): LiveSubscription {
  const client = createClient({ url: streamUrl(gatewayUrl), headers, retryAttempts: 0, fetchFn: fetch });
  const received: Result[] = [];
  const waiters: ((r: Result) => void)[] = [];
  let last: Result | null = null;
  let finish!: (value: Awaited<LiveSubscription['finished']>) => void;
  let connect!: () => void;
  const connected = new Promise<void>((resolve) => (connect = resolve));
  const finished = new Promise<Awaited<LiveSubscription['finished']>>((resolve) => (finish = resolve));
  const errorsOf = (r: Result | null) => ((r?.errors ?? []) as unknown as { message: string; extensions?: Record<string, unknown> }[]);
  const dispose = client.subscribe<Record<string, unknown>>({ query }, {
    next: (r) => {
      last = r;
      const waiter = waiters.shift();
      if (waiter) waiter(r);
      else received.push(r);
    },
    error: (err) => finish({ lastErrors: [{ message: String(err) }] }),
    complete: () => finish({ lastErrors: errorsOf(last) }),
  }, { connected: () => connect() });
  return {
    connected,
    next: (timeoutMs = 15_000) => {
      const queued = received.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no live result within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((r) => {
          clearTimeout(timer);
          resolve(r);
        });
      });
    },
    finished,
    dispose: () => {
      dispose();
      client.dispose();
    },
  };
}

/** A stream request's answer: a refusal's GraphQL errors and codes, or an accepted stream and how to close it. */
export interface RawStream {
  readonly status: number;
  readonly headers: Headers;
  readonly codes: string[];
  readonly errors: { message: string; extensions: Record<string, unknown> }[];
  close(): void;
}

/**
 * A stream opened with a bare POST of this body (the text, or a persisted document's id): `fetch` resolves once the
 * gateway has answered, so an accepted stream is counted by then. `codes` are the GraphQL error codes of a refusal;
 * `close` ends an accepted stream.
 */
export async function openBody(gatewayUrl: string, body: Record<string, unknown>, headers: Record<string, string>): Promise<RawStream> {
  const controller = new AbortController();
  const res = await fetch(streamUrl(gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  if (res.ok) return { status: res.status, headers: res.headers, codes: [], errors: [], close: () => controller.abort() };
  const { errors } = (await res.json()) as { errors: RawStream['errors'] };
  return { status: res.status, headers: res.headers, codes: errors.map((e) => e.extensions['code'] as string), errors, close: () => undefined };
}

export const openRaw = (gatewayUrl: string, query: string, headers: Record<string, string>): Promise<RawStream> => openBody(gatewayUrl, { query }, headers);
