import { describe, expect, it } from 'vitest';

import { RangeCache } from './range-cache.ts';

describe('RangeCache', () => {
  it('keys by sorted calendar ids and exact range', () => {
    expect(RangeCache.key(['b', 'a'], { start: 1, end: 2 })).toBe(
      RangeCache.key(['a', 'b'], { start: 1, end: 2 }),
    );
    expect(RangeCache.key(['a'], { start: 1, end: 2 })).not.toBe(
      RangeCache.key(['a'], { start: 1, end: 3 }),
    );
  });

  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new RangeCache(2);
    cache.set('a', Promise.resolve([]));
    cache.set('b', Promise.resolve([]));
    cache.get('a');
    cache.set('c', Promise.resolve([]));
    expect(cache.keys()).toEqual(['a', 'c']);
  });

  it('forgets a load that failed', async () => {
    const cache = new RangeCache(2);
    const failing = Promise.reject(new Error('offline'));
    cache.set('a', failing);
    await failing.catch(() => undefined);
    await Promise.resolve();
    expect(cache.has('a')).toBe(false);
  });
});
