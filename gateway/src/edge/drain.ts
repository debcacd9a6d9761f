import type { Server, ServerResponse } from 'node:http';

/**
 * Graceful shutdown: once draining, the gateway is not ready (`/readyz` 503, so load balancers stop sending),
 * accepts no new connection, answers with `connection: close`, and waits for the requests it has (up to a
 * bound) before the rest of the shutdown closes the connections that are left.
 */
export class Drain {
  private inFlight = 0;
  private idle: (() => void) | null = null;
  draining = false;

  /** Counts a request until its answer is sent or its connection is gone. */
  track(res: ServerResponse): void {
    this.inFlight += 1;
    if (this.draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.idle?.();
    });
  }

  async drain(http: Server, timeoutMs: number): Promise<void> {
    this.draining = true;
    http.close();
    http.closeIdleConnections();
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
