/**
 * A Map that keeps at most `capacity` entries, dropping the least recently used one first. An entry can expire:
 * after the cache's `ttlMs`, or after the time given when it is set; an expired entry is never returned.
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, { readonly value: V; readonly expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(
    private readonly capacity: number,
    options: { readonly ttlMs?: number; readonly now?: () => number } = {},
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`cache capacity must be a positive integer, got ${capacity}`);
    this.#ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
    if (!(this.#ttlMs > 0)) throw new Error(`cache ttlMs must be positive, got ${this.#ttlMs}`);
    this.#now = options.now ?? Date.now;
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.#now()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` for the cache's lifetime, or until `expiresAt` (on the cache's clock); an entry already expired is not kept. */
  set(key: K, value: V, options: { readonly expiresAt?: number } = {}): void {
    this.#entries.delete(key);
    const now = this.#now();
    const expiresAt = options.expiresAt ?? now + this.#ttlMs;
    if (expiresAt <= now) return;
    this.#entries.set(key, { value, expiresAt });
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  /** Entries held, expired ones not yet dropped included. */
  get size(): number {
    return this.#entries.size;
  }
}
