/**
 * What the team server writes to the audit log for one answered case request (issue 21 part 5):
 * who, which case, what (the route, the query text, the other parameters as filters) and the ids of
 * the records the answer holds. The server appends it before the answer leaves, so a request whose
 * entry cannot be written is refused (fail closed).
 */
import type { AuditEntryInput } from '../api/audit.js';
import type { RouteAuditEntry } from './route.js';

/** At most this many record ids per entry (the log's own cap is higher; an answer's page is far smaller). */
export const MAX_AUDITED_RECORDS = 50_000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * The records an answer holds: every whole-number `id` and every string `key` (an account or
 * person reference) of the objects in it, in order of appearance, each once.
 */
export function recordIdsOf(value: unknown, max = MAX_AUDITED_RECORDS): (number | string)[] {
  const seen = new Set<number | string>();
  const stack: unknown[] = [value];
  while (stack.length > 0 && seen.size < max) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      // what an audit entry holds as a record id (src/audit/entry.ts): a whole number ≥ 0, a reference of 1–512 characters
      if (Number.isSafeInteger(o.id) && (o.id as number) >= 0) seen.add(o.id as number);
      if (typeof o.key === 'string' && o.key.length > 0 && o.key.length <= 400) seen.add(o.key);
      const children = Object.values(o).filter((c) => c !== null && typeof c === 'object');
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return [...seen].slice(0, max);
}

/** The action of a route: its method and path template after the case, as one lower-case word (`get:search`, `post:annotations`). */
export function auditAction(method: string, template: string): string {
  const path = template
    .replace(/^\/api\/cases\/:case/, '')
    .replace(/^\/api/, '')
    .replace(/:[A-Za-z0-9_]+\*?/g, '_')
    .replace(/[^a-z0-9_/.-]/gi, '')
    .toLowerCase()
    .replace(/^\/+/, '')
    .replace(/\//g, '.');
  return `${method.toLowerCase()}:${path || 'root'}`.slice(0, 64);
}

export interface AuditedRequest {
  user: string;
  agency: string | null;
  caseName: string | null;
  method: string;
  /** The route's path template as registered (`/api/cases/:case/messages/:p0`). */
  template: string;
  /** The decoded path after the case (`/messages/123`): names what was read when it is in the path. */
  path: string;
  query: URLSearchParams;
  /** A JSON body (POST/DELETE), kept as the request's detail when small. */
  body: unknown;
  /** What the route answered (JSON), null for a download. */
  value: unknown;
  /** A download's file name. */
  download?: string;
  /** The route's own entry (route.ts auditAs), in place of the generic action, records and detail. */
  as?: RouteAuditEntry;
}

const MAX_DETAIL_CHARS = 16_384;

/** The log entry of one answered request. */
export function auditEntryFor(r: AuditedRequest): AuditEntryInput {
  if (r.as) return { user: r.user, agency: r.agency, case: r.caseName, action: r.as.action, records: r.as.records, detail: r.as.detail };
  const filters: { [k: string]: Json } = {};
  for (const [k, v] of r.query) if (k !== 'q') filters[k] = k in filters ? `${String(filters[k])},${v}` : v;
  const detail: { [k: string]: Json } = { path: r.path };
  if (r.download !== undefined) detail.download = r.download;
  if (r.body !== undefined) {
    const text = JSON.stringify(r.body);
    detail.body = text.length <= MAX_DETAIL_CHARS ? (r.body as Json) : `${text.slice(0, MAX_DETAIL_CHARS)}… (${text.length} characters)`;
  }
  return {
    user: r.user,
    agency: r.agency,
    case: r.caseName,
    action: auditAction(r.method, r.template),
    query: r.query.get('q'),
    filters,
    records: r.value === null ? [] : recordIdsOf(r.value),
    detail,
  };
}
