/**
 * What an API route is. Routes live in routes/<view>.ts as tables; routes.ts joins them.
 * GET routes read; POST and DELETE routes change state and only come from the workspace itself
 * (the server has checked the Origin header and the access token before a route runs).
 */
import type { IncomingMessage } from 'node:http';
import type { CaseStore } from '../api/types.js';

export type RouteMethod = 'GET' | 'POST' | 'DELETE';

export interface RouteContext {
  /** The case, opened read-only for the life of the server. */
  store: CaseStore;
  /** Capture groups of the route's pattern. */
  params: string[];
  query: URLSearchParams;
  /** POST and DELETE: the JSON body, capped and parsed (validate it with zod); undefined otherwise. */
  body: unknown;
  /** The request itself, for routes that stream their body (`streamBody`); do not read it otherwise. */
  req: IncomingMessage;
  /** Aborted when the client goes away before the answer is sent. */
  signal: AbortSignal;
}

export interface Route {
  method: RouteMethod;
  /**
   * Matched against the decoded path after /api; capture groups become `params`. Made of `\/`
   * segments, each a literal, `([^/]+)` (or `(\d+)`, `(\w+)`, `([a-z0-9._-]+)`), `(a|b)` or a
   * final `(.+)`: the server registers the route with fastify under the paths this stands for
   * (route-path.ts) and refuses to start on any other shape.
   */
  pattern: RegExp;
  /**
   * The route reads its own body from `req` (an upload), up to this many bytes; without it a
   * POST body must be JSON within the server's small body cap and arrives parsed as `body`.
   */
  streamBody?: { maxBytes: number };
  handle(ctx: RouteContext): unknown;
}
