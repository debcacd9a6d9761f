import { Pool } from 'undici';

export interface LoadResult {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers that were not 200 or carried `"errors"`, as upstream's k6 script checks. */
  readonly failed: number;
}

/** `connections` clients each sending `body` as soon as their previous answer is in, for `seconds`. */
export async function runLoad(url: string, body: string, headers: Record<string, string>, connections: number, seconds: number): Promise<LoadResult> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  const latencies: number[] = [];
  let failed = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  const client = async () => {
    while (performance.now() < until) {
      const sent = performance.now();
      try {
        const response = await pool.request({ path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
        const text = await response.body.text();
        if (response.statusCode !== 200 || text.includes('"errors"')) failed += 1;
      } catch {
        failed += 1;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), failed };
}
