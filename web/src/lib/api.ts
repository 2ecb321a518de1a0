/**
 * The typed client of the clew HTTP API. Every call is typed from the API's contract
 * (src/server/contract.ts, type imports only; api-contract.ts maps it by path):
 * `fetchApi('/messages/:id', { id, context })` takes the endpoint's path template, its
 * parameters and query, and answers its response type;
 * `sendApi` also takes its JSON body, `uploadApi` its streamed body, `download` and `fileUrl`
 * the files an endpoint answers. A misspelled path, a missing or mistyped parameter or body, or a
 * change of an answer on the server fails the type check.
 */
import type { JobResponse, WireJob, StatsResponse, RefChoice, WireError } from '../../../src/server/wire.js';

import type { NotificationsResponse } from '../../../src/server/contract/discovery.js';
import type { DownloadApi, DownloadPath, GetApi, GetPath, SendApi, SendAt, SendMethod, SendPath, UploadApi, UploadPath } from './api-contract';

export type { NotificationsResponse };
export type { DownloadApi, DownloadPath, GetApi, GetPath, SendApi, SendAt, SendMethod, SendPath, UploadApi, UploadPath };

export type * from '../../../src/server/wire.js';

// ---------------------------------------------------------------- calls typed from the contract (api-contract.ts)

/** The URL of a call: the template's :params filled in (URL-encoded), the rest as the query; empty and undefined left out. */
function contractUrl(template: string, given: unknown): string {
  const input = (given ?? {}) as Record<string, unknown>;
  const used = new Set<string>();
  const path = template.replace(/:([A-Za-z][A-Za-z0-9]*)\*?/g, (_m, name: string) => {
    used.add(name);
    return encodeURIComponent(String(input[name]));
  });
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) {
    if (used.has(k) || v === undefined || v === '') continue;
    if (Array.isArray(v)) for (const x of v) qs.append(k, String(x));
    else qs.set(k, String(v));
  }
  return `/api${path}${qs.size ? `?${qs}` : ''}`;
}

/** GET an endpoint of the contract: `fetchApi('/messages/:id', { id: 5, context: 0 })`; a wrong path or parameter does not compile. */
export function fetchApi<P extends GetPath>(path: P, input: GetApi[P]['input'], signal?: AbortSignal): Promise<GetApi[P]['response']> {
  return call(contractUrl(path, input), { method: 'GET', headers: { Accept: 'application/json' } }, signal);
}

/**
 * POST or DELETE to an endpoint of the contract with its JSON body (the browser adds the Origin
 * the server checks). A 202 answer (computed by a job, e.g. the disruption simulation) is
 * followed like fetchApi's; `onJob` hears that job's progress.
 */
export function sendApi<M extends SendMethod, P extends SendPath<M>>(
  method: M,
  path: P,
  input: SendAt<M, P>['input'],
  body: SendAt<M, P>['body'],
  signal?: AbortSignal,
  onJob?: JobListener,
): Promise<SendAt<M, P>['response']> {
  const init: RequestInit = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (body !== undefined) init.body = JSON.stringify(body);
  return call(contractUrl(path, input), init, signal, onJob);
}

/** POST to an upload endpoint of the contract: a file's bytes streamed as the body (e.g. a file to ingest, a watchlist), or its large JSON document. */
export function uploadApi<P extends UploadPath>(path: P, input: UploadApi[P]['input'], body: UploadApi[P]['upload'], signal?: AbortSignal): Promise<UploadApi[P]['response']> {
  const given: unknown = body;
  const file = given instanceof Blob ? given : null;
  return call(
    contractUrl(path, input),
    { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': file ? 'application/octet-stream' : 'application/json' }, body: file ?? JSON.stringify(given) },
    signal,
  );
}

/** The URL of a file an endpoint of the contract answers (an <img src>, a link to save), under the current case. */
export function fileUrl<P extends DownloadPath>(path: P, input: DownloadApi[P]['input']): string {
  return apiUrl(contractUrl(path, input));
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** AMBIGUOUS_REF: the accounts or persons the name could mean, to offer the choice. */
    readonly choices: RefChoice[] = [],
    /** The error's details (AMBIGUOUS_REF: `ref`, the name as it was asked for, cut to 80 characters). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The name an AMBIGUOUS_REF error was about (as asked, cut to 80 characters), or null. */
export function ambiguousTerm(e: unknown): string | null {
  return e instanceof ApiError && e.code === 'AMBIGUOUS_REF' && typeof e.details.ref === 'string' ? e.details.ref : null;
}

/** Whether `asked` is the name an ambiguous answer was about (the server cuts it to 80 characters). */
export function isTermOf(asked: string, term: string): boolean {
  return asked.trim().slice(0, 80) === term;
}

// ---------------------------------------------------------------- the case and the session

/** The case the workspace shows: its routes live under /api/cases/CASE/… (null until the session is known). */
let caseBase: string | null = null;
/** Team mode: the session's CSRF token, sent with every POST and DELETE. */
let csrfToken: string | null = null;

/** Paths that are not a case's: the session, the case list, the user's notifications. */
const NOT_CASE = /^\/api\/(session|cases|notifications)(?:[/?]|$)/;

/** The workspace shows `name` from now on (every case route goes under /api/cases/NAME/…); `csrf` is the session's token. */
export function selectCase(name: string | null, csrf: string | null): void {
  caseBase = name === null ? null : `/api/cases/${encodeURIComponent(name)}`;
  csrfToken = csrf;
}

/** The URL of an API path: a case route (`/api/search`) under the current case (`/api/cases/CASE/search`). */
export function apiUrl(path: string): string {
  if (caseBase === null || !path.startsWith('/api/') || NOT_CASE.test(path)) return path;
  return caseBase + path.slice(4);
}

/** Window event: the server answered 401 (signed out, the session expired or was revoked): the app shows the sign-in page. */
export const SIGNED_OUT = 'clew:signed-out';

async function call<T>(url: string, init: RequestInit, signal?: AbortSignal, onJob?: JobListener): Promise<T> {
  let res: Response;
  try {
    const headers = new Headers(init.headers);
    if (init.method !== 'GET' && csrfToken !== null) headers.set('X-CSRF-Token', csrfToken);
    res = await fetch(apiUrl(url), { ...init, headers, credentials: 'same-origin', signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'The clew server does not answer. Is `clew serve` still running?');
  }
  if (res.status === 401 && csrfToken !== null) window.dispatchEvent(new Event(SIGNED_OUT));
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(res.status, 'INTERNAL', `The server sent something that is not JSON (HTTP ${res.status}).`);
  }
  if (!res.ok) {
    const e = (body as WireError).error;
    const details = e?.details && typeof e.details === 'object' ? e.details : {};
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? `HTTP ${res.status}`, Array.isArray(e?.choices) ? e.choices : [], details);
  }
  // 202: the answer is being computed by a job; follow it, then ask again (the server keeps the
  // job's answer for the same request: a GET's URL, a POST's JSON body)
  const repeatable = init.method === 'GET' || init.body === undefined || typeof init.body === 'string';
  if (res.status === 202 && repeatable && (body as Partial<JobResponse>).job) {
    await followJob((body as JobResponse).job, signal, onJob);
    return call<T>(url, init, signal, onJob);
  }
  return body as T;
}

// ---------------------------------------------------------------- downloads

/** The file name a Content-Disposition header gives: `filename*` (UTF-8) first, else `filename`; the server has made it safe. */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;\s]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] || fallback;
}

/**
 * Save what an export endpoint answers (a GET with the view's own parameters) as a file under
 * the name the server gives it. A refusal arrives as an ApiError, like any other call's.
 */
export async function download<P extends DownloadPath>(path: P, input: DownloadApi[P]['input'], signal?: AbortSignal): Promise<string> {
  let res: Response;
  try {
    res = await fetch(fileUrl(path, input), { method: 'GET', credentials: 'same-origin', signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'The clew server does not answer. Is `clew serve` still running?');
  }
  if (!res.ok) {
    let e: WireError['error'] | undefined;
    try {
      e = ((await res.json()) as WireError).error;
    } catch {
      e = undefined;
    }
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? `HTTP ${res.status}`, Array.isArray(e?.choices) ? e.choices : []);
  }
  const blob = await res.blob();
  const name = dispositionName(res.headers.get('Content-Disposition'), 'clew-export');
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // the browser has taken the file once the click is handled
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return name;
}

// ---------------------------------------------------------------- jobs

type JobListener = (job: WireJob) => void;
const jobListeners = new Set<JobListener>();

/** Be told about every job the client is waiting on (a 202 answer being followed), as it progresses. */
export function onJobProgress(listener: JobListener): () => void {
  jobListeners.add(listener);
  return () => jobListeners.delete(listener);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((ok, fail) => {
    const t = setTimeout(ok, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      fail(new DOMException('aborted', 'AbortError'));
    });
  });

/** Poll a job until it ends; resolves with it when done, throws its error when it failed or was cancelled. */
export async function followJob(job: WireJob, signal?: AbortSignal, onProgress?: JobListener): Promise<WireJob> {
  let j = job;
  for (;;) {
    onProgress?.(j);
    for (const l of jobListeners) l(j);
    if (j.state === 'done') return j;
    if (j.state === 'failed' || j.state === 'cancelled') throw new ApiError(j.state === 'cancelled' ? 503 : 500, j.error?.code ?? 'INTERNAL', j.error?.message ?? `the job ${j.state}`);
    await sleep(400, signal);
    j = (await fetchApi('/jobs/:id', { id: j.id }, signal)).job;
  }
}

/** The case changed (an ingest finished, a decision, or lib/changes.ts saw it change): drop cached answers and tell the views. */
export function caseChanged(): void {
  statsOnce = null;
  window.dispatchEvent(new Event(CASE_CHANGED));
}

/** Window event fired by `caseChanged()`; views with cached data reload on it. */
export const CASE_CHANGED = 'clew:case-changed';

let statsOnce: Promise<StatsResponse> | null = null;

/** Who is signed in, signing in and out, and the cases one may open (not case routes). */
export const session = {
  /** 401 (ApiError) when nobody is signed in to a team server. */
  get: (signal?: AbortSignal) => fetchApi('/session', {}, signal),
  signIn: (user: string, password: string) => sendApi('POST', '/session', {}, { user, password }),
  signOut: () => sendApi('DELETE', '/session', {}, undefined),
  cases: (signal?: AbortSignal) => fetchApi('/cases', {}, signal),
  /** Team server: the user's notifications (cross-case discovery: who looked at a selector a case of theirs holds). */
  notifications: (signal?: AbortSignal) => fetchApi('/notifications', {}, signal),
  notificationsSeen: (upTo: number) => sendApi('POST', '/notifications/seen', {}, { upTo }),
};

export const api = {
  /** Case stats, fetched once per page load (the header and the overview share them). */
  statsCached: (): Promise<StatsResponse> => {
    statsOnce ??= fetchApi('/stats', {}).catch((e: unknown) => {
      statsOnce = null;
      throw e;
    });
    return statsOnce;
  },
  stats: (signal?: AbortSignal) => fetchApi('/stats', {}, signal),
  search: (p: { q: string; mode: 'folded' | 'exact'; limit?: number; cursor?: number }, signal?: AbortSignal) =>
    fetchApi('/search', { q: p.q, mode: p.mode, limit: p.limit, cursor: p.cursor }, signal),
  /** The case's languages with their message counts (the language filter). */
  languages: (signal?: AbortSignal) => fetchApi('/languages', {}, signal),
  message: (id: number, context: number, signal?: AbortSignal) => fetchApi('/messages/:id', { id, context }, signal),
  thread: (id: number, before: number, after: number, signal?: AbortSignal) => fetchApi('/messages/:id/thread', { id, before, after }, signal),
  quarantine: (limit: number, signal?: AbortSignal) => fetchApi('/quarantine', { limit }, signal),
  entities: (p: { type?: EntitiesType; limit?: number }, signal?: AbortSignal) => fetchApi('/entities', { type: p.type, limit: p.limit }, signal),
  keyPlayers: (top: number, signal?: AbortSignal) => fetchApi('/keyplayers', { top }, signal),
  jobs: (signal?: AbortSignal) => fetchApi('/jobs', {}, signal),
  job: (id: string, signal?: AbortSignal) => fetchApi('/jobs/:id', { id }, signal),
  cancelJob: (id: string) => sendApi('DELETE', '/jobs/:id', { id }, undefined),
};

/** An entity type the Entities endpoint takes. */
export type EntitiesType = NonNullable<GetApi['/entities']['input']['type']>;
