/** Real HTTP calls to a running test server, signed in with its token, as the workspace makes them. */
import { request } from 'node:http';
import type { RunningServer } from '../server.js';
import type { JobResponse, WireJob } from '../wire.js';

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
