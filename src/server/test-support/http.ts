/** Real HTTP calls to a running test server, signed in with its token, as the workspace makes them. */
import { request } from 'node:http';
import { CONTRACT } from '../contract.js';
import { errorResponse, jobResponse } from '../contract/common.js';
import type { EndpointSpec } from '../endpoint.js';
import { ROUTES } from '../routes.js';
import type { RunningServer } from '../server.js';
import type { JobResponse, WireJob } from '../wire.js';

/** The server's fixed points (contract/session.ts), by `METHOD /api/path`. */
const FIXED = new Map((Object.values(CONTRACT) as EndpointSpec[]).filter((e) => e.server).map((e) => [`${e.method} /api${e.path}`, e]));

/**
 * Holds an answer to the contract of the route that gave it (contract.ts): a 200 to the route's
 * response schema (or, for a download, its content types), a 202 to the job answer, an error to
 * the error body. Throws naming the route and the first mismatch. Every call() checks it.
 */
export function checkReply(method: string, path: string, reply: Pick<HttpReply, 'status' | 'headers' | 'text'>): void {
  const { pathname } = new URL(path, 'http://h');
  if (!pathname.startsWith('/api/')) return;
  let apiPath: string;
  try {
    // the path after /api (and after /cases/CASE, for a case route of the team server)
    apiPath = decodeURIComponent(pathname.replace(/^\/api(?:\/cases\/[^/]+(?=\/))?/, ''));
  } catch {
    return;
  }
  const e = FIXED.get(`${method} ${pathname}`) ?? ROUTES.find((r) => r.method === method && r.pattern.test(apiPath))?.contract;
  if (!e) return;
  const where = `${method} ${e.path} answered ${reply.status}`;
  const type = String(reply.headers['content-type'] ?? '');
  const hold = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: unknown[] } } }) => {
    let body: unknown;
    try {
      body = JSON.parse(reply.text);
    } catch {
      throw new Error(`${where} with a body that is not JSON: ${reply.text.slice(0, 200)}`);
    }
    const r = schema.safeParse(body);
    if (!r.success) throw new Error(`${where} with a body that does not hold to its contract: ${JSON.stringify(r.error?.issues.slice(0, 3))}`);
  };
  if (reply.status >= 400) return hold(errorResponse);
  if (reply.status === 202 && e.job) return hold(jobResponse);
  if (reply.status !== 200) throw new Error(`${where}, a status its contract does not have`);
  if (e.produces) {
    if (!e.produces.some((t) => t.split(';')[0] === type.split(';')[0])) throw new Error(`${where} with content type ${type}, not one of ${e.produces.join(', ')}`);
    return;
  }
  if (!type.startsWith('application/json')) throw new Error(`${where} with content type ${type}, not JSON`);
  if (e.response) hold(e.response);
}

export interface HttpReply {
  status: number;
  /** Response headers, names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body as it came (e.g. to see a byte-order mark). */
  bytes: Buffer;
  json<T>(): T;
  /** The body parsed as JSON (an empty body is null); read it only for a JSON answer. */
  readonly body: unknown;
}

/**
 * `body`: bytes as they are, anything else as JSON. `headers` add to or replace the defaults
 * (Host, token cookie, the server's own Origin); a header given as '' is left out.
 */
export function call(srv: RunningServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpReply> {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const json: Record<string, string> = body !== undefined && !Buffer.isBuffer(body) ? { 'Content-Type': 'application/json' } : {};
  const h: Record<string, string> = { Host: `127.0.0.1:${srv.port}`, Cookie: `clew_token_${srv.port}=${srv.token}`, Origin: srv.origin, ...json, ...headers };
  if (bytes && !h['Transfer-Encoding']) h['Content-Length'] ??= String(bytes.length);
  for (const k of Object.keys(h)) if (h[k] === '') delete h[k];
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: srv.port, path, method, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        try {
          checkReply(method, path, { status: res.statusCode ?? 0, headers: res.headers, text });
        } catch (e) {
          fail(e);
          return;
        }
        ok({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          bytes,
          json: <T>() => JSON.parse(text) as T,
          get body(): unknown {
            return JSON.parse(text || 'null') as unknown;
          },
        });
      });
    });
    req.on('error', fail);
    req.end(bytes);
  });
}

/** POST /api/uploads of one file. */
export const upload = (srv: RunningServer, name: string, body: Buffer, headers: Record<string, string> = {}) =>
  call(srv, 'POST', `/api/uploads?name=${encodeURIComponent(name)}`, body, headers);

/** Polls a job until `until` holds (default: it ended). */
export async function waitJob(srv: RunningServer, id: string, until: (j: WireJob) => boolean = (j) => j.endedAt !== null): Promise<WireJob> {
  for (let i = 0; i < 3000; i++) {
    const r = await call(srv, 'GET', `/api/jobs/${id}`);
    if (r.status !== 200) throw new Error(`GET /api/jobs/${id} answered ${r.status}: ${r.text}`);
    const { job } = r.json<JobResponse>();
    if (until(job)) return job;
    await new Promise((ok) => setTimeout(ok, 10));
  }
  throw new Error('the job never got there');
}
