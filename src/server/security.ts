/**
 * Access control for a server on the analyst's own machine, as notebook servers do it: a random
 * token in the printed URL, exchanged for an HttpOnly SameSite=Strict cookie; Host checked
 * against DNS rebinding; Origin checked on state-changing requests; strict headers; request
 * budgets. server.ts applies them as fastify hooks.
 *
 * Who a client is for the rate limit (server.ts rateKey): a signed-in browser is its session (the
 * session id cookie set when the URL token is traded for the cookie), so twenty workspaces open
 * on one machine each get the full budget instead of sharing one per source address; a script
 * with the bearer token is the token. Requests that are not signed in (token exchange, wrong
 * tokens) are counted per source address against a much smaller budget.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison (of digests, so lengths need not match). */
export function tokensEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase());
}

/** Host header values a browser sends for this server. Anything else is a rebinding attempt. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).has(host.toLowerCase());
}

export function originAllowed(origin: string, port: number): boolean {
  const hosts = allowedHosts(port);
  for (const h of hosts) if (origin.toLowerCase() === `http://${h}`) return true;
  return false;
}

/** Cookies are not scoped by port: the name carries it so two servers do not clobber each other. */
export function cookieName(port: number): string {
  return `clew_token_${port}`;
}

/** The cookie naming a signed-in browser's session (the rate limit's key), set with the access cookie. */
export const sessionIdCookieName = (port: number): string => `clew_session_${port}`;

/**
 * A request budget: a burst of `capacity` requests, `perSecond` on average. Counted in fixed
 * windows of capacity ÷ perSecond seconds (@fastify/rate-limit): at most `capacity` per window.
 */
export interface RateLimitOptions {
  capacity: number;
  perSecond: number;
}

/** Budget of a signed-in session (or of the bearer token): 200 per 2 s window (100 requests/s). */
export const SESSION_RATE: RateLimitOptions = { capacity: 200, perSecond: 100 };
/** Budget of requests that are not signed in, per source address: 30 per 30 s window (1/s). */
export const SIGN_IN_RATE: RateLimitOptions = { capacity: 30, perSecond: 1 };

/** The window of a budget, in ms. */
export function rateWindowMs(r: RateLimitOptions): number {
  if (!(r.capacity >= 1) || !(r.perSecond > 0)) throw new RangeError('rate limit needs capacity ≥ 1 and perSecond > 0');
  return Math.max(1, Math.round((r.capacity / r.perSecond) * 1000));
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "worker-src 'self'",
  // DOM XSS sinks (innerHTML, eval-like, worker URLs) refuse plain strings, except through the
  // app's one policy (web/src/lib/trusted-types.ts): same-origin script URLs only, never HTML
  "require-trusted-types-for 'script'",
  'trusted-types default',
].join('; ');

/** Headers on every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};
