export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerSettings {
  /** Consecutive failures that open the circuit. */
  readonly failures: number;
  /** How long an open circuit refuses calls before one probe may try again. */
  readonly cooldownMs: number;
}

/**
 * One subgraph's circuit breaker. Closed: calls go through and consecutive failures are counted; at `failures` it
 * opens. Open: calls are refused at once for `cooldownMs`. Then half-open: one call at a time probes; its success
 * closes the circuit, its failure opens it for another cooldown. Pure: the clock is passed in.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private probing = false;

  constructor(
    private readonly settings: BreakerSettings,
    private readonly now: () => number = () => performance.now(),
  ) {}

  state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt < this.settings.cooldownMs ? 'open' : 'half-open';
  }

  /** Whether a call may go now; in half-open only the one probe may. */
  tryAcquire(): boolean {
    const state = this.state();
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.consecutiveFailures = 0;
    this.openedAt = null;
    this.probing = false;
  }

  failed(): void {
    this.probing = false;
    this.consecutiveFailures += 1;
    if (this.openedAt !== null || this.consecutiveFailures >= this.settings.failures) this.openedAt = this.now();
  }

  /** Milliseconds until a probe may go; 0 when calls go through. */
  retryAfterMs(): number {
    if (this.openedAt === null) return 0;
    return Math.max(0, this.settings.cooldownMs - (this.now() - this.openedAt));
  }
}
