/**
 * An audit entry (who, when, which case, what) and its leaf: the canonical bytes that the Merkle
 * tree hashes and that a third party can recompute from the entry alone. The leaf is the entry
 * as a JSON object in the JSON Canonicalization Scheme of RFC 8785 (keys sorted by UTF-16 code
 * units, no whitespace, numbers and strings as ECMAScript serialises them), UTF-8 encoded, with
 * every field present (null or [] when empty) and `v` (the leaf format's version) and `index`
 * (the entry's place in the log, so an entry moved to another place no longer matches its
 * leaf). docs/audit.md describes it field by field.
 */
import canonicalize from 'canonicalize';
import { ClewError } from '../model/errors.js';

export const AUDIT_LEAF_VERSION = 1;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** What a caller records: the log adds the index (and the time, when not given). */
export interface AuditEntryInput {
  /** The signed-in user's name. */
  user: string;
  /** The user's agency, when known. */
  agency?: string | null;
  /** The case the action read or changed; null for actions outside a case (sign-in, listing cases). */
  case?: string | null;
  /** What was done: a lower-case word such as search, show, graph, export, report, grant, revoke, signin. */
  action: string;
  /** The query text as the user gave it. */
  query?: string | null;
  /** The filters and options that shaped the answer (time window, scope, limit, cursor…). */
  filters?: JsonObject | null;
  /** The ids of the records returned (message ids, account references). */
  records?: readonly (number | string)[];
  /** Anything else the action needs to be accountable: an export's format and file, a grant's user and role. */
  detail?: JsonObject | null;
  /** When, in milliseconds since the epoch (default: when appended). */
  at?: number;
}

export interface AuditEntry {
  v: typeof AUDIT_LEAF_VERSION;
  index: number;
  at: number;
  user: string;
  agency: string | null;
  case: string | null;
  action: string;
  query: string | null;
  filters: JsonObject | null;
  records: (number | string)[];
  detail: JsonObject | null;
}

export const AUDIT_LIMITS = {
  name: 200,
  query: 64 * 1024,
  records: 100_000,
  recordRef: 512,
  depth: 16,
  leafBytes: 4 * 1024 * 1024,
} as const;

const ACTION = /^[a-z][a-z0-9_.:-]{0,63}$/;
const KEYS = ['action', 'agency', 'at', 'case', 'detail', 'filters', 'index', 'query', 'records', 'user', 'v'];

function bad(message: string, field: string): ClewError {
  return new ClewError('INVALID_ARGUMENT', `audit entry: ${message}`, { field });
}

function name(v: unknown, field: string, nullable: boolean): string | null {
  if (v === undefined || v === null) {
    if (nullable) return null;
    throw bad(`${field} is required`, field);
  }
  // control characters are refused: these are also columns (PostgreSQL text holds no NUL)
  if (typeof v !== 'string' || v.length === 0 || v.length > AUDIT_LIMITS.name || /[\u0000-\u001f\u007f]/.test(v))
    throw bad(`${field} must be 1 to ${AUDIT_LIMITS.name} printable characters`, field);
  return v;
}

function json(v: unknown, field: string, depth = 0): JsonValue {
  if (depth > AUDIT_LIMITS.depth) throw bad(`${field} is nested deeper than ${AUDIT_LIMITS.depth}`, field);
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw bad(`${field} holds a number that is not finite`, field);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => json(x, field, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = json(x, field, depth + 1);
    return out;
  }
  throw bad(`${field} holds a value that is not JSON (${typeof v})`, field);
}

function object(v: unknown, field: string): JsonObject | null {
  if (v === undefined || v === null) return null;
  const j = json(v, field);
  if (j === null || typeof j !== 'object' || Array.isArray(j)) throw bad(`${field} must be an object`, field);
  return j;
}

function records(v: unknown): (number | string)[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw bad('records must be a list of ids', 'records');
  if (v.length > AUDIT_LIMITS.records) throw bad(`records lists more than ${AUDIT_LIMITS.records} ids: record the query and filters instead`, 'records');
  return v.map((r: unknown) => {
    if (typeof r === 'number' && Number.isSafeInteger(r) && r >= 0) return r;
    if (typeof r === 'string' && r.length > 0 && r.length <= AUDIT_LIMITS.recordRef) return r;
    throw bad('a record id is a whole number ≥ 0 or a reference of 1 to 512 characters', 'records');
  });
}

function time(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad(`${field} must be milliseconds since the epoch`, field);
  return v;
}

/** The entry a caller's input makes at `index` (validated: INVALID_ARGUMENT saying which field is wrong). */
export function makeEntry(input: AuditEntryInput, index: number, now = Date.now()): AuditEntry {
  if (!Number.isSafeInteger(index) || index < 0) throw bad('index must be a whole number ≥ 0', 'index');
  const query = input.query ?? null;
  if (query !== null && (typeof query !== 'string' || query.length > AUDIT_LIMITS.query)) throw bad(`query must be text of at most ${AUDIT_LIMITS.query} characters`, 'query');
  const action = input.action;
  if (typeof action !== 'string' || !ACTION.test(action)) throw bad('action must be a lower-case word (a-z, 0-9, _ . : -, at most 64)', 'action');
  return {
    v: AUDIT_LEAF_VERSION,
    index,
    at: time(input.at ?? now, 'at'),
    user: name(input.user, 'user', false)!,
    agency: name(input.agency, 'agency', true),
    case: name(input.case, 'case', true),
    action,
    query,
    filters: object(input.filters, 'filters'),
    records: records(input.records),
    detail: object(input.detail, 'detail'),
  };
}

/** RFC 8785 text of an entry: the library for the free-form objects, the fixed top level written directly (the same bytes: entry.test.ts). */
function canonicalText(e: AuditEntry): string {
  const s = JSON.stringify;
  const obj = (v: JsonObject | null): string => (v === null ? 'null' : jcs(v));
  // whole numbers (the common case) are written by join as JSON writes them
  const records = e.records.every((r) => typeof r === 'number') ? e.records.join(',') : e.records.map((r) => s(r)).join(',');
  return `{"action":${s(e.action)},"agency":${s(e.agency)},"at":${s(e.at)},"case":${s(e.case)},"detail":${obj(e.detail)},"filters":${obj(e.filters)},"index":${s(e.index)},"query":${s(e.query)},"records":[${records}],"user":${s(e.user)},"v":${s(e.v)}}`;
}

/**
 * RFC 8785 of a JSON value that makeEntry validated (finite numbers, plain objects): keys sorted
 * by UTF-16 code units (the default sort), numbers and strings as JSON.stringify writes them,
 * which is what the RFC specifies. The canonicalize package is the reference it is tested against.
 */
function jcs(v: JsonValue): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${jcs(v[k]!)}`)
    .join(',')}}`;
}

/** The leaf: the entry's canonical bytes (RFC 8785 JSON, UTF-8). `entry` must be one makeEntry made (or decodeLeaf read). */
export function encodeLeaf(entry: AuditEntry): Buffer {
  const leaf = Buffer.from(canonicalText(entry), 'utf8');
  if (leaf.length > AUDIT_LIMITS.leafBytes) throw bad(`the entry is larger than ${AUDIT_LIMITS.leafBytes} bytes`, 'leaf');
  return leaf;
}

/** Any JSON value in RFC 8785 form, by the library: for values from outside (a proof's entry). */
export function canonicalJson(value: unknown): string | undefined {
  try {
    return canonicalize(value);
  } catch {
    return undefined;
  }
}

function notEntry(why: string): ClewError {
  return new ClewError('AUDIT_INVALID', `the leaf is not a clew audit entry: ${why}`);
}

/**
 * The entry a leaf holds. AUDIT_INVALID when the bytes are not one: not JSON, another shape, or
 * not in canonical form (the same entry written another way would hash differently).
 */
export function decodeLeaf(leaf: Uint8Array): AuditEntry {
  let value: unknown;
  const text = Buffer.from(leaf).toString('utf8');
  try {
    value = JSON.parse(text);
  } catch {
    throw notEntry('not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw notEntry('not an object');
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  if (keys.join(',') !== KEYS.join(',')) throw notEntry(`its fields are ${keys.join(', ')}`);
  if (o.v !== AUDIT_LEAF_VERSION) throw notEntry(`leaf format ${String(o.v)}, this clew reads ${AUDIT_LEAF_VERSION}`);
  let entry: AuditEntry;
  try {
    entry = makeEntry(o as unknown as AuditEntryInput, o.index as number);
    if (o.at === undefined) throw notEntry('no time');
  } catch (e) {
    if (e instanceof ClewError && e.code === 'INVALID_ARGUMENT') throw notEntry(e.message);
    throw e;
  }
  // bytes compared, not text: bytes that are not UTF-8 decode to U+FFFD, which the canonical text would then hold too
  const canonical = canonicalText(entry);
  if (canonical !== text || !Buffer.from(canonical, 'utf8').equals(Buffer.from(leaf))) throw notEntry('not in canonical form');
  return entry;
}
