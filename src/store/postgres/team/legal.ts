/**
 * Legal filters (issue 21 part 4): per case, an owner marks sets of messages as privileged (e.g.
 * lawyer–client) or outside the court-authorised period; they vanish for every user of the case
 * who is not explicitly granted the filter, in every table row-level security guards (rls.ts),
 * and so from every view, count, network measure and report the team server computes from them.
 * PostgreSQL schema step 9 (migrations.ts); calls, events and locations by account and time: step 11.
 *
 * Tables:
 * - legal_filters: id, case, kind (`privileged` | `outside_period`), label, the selection as typed
 *   JSON (exactly one of `{"accounts": [ids]}`, `{"threads": [conversation ids]}`,
 *   `{"window": {"from": ms, "to": ms}}` (from inclusive, to exclusive), `{"query": "…"}`), who
 *   made it and when, and for a search when it was evaluated.
 * - legal_filter_grants: the users who may see a filter's messages (user ↔ filter).
 * - legal_hidden: the message ids a search selected, evaluated once when the filter was made and
 *   fixed (evaluated_at says when): a search is the analyst's reading of the text at one time, and
 *   the filter must not grow or shrink behind the court's back when text is added later.
 *
 * Filters by account, thread or window are NOT materialised: they are expressed in the policy
 * (clew_legal_hidden evaluates their selection on every query), so a message ingested later that
 * falls under one is hidden from the moment its row exists, in the same transaction that writes
 * it: no window between an ingest and a re-materialisation in which it would show, and no hook in
 * the writer (ingest runs as the admin, COPY, chunk by chunk).
 *
 * What a filter covers (clew_legal_hidden): its messages (by account: sent by or to the account;
 * by thread: in the conversation, or in one of the same reference another source holds),
 * then every copy of them (a duplicate from another source, `dup_of`, both ways). Derived from
 * those: their recipients rows, mentions (entities), translations, saved-search hits, annotations
 * and their log, their attachments (by the message's native id in its source), the attachments'
 * recognised text and blobs (a blob only when no visible attachment holds the same bytes), the
 * locations attached to them; a thread filter also hides the conversation and its members.
 * Records that are not messages go with the same filters (schema step 11): by account, the calls
 * it made or received, the events it is the actor or subject of, its locations; by thread, the
 * conversation's events; by window, the calls, events and locations of that time. A search
 * selects messages only. The
 * aggregate tables (edges, edge_deltas) cannot be filtered row-wise: for a user under a filter in
 * a case they hold no row of it at all, and the store counts the network from the messages and
 * calls the user can see instead (read-network.ts edgesSql).
 *
 * Who sees a filter: the owners of its case (list, add, remove, grant, revoke: policy clew_owner)
 * and the users granted it (their grant and the filter's label). Every other user of the case sees
 * neither the filter nor its messages; the server learns which filters hide rows from a user
 * (clew_legal_hidden_filters: the ids only) to key its cached analyses by them.
 */
import type pg from 'pg';
import { ClewError } from '../../../model/errors.js';
import { idBound } from '../read-util.js';
import { transaction } from '../db.js';

export const LEGAL_KINDS = ['privileged', 'outside_period'] as const;
export type LegalKind = (typeof LEGAL_KINDS)[number];

export type LegalSelection = { accounts: number[] } | { threads: number[] } | { window: { from: number; to: number } } | { query: string };

export interface LegalFilter {
  id: number;
  kind: LegalKind;
  label: string;
  selection: LegalSelection;
  createdBy: string;
  createdAt: number;
  /** A search's evaluation time (its messages fixed then); null for the others (evaluated on every query). */
  evaluatedAt: number | null;
  /** How many messages a search selected when evaluated; null for the others. */
  fixedMessages: number | null;
  /** The users granted the filter (who still see its messages), by name. */
  grantees: string[];
}

/** At most this many accounts or threads in one filter, this many messages fixed by a search. */
export const MAX_LEGAL_IDS = 10_000;
export const MAX_LEGAL_MESSAGES = 1_000_000;

/**
 * The policy condition that hides rows of `table` covered by a filter the current user is not
 * granted (ANDed to clew_read and clew_write: rls.ts). Each hidden set is computed once per query
 * (an uncorrelated NOT IN: a hashed subplan), by a SECURITY DEFINER function below.
 */
export const LEGAL_CONDITIONS: Readonly<Record<string, string>> = {
  messages: `(case_id, id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h)`,
  message_recipients: `(case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h)`,
  mentions: `(case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h)`,
  translations: `(case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h)`,
  saved_search_hits: `(case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h)`,
  annotations: `(item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h))`,
  annotation_events: `(item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h))`,
  attachments: `(case_id, id) NOT IN (SELECT h.case_id, h.attachment_id FROM clew_legal_hidden_attachments() h)`,
  ocr_texts: `(case_id, attachment_id) NOT IN (SELECT h.case_id, h.attachment_id FROM clew_legal_hidden_attachments() h)`,
  blobs: `(case_id, sha256) NOT IN (SELECT h.case_id, h.sha256 FROM clew_legal_hidden_blobs() h)`,
  locations: `(case_id, id) NOT IN (SELECT h.case_id, h.location_id FROM clew_legal_hidden_locations() h)`,
  conversations: `(case_id, id) NOT IN (SELECT h.case_id, h.conversation_id FROM clew_legal_hidden_threads() h)`,
  conversation_members: `(case_id, conversation_id) NOT IN (SELECT h.case_id, h.conversation_id FROM clew_legal_hidden_threads() h)`,
  calls: `(case_id, id) NOT IN (SELECT h.case_id, h.call_id FROM clew_legal_hidden_calls() h)`,
  events: `(case_id, id) NOT IN (SELECT h.case_id, h.event_id FROM clew_legal_hidden_events() h)`,
  edges: `case_id <> ALL ((SELECT clew_legal_filtered_cases())::integer[])`,
  edge_deltas: `case_id <> ALL ((SELECT clew_legal_filtered_cases())::integer[])`,
};

/** The SECURITY DEFINER functions the policies call (the server role is granted EXECUTE on each). */
export const LEGAL_FUNCTIONS = [
  'clew_legal_owned_filters()',
  'clew_legal_granted_filters()',
  'clew_legal_filtered_cases()',
  'clew_legal_hidden_filters(integer)',
  'clew_legal_hidden()',
  'clew_legal_hidden_attachments()',
  'clew_legal_hidden_blobs()',
  'clew_legal_hidden_locations()',
  'clew_legal_hidden_threads()',
  'clew_legal_hidden_calls()',
  'clew_legal_hidden_events()',
] as const;

const READERS = `'{owner,analyst,reader}'`;
const ownerCases = `((SELECT clew_team_cases('{owner}'))::integer[])`;
const ownedFilters = `((SELECT clew_legal_owned_filters())::integer[])`;

/** A record's time `ts` (UTC ms) inside a window filter's selection (from inclusive, to exclusive); never for another kind of filter (NULL). */
const inWindow = (ts: string) => `${ts} >= (f.selection->'window'->>'from')::bigint AND ${ts} < (f.selection->'window'->>'to')::bigint`;

/** A definer function, its search_path pinned to the schema it is made in (as clew_team_cases). */
const definer = (head: string, body: string) => `DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION ${head} LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$${body}$b$$f$, current_schema());
END $do$;`;

/**
 * A definer function returning the rows a policy hides (as `definer`), in PL/pgSQL: when no filter
 * hides anything from the user (the usual case) it returns at once, without planning or running
 * its query. As one SQL statement it was planned for every query that named a table it guards
 * and, not knowing the filters were none, scanned the messages of every case in the database
 * (seconds per statement on a database of a few million messages). PL/pgSQL also keeps the
 * query's plan for the session. Its result columns are named like the tables' columns: the query
 * reads the columns (variable_conflict use_column).
 */
const definerRows = (head: string, body: string) => `DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION ${head} LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
#variable_conflict use_column
BEGIN
  IF NOT EXISTS (SELECT 1 FROM clew_legal_hidden_filter_rows()) THEN
    RETURN;
  END IF;
  RETURN QUERY ${body.trim()};
END
$b$$f$, current_schema());
END $do$;`;

/** The tables, functions and policies of step 9 (idempotent: a migration may run it twice). */
export const LEGAL_SCHEMA_SQL = `
CREATE OR REPLACE FUNCTION clew_legal_ids(j jsonb) RETURNS bigint[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT coalesce(array_agg(x::bigint), '{}') FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(j) = 'array' THEN j END) AS x
$f$;
CREATE OR REPLACE FUNCTION clew_legal_selection_ok(s jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT jsonb_typeof(s) = 'object' AND (SELECT count(*) FROM jsonb_object_keys(s)) = 1 AND CASE
    WHEN s ? 'accounts' THEN jsonb_typeof(s->'accounts') = 'array' AND jsonb_array_length(s->'accounts') BETWEEN 1 AND ${MAX_LEGAL_IDS}
      AND NOT jsonb_path_exists(s, '$.accounts[*] ? (@.type() != "number")')
    WHEN s ? 'threads' THEN jsonb_typeof(s->'threads') = 'array' AND jsonb_array_length(s->'threads') BETWEEN 1 AND ${MAX_LEGAL_IDS}
      AND NOT jsonb_path_exists(s, '$.threads[*] ? (@.type() != "number")')
    WHEN s ? 'window' THEN jsonb_typeof(s->'window'->'from') = 'number' AND jsonb_typeof(s->'window'->'to') = 'number'
      AND (s->'window'->>'from')::numeric >= 0 AND (s->'window'->>'from')::numeric < (s->'window'->>'to')::numeric
      AND (s->'window'->>'to')::numeric <= 4398046511103
    WHEN s ? 'query' THEN jsonb_typeof(s->'query') = 'string' AND length(s->>'query') BETWEEN 1 AND 2000
    ELSE false END
$f$;
CREATE TABLE IF NOT EXISTS legal_filters (
  id serial PRIMARY KEY,
  case_id integer NOT NULL REFERENCES clew_cases (id) ON DELETE CASCADE,
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('privileged', 'outside_period')),
  label text COLLATE "C" NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  selection jsonb NOT NULL CHECK (clew_legal_selection_ok(selection)),
  created_by text COLLATE "C" NOT NULL,
  created_at bigint NOT NULL,
  evaluated_at bigint,
  CHECK ((selection ? 'query') = (evaluated_at IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS legal_filters_case ON legal_filters (case_id);
CREATE TABLE IF NOT EXISTS legal_filter_grants (
  filter_id integer NOT NULL REFERENCES legal_filters (id) ON DELETE CASCADE,
  user_id integer NOT NULL REFERENCES clew_users (id) ON DELETE CASCADE,
  granted_by text COLLATE "C" NOT NULL,
  granted_at bigint NOT NULL,
  PRIMARY KEY (filter_id, user_id)
);
CREATE INDEX IF NOT EXISTS legal_filter_grants_user ON legal_filter_grants (user_id);
CREATE TABLE IF NOT EXISTS legal_hidden (
  filter_id integer NOT NULL REFERENCES legal_filters (id) ON DELETE CASCADE,
  case_id integer NOT NULL,
  message_id bigint NOT NULL,
  PRIMARY KEY (filter_id, message_id)
);
${definer(
  'clew_legal_hidden_filter_rows() RETURNS TABLE (id integer, case_id integer, selection jsonb)',
  `
  SELECT f.id, f.case_id, f.selection FROM legal_filters f
  WHERE f.case_id = ANY (clew_team_cases(${READERS}))
    AND NOT EXISTS (SELECT 1 FROM legal_filter_grants g WHERE g.filter_id = f.id AND g.user_id = clew_current_user())
`,
)}
REVOKE ALL ON FUNCTION clew_legal_hidden_filter_rows() FROM PUBLIC;
${definer(
  'clew_legal_owned_filters() RETURNS integer[]',
  `
  SELECT coalesce(array_agg(f.id), '{}') FROM legal_filters f WHERE f.case_id = ANY (clew_team_cases('{owner}'))
`,
)}
${definer(
  'clew_legal_granted_filters() RETURNS integer[]',
  `
  SELECT coalesce(array_agg(g.filter_id), '{}') FROM legal_filter_grants g WHERE g.user_id = clew_current_user()
`,
)}
${definer(
  'clew_legal_filtered_cases() RETURNS integer[]',
  `
  SELECT coalesce(array_agg(DISTINCT f.case_id), '{}') FROM clew_legal_hidden_filter_rows() f
`,
)}
${definer(
  'clew_legal_hidden_filters(c integer) RETURNS integer[]',
  `
  SELECT coalesce(array_agg(f.id ORDER BY f.id), '{}') FROM clew_legal_hidden_filter_rows() f WHERE f.case_id = c
`,
)}
${definerRows(
  'clew_legal_hidden_threads() RETURNS TABLE (case_id integer, conversation_id bigint)',
  `
  SELECT DISTINCT c2.case_id, c2.id FROM clew_legal_hidden_filter_rows() f
  JOIN conversations c1 ON c1.case_id = f.case_id AND c1.id = ANY (clew_legal_ids(f.selection->'threads'))
  JOIN conversations c2 ON c2.case_id = c1.case_id AND c2.ref = c1.ref
`,
)}
${definerRows(
  'clew_legal_hidden() RETURNS TABLE (case_id integer, message_id bigint)',
  `
  WITH f AS MATERIALIZED (SELECT * FROM clew_legal_hidden_filter_rows()),
  h AS (
    SELECT x.case_id, x.message_id FROM f JOIN legal_hidden x ON x.filter_id = f.id
    UNION SELECT m.case_id, m.id FROM f JOIN messages m ON m.case_id = f.case_id AND m.sender = ANY (clew_legal_ids(f.selection->'accounts'))
    UNION SELECT r.case_id, r.message_id FROM f JOIN message_recipients r ON r.case_id = f.case_id AND r.account_id = ANY (clew_legal_ids(f.selection->'accounts'))
    UNION SELECT m.case_id, m.id FROM clew_legal_hidden_threads() t JOIN messages m ON m.case_id = t.case_id AND m.conversation_id = t.conversation_id
    UNION SELECT m.case_id, m.id FROM f JOIN messages m ON m.case_id = f.case_id
      AND m.id >= (f.selection->'window'->>'from')::bigint * 2048 AND m.id < (f.selection->'window'->>'to')::bigint * 2048
  ),
  o AS (SELECT DISTINCT m.case_id, coalesce(m.dup_of, m.id) AS id FROM h JOIN messages m ON m.case_id = h.case_id AND m.id = h.message_id)
  SELECT o.case_id, o.id FROM o
  UNION SELECT m.case_id, m.id FROM o JOIN messages m ON m.case_id = o.case_id AND m.dup_of = o.id
`,
)}
${definerRows(
  'clew_legal_hidden_attachments() RETURNS TABLE (case_id integer, attachment_id bigint, source_id bigint, native_id text, sha256 text)',
  `
  SELECT a.case_id, a.id, a.source_id, a.native_id, a.sha256 FROM (
    SELECT DISTINCT m.case_id, m.source_id, m.native_id FROM clew_legal_hidden() h JOIN messages m ON m.case_id = h.case_id AND m.id = h.message_id
    WHERE m.native_id IS NOT NULL) n
  JOIN attachments a ON a.case_id = n.case_id AND a.source_id = n.source_id AND a.message_native_id = n.native_id
`,
)}
${definerRows(
  'clew_legal_hidden_blobs() RETURNS TABLE (case_id integer, sha256 text)',
  `
  SELECT DISTINCT h.case_id, h.sha256 FROM clew_legal_hidden_attachments() h
  WHERE h.sha256 IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM attachments a WHERE a.case_id = h.case_id AND a.sha256 = h.sha256
      AND (a.case_id, a.id) NOT IN (SELECT x.case_id, x.attachment_id FROM clew_legal_hidden_attachments() x))
`,
)}
${definerRows(
  'clew_legal_hidden_locations() RETURNS TABLE (case_id integer, location_id bigint)',
  `
  WITH f AS MATERIALIZED (SELECT * FROM clew_legal_hidden_filter_rows()),
  n AS MATERIALIZED (SELECT DISTINCT m.case_id, m.source_id, m.native_id FROM clew_legal_hidden() h JOIN messages m ON m.case_id = h.case_id AND m.id = h.message_id
                          WHERE m.native_id IS NOT NULL),
  a AS MATERIALIZED (SELECT case_id, source_id, native_id FROM clew_legal_hidden_attachments())
  SELECT l.case_id, l.id FROM n JOIN locations l ON l.case_id = n.case_id AND l.source_id = n.source_id AND l.message_native_id = n.native_id
  UNION SELECT l.case_id, l.id FROM a JOIN locations l ON l.case_id = a.case_id AND l.source_id = a.source_id AND l.attachment_native_id = a.native_id
  UNION SELECT l.case_id, l.id FROM f JOIN locations l ON l.case_id = f.case_id AND l.account_id = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT l.case_id, l.id FROM f JOIN locations l ON l.case_id = f.case_id AND ${inWindow('l.ts')}
`,
)}
${definerRows(
  'clew_legal_hidden_calls() RETURNS TABLE (case_id integer, call_id bigint)',
  `
  WITH f AS MATERIALIZED (SELECT * FROM clew_legal_hidden_filter_rows())
  SELECT c.case_id, c.id FROM f JOIN calls c ON c.case_id = f.case_id AND c.caller = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT c.case_id, c.id FROM f JOIN calls c ON c.case_id = f.case_id AND c.callee = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT c.case_id, c.id FROM f JOIN calls c ON c.case_id = f.case_id AND ${inWindow('c.ts')}
`,
)}
${definerRows(
  'clew_legal_hidden_events() RETURNS TABLE (case_id integer, event_id bigint)',
  `
  WITH f AS MATERIALIZED (SELECT * FROM clew_legal_hidden_filter_rows())
  SELECT e.case_id, e.id FROM f JOIN events e ON e.case_id = f.case_id AND e.actor = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT e.case_id, e.id FROM f JOIN events e ON e.case_id = f.case_id AND e.subject = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT e.case_id, e.id FROM clew_legal_hidden_threads() t JOIN events e ON e.case_id = t.case_id AND e.conversation_id = t.conversation_id
  UNION SELECT e.case_id, e.id FROM f JOIN events e ON e.case_id = f.case_id AND ${inWindow('e.ts')}
`,
)}

${LEGAL_FUNCTIONS.map((f) => `REVOKE ALL ON FUNCTION ${f} FROM PUBLIC;`).join('\n')}
ALTER TABLE legal_filters ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_filters FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON legal_filters;
CREATE POLICY clew_admin ON legal_filters TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON legal_filters;
CREATE POLICY clew_read ON legal_filters FOR SELECT USING (id = ANY ((SELECT clew_legal_granted_filters())::integer[])
  AND case_id = ANY ((SELECT clew_team_cases(${READERS}))::integer[]));
DROP POLICY IF EXISTS clew_owner ON legal_filters;
CREATE POLICY clew_owner ON legal_filters FOR ALL USING (case_id = ANY ${ownerCases}) WITH CHECK (case_id = ANY ${ownerCases});
ALTER TABLE legal_filter_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_filter_grants FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON legal_filter_grants;
CREATE POLICY clew_admin ON legal_filter_grants TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON legal_filter_grants;
CREATE POLICY clew_read ON legal_filter_grants FOR SELECT USING (user_id = clew_current_user());
DROP POLICY IF EXISTS clew_owner ON legal_filter_grants;
CREATE POLICY clew_owner ON legal_filter_grants FOR ALL USING (filter_id = ANY ${ownedFilters}) WITH CHECK (filter_id = ANY ${ownedFilters});
ALTER TABLE legal_hidden ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_hidden FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON legal_hidden;
CREATE POLICY clew_admin ON legal_hidden TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_owner ON legal_hidden;
CREATE POLICY clew_owner ON legal_hidden FOR ALL USING (case_id = ANY ${ownerCases})
  WITH CHECK (case_id = ANY ${ownerCases} AND filter_id = ANY ${ownedFilters});
`;

/** The team server role's privileges on the legal tables and functions (rls.ts serverGrantsSql). */
export function legalGrantsSql(r: string): string {
  return [
    `GRANT SELECT, INSERT, DELETE ON legal_filters, legal_filter_grants, legal_hidden TO ${r};`,
    `GRANT USAGE, SELECT ON SEQUENCE legal_filters_id_seq TO ${r};`,
    `GRANT EXECUTE ON FUNCTION ${LEGAL_FUNCTIONS.join(', ')} TO ${r};`,
  ].join('\n');
}

// ---------------------------------------------------------------- the owner's operations

type Queryable = pg.Pool | pg.PoolClient;

interface FilterRow {
  id: number;
  kind: LegalKind;
  label: string;
  selection: LegalSelection;
  created_by: string;
  created_at: number;
  evaluated_at: number | null;
  fixed: number | null;
  grantees: string[] | null;
}

const toFilter = (r: FilterRow): LegalFilter => ({
  id: r.id,
  kind: r.kind,
  label: r.label,
  selection: r.selection,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
  evaluatedAt: r.evaluated_at === null ? null : Number(r.evaluated_at),
  fixedMessages: r.fixed === null ? null : Number(r.fixed),
  grantees: r.grantees ?? [],
});

const FILTER_COLUMNS = `f.id, f.kind, f.label, f.selection, f.created_by, f.created_at, f.evaluated_at,
  CASE WHEN f.evaluated_at IS NOT NULL THEN (SELECT count(*) FROM legal_hidden x WHERE x.filter_id = f.id) END AS fixed,
  (SELECT array_agg(u.name ORDER BY u.name) FROM legal_filter_grants g JOIN clew_users u ON u.id = g.user_id WHERE g.filter_id = f.id) AS grantees`;

/** A selection checked in full (the database checks its shape again). */
export function checkSelection(s: LegalSelection): LegalSelection {
  const ids = (xs: unknown, what: string): number[] => {
    if (!Array.isArray(xs) || xs.length === 0 || xs.length > MAX_LEGAL_IDS) throw new ClewError('INVALID_ARGUMENT', `a filter names 1 to ${MAX_LEGAL_IDS} ${what}`);
    for (const x of xs) if (!Number.isSafeInteger(x) || (x as number) < 0) throw new ClewError('INVALID_ARGUMENT', `${what}: ids are whole numbers`);
    return [...new Set(xs as number[])].sort((a, b) => a - b);
  };
  if ('accounts' in s) return { accounts: ids(s.accounts, 'accounts') };
  if ('threads' in s) return { threads: ids(s.threads, 'threads') };
  if ('window' in s) {
    const { from, to } = s.window;
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from >= to) throw new ClewError('INVALID_ARGUMENT', 'a window runs from a time to a later one (UTC ms)');
    idBound(to);
    return { window: { from, to } };
  }
  if ('query' in s) {
    const q = s.query.trim();
    if (q.length === 0 || q.length > 2000) throw new ClewError('INVALID_ARGUMENT', 'a filter query has 1 to 2000 characters');
    return { query: q };
  }
  throw new ClewError('INVALID_ARGUMENT', 'a filter selects accounts, threads, a time window or a search query');
}

export interface NewLegalFilter {
  kind: LegalKind;
  label: string;
  selection: LegalSelection;
  createdBy: string;
  /** A search's messages (evaluated by the caller, src/api/legal.ts); none for the other selections. */
  messageIds?: readonly number[];
  /** When the search was evaluated. */
  evaluatedAt?: number;
}

const notFound = (id: number) => new ClewError('NOT_FOUND', `no legal filter ${id} in this case that you may manage`);

/** Add a filter to case `caseId` (as the admin, or as an owner through a user-scoped pool: policy clew_owner). */
export async function addLegalFilter(pool: pg.Pool, caseId: number, f: NewLegalFilter): Promise<LegalFilter> {
  if (!LEGAL_KINDS.includes(f.kind)) throw new ClewError('INVALID_ARGUMENT', `a filter's kind is ${LEGAL_KINDS.join(' or ')}`);
  const label = f.label.trim();
  if (label.length === 0 || label.length > 200) throw new ClewError('INVALID_ARGUMENT', 'a filter has a label of 1 to 200 characters');
  const selection = checkSelection(f.selection);
  const isQuery = 'query' in selection;
  const ids = isQuery ? [...new Set(f.messageIds ?? [])] : [];
  if (isQuery && f.messageIds === undefined) throw new ClewError('INTERNAL', 'a filter by search is evaluated before it is stored');
  if (ids.length > MAX_LEGAL_MESSAGES) throw new ClewError('TOO_LARGE', `the search selects ${ids.length} messages; a filter fixes at most ${MAX_LEGAL_MESSAGES}: narrow it`);
  return transaction(pool, async (c) => {
    let r: { id: number };
    try {
      r = (
        await c.query<{ id: number }>(
          `INSERT INTO legal_filters (case_id, kind, label, selection, created_by, created_at, evaluated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [caseId, f.kind, label, JSON.stringify(selection), f.createdBy, Date.now(), isQuery ? (f.evaluatedAt ?? Date.now()) : null],
        )
      ).rows[0]!;
    } catch (e) {
      if ((e as { code?: string }).code === '42501') throw new ClewError('NOT_OWNER', 'only an owner of the case manages its legal filters');
      throw e;
    }
    for (let k = 0; k < ids.length; k += 50_000)
      await c.query(`INSERT INTO legal_hidden (filter_id, case_id, message_id) SELECT $1, $2, unnest($3::bigint[]) ON CONFLICT DO NOTHING`, [r.id, caseId, ids.slice(k, k + 50_000)]);
    return (await listIn(c, caseId, r.id))[0]!;
  });
}

async function listIn(q: Queryable, caseId: number, id?: number): Promise<LegalFilter[]> {
  const r = await q.query<FilterRow>(`SELECT ${FILTER_COLUMNS} FROM legal_filters f WHERE f.case_id = $1 ${id === undefined ? '' : 'AND f.id = $2'} ORDER BY f.id`, id === undefined ? [caseId] : [caseId, id]);
  return r.rows.map(toFilter);
}

/** The filters of a case the caller may see (an owner: all; another user: those granted to them). */
export async function listLegalFilters(pool: pg.Pool, caseId: number): Promise<LegalFilter[]> {
  return listIn(pool, caseId);
}

/** Remove filter `id` of the case: its messages show again to everyone who reads the case. */
export async function removeLegalFilter(pool: pg.Pool, caseId: number, id: number): Promise<LegalFilter> {
  return transaction(pool, async (c) => {
    const [f] = await listIn(c, caseId, id);
    if (!f) throw notFound(id);
    const d = await c.query('DELETE FROM legal_filters WHERE case_id = $1 AND id = $2', [caseId, id]);
    if (d.rowCount !== 1) throw notFound(id);
    return f;
  });
}

/** Grant filter `id` to user `user` (a name): they see its messages again. Idempotent. */
export async function grantLegalFilter(pool: pg.Pool, caseId: number, id: number, user: string, by: string): Promise<LegalFilter> {
  return transaction(pool, async (c) => {
    const [f] = await listIn(c, caseId, id);
    if (!f) throw notFound(id);
    const u = (await c.query<{ id: number }>('SELECT id FROM clew_users WHERE name = $1', [user])).rows[0];
    if (!u) throw new ClewError('USER_NOT_FOUND', `no user ${JSON.stringify(user.slice(0, 200))}`);
    await c.query(
      `INSERT INTO legal_filter_grants (filter_id, user_id, granted_by, granted_at) VALUES ($1, $2, $3, $4) ON CONFLICT (filter_id, user_id) DO NOTHING`,
      [id, u.id, by, Date.now()],
    );
    return (await listIn(c, caseId, id))[0]!;
  });
}

/** Take filter `id` back from `user`: its messages vanish for them at their next query. */
export async function revokeLegalFilter(pool: pg.Pool, caseId: number, id: number, user: string): Promise<LegalFilter> {
  return transaction(pool, async (c) => {
    const [f] = await listIn(c, caseId, id);
    if (!f) throw notFound(id);
    const u = (await c.query<{ id: number }>('SELECT id FROM clew_users WHERE name = $1', [user])).rows[0];
    if (!u) throw new ClewError('USER_NOT_FOUND', `no user ${JSON.stringify(user.slice(0, 200))}`);
    await c.query('DELETE FROM legal_filter_grants WHERE filter_id = $1 AND user_id = $2', [id, u.id]);
    return (await listIn(c, caseId, id))[0]!;
  });
}

/** The ids of the filters of case `caseId` that hide messages from the pool's user ([] for the admin). */
export async function hiddenFilters(q: Queryable, caseId: number): Promise<number[]> {
  const r = await q.query<{ ids: number[] }>('SELECT clew_legal_hidden_filters($1) AS ids', [caseId]);
  return (r.rows[0]?.ids ?? []).map(Number);
}
