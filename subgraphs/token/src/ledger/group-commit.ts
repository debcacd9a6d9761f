/** One item's answer in a batch: its result, or what PostgreSQL raised for that item alone. */
export type ItemOutcome<R> =
  | { readonly ok: R }
  | { readonly error: { readonly code: string; readonly message: string; readonly detail: string | null } };

/**
 * What the database refused for one item of a batch, shaped as the driver's errors are (`code` is the SQLSTATE),
 * so the caller maps and retries it as it would the error of a statement of its own.
 */
export class ItemRefusal extends Error {
  readonly code: string;
  readonly detail: string | undefined;
  constructor(error: { readonly code: string; readonly message: string; readonly detail: string | null }) {
    super(error.message);
    this.name = 'ItemRefusal';
    this.code = error.code;
    this.detail = error.detail ?? undefined;
  }
}

export interface GroupCommitLimits {
  /** Batches being written at once; an item that arrives while all are busy waits for the next one. */
  readonly inFlight: number;
  /** Items in one batch at most. */
  readonly batch: number;
}

/**
 * Group commit: an item submitted while fewer than `inFlight` batches are being written goes at once (alone, when
 * the load is light, so nothing waits for company); the items that arrive meanwhile go together in the next batch.
 * `run` writes a batch in one statement and answers each item in order. A failure of the whole statement (the
 * database unreachable) is every item's failure.
 */
export class GroupCommit<I, R> {
  private readonly queue: { item: I; resolve: (result: R) => void; reject: (err: unknown) => void }[] = [];
  private running = 0;

  constructor(
    private readonly run: (items: readonly I[]) => Promise<readonly ItemOutcome<R>[]>,
    private readonly limits: GroupCommitLimits = { inFlight: 4, batch: 64 },
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.drain();
    });
  }

  /** Batches being written now. */
  get inFlight(): number {
    return this.running;
  }

  private drain(): void {
    while (this.running < this.limits.inFlight && this.queue.length > 0) {
      this.running += 1;
      void this.write(this.queue.splice(0, this.limits.batch));
    }
  }

  private async write(batch: typeof this.queue): Promise<void> {
    try {
      const outcomes = await this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => {
        const outcome = outcomes[i];
        if (!outcome) b.reject(new Error(`group commit: no answer for item ${i} of ${batch.length}`));
        else if ('ok' in outcome) b.resolve(outcome.ok);
        else b.reject(new ItemRefusal(outcome.error));
      });
    } catch (err) {
      for (const b of batch) b.reject(err);
    } finally {
      this.running -= 1;
      this.drain();
    }
  }
}
