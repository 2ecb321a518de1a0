/** Real HTTP calls to a running team server (clew server), signed in as a user, as the workspace makes them. */
import { request } from 'node:http';
import type { SessionResponse } from '../wire/session.js';
import { checkReply } from './http.js';

export interface TeamReply {
  status: number;
  /** Response headers, names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON ({} when it is empty or not JSON). */
  body: Record<string, unknown> & { error?: { code: string; message: string } };
  /** The cookies the answer sets, as a Cookie header would send them back. */
  cookie: string;
}

/** A signed-in user: the session cookie and the CSRF token a change sends. */
export interface Who {
  cookie: string;
  csrf: string;
}

export interface TeamCallOptions {
  who?: Who | null;
  body?: unknown;
  /** Add to or replace the defaults (Host, Origin, cookie, CSRF token); a header given as '' is left out. */
  headers?: Record<string, string>;
  /** The CSRF token to send instead of the user's (null: none). */
  csrf?: string | null;
  /** Sent as `Authorization: Bearer …` (the team server must ignore it). */
  token?: string;
}

/**
 * `body`: a string as it is, anything else as JSON. The user's CSRF token goes with every change
 * (not with a GET). Every answer is held to its endpoint's contract (http.ts checkReply).
 */
export function teamCall(port: number, method: string, path: string, o: TeamCallOptions = {}): Promise<TeamReply> {
  const bytes = o.body === undefined ? undefined : Buffer.from(typeof o.body === 'string' ? o.body : JSON.stringify(o.body));
  const h: Record<string, string> = { Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` };
  if (bytes) Object.assign(h, { 'Content-Type': 'application/json', 'Content-Length': String(bytes.length) });
  if (o.who) h.Cookie = o.who.cookie;
  const csrf = o.csrf === undefined ? o.who?.csrf : o.csrf;
  if (csrf && method !== 'GET') h['X-CSRF-Token'] = csrf;
  if (o.token) h.Authorization = `Bearer ${o.token}`;
  Object.assign(h, o.headers);
  for (const k of Object.keys(h)) if (h[k] === '') delete h[k];
  return new Promise((ok, fail) => {
    const r = request({ host: '127.0.0.1', port, path, method, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: TeamReply['body'] = {};
        try {
          body = JSON.parse(text || '{}') as TeamReply['body'];
        } catch {
          body = {};
        }
        const cookie = ([] as string[])
          .concat(res.headers['set-cookie'] ?? [])
          .map((c) => c.split(';')[0]!)
          .join('; ');
        try {
          checkReply(method, path, { status: res.statusCode ?? 0, headers: res.headers, text });
        } catch (e) {
          fail(e);
          return;
        }
        ok({ status: res.statusCode ?? 0, headers: res.headers, text, body, cookie });
      });
    });
    r.on('error', fail);
    r.end(bytes);
  });
}

/** POST /api/session as `user`: the user's cookie and CSRF token, and the answer itself. */
export async function teamSignIn(port: number, user: string, password: string, headers: Record<string, string> = {}): Promise<Who & { reply: TeamReply }> {
  const reply = await teamCall(port, 'POST', '/api/session', { body: { user, password }, headers });
  return { cookie: reply.cookie, csrf: String((reply.body as unknown as SessionResponse).csrf ?? ''), reply };
}
