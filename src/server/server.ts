/**
 * `clew serve`: the web workspace on the analyst's machine. One Node `http` server serves the
 * built app (web/dist) and the JSON API under /api over one case opened read-only.
 *
 * Every request passes, in order: URL length cap → Host check (DNS rebinding) → method and
 * Origin check → body size cap → rate limit → access token (cookie, bearer, or the ?token= of
 * the printed URL, exchanged for a cookie) → route. Every response carries the strict headers.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCase } from '../api/case.js';
import type { CaseStore } from '../api/types.js';
import { ClewError } from '../model/errors.js';
import { errorResponse, HttpError } from './errors.js';
import { RateLimiter, type RateLimitOptions, rateKey, SESSION_RATE, sessionIdCookieName, SIGN_IN_RATE } from './ratelimit.js';
import { readJsonBody } from './body.js';
import type { Route } from './route.js';
import { Reply } from './jobs.js';
import { contentDisposition, Download } from './download.js';
import { ROUTES } from './routes.js';
import { viewNetwork } from './routes/network.js';
import { caseState } from './case-state.js';
import { cookieName, hostAllowed, isLoopbackHost, newToken, originAllowed, parseCookies, SECURITY_HEADERS, sessionCookie, tokensEqual } from './security.js';
import { StaticSite } from './static.js';
import { onClientError } from './client-error.js';
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
  /** Budget of each signed-in session (default SESSION_RATE). */
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

interface RouteMatch {
  route: Route;
  params: string[];
  /** The path exists but not for this method. */
  wrongMethod: boolean;
}

/** The API route a request goes to (HEAD is a GET without the body), or null. */
function routeFor(rawUrl: string, method: string): RouteMatch | null {
  const q = rawUrl.indexOf('?');
  const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q);
  if (pathname !== '/api' && !pathname.startsWith('/api/')) return null;
  let path: string;
  try {
    path = decodeURIComponent(pathname.slice(4));
  } catch {
    return null;
  }
  const want = method === 'HEAD' ? 'GET' : method;
  let other: RouteMatch | null = null;
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method === want) return { route, params: m.slice(1), wrongMethod: false };
    other ??= { route, params: m.slice(1), wrongMethod: true };
  }
  return other;
}

function send(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: string | Buffer, head = false): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(head ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, head = false, extra: Record<string, string> = {}): void {
  send(res, status, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store', ...extra }, JSON.stringify(value), head);
}

/**
 * A file to save: a whole body is sent with its length; a streamed one in chunks, with the
 * writer waiting for the socket to drain, stopped when the client goes away. Its first chunk is
 * made before the headers go out, so a bad request still gets a JSON error; an error later cuts
 * the connection (the file is visibly incomplete, never silently short).
 */
async function sendDownload(res: ServerResponse, d: Download, head: boolean, signal: AbortSignal): Promise<void> {
  const headers = { ...SECURITY_HEADERS, ...d.headers, 'Content-Type': d.contentType, 'Content-Disposition': contentDisposition(d.fileName), 'Cache-Control': 'no-store' };
  if (typeof d.body === 'string') return send(res, 200, headers, d.body, head);
  const it = d.body[Symbol.asyncIterator]();
  try {
    let next = await it.next();
    res.writeHead(200, headers);
    if (head) return void res.end();
    while (!next.done && !signal.aborted) {
      if (!res.write(next.value)) await once(res, 'drain', { signal }).catch(() => undefined);
      if (signal.aborted) break;
      next = await it.next();
    }
    res.end();
  } finally {
    await it.return?.(undefined);
  }
}

/** A refusal a person can read: plain text, nothing to render, nothing to run. */
function refusePage(res: ServerResponse, text: string, head: boolean): void {
  send(res, 401, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, text, head);
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host))
    throw new ClewError(
      'INVALID_ARGUMENT',
      `refusing to listen on ${host}: team mode with accounts is not available yet, so clew serve listens on this machine only (127.0.0.1, localhost or ::1)`,
      { host },
    );
  const store: CaseStore = await openCase(opts.casePath, { readonly: true });
  const site = StaticSite.load(opts.webRoot ?? DEFAULT_WEB_ROOT);
  const token = opts.token ?? newToken();
  const limiter = new RateLimiter(opts.rateLimit ?? SESSION_RATE);
  const strictLimiter = new RateLimiter(opts.signInRateLimit ?? SIGN_IN_RATE);
  const maxUrl = opts.maxUrlChars ?? 4096;
  const maxBody = opts.maxBodyBytes ?? 64 * 1024;
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const state = caseState(store, { maxUploadBytes: opts.maxUploadBytes, uploadsDir: opts.uploadsDir, ingestBatchSize: opts.ingestBatchSize, caseLocator: opts.casePath });
  const jobs = state.jobs;
  // uploads cut short by a server killed mid-transfer (kill -9) leave a *.part file: not kept
  const uploads = opts.uploadsDir ?? defaultUploadsDir(opts.casePath);
  for (const p of await cleanPartialUploads(uploads)) log(`clew serve: removed ${p}, an upload a stopped server left incomplete`);
  let port = 0;

  const authorised = (req: IncomingMessage): boolean => {
    const cookie = parseCookies(req.headers.cookie).get(cookieName(port));
    if (cookie !== undefined && tokensEqual(cookie, token)) return true;
    const auth = req.headers.authorization;
    return auth !== undefined && auth.startsWith('Bearer ') && tokensEqual(auth.slice(7), token);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawUrl = req.url ?? '/';
    if (rawUrl.length > maxUrl) throw new HttpError('URI_TOO_LONG', `the URL is longer than ${maxUrl} characters`);
    if (!hostAllowed(req.headers.host, port)) throw new HttpError('FORBIDDEN', `Host "${String(req.headers.host ?? '')}" is not this server (only 127.0.0.1:${port} or localhost:${port})`);
    const method = req.method ?? 'GET';
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin, port)) throw new HttpError('FORBIDDEN', 'cross-origin requests are refused');
    if (method !== 'GET' && method !== 'HEAD') {
      if (origin === undefined) throw new HttpError('FORBIDDEN', `${method} requests must come from the workspace (Origin header)`);
      if (method !== 'POST' && method !== 'DELETE') throw new HttpError('METHOD_NOT_ALLOWED', `${method} is not allowed`);
    }
    const route = routeFor(rawUrl, method);
    const cap = route?.route.streamBody?.maxBytes ?? maxBody;
    const length = Number(req.headers['content-length'] ?? 0);
    if (!(length <= cap)) throw new ClewError('TOO_LARGE', `the request body is larger than ${cap} bytes`);
    const who = rateKey(req, authorised(req), port); // per session, not per source address
    const wait = (who.strict ? strictLimiter : limiter).take(who.key, Date.now());
    if (wait > 0) throw Object.assign(new HttpError('RATE_LIMITED'), { retryAfterMs: wait });

    const url = new URL(rawUrl, `http://127.0.0.1:${port}`);
    const head = method === 'HEAD';
    const given = url.searchParams.get('token');
    // a person at the browser (not the app's fetches) gets refusals as plain text it can read
    const wantsPage = !url.pathname.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (given !== null && !url.pathname.startsWith('/api/')) {
      // the printed URL: trade the token for a cookie and drop it from the address bar
      if (!tokensEqual(given, token)) {
        if (wantsPage) return refusePage(res, 'clew: the access token in this URL is wrong or from an earlier run.\nOpen the URL that `clew serve` printed this time.\n', head);
        throw new HttpError('UNAUTHORIZED', 'the access token in the URL is wrong: open the URL printed by `clew serve`');
      }
      url.searchParams.delete('token');
      // never a protocol-relative "//host" location (no open redirect, even with the token)
      const path = url.pathname.replace(/^[/\\]+/, '/');
      const location = path + (url.searchParams.size ? `?${url.searchParams}` : '');
      const sid = `${sessionIdCookieName(port)}=${randomBytes(18).toString('base64url')}; HttpOnly; SameSite=Strict; Path=/`;
      send(res, 303, { Location: location, 'Set-Cookie': [sessionCookie(port, token), sid], 'Cache-Control': 'no-store' }, '', head);
      return;
    }
    if (!authorised(req)) {
      if (wantsPage) return refusePage(res, 'clew: this workspace needs its access token.\nOpen the URL that `clew serve` printed (http://127.0.0.1:PORT/?token=…), or restart it to get a new one.\n', head);
      throw new HttpError('UNAUTHORIZED');
    }

    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      if (!route) throw new ClewError('NOT_FOUND', `no API endpoint ${url.pathname}`);
      if (route.wrongMethod) throw new HttpError('METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}`);
      const r = route.route;
      const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
      const body = r.method !== 'GET' && !r.streamBody && hasBody ? await readJsonBody(req, maxBody) : undefined;
      const gone = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) gone.abort();
      });
      // another process (the CLI) may have changed the case: what the state keeps goes if so (one row read)
      await state.sync();
      const value = await r.handle({ store, params: route.params, query: url.searchParams, body, req, signal: gone.signal });
      if (value instanceof Download) await sendDownload(res, value, head, gone.signal);
      else if (value instanceof Reply) sendJson(res, value.status, value.body, head);
      else sendJson(res, 200, value, head);
      return;
    }
    if (method === 'POST' || method === 'DELETE') throw new HttpError('METHOD_NOT_ALLOWED', `${method} is not allowed`);

    const file = site.lookup(url.pathname);
    if (!file) {
      if (!site.built) {
        send(res, 503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, 'The web app is not built. Run `npm run build:web`, then reload.\n', head);
        return;
      }
      throw new ClewError('NOT_FOUND', `no file ${url.pathname}`);
    }
    send(res, 200, { 'Content-Type': file.type, 'Cache-Control': file.immutable ? 'private, max-age=31536000, immutable' : 'no-cache' }, file.body, head);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const { status, body, internal } = errorResponse(e);
      if (internal) log(`clew serve: ${req.method} ${(req.url ?? '').slice(0, 200)}: ${(e as Error)?.stack ?? String(e)}`);
      const extra: Record<string, string> = {};
      const retry = (e as { retryAfterMs?: number }).retryAfterMs;
      if (typeof retry === 'number') extra['Retry-After'] = String(Math.max(1, Math.ceil(retry / 1000)));
      if (res.headersSent) res.destroy();
      else sendJson(res, status, body, req.method === 'HEAD', extra);
    });
  });
  // no cap on a whole request's duration (a 2 GiB upload streams for minutes); instead a socket
  // silent for 30 s is closed, and headers must arrive within 10 s (slow-loris)
  server.requestTimeout = 0;
  server.timeout = 30_000;
  server.headersTimeout = 10_000;
  server.maxHeadersCount = 100;
  server.on('clientError', onClientError); // a 431 that names the URL or the header

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
    webBuilt: site.built,
    close: async () => {
      if (warming) clearTimeout(warming);
      // running jobs stop at their next batch (an ingest stays resumable), given a few seconds
      await Promise.race([jobs.cancelAll(), new Promise((ok) => setTimeout(ok, 5000).unref())]);
      return new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => {
          store.close().then(ok, ok);
        });
      });
    },
  };
}
