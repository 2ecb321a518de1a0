/**
 * What an API route is: an endpoint of the contract (endpoint.ts, contract/<view>.ts) with its
 * handler. Routes live in routes/<view>.ts as tables; routes.ts joins them. `defineRoute` parses
 * the path parameters, query and body with the endpoint's schemas before the handler runs, and
 * types the handler's answer from the endpoint's response schema.
 * GET routes read; POST and DELETE routes change state and only come from the workspace itself
 * (the server has checked the Origin header and the access token before a route runs).
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { CaseStore } from '../api/types.js';
import type { Download } from './download.js';
import { type BodyOf, type EndpointSpec, type ParamsOf, pathParams, pathPattern, type QueryOf, type ResponseOf } from './endpoint.js';
import type { Reply } from './jobs.js';
import { parseInput, queryObject } from './validate.js';

export type RouteMethod = EndpointSpec['method'];

export interface RouteContext {
  /** The case, opened read-only for the life of the server. */
  store: CaseStore;
  /** Capture groups of the route's pattern. */
  params: string[];
  query: URLSearchParams;
  /** POST and DELETE: the JSON body, capped and parsed (not yet validated); undefined otherwise. */
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
   * segments, each a literal, `([^/]+)`, `(a|b)` or a final `(.+)` (derived from the endpoint's
   * path template): the server registers the route with fastify under the paths this stands for
   * (route-path.ts) and refuses to start on any other shape.
   */
  pattern: RegExp;
  /**
   * The route reads its own body from `req` (an upload), up to this many bytes; without it a
   * POST body must be JSON within the server's small body cap and arrives parsed as `body`.
   */
  streamBody?: { maxBytes: number };
  /** The endpoint it serves. */
  contract: EndpointSpec;
  handle(ctx: RouteContext): unknown;
}

/** What a handler gets: the request parsed by the endpoint's schemas. */
export interface HandlerContext<E extends EndpointSpec> {
  store: CaseStore;
  params: ParamsOf<E>;
  query: QueryOf<E>;
  body: BodyOf<E>;
  req: IncomingMessage;
  signal: AbortSignal;
}

/** What a handler answers: the response (or 202 with a job, for a job endpoint), or a file for a download. */
export type AnswerOf<E extends EndpointSpec> = E['produces'] extends readonly string[] ? Download : E['job'] extends true ? ResponseOf<E> | Reply : ResponseOf<E>;

/** Query keys given more than once become a list (for a query field declared as an array). */
function repeatable(query: z.ZodObject | undefined): Set<string> {
  const keys = new Set<string>();
  if (!query) return keys;
  for (const [k, s] of Object.entries(query.shape as Record<string, z.ZodType>)) {
    const inner = s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : s;
    if (inner instanceof z.ZodArray) keys.add(k);
  }
  return keys;
}

const NO_FIELDS = z.strictObject({});

export function defineRoute<const E extends EndpointSpec>(e: E, handle: (ctx: HandlerContext<E>) => AnswerOf<E> | Promise<AnswerOf<E>>): Route {
  const names = pathParams(e.path).map((p) => p.name);
  if (names.length > 0 && !e.params) throw new Error(`endpoint ${e.method} ${e.path} names path parameters but declares no params schema`);
  const lists = repeatable(e.query);
  const query = e.query ?? NO_FIELDS;
  return {
    method: e.method,
    pattern: pathPattern(e),
    ...(e.upload ? { streamBody: { maxBytes: e.upload.maxBytes } } : {}),
    contract: e,
    handle(ctx: RouteContext) {
      const params = e.params ? parseInput(e.params, Object.fromEntries(names.map((n, i) => [n, ctx.params[i]]))) : {};
      const q = parseInput(query, queryObject(ctx.query, lists));
      const body = e.body ? parseInput(e.body, ctx.body) : undefined;
      return handle({ store: ctx.store, params, query: q, body, req: ctx.req, signal: ctx.signal } as HandlerContext<E>);
    },
  };
}
