/**
 * A token bucket per client: `capacity` requests at once, refilled at `perSecond`. Buckets are
 * kept in a bounded map (oldest dropped first) so a flood of client keys cannot grow memory.
 *
 * Who a client is (rateKey): a signed-in browser is its session (the session id cookie set when
 * the URL token is traded for the cookie), so twenty workspaces open on one machine each get the
 * full budget instead of sharing one bucket per source address; a script with the bearer token
 * is the token. Requests that are not signed in (token exchange, wrong tokens) are counted per
 * source address against a much smaller budget (the strict limiter).
 */
import type { IncomingMessage } from 'node:http';
import { parseCookies } from './security.js';

/** Budget of a signed-in session (or of the bearer token): a burst of 200, then 100 requests/s. */
export const SESSION_RATE: RateLimitOptions = { capacity: 200, perSecond: 100 };
/** Budget of requests that are not signed in, per source address: 30 at once, then 1/s. */
export const SIGN_IN_RATE: RateLimitOptions = { capacity: 30, perSecond: 1 };

export const sessionIdCookieName = (port: number): string => `clew_session_${port}`;

/** The bucket a request draws from, and whether it is the strict (not signed in) one. */
export function rateKey(req: IncomingMessage, signedIn: boolean, port: number): { key: string; strict: boolean } {
  if (!signedIn) return { key: `address:${req.socket.remoteAddress ?? '?'}`, strict: true };
  const sid = parseCookies(req.headers.cookie).get(sessionIdCookieName(port));
  if (sid !== undefined && /^[A-Za-z0-9_-]{16,64}$/.test(sid)) return { key: `session:${sid}`, strict: false };
  return { key: 'token', strict: false };
}
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
