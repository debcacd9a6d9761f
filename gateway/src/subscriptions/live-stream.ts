import type { FormattedExecutionResult as ExecutionResult } from 'graphql';

/**
 * One subscriber's stream of results, pushed by the hub and pulled by the SSE handler. `end` finishes it (after a
 * last result, when given: the error that says why); `onClose` runs once however it finishes (ended by the hub, or
 * the client gone, even before the first result), so the hub always frees the stream's slot at once.
 */
export class LiveStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: ExecutionResult[] = [];
  private waiting: ((r: IteratorResult<ExecutionResult>) => void) | null = null;
  private ended = false;
  private closed = false;

  constructor(private readonly onClose: () => void) {}

  get open(): boolean {
    return !this.ended;
  }

  push(result: ExecutionResult): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: result, done: false });
    } else {
      this.queue.push(result);
    }
  }

  /** No more results after `last` (if any); the stream completes once the client has read them. */
  end(last?: ExecutionResult): void {
    if (last) this.push(last);
    this.ended = true;
    if (this.waiting && this.queue.length === 0) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
    this.close();
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    const queued = this.queue.shift();
    if (queued) return { value: queued, done: false };
    if (this.ended) return { value: undefined, done: true };
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.queue.length = 0;
    this.end();
    return { value: undefined, done: true };
  }

  async throw(): Promise<IteratorResult<ExecutionResult>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}
