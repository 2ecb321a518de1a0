/**
 * `clew serve`: the web workspace on the analyst's machine. One fastify server serves the built
 * app (web/dist, @fastify/static) and the JSON API under /api over one case opened read-only.
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
import type { AddressInfo } from 'node:net';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie, { type CookieSerializeOptions } from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { openCase } from '../api/case.js';
import type { CaseStore } from '../api/types.js';
import { ClewError } from '../model/errors.js';
import { errorResponse, fromFramework, HttpError } from './errors.js';
import type { Route } from './route.js';
import { fastifyPaths } from './route-path.js';
import { Reply } from './jobs.js';
import { contentDisposition, Download } from './download.js';
import { ROUTES } from './routes.js';
import { viewNetwork } from './routes/network.js';
import { caseState } from './case-state.js';
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
  reply.code(200).headers({ ...d.headers, 'content-type': d.contentType, 'content-disposition': contentDisposition(d.fileName), 'cache-control': 'no-store' });
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

/** Budget key of a request: per session when signed in (strict budget per address when not). */
function rateKey(request: FastifyRequest, signedIn: boolean, port: number): string {
  if (!signedIn) return `address:${request.raw.socket.remoteAddress ?? '?'}`;
  const sid = request.cookies[sessionIdCookieName(port)];
  if (sid !== undefined && /^[A-Za-z0-9_-]{16,64}$/.test(sid)) return `session:${sid}`;
  return 'token';
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host))
    throw new ClewError(
      'INVALID_ARGUMENT',
      `refusing to listen on ${host}: team mode with accounts is not available yet, so clew serve listens on this machine only (127.0.0.1, localhost or ::1)`,
      { host },
    );
  const sessionRate = opts.rateLimit ?? SESSION_RATE;
  const signInRate = opts.signInRateLimit ?? SIGN_IN_RATE;
  const windows = { session: rateWindowMs(sessionRate), signIn: rateWindowMs(signInRate) };
  const store: CaseStore = await openCase(opts.casePath, { readonly: true });
  const webRoot = resolve(opts.webRoot ?? DEFAULT_WEB_ROOT);
  const webBuilt = existsSync(join(webRoot, 'index.html'));
  const token = opts.token ?? newToken();
  const maxUrl = opts.maxUrlChars ?? 4096;
  const maxBody = opts.maxBodyBytes ?? 64 * 1024;
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const state = caseState(store, { maxUploadBytes: opts.maxUploadBytes, uploadsDir: opts.uploadsDir, ingestBatchSize: opts.ingestBatchSize, caseLocator: opts.casePath });
  const jobs = state.jobs;
  // uploads cut short by a server killed mid-transfer (kill -9) leave a *.part file: not kept
  const uploads = opts.uploadsDir ?? defaultUploadsDir(opts.casePath);
  for (const p of await cleanPartialUploads(uploads)) log(`clew serve: removed ${p}, an upload a stopped server left incomplete`);
  let port = 0;

  const authorised = (request: FastifyRequest): boolean => {
    const cookie = request.cookies[cookieName(port)];
    if (cookie !== undefined && tokensEqual(cookie, token)) return true;
    const auth = request.headers.authorization;
    return auth !== undefined && auth.startsWith('Bearer ') && tokensEqual(auth.slice(7), token);
  };

  /** The one way errors leave: our code, its status, JSON; internal ones logged, never shown. */
  const replyError = (e: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined => {
    const { status, body, internal } = errorResponse(fromFramework(e, request.routeOptions?.bodyLimit));
    if (internal) log(`clew serve: ${request.method} ${request.originalUrl.slice(0, 200)}: ${(e as Error)?.stack ?? String(e)}`);
    if (reply.raw.headersSent) {
      reply.raw.destroy();
      return undefined;
    }
    return sendJson(reply.headers(SECURITY_HEADERS), status, body);
  };

  const app: FastifyInstance = Fastify({
    logger: false,
    bodyLimit: maxBody,
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

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    keyGenerator: (request) => rateKey(request, authorised(request), port),
    max: (_request, key) => (key.startsWith('address:') ? signInRate.capacity : sessionRate.capacity),
    timeWindow: (_request, key) => (key.startsWith('address:') ? windows.signIn : windows.session),
    cache: 1024,
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: () => new HttpError('RATE_LIMITED'),
  });

  // URL, Host, method, Origin and size: refused before anything else runs
  app.addHook('onRequest', async (request) => {
    const rawUrl = request.originalUrl;
    if (rawUrl.length > maxUrl) throw new HttpError('URI_TOO_LONG', `the URL is longer than ${maxUrl} characters`);
    if (!hostAllowed(request.headers.host, port)) throw new HttpError('FORBIDDEN', `Host "${String(request.headers.host ?? '')}" is not this server (only 127.0.0.1:${port} or localhost:${port})`);
    const method = request.method;
    const origin = request.headers.origin;
    if (origin !== undefined && !originAllowed(origin, port)) throw new HttpError('FORBIDDEN', 'cross-origin requests are refused');
    if (method !== 'GET' && method !== 'HEAD') {
      if (origin === undefined) throw new HttpError('FORBIDDEN', `${method} requests must come from the workspace (Origin header)`);
      if (method !== 'POST' && method !== 'DELETE') throw new HttpError('METHOD_NOT_ALLOWED', `${method} is not allowed`);
    }
    // the route's own cap (an upload's), else the JSON body cap; a body is never read past it
    const cap = request.routeOptions.bodyLimit ?? maxBody;
    const length = Number(request.headers['content-length'] ?? 0);
    if (!(length <= cap)) throw new ClewError('TOO_LARGE', `the request body is larger than ${cap} bytes`);
  });
  app.addHook('onRequest', app.rateLimit());
  app.addHook('onRequest', async (request, reply) => {
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
        .setCookie(cookieName(port), token, COOKIE)
        .setCookie(sessionIdCookieName(port), randomBytes(18).toString('base64url'), COOKIE)
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
  });
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
    // the route's pattern, on the decoded path, gives its params (the router only narrowed it down)
    const m = route.pattern.exec(apiPath(pathname) ?? '');
    if (!m) throw new ClewError('NOT_FOUND', `no API endpoint ${pathname}`);
    const gone = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) gone.abort();
    });
    // another process (the CLI) may have changed the case: what the state keeps goes if so (one row read)
    await state.sync();
    const value = await route.handle({ store, params: m.slice(1), query: new URLSearchParams(search), body: request.body, req: request.raw, signal: gone.signal });
    if (value instanceof Download) return sendDownload(reply, value, gone.signal);
    return value instanceof Reply ? sendJson(reply, value.status, value.body) : sendJson(reply, 200, value);
  };
  const register = (scope: FastifyInstance, route: Route) => {
    for (const url of fastifyPaths(route.pattern))
      scope.route({ method: route.method, url, bodyLimit: route.streamBody?.maxBytes ?? maxBody, handler: (request, reply) => serve(route, request, reply) });
  };
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
      const path = apiPath(pathname);
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
      server.listen(p, host, () => {
        server.off('error', fail);
        ok();
      });
    });
  try {
    try {
      await listen(opts.port ?? 0);
    } catch (e) {
      if (!opts.portFallback || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      await listen(0);
    }
  } catch (e) {
    await app.close();
    await store.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ClewError('INVALID_ARGUMENT', `port ${opts.port} is in use: choose another with --port, or 0 for any free port`, { port: opts.port ?? 0 });
    throw e;
  }
  port = (server.address() as AddressInfo).port;
  // the network at the level the view opens with (persons once there are any), computed while nobody waits
  const warming = opts.warm
    ? setTimeout(() => {
        (async () => viewNetwork(store, (await store.identity().persons()).length > 0 ? { level: 'person' } : {}))().catch((e: unknown) =>
          log(`clew serve: precomputing the network failed: ${(e as Error)?.message ?? String(e)}`),
        );
      }, 50)
    : null;
  const hostPart = host === '::1' || host === '[::1]' ? '[::1]' : host === 'localhost' ? 'localhost' : '127.0.0.1';
  const origin = `http://${hostPart}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    webBuilt,
    close: async () => {
      if (warming) clearTimeout(warming);
      // running jobs stop at their next batch (an ingest stays resumable), given a few seconds
      await Promise.race([jobs.cancelAll(), new Promise((ok) => setTimeout(ok, 5000).unref())]);
      await new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      });
      await app.close();
      await store.close();
    },
  };
}
