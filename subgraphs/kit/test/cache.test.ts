import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../src/cache.ts';

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('BoundedCache', () => {
  it('refuses a capacity or lifetime that is not positive', () => {
    expect(() => new BoundedCache(0)).toThrow(/capacity/);
    expect(() => new BoundedCache(1.5)).toThrow(/capacity/);
    expect(() => new BoundedCache(1, { ttlMs: 0 })).toThrow(/ttlMs/);
  });

  it('keeps at most its capacity, dropping the least recently used entry first', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('setting a key again replaces its value and makes it the most recent', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(10);
    expect(cache.get('b')).toBeUndefined();
  });

  it('never returns an entry past the cache lifetime', () => {
    const time = clock();
    const cache = new BoundedCache<string, string>(10, { ttlMs: 100, now: time.now });
    cache.set('k', 'v');
    time.advance(99);
    expect(cache.get('k')).toBe('v');
    time.advance(1);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('an entry can have its own expiry, and one already expired is not kept', () => {
    const time = clock();
    const cache = new BoundedCache<string, string>(10, { now: time.now });
    cache.set('short', 's', { expiresAt: time.now() + 10 });
    cache.set('forever', 'f');
    cache.set('gone', 'g', { expiresAt: time.now() });
    cache.set('past', 'p', { expiresAt: time.now() - 5 });
    expect(cache.get('gone')).toBeUndefined();
    expect(cache.get('past')).toBeUndefined();
    time.advance(10);
    expect(cache.get('short')).toBeUndefined();
    time.advance(1e12);
    expect(cache.get('forever')).toBe('f');
  });

  it('deletes a key', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps falsy values apart from misses', () => {
    const cache = new BoundedCache<string, number | null>(2);
    cache.set('zero', 0);
    cache.set('null', null);
    expect(cache.get('zero')).toBe(0);
    expect(cache.get('null')).toBeNull();
  });
});
