/**
 * `clew serve`: the web workspace on the analyst's machine. One fastify server serves the built
 * app (web/dist, @fastify/static) and the JSON API under /api over one case opened read-only.
 * `clew server --db` (startTeamServer): the same app and API for every case of a PostgreSQL
 * database, to users signed in with a password (team.ts: sessions, CSRF, roles per case).
 *
 * Every case-scoped route lives under /api/cases/CASE/… (CASE: the case's name, URL-encoded),
 * in both modes; `clew serve` also answers the older unprefixed /api/… paths. GET /api/cases
 * lists the cases the caller may read, GET /api/session says who is signed in.
 *
 * Every request passes, in order (onRequest hooks): URL length cap → Host check (DNS rebinding)
 * → method and Origin check → body size cap (Content-Length) → rate limit (@fastify/rate-limit)
 * → access token (cookie, bearer, or the ?token= of the printed URL, exchanged for a cookie) →
 * route. JSON bodies are read within fastify's bodyLimit; upload routes (`streamBody`) read their
 * own stream. Every response carries the strict headers (onSend); every error leaves through one
 * error handler as `{ error: { code, message } }` (errors.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie, { type CookieSerializeOptions } from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { caseName, openCase, registerInProcessCase } from '../api/case.js';
import type { CaseStore } from '../api/types.js';
import type { CaseAsUser, CaseRole, TeamDirectory, TeamSession, TeamUser } from '../api/team.js';
import { ClewError } from '../model/errors.js';
import { errorResponse, fromFramework, HttpError } from './errors.js';
import type { AuditAccess, Route, RouteUser } from './route.js';
import { fastifyPaths } from './route-path.js';
import { Reply } from './jobs.js';
import { contentDisposition, Download } from './download.js';
import { openApiText } from './openapi.js';
import { ROUTES } from './routes.js';
import type { AuditLog } from '../api/audit.js';
import { type AuditedRequest, auditAction, auditEntryFor } from './audit-entry.js';
import { viewNetwork } from './routes/network.js';
import { CaseState, caseState, endRequestWith, shareCaseState } from './case-state.js';
import { autoOcr } from './routes/ocr.js';
import { listsCase, rolesFor } from './roles.js';
import { parseInput, queryObject } from './validate.js';
import type { SessionResponse, WireCase } from './wire/session.js';
import * as sessionApi from './contract/session.js';
import type { BodyOf, EndpointSpec, QueryOf, ResponseOf } from './endpoint.js';
import * as discoveryApi from './contract/discovery.js';
import {
  cookieName,
  hostAllowed,
  isLoopbackHost,
  newToken,
  originAllowed,
  type RateLimitOptions,
  rateWindowMs,
  SECURITY_HEADERS,
  SESSION_RATE,
  sessionIdCookieName,
  SIGN_IN_RATE,
  tokensEqual,
} from './security.js';
import { MAX_HEADER_BYTES, onClientError } from './client-error.js';
import { cleanPartialUploads, defaultUploadsDir } from './upload.js';

export interface ServeOptions {
  casePath: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** When `port` is taken, take any free port instead of failing (for a default port). */
  portFallback?: boolean;
  host?: string;
  /** Folder of the built web app (default: web/dist of this package). */
  webRoot?: string;
  /** Fixed token (tests); default a fresh random one. */
  token?: string;
  /** Budget of each signed-in session (default SESSION_RATE; security.ts). */
  rateLimit?: RateLimitOptions;
  /** Budget of requests that are not signed in, per source address (default SIGN_IN_RATE). */
  signInRateLimit?: RateLimitOptions;
  maxUrlChars?: number;
  maxBodyBytes?: number;
  /** Largest file upload (POST /api/uploads) in bytes; default 2 GiB. */
  maxUploadBytes?: number;
  /** Where uploaded files are stored; default `<case>.uploads` beside a case file, under the user's data directory for a case in a database (upload.ts defaultUploadsDir). */
  uploadsDir?: string;
  /** Records per batch of an ingest started from the workspace (tests). */
  ingestBatchSize?: number;
  /** Where internal errors are logged (default stderr). */
  log?: (line: string) => void;
  /**
   * Compute the contact network and its measures in the background right after start, at the
   * level the Network view opens with, so the analyst's first visit finds them ready (clew serve).
   */
  warm?: boolean;
  /**
   * Read the text in the case's images that wait for it (Tesseract, when installed) as a background job
   * right after start (issue 23 part 3; clew serve). Default false (tests start servers on cases with images).
   */
  ocr?: boolean;
}

export interface RunningServer {
  /** The URL to open, with the access token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  webBuilt: boolean;
  close(): Promise<void>;
}

export const DEFAULT_WEB_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'web', 'dist');
const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const COOKIE: CookieSerializeOptions = { httpOnly: true, sameSite: 'strict', path: '/' };

/** A request path with its query, normalised as a browser would (`.`/`..` segments resolved, %2e too). */
function normaliseUrl(raw: string): string {
  try {
    // "http://h" + path: a path starting with // stays a path, never a host
    const u = raw.startsWith('/') ? new URL(`http://h${raw}`) : new URL(raw, 'http://h');
    return u.pathname + u.search;
  } catch {
    return raw;
  }
}

function splitUrl(url: string): { pathname: string; search: string } {
  const q = url.indexOf('?');
  return q < 0 ? { pathname: url, search: '' } : { pathname: url.slice(0, q), search: url.slice(q) };
}

/** The path after /api, decoded, as route patterns see it; null when it cannot be decoded. */
function apiPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname.slice(4));
  } catch {
    return null;
  }
}

const isApi = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

/** JSON for the API: `value` serialised once, never cached. */
function sendJson(reply: FastifyReply, status: number, value: unknown): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type(JSON_TYPE).send(JSON.stringify(value));
}

/**
 * A file to save: a whole body is sent with its length; a streamed one as a stream (fastify
 * pipes it, waiting for the socket to drain, and destroys it when the client goes away). Its
 * first chunk is made before the headers go out, so a bad request still gets a JSON error; an
 * error later cuts the connection (the file is visibly incomplete, never silently short).
 */
async function sendDownload(reply: FastifyReply, d: Download, signal: AbortSignal): Promise<FastifyReply> {
  reply.code(200).headers({
    ...d.headers,
    'content-type': d.contentType,
    'content-disposition': contentDisposition(d.fileName, d.options.inline ? 'inline' : 'attachment'),
    'cache-control': d.options.cacheControl ?? 'no-store',
  });
  if (typeof d.body === 'string' || d.body instanceof Uint8Array) return reply.send(d.body);
  const it = d.body[Symbol.asyncIterator]();
  const first = await it.next();
  async function* chunks(): AsyncGenerator<string> {
    try {
      for (let next = first; !next.done && !signal.aborted; next = await it.next()) yield next.value;
    } finally {
      await it.return?.(undefined);
    }
  }
  return reply.send(Readable.from(chunks()));
}

/**
 * A fixed point of the server (contract/session.ts, the notifications of contract/discovery.ts),
 * at /api<path>: its query and JSON body parsed by the endpoint's schemas before `handle` runs,
 * its answer typed by the endpoint's response schema.
 */
function fixedPoint<const E extends EndpointSpec & { server: true }>(
  scope: FastifyInstance,
  e: E,
  handle: (request: FastifyRequest, reply: FastifyReply, input: { query: QueryOf<E>; body: BodyOf<E> }) => Promise<ResponseOf<E>>,
  preHandler?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
): void {
  scope.route({
    method: e.method,
    url: `/api${e.path}`,
    ...(preHandler ? { preHandler } : {}),
    handler: async (request, reply) => {
      const query = (e.query ? parseInput(e.query, queryObject(new URLSearchParams(splitUrl(request.url).search))) : {}) as QueryOf<E>;
      const body = (e.body ? parseInput(e.body, request.body) : undefined) as BodyOf<E>;
      return sendJson(reply, 200, await handle(request, reply, { query, body }));
    },
  });
}

/** A refusal a person can read: plain text, nothing to render, nothing to run. */
function refusePage(reply: FastifyReply, text: string): FastifyReply {
  return reply.code(401).header('cache-control', 'no-store').type(TEXT_TYPE).send(text);
}

/** JSON request bodies: UTF-8 and JSON checked, each failure with its own code; an empty body is none. */
function parseJsonBody(_req: FastifyRequest, buf: Buffer, done: (err: Error | null, body?: unknown) => void): void {
  if (buf.length === 0) return done(null, undefined);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return done(new ClewError('INVALID_UTF8', 'the request body is not valid UTF-8'));
  }
  try {
    done(null, JSON.parse(text) as unknown);
  } catch {
    done(new ClewError('JSON_SYNTAX', 'the request body is not valid JSON'));
  }
}

/** Budget key of a `clew serve` request: per session when signed in (strict budget per address when not). */
function rateKey(request: FastifyRequest, signedIn: boolean, port: number): string {
  if (!signedIn) return `address:${request.ip}`;
  const sid = request.cookies[sessionIdCookieName(port)];
  if (sid !== undefined && /^[A-Za-z0-9_-]{16,64}$/.test(sid)) return `session:${sid}`;
  return 'token';
}

/** The case-scoped part of an API path: /api/cases/CASE/rest → CASE (decoded) and /rest (decoded); null when it is not one. */
export function casePath(pathname: string): { caseName: string; rest: string } | null {
  const m = /^\/api\/cases\/([^/]+)(\/.*)$/.exec(pathname);
  if (!m) return null;
  try {
    return { caseName: decodeURIComponent(m[1]!), rest: decodeURIComponent(m[2]!) };
  } catch {
    return null;
  }
}

/** A case open for one request: its store (as the request's user sees it) and the state it shares. */
interface OpenedCase {
  store: CaseStore;
  state: CaseState;
  /** Team mode, a GET: the request's read transaction ends (its connection given back); never fails. */
  end?(): Promise<void>;
}

/** What differs between `clew serve` (one case, a token) and `clew server --db` (many cases, users). */
interface Mode {
  team: boolean;
  /** Identify the caller before the rate limit counts the request (team: the session cookie). */
  identify(request: FastifyRequest): Promise<void>;
  rateKey(request: FastifyRequest): string;
  rateMax(key: string): number;
  rateWindow(key: string): number;
  /** After the rate limit: let the request in, answer it (token exchange), or throw (401, CSRF). */
  gate(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
  hostAllowed(request: FastifyRequest): boolean;
  originAllowed(request: FastifyRequest, origin: string): boolean;
  session(request: FastifyRequest): Promise<SessionResponse>;
  cases(request: FastifyRequest): Promise<WireCase[]>;
  /** The case as the caller may see it for `route`: NOT_FOUND when they hold no role on it (whether or not it exists), FORBIDDEN when their role may not call the route. */
  open(request: FastifyRequest, caseName: string, route: Route): Promise<OpenedCase>;
  /** An audit route (route.ts defineAuditRoute): the caller's role on the case checked (NOT_FOUND, FORBIDDEN), the case not opened. */
  authorize(request: FastifyRequest, caseName: string, route: Route): Promise<void>;
  /** Who made the request (team: the signed-in user). */
  user(request: FastifyRequest): RouteUser | null;
  /** The audit log the audit routes read; null when the server keeps none. */
  audit: AuditAccess | null;
  /** `clew serve`: the one case, for the older unprefixed paths. */
  legacy: OpenedCase | null;
  /** Team mode with an audit log: write the entry of an answered case request before the answer leaves (throws: the request fails closed). */
  record?(request: FastifyRequest, r: Omit<AuditedRequest, 'user' | 'agency'>): Promise<void>;
  /** Extra routes (team: sign in and out, contract/session.ts), in the JSON scope. */
  routes(json: FastifyInstance): void;
  close(): Promise<void>;
}

interface CoreOptions {
  host: string;
  port?: number;
  portFallback?: boolean;
  webRoot?: string;
  maxUrlChars?: number;
  maxBodyBytes?: number;
  log: (line: string) => void;
  trustProxy?: string[];
  name: string;
}

async function launch(core: CoreOptions, mode: Mode, portOf: { port: number }, afterListen: () => (() => void) | null): Promise<{ server: Server; app: FastifyInstance; webBuilt: boolean; close(): Promise<void> }> {
  const webRoot = resolve(core.webRoot ?? DEFAULT_WEB_ROOT);
  const webBuilt = existsSync(join(webRoot, 'index.html'));
  const maxUrl = core.maxUrlChars ?? 4096;
  const maxBody = core.maxBodyBytes ?? 64 * 1024;
  const log = core.log;

  /** The one way errors leave: our code, its status, JSON; internal ones logged, never shown. */
  const replyError = (e: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined => {
    const { status, body, internal } = errorResponse(fromFramework(e, request.routeOptions?.bodyLimit));
    if (internal) log(`${core.name}: ${request.method} ${request.originalUrl.slice(0, 200)}: ${(e as Error)?.stack ?? String(e)}`);
    if (reply.raw.headersSent) {
      reply.raw.destroy();
      return undefined;
    }
    return sendJson(reply.headers(SECURITY_HEADERS), status, body);
  };

  const app: FastifyInstance = Fastify({
    logger: false,
    bodyLimit: maxBody,
    // X-Forwarded-* are believed only from the proxies named (clew server --trust-proxy)
    trustProxy: core.trustProxy && core.trustProxy.length > 0 ? core.trustProxy : false,
    // a route's parameter is as long as the URL may be (a dossier's reference, a search)
    routerOptions: { maxParamLength: maxUrl },
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    // no cap on a whole request's duration (a 2 GiB upload streams for minutes); instead a socket
    // silent for 30 s is closed, and headers must arrive within 10 s (slow-loris, below)
    requestTimeout: 0,
    connectionTimeout: 30_000,
    keepAliveTimeout: 5_000,
    // a 431 that names the URL or the header (fastify types rawPacket as its JSON form; it is the Buffer)
    clientErrorHandler: (e, socket) => onClientError(e as unknown as Parameters<typeof onClientError>[0], socket),
    rewriteUrl: (req) => normaliseUrl(req.url ?? '/'),
    frameworkErrors: (e, request, reply) => {
      replyError(e, request, reply);
    },
  });
  app.server.headersTimeout = 10_000;
  app.server.maxHeadersCount = 100;
  app.decorateRequest('clewSigned', null);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    keyGenerator: (request) => mode.rateKey(request),
    max: (_request, key) => mode.rateMax(key),
    timeWindow: (_request, key) => mode.rateWindow(key),
    cache: 5000,
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: () => new HttpError('RATE_LIMITED'),
  });

  // URL, Host, method, Origin and size: refused before anything else runs
  app.addHook('onRequest', async (request) => {
    const rawUrl = request.originalUrl;
    if (rawUrl.length > maxUrl) throw new HttpError('URI_TOO_LONG', `the URL is longer than ${maxUrl} characters`);
    if (!mode.hostAllowed(request)) throw new HttpError('FORBIDDEN', `Host "${String(request.headers.host ?? '').slice(0, 100)}" is not this server`);
    const method = request.method;
    const origin = request.headers.origin;
    if (origin !== undefined && !mode.originAllowed(request, origin)) throw new HttpError('FORBIDDEN', 'cross-origin requests are refused');
    if (method !== 'GET' && method !== 'HEAD') {
      if (origin === undefined) throw new HttpError('FORBIDDEN', `${method} requests must come from the workspace (Origin header)`);
      if (method !== 'POST' && method !== 'DELETE') throw new HttpError('METHOD_NOT_ALLOWED', `${method} is not allowed`);
    }
    // the route's own cap (an upload's), else the JSON body cap; a body is never read past it
    const cap = request.routeOptions.bodyLimit ?? maxBody;
    const length = Number(request.headers['content-length'] ?? 0);
    if (!(length <= cap)) throw new ClewError('TOO_LARGE', `the request body is larger than ${cap} bytes`);
  });
  app.addHook('onRequest', async (request) => mode.identify(request));
  app.addHook('onRequest', app.rateLimit());
  app.addHook('onRequest', async (request, reply) => mode.gate(request, reply));
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(k)) reply.header(k, v);
    return payload;
  });
  app.setErrorHandler((e, request, reply) => replyError(e, request, reply));

  // bodies: none is read before a route wants it (the passthrough below), so a refused request
  // never streams its body in; JSON routes read theirs within bodyLimit (the scope below)
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));

  const serve = async (route: Route, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const { pathname, search } = splitUrl(request.url);
    // the case and the route's path: /api/cases/CASE/… (or, clew serve, the older /api/…)
    const scoped = casePath(pathname);
    const path = scoped ? scoped.rest : apiPath(pathname);
    // the route's pattern, on the decoded path, gives its params (the router only narrowed it down)
    const m = route.pattern.exec(path ?? '');
    if (!m) throw new ClewError('NOT_FOUND', `no API endpoint ${pathname}`);
    let store: CaseStore | null = null;
    let opened: OpenedCase | null = null;
    if (route.audit) {
      // the audit log of the case: its role checked, the case itself never opened
      if (scoped) await mode.authorize(request, scoped.caseName, route);
    } else {
      opened = scoped ? await mode.open(request, scoped.caseName, route) : mode.legacy;
      if (!opened) throw new ClewError('NOT_FOUND', `no API endpoint ${pathname}`);
      store = opened.store;
    }
    const gone = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) gone.abort();
    });
    const query = new URLSearchParams(search);
    let value: unknown;
    try {
      // another process (the CLI) may have changed the case: what the state keeps goes if so (one row read)
      if (opened) await opened.state.sync(opened.store);
      value = await route.handle({
        store,
        caseName: scoped?.caseName ?? null,
        user: mode.user(request),
        audit: mode.audit,
        params: m.slice(1),
        query,
        body: request.body,
        req: request.raw,
        signal: gone.signal,
      });
    } finally {
      // the read transaction ends as soon as the answer is made (before the audit entry is written
      // and the answer sent; a download streamed after it reads on its own)
      void opened?.end?.();
    }
    if (mode.record)
      await mode.record(request, {
        caseName: scoped?.caseName ?? null,
        method: request.method,
        template: request.routeOptions.url ?? pathname,
        path: path ?? '',
        query,
        body: route.streamBody ? undefined : request.body,
        value: value instanceof Download ? (value.options.records ?? null) : value instanceof Reply ? value.body : value,
        ...(value instanceof Download ? { download: value.fileName } : {}),
        ...(route.auditAs ? { as: route.auditAs(value) } : {}),
      });
    if (value instanceof Download) return sendDownload(reply, value, gone.signal);
    return value instanceof Reply ? sendJson(reply, value.status, value.body) : sendJson(reply, 200, value);
  };
  const register = (scope: FastifyInstance, route: Route) => {
    const prefixes = ['/api/cases/:case', ...(mode.legacy ? ['/api'] : [])];
    for (const prefix of prefixes)
      for (const url of fastifyPaths(route.pattern, prefix))
        scope.route({ method: route.method, url, bodyLimit: route.streamBody?.maxBytes ?? maxBody, handler: (request, reply) => serve(route, request, reply) });
  };
  // the API's contract as an OpenAPI 3.1 document (openapi.ts)
  const openApi = openApiText();
  app.get('/api/openapi.json', (_request, reply) => reply.header('cache-control', 'no-store').type(JSON_TYPE).send(openApi));
  // uploads read their own stream (route.ts streamBody)
  for (const route of ROUTES) if (route.streamBody) register(app, route);
  await app.register(async (json) => {
    json.removeAllContentTypeParsers();
    json.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJsonBody);
    json.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, buf: Buffer, done) => {
      if (buf.length === 0) done(null, undefined);
      else done(new ClewError('INVALID_ARGUMENT', 'the request body must be application/json'));
    });
    for (const route of ROUTES) if (!route.streamBody) register(json, route);
    fixedPoint(json, sessionApi.session, (request) => mode.session(request));
    fixedPoint(json, sessionApi.cases, async (request) => ({ cases: await mode.cases(request) }));
    mode.routes(json);
  });

  if (webBuilt)
    await app.register(fastifyStatic, {
      root: webRoot,
      // one route per file of the build, found at start: no request path reaches the file system
      wildcard: false,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (reply, path) => {
        // hashed build assets never change: cached for good
        reply.header('cache-control', relative(webRoot, path).startsWith(`assets${sep}`) ? 'private, max-age=31536000, immutable' : 'no-cache');
        if (/\.m?js$/.test(path)) reply.header('content-type', 'text/javascript; charset=utf-8');
      },
    });

  app.setNotFoundHandler(async (request, reply) => {
    const method = request.method;
    const { pathname } = splitUrl(request.url);
    if (isApi(pathname)) {
      const scoped = casePath(pathname);
      const path = scoped ? scoped.rest : mode.legacy ? apiPath(pathname) : null;
      if (path !== null && ROUTES.some((r) => r.pattern.test(path))) throw new HttpError('METHOD_NOT_ALLOWED', `${method} is not allowed on ${pathname}`);
      throw new ClewError('NOT_FOUND', `no API endpoint ${pathname}`);
    }
    if (method === 'POST' || method === 'DELETE') throw new HttpError('METHOD_NOT_ALLOWED', `${method} is not allowed`);
    if (!webBuilt) return reply.code(503).header('cache-control', 'no-store').type(TEXT_TYPE).send('The web app is not built. Run `npm run build:web`, then reload.\n');
    // app routes (no file extension: /m/123 reloads into the app) get the app shell
    if (pathname.startsWith('/assets/') || /\.[A-Za-z0-9]{1,8}$/.test(pathname)) throw new ClewError('NOT_FOUND', `no file ${pathname}`);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  await app.ready();
  const server = app.server;
  const listen = (p: number) =>
    new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(p, core.host, () => {
        server.off('error', fail);
        ok();
      });
    });
  try {
    try {
      await listen(core.port ?? 0);
    } catch (e) {
      if (!core.portFallback || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      await listen(0);
    }
  } catch (e) {
    await app.close();
    await mode.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ClewError('INVALID_ARGUMENT', `port ${core.port} is in use: choose another, or 0 for any free port`, { port: core.port ?? 0 });
    throw e;
  }
  portOf.port = (server.address() as AddressInfo).port;
  const stop = afterListen();
  return {
    server,
    app,
    webBuilt,
    close: async () => {
      stop?.();
      await new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      });
      await app.close();
      await mode.close();
    },
  };
}

const originOf = (host: string): string => (host === '::1' || host === '[::1]' ? '[::1]' : host === 'localhost' ? 'localhost' : host.includes(':') ? `[${host}]` : host);

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host))
    throw new ClewError(
      'INVALID_ARGUMENT',
      `refusing to listen on ${host}: clew serve (one analyst, an access token) listens on this machine only (127.0.0.1, localhost or ::1); for a team, use clew server --db`,
      { host },
    );
  const sessionRate = opts.rateLimit ?? SESSION_RATE;
  const signInRate = opts.signInRateLimit ?? SIGN_IN_RATE;
  const windows = { session: rateWindowMs(sessionRate), signIn: rateWindowMs(signInRate) };
  const store: CaseStore = await openCase(opts.casePath, { readonly: true });
  const token = opts.token ?? newToken();
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const state = caseState(store, { maxUploadBytes: opts.maxUploadBytes, uploadsDir: opts.uploadsDir, ingestBatchSize: opts.ingestBatchSize, caseLocator: opts.casePath });
  const jobs = state.jobs;
  const theCase: OpenedCase = { store, state };
  const name = caseName(opts.casePath);
  // uploads cut short by a server killed mid-transfer (kill -9) leave a *.part file: not kept
  const uploads = opts.uploadsDir ?? defaultUploadsDir(opts.casePath);
  for (const p of await cleanPartialUploads(uploads)) log(`clew serve: removed ${p}, an upload a stopped server left incomplete`);
  const at = { port: 0 };

  const authorised = (request: FastifyRequest): boolean => {
    const cookie = request.cookies[cookieName(at.port)];
    if (cookie !== undefined && tokensEqual(cookie, token)) return true;
    const auth = request.headers.authorization;
    return auth !== undefined && auth.startsWith('Bearer ') && tokensEqual(auth.slice(7), token);
  };
  const single: WireCase[] = [{ name, role: 'owner' }];

  const mode: Mode = {
    team: false,
    identify: async () => undefined,
    rateKey: (request) => rateKey(request, authorised(request), at.port),
    rateMax: (key) => (key.startsWith('address:') ? signInRate.capacity : sessionRate.capacity),
    rateWindow: (key) => (key.startsWith('address:') ? windows.signIn : windows.session),
    hostAllowed: (request) => hostAllowed(request.headers.host, at.port),
    originAllowed: (_request, origin) => originAllowed(origin, at.port),
    async gate(request, reply) {
      const { pathname, search } = splitUrl(request.url);
      const query = new URLSearchParams(search);
      const given = query.get('token');
      // a person at the browser (not the app's fetches) gets refusals as plain text it can read
      const wantsPage = !pathname.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
      if (given !== null && !pathname.startsWith('/api/')) {
        // the printed URL: trade the token for a cookie and drop it from the address bar
        if (!tokensEqual(given, token)) {
          if (wantsPage) return refusePage(reply, 'clew: the access token in this URL is wrong or from an earlier run.\nOpen the URL that `clew serve` printed this time.\n');
          throw new HttpError('UNAUTHORIZED', 'the access token in the URL is wrong: open the URL printed by `clew serve`');
        }
        query.delete('token');
        // never a protocol-relative "//host" location (no open redirect, even with the token)
        const location = pathname.replace(/^[/\\]+/, '/') + (query.size ? `?${query}` : '');
        return reply
          .setCookie(cookieName(at.port), token, COOKIE)
          .setCookie(sessionIdCookieName(at.port), randomBytes(18).toString('base64url'), COOKIE)
          .code(303)
          .header('location', location)
          .header('cache-control', 'no-store')
          .send('');
      }
      if (!authorised(request)) {
        if (wantsPage) return refusePage(reply, 'clew: this workspace needs its access token.\nOpen the URL that `clew serve` printed (http://127.0.0.1:PORT/?token=…), or restart it to get a new one.\n');
        throw new HttpError('UNAUTHORIZED');
      }
      return undefined;
    },
    session: async () => ({ mode: 'single', user: null, cases: single, csrf: null, expiresAt: null }),
    cases: async () => single,
    async open(_request, asked) {
      if (asked !== name) throw new ClewError('NOT_FOUND', `no case "${asked.slice(0, 100)}" here`);
      return theCase;
    },
    async authorize(_request, asked) {
      if (asked !== name) throw new ClewError('NOT_FOUND', `no case "${asked.slice(0, 100)}" here`);
    },
    user: () => null,
    audit: null,
    legacy: theCase,
    routes: () => undefined,
    close: () => store.close(),
  };

  let warming: NodeJS.Timeout | null = null;
  const running = await launch({ host, port: opts.port, portFallback: opts.portFallback, webRoot: opts.webRoot, maxUrlChars: opts.maxUrlChars, maxBodyBytes: opts.maxBodyBytes, log, name: 'clew serve' }, mode, at, () => {
    // the network at the level the view opens with (persons once there are any), computed while nobody waits
    if (opts.warm)
      warming = setTimeout(() => {
        (async () => viewNetwork(store, (await store.identity().persons()).length > 0 ? { level: 'person' } : {}))().catch((e: unknown) =>
          log(`clew serve: precomputing the network failed: ${(e as Error)?.message ?? String(e)}`),
        );
      }, 50);
    // the images still to read are read in the background (routes/ocr.ts), after any ingest
    if (opts.ocr) void autoOcr(store);
    return null;
  });
  const origin = `http://${originOf(host)}:${at.port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port: at.port,
    token,
    webBuilt: running.webBuilt,
    close: async () => {
      if (warming) clearTimeout(warming);
      // running jobs stop at their next batch (an ingest stays resumable), given a few seconds
      await Promise.race([jobs.cancelAll(), new Promise((ok) => setTimeout(ok, 5000).unref())]);
      await running.close();
    },
  };
}

// ---------------------------------------------------------------- team mode

export interface TeamServeOptions {
  /** The team directory of the database (users, grants, sessions, cases opened as a user). */
  directory: TeamDirectory;
  /** Address to listen on (default 127.0.0.1); any address is allowed in team mode. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For/-Host/-Proto are believed; none by default. */
  trustProxy?: string[];
  /** Host names (host[:port]) the server is reached under besides its listening address, e.g. behind a proxy. */
  publicHosts?: string[];
  /** How long a session lasts (default 12 hours). */
  sessionTtlMs?: number;
  /** Sign-in attempts allowed per source address and per user name (default 10 a minute each, 30 for an address). */
  loginRate?: { perAddress?: RateLimitOptions; perUser?: RateLimitOptions };
  /** Budget of each signed-in session (default SESSION_RATE). */
  rateLimit?: RateLimitOptions;
  /** Budget of API requests that are not signed in, per address (default SIGN_IN_RATE). */
  signInRateLimit?: RateLimitOptions;
  /**
   * The audit log (api/audit.ts openAuditLog): every answered case request, sign-in and sign-out is
   * appended before the answer leaves; a request whose entry cannot be written fails (503
   * AUDIT_WRITE_FAILED). clew server always gives one; without it nothing is recorded (tests, benchmarks).
   */
  audit?: AuditLog;
  /** A case's state (its kept results and jobs) is dropped after this long without requests and jobs (default 10 minutes). */
  idleCaseMs?: number;
  /**
   * When an analyst or owner first opens a case, read the text in its images that wait for it (Tesseract,
   * when installed) as a background job, as that user (issue 23 part 3; clew server). Default false.
   */
  ocr?: boolean;
  webRoot?: string;
  maxUrlChars?: number;
  maxBodyBytes?: number;
  maxUploadBytes?: number;
  /** Where uploaded files are stored, one folder per case (default: under the user's data directory). */
  uploadsDir?: string;
  ingestBatchSize?: number;
  log?: (line: string) => void;
}

export interface RunningTeamServer {
  origin: string;
  port: number;
  webBuilt: boolean;
  /** The cases whose state the server holds now (tests: idle ones are dropped). */
  openCases(): string[];
  close(): Promise<void>;
}

interface Signed {
  user: TeamUser;
  session: TeamSession;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Team mode: the live session of the request, null when none. */
    clewSigned: Signed | null;
  }
}

/** Per case: its state, shared by the users who may read it (they see the same rows), and when it was last used. */
interface TeamCaseEntry {
  state: CaseState;
  lastUsed: number;
  /** Unregisters the in-process locators the case's writes and jobs open it with. */
  unregister: Map<string, () => void>;
  /** The user of the latest request: the case's shared jobs open the case as them. */
  lastUser: number;
}

/** Session cookie of a team server (the port in its name: two servers on one host keep theirs apart). */
export const teamCookieName = (port: number): string => `clew_sid_${port}`;

const DEFAULT_LOGIN_PER_ADDRESS: RateLimitOptions = { capacity: 30, perSecond: 0.5 };
const DEFAULT_LOGIN_PER_USER: RateLimitOptions = { capacity: 10, perSecond: 10 / 60 };

/**
 * `clew server --db`: every case of the database, to signed-in users. A request's case is opened
 * as its user (the directory's openCaseAs: row-level security filters every query), its role on
 * the case checked against the route (roles.ts) first.
 */
export async function startTeamServer(opts: TeamServeOptions): Promise<RunningTeamServer> {
  const dir = opts.directory;
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const ttl = opts.sessionTtlMs ?? 12 * 3600_000;
  const sessionRate = opts.rateLimit ?? SESSION_RATE;
  const signInRate = opts.signInRateLimit ?? SIGN_IN_RATE;
  const perAddress = opts.loginRate?.perAddress ?? DEFAULT_LOGIN_PER_ADDRESS;
  const perUser = opts.loginRate?.perUser ?? DEFAULT_LOGIN_PER_USER;
  const windows = { session: rateWindowMs(sessionRate), signIn: rateWindowMs(signInRate) };
  const idleMs = opts.idleCaseMs ?? 10 * 60_000;
  const uploadsRoot = opts.uploadsDir;
  const at = { port: 0 };
  const publicHosts = new Set((opts.publicHosts ?? []).map((h) => h.toLowerCase()));
  const cases = new Map<string, TeamCaseEntry>();

  const hostOk = (h: string): boolean => {
    const lower = h.toLowerCase();
    if (hostAllowed(lower, at.port) || publicHosts.has(lower)) return true;
    return lower === `${originOf(host)}:${at.port}`.toLowerCase();
  };

  /**
   * The state of `name` as users who see what `store`'s user sees, made on first use; its
   * in-process locators open the case as a user. Users under different legal filters (the
   * filters hiding messages from them: store.hiddenFilters) never share one: its cached networks,
   * rankings and routes were computed from the rows its users may read.
   */
  const entryOf = (name: string, store: CaseStore, userId: number): TeamCaseEntry => {
    const hidden = store.hiddenFilters ?? [];
    const key = hidden.length === 0 ? name : `${name}\u0000${hidden.join(',')}`;
    let e = cases.get(key);
    if (!e) {
      const shared = hidden.length === 0 ? `clew-team:${name}` : `clew-team:${name}:hidden:${hidden.join(',')}`;
      const state = new CaseState(store);
      state.opts = { maxUploadBytes: opts.maxUploadBytes, uploadsDir: uploadsRoot ? join(uploadsRoot, name) : undefined, ingestBatchSize: opts.ingestBatchSize, caseLocator: shared };
      const entry: TeamCaseEntry = { state, lastUsed: Date.now(), unregister: new Map(), lastUser: userId };
      // the case's shared analyses (jobs) open it as the latest user: every user sharing the state sees the same rows
      entry.unregister.set(
        shared,
        registerInProcessCase(shared, async () => {
          const opened = await dir.openCaseAs(entry.lastUser, name);
          // the user's legal filters changed since: their rows are not this state's to compute from
          if ((opened.hiddenFilters ?? []).join(',') !== hidden.join(',')) {
            await opened.close();
            throw new ClewError('NOT_FOUND', `no case "${name}" as this state's users see it: try again`);
          }
          return opened;
        }),
      );
      cases.set(key, (e = entry));
    }
    e.lastUsed = Date.now();
    e.lastUser = userId;
    e.state.store = store;
    const own = `clew-team:${name}:${userId}`;
    // the workspace's writes (annotations, decisions, uploads) open the case as the user who made them
    if (!e.unregister.has(own)) e.unregister.set(own, registerInProcessCase(own, () => dir.openCaseAs(userId, name)));
    shareCaseState(store, e.state, own);
    return e;
  };

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, e] of cases)
      if (now - e.lastUsed > idleMs && !e.state.jobs.list().some((j) => j.endedAt === null)) {
        for (const u of e.unregister.values()) u();
        cases.delete(key);
      }
  }, Math.max(1000, Math.min(60_000, idleMs / 2)));
  sweep.unref();

  const signed = (request: FastifyRequest): Signed => {
    const s = request.clewSigned;
    if (!s) throw new HttpError('UNAUTHORIZED', 'sign in first');
    return s;
  };
  // the cases the workspace lists: those the user reads, and those whose audit log they read (an auditor)
  const readable = async (userId: number): Promise<WireCase[]> => (await dir.casesOf(userId)).filter((c) => listsCase(c.role)).map((c) => ({ name: c.name, role: c.role }));

  /**
   * The caller's role on `asked`, checked against `route`: NOT_FOUND when they hold none (in the
   * same words whether or not the case exists), FORBIDDEN when their role may not call it. Each
   * refusal is recorded in the audit log first (action "refused": who asked which case for what).
   */
  /** The user's role on the asked case and how to open it as them (the directory's caseAs: one query); a refusal is audited first. */
  const roleFor = async (request: FastifyRequest, asked: string, route: Route, readRequest = false): Promise<CaseAsUser> => {
    const s = signed(request);
    const refuse = async (e: Error, reason: 'no-role' | 'role', role: CaseRole | null): Promise<never> => {
      if (opts.audit) {
        const printable = asked.length > 0 && asked.length <= 200 && !/[\u0000-\u001f\u007f]/.test(asked);
        await opts.audit.append({
          user: s.user.name,
          agency: s.user.agency,
          case: printable ? asked : null,
          action: 'refused',
          detail: {
            action: auditAction(request.method, request.routeOptions.url ?? ''),
            path: splitUrl(request.url).pathname.slice(0, 2000),
            reason,
            role,
            ...(printable ? {} : { case: asked.slice(0, 400) }),
          },
        });
      }
      throw e;
    };
    const notFound = new ClewError('NOT_FOUND', `no case "${asked.slice(0, 100)}" that you may read`);
    if (asked.length > 200) return refuse(notFound, 'no-role', null);
    const found = await dir.caseAs(s.user.id, asked, { readRequest });
    if (found === null) return refuse(notFound, 'no-role', null);
    if (!rolesFor(route).includes(found.role)) {
      await found.end();
      return refuse(new HttpError('FORBIDDEN', `your role on this case (${found.role}) does not allow this`), 'role', found.role);
    }
    return found;
  };
  const cookieOpts = (request: FastifyRequest, expiresAt?: number): CookieSerializeOptions => ({
    ...COOKIE,
    secure: request.protocol === 'https',
    ...(expiresAt !== undefined ? { expires: new Date(expiresAt) } : {}),
  });

  const addressLimit = { max: perAddress.capacity, timeWindow: rateWindowMs(perAddress) };
  const userLimit = { max: perUser.capacity, timeWindow: rateWindowMs(perUser) };

  const mode: Mode = {
    team: true,
    async identify(request) {
      const sid = request.cookies[teamCookieName(at.port)];
      if (sid === undefined || !/^[A-Za-z0-9_-]{16,128}$/.test(sid)) return;
      const s = await dir.session(sid);
      if (s && s.expiresAt > Date.now() && !s.user.disabled) request.clewSigned = { user: s.user, session: s };
    },
    rateKey: (request) => {
      const s = request.clewSigned;
      if (s) return `session:${s.session.id}`;
      // the app's files (the sign-in page) are not the sign-in budget's concern
      return isApi(splitUrl(request.url).pathname) ? `address:${request.ip}` : `files:${request.ip}`;
    },
    rateMax: (key) => (key.startsWith('address:') ? signInRate.capacity : sessionRate.capacity),
    rateWindow: (key) => (key.startsWith('address:') ? windows.signIn : windows.session),
    hostAllowed: (request) => hostOk(request.host),
    originAllowed: (request, origin) => hostOk(request.host) && origin.toLowerCase() === `${request.protocol}://${request.host.toLowerCase()}`,
    async gate(request) {
      const { pathname } = splitUrl(request.url);
      // the app's files are public (the sign-in page); the API needs a session, except to sign in and to ask who is signed in
      if (!isApi(pathname)) return undefined;
      const s = request.clewSigned;
      if (pathname === '/api/session' && (request.method === 'POST' || request.method === 'GET')) return undefined;
      if (!s) throw new HttpError('UNAUTHORIZED', 'sign in first');
      // a state-changing request carries the session's CSRF token (besides the Origin check)
      if (request.method === 'POST' || request.method === 'DELETE') {
        const given = request.headers['x-csrf-token'];
        if (typeof given !== 'string' || !tokensEqual(given, s.session.csrf)) throw new HttpError('FORBIDDEN', 'the request lacks the CSRF token of this session: reload the workspace');
      }
      return undefined;
    },
    async session(request) {
      const s = signed(request);
      return { mode: 'team', user: { name: s.user.name, agency: s.user.agency }, cases: await readable(s.user.id), csrf: s.session.csrf, expiresAt: s.session.expiresAt };
    },
    cases: async (request) => readable(signed(request).user.id),
    async open(request, asked, route) {
      const s = signed(request);
      const notFound = () => new ClewError('NOT_FOUND', `no case "${asked.slice(0, 100)}" that you may read`);
      // a GET only reads: its statements share one read-only transaction on one connection (scoped.ts)
      const found = await roleFor(request, asked, route, route.method === 'GET');
      let store: CaseStore;
      try {
        // ingest writes with COPY, which the database refuses to a role row-level security binds (docs/team.md)
        if (route.streamBody && String(route.pattern) === String(/^\/uploads$/))
          throw new ClewError('INVALID_ARGUMENT', "the team server does not ingest: the database's admin does, with clew ingest --case ADMIN_URI?case=NAME FILE");
        store = found.open();
      } catch (e) {
        await found.end();
        if (e instanceof ClewError && (e.code === 'CASE_NOT_FOUND' || e.code === 'NOT_FOUND')) throw notFound();
        throw e;
      }
      const entry = entryOf(asked, store, s.user.id);
      // a GET that waits for a job ends its read transaction first: no connection held while it waits (case-state.ts viaJob)
      endRequestWith(store, () => found.end());
      // the images still to read, once per case state, by a user who may write (routes/ocr.ts)
      if (opts.ocr && (found.role === 'owner' || found.role === 'analyst')) void autoOcr(store);
      return { store, state: entry.state, end: () => found.end() };
    },
    async authorize(request, asked, route) {
      await roleFor(request, asked, route);
    },
    user: (request) => {
      const s = request.clewSigned;
      return s ? { name: s.user.name, agency: s.user.agency } : null;
    },
    audit: opts.audit ?? null,
    legacy: null,
    record: opts.audit
      ? async (request, r) => {
          const s = signed(request);
          await opts.audit!.append(auditEntryFor({ ...r, user: s.user.name, agency: s.user.agency }));
        }
      : undefined,
    routes(json) {
      // per source address and per user name, each its own budget: neither slows anyone else
      // (createRateLimit: the plugin's route hooks run once per request, after the global one)
      const byAddress = json.createRateLimit({ ...addressLimit, keyGenerator: (r) => `login-address:${r.ip}` });
      const byUser = json.createRateLimit({
        ...userLimit,
        keyGenerator: (r) => {
          const b = r.body as { user?: unknown } | undefined;
          return `login-user:${typeof b?.user === 'string' ? b.user.trim().toLowerCase().slice(0, 200) : ''}`;
        },
      });
      const limitSignIn = async (request: FastifyRequest, reply: FastifyReply) => {
        for (const limit of [byAddress, byUser]) {
          const r = await limit(request);
          if (!r.isAllowed && r.isExceeded) {
            reply.header('retry-after', String(r.ttlInSeconds));
            throw new HttpError('RATE_LIMITED', 'too many sign-in attempts: wait a minute, then try again');
          }
        }
      };
      fixedPoint(
        json,
        sessionApi.signIn,
        async (request, reply, { body: b }) => {
          const user = await dir.authenticate(b.user, b.password);
          // every attempt is accountable: the name as typed when it was refused
          await opts.audit?.append({ user: user?.name ?? b.user.slice(0, 200), agency: user?.agency ?? null, case: null, action: user ? 'signin' : 'signin-refused', detail: { address: request.ip } });
          if (!user) throw new HttpError('UNAUTHORIZED', 'wrong user name or password');
          const old = request.clewSigned;
          if (old) await dir.revokeSession(old.session.id);
          const session = await dir.createSession(user.id, ttl);
          reply.setCookie(teamCookieName(at.port), session.id, cookieOpts(request, session.expiresAt));
          return { mode: 'team' as const, user: { name: user.name, agency: user.agency }, cases: await readable(user.id), csrf: session.csrf, expiresAt: session.expiresAt };
        },
        limitSignIn,
      );
      // cross-case discovery's notifications (contract/discovery.ts): the signed-in user's own, audited
      fixedPoint(json, discoveryApi.notifications, async (request, _reply, { query: q }) => {
        const s = signed(request);
        const r = await dir.notifications(s.user.id, q.limit ?? 50);
        await opts.audit?.append({ user: s.user.name, agency: s.user.agency, case: null, action: 'get:notifications', records: r.notifications.map((n) => n.id) });
        return r;
      });
      fixedPoint(json, discoveryApi.notificationsSeen, async (request, _reply, { body: b }) => {
        const s = signed(request);
        await opts.audit?.append({ user: s.user.name, agency: s.user.agency, case: null, action: 'post:notifications.seen', detail: { upTo: b.upTo } });
        await dir.markNotificationsSeen(s.user.id, b.upTo);
        return { seen: true };
      });
      fixedPoint(json, sessionApi.signOut, async (request, reply) => {
        const s = signed(request);
        await opts.audit?.append({ user: s.user.name, agency: s.user.agency, case: null, action: 'signout' });
        await dir.revokeSession(s.session.id);
        reply.clearCookie(teamCookieName(at.port), cookieOpts(request));
        return { signedOut: true };
      });
    },
    close: async () => {
      clearInterval(sweep);
      for (const e of cases.values()) {
        await Promise.race([e.state.jobs.cancelAll(), new Promise((ok) => setTimeout(ok, 5000).unref())]);
        for (const u of e.unregister.values()) u();
      }
      cases.clear();
    },
  };
  const running = await launch(
    { host, port: opts.port, webRoot: opts.webRoot, maxUrlChars: opts.maxUrlChars, maxBodyBytes: opts.maxBodyBytes, log, trustProxy: opts.trustProxy, name: 'clew server' },
    mode,
    at,
    () => null,
  );
  return {
    origin: `http://${originOf(host)}:${at.port}`,
    port: at.port,
    webBuilt: running.webBuilt,
    openCases: () => [...new Set([...cases.keys()].map((k) => k.split('\u0000')[0]!))],
    close: () => running.close(),
  };
}
