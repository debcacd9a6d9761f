import { Worker } from 'node:worker_threads';

/** A closed-loop load generator: `clients` workers send one request at a time for `seconds`, bounded in count. */
export interface LoadResult {
  readonly clients: number;
  readonly ok: number;
  readonly failed: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

export async function runLoad(clients: number, seconds: number, send: (worker: number, n: number) => Promise<boolean>, maxRequests = 200_000): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, worker) => {
      for (let n = 0; performance.now() < deadline && sent < maxRequests; n++) {
        sent += 1;
        const t = performance.now();
        const ok = await send(worker, n).catch(() => false);
        if (ok) latencies.push(performance.now() - t);
        else failed += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { clients, ok: latencies.length, failed, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

/** One sender of a GraphQL load: its headers and its operation's `input`, which gets a fresh idempotency key each time. */
export interface GraphQLSender {
  readonly headers: Readonly<Record<string, string>>;
  readonly input: Readonly<Record<string, unknown>>;
}

export interface GraphQLLoad {
  readonly url: string;
  /** An operation taking `$input`. */
  readonly query: string;
  /** Client `i` sends as `senders[i % senders.length]`. */
  readonly senders: readonly GraphQLSender[];
}

/**
 * The same closed loop as `runLoad`, on a thread of its own: the load generator's HTTP client and JSON work stay
 * off the event loop of the services under test, which share this process. A request counts as done when it
 * answered 200 without errors. The thread runs plain JavaScript, so it needs no TypeScript loader.
 */
export function runGraphQLLoad(clients: number, seconds: number, load: GraphQLLoad, maxRequests = 200_000): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_THREAD, { eval: true, workerData: { clients, seconds, load, maxRequests } });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
  });
}

const LOAD_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
const { clients, seconds, load, maxRequests } = workerData;
async function send(worker) {
  const sender = load.senders[worker % load.senders.length];
  const response = await fetch(load.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...sender.headers },
    body: JSON.stringify({ query: load.query, variables: { input: { ...sender.input, idempotencyKey: randomUUID() } } }),
  });
  const body = await response.json();
  return response.status === 200 && !body.errors;
}
(async () => {
  const latencies = [];
  let failed = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async (_, worker) => {
    while (performance.now() < deadline && sent < maxRequests) {
      sent += 1;
      const t = performance.now();
      const ok = await send(worker).catch(() => false);
      if (ok) latencies.push(performance.now() - t);
      else failed += 1;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  parentPort.postMessage({ clients, ok: latencies.length, failed, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) });
})();
`;
