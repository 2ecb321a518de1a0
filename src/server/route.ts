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
import type { AuditLog } from '../api/audit.js';
import type { CaseStore } from '../api/types.js';
import type { Download } from './download.js';
import { type BodyOf, type EndpointSpec, type ParamsOf, pathParams, pathPattern, type QueryOf, type ResponseOf } from './endpoint.js';
import type { Reply } from './jobs.js';
import { ClewError } from '../model/errors.js';
import { parseInput, queryObject } from './validate.js';

export type RouteMethod = EndpointSpec['method'];

/** Who made the request (team mode: the signed-in user; null for `clew serve`'s one analyst). */
export interface RouteUser {
  name: string;
  agency: string | null;
}

/** What an audit route reads: the server's audit log (null when the server keeps none). */
export type AuditAccess = Pick<AuditLog, 'query' | 'proof' | 'head'>;

export interface RouteContext {
  /** The case, opened read-only for the life of the server; null for an audit route (which reads the audit log, not the case). */
  store: CaseStore | null;
  /** The case named in the path (/api/cases/CASE/…); null on `clew serve`'s older /api/… paths. */
  caseName: string | null;
  user: RouteUser | null;
  /** The server's audit log, for audit routes; null when it keeps none. */
  audit: AuditAccess | null;
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

/** What a route records in the audit log in place of the generic entry (Route.auditAs). */
export interface RouteAuditEntry {
  action: string;
  records: (number | string)[];
  detail: Record<string, string | number | null>;
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
  /** The route reads the audit log of the case, not the case (auditors and owners; roles.ts). */
  audit?: true;
  /**
   * The audit entry of an answered request, when it is not the generic one (method, path, query,
   * body: audit-entry.ts): its action, records and detail made from the answer (a legal filter's
   * change, recorded as `clew filter` records it).
   */
  auditAs?(value: unknown): RouteAuditEntry;
  handle(ctx: RouteContext): unknown;
}

/** What a handler gets: the request parsed by the endpoint's schemas. */
export interface HandlerContext<E extends EndpointSpec> {
  store: CaseStore;
  user: RouteUser | null;
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

function parser<E extends EndpointSpec>(e: E): (ctx: RouteContext) => { params: unknown; query: unknown; body: unknown } {
  const names = pathParams(e.path).map((p) => p.name);
  if (names.length > 0 && !e.params) throw new Error(`endpoint ${e.method} ${e.path} names path parameters but declares no params schema`);
  const lists = repeatable(e.query);
  const query = e.query ?? NO_FIELDS;
  return (ctx) => ({
    params: e.params ? parseInput(e.params, Object.fromEntries(names.map((n, i) => [n, ctx.params[i]]))) : {},
    query: parseInput(query, queryObject(ctx.query, lists)),
    body: e.body ? parseInput(e.body, ctx.body) : undefined,
  });
}

export function defineRoute<const E extends EndpointSpec>(e: E, handle: (ctx: HandlerContext<E>) => AnswerOf<E> | Promise<AnswerOf<E>>): Route {
  const parse = parser(e);
  return {
    method: e.method,
    pattern: pathPattern(e),
    ...(e.upload ? { streamBody: { maxBytes: e.upload.maxBytes } } : {}),
    contract: e,
    handle(ctx: RouteContext) {
      // the server opens the case for every route but an audit one
      if (!ctx.store) throw new Error(`${e.method} ${e.path} needs its case open`);
      return handle({ store: ctx.store, user: ctx.user, ...parse(ctx), req: ctx.req, signal: ctx.signal } as HandlerContext<E>);
    },
  };
}

/** What an audit route's handler gets: the case's name, the audit log, the request parsed. */
export interface AuditHandlerContext<E extends EndpointSpec> {
  caseName: string;
  audit: AuditAccess;
  user: RouteUser | null;
  params: ParamsOf<E>;
  query: QueryOf<E>;
}

/**
 * A route that reads the audit log of its case (the Audit view): the case is not opened (an
 * auditor reads none of its rows), the caller's role is checked (roles.ts: auditors and owners),
 * and a server without an audit log (clew serve) answers NOT_FOUND.
 */
export function defineAuditRoute<const E extends EndpointSpec>(e: E, handle: (ctx: AuditHandlerContext<E>) => AnswerOf<E> | Promise<AnswerOf<E>>): Route {
  const parse = parser(e);
  return {
    method: e.method,
    pattern: pathPattern(e),
    contract: e,
    audit: true,
    handle(ctx: RouteContext) {
      if (!ctx.audit || !ctx.caseName) throw new ClewError('NOT_FOUND', 'this server keeps no audit log (a team server, clew server --db, does)');
      const { params, query } = parse(ctx);
      return handle({ caseName: ctx.caseName, audit: ctx.audit, user: ctx.user, params, query } as AuditHandlerContext<E>);
    },
  };
}
