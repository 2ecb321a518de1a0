/**
 * A token bucket per client: `capacity` requests at once, refilled at `perSecond`. Buckets are
 * kept in a bounded map (oldest dropped first) so a flood of client keys cannot grow memory.
 */
export interface RateLimitOptions {
  capacity: number;
  perSecond: number;
  /** Most clients remembered (default 1024). */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;

  constructor(private readonly opts: RateLimitOptions) {
    if (!(opts.capacity >= 1) || !(opts.perSecond > 0)) throw new RangeError('rate limit needs capacity ≥ 1 and perSecond > 0');
    this.maxClients = opts.maxClients ?? 1024;
  }

  /** Take one token for `key` at time `now` (ms). Returns 0 when allowed, else ms until a token is free. */
  take(key: string, now: number): number {
    let b = this.buckets.get(key);
    if (b) {
      this.buckets.delete(key); // re-insert below: the map stays in least-recently-used order
      b.tokens = Math.min(this.opts.capacity, b.tokens + ((now - b.at) / 1000) * this.opts.perSecond);
      b.at = now;
    } else {
      b = { tokens: this.opts.capacity, at: now };
      while (this.buckets.size >= this.maxClients) {
        const oldest = this.buckets.keys().next().value;
        if (oldest === undefined) break;
        this.buckets.delete(oldest);
      }
    }
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / this.opts.perSecond) * 1000);
  }
}
