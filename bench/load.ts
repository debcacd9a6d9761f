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
