import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from './ratelimit.js';

describe('RateLimiter', () => {
  it('allows a burst of capacity, then refuses until refilled', () => {
    const r = new RateLimiter({ capacity: 3, perSecond: 2 });
    expect([r.take('a', 0), r.take('a', 0), r.take('a', 0)]).toEqual([0, 0, 0]);
    expect(r.take('a', 0)).toBe(500);
    expect(r.take('a', 250)).toBe(250);
    expect(r.take('a', 500)).toBe(0);
  });

  it('keeps clients apart', () => {
    const r = new RateLimiter({ capacity: 1, perSecond: 1 });
    expect(r.take('a', 0)).toBe(0);
    expect(r.take('a', 0)).toBeGreaterThan(0);
    expect(r.take('b', 0)).toBe(0);
  });

  it('never allows more than capacity + elapsed × rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 50 }), fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 300 }), (cap, rate, gaps) => {
        const r = new RateLimiter({ capacity: cap, perSecond: rate });
        let now = 0;
        let allowed = 0;
        for (const g of gaps) {
          now += g;
          if (r.take('k', now) === 0) allowed++;
        }
        expect(allowed).toBeLessThanOrEqual(cap + Math.floor((now / 1000) * rate) + 1);
      }),
    );
  });

  it('forgets the least recently used client beyond maxClients', () => {
    const r = new RateLimiter({ capacity: 1, perSecond: 0.001, maxClients: 2 });
    r.take('a', 0);
    r.take('b', 0);
    r.take('c', 0); // evicts a
    expect(r.take('a', 0)).toBe(0);
    expect(r.take('c', 0)).toBeGreaterThan(0);
  });
});
