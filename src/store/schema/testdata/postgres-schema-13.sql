-- the PostgreSQL schema (version 13) and the partitions of case 7: schema 5 (postgres-schema-5.sql, unchanged but for its version), then what schema 6 adds: the team directory's tables and row-level security on every case table and on case 7's partitions, as src/store/postgres/team/rls.ts wrote them when schema 6 was made; then what schema 7 adds (step ocr-translation-search, written by hand): translations.lexicon and translations.fts with its GIN index, and ocr_texts with row-level security; then what schema 8 adds: the audit log's tables (database-wide, append-only), as src/store/postgres/audit.ts wrote them; then what schema 9 adds (step legal-filters): the legal filters' tables and functions, and row-level security again on the tables they hide rows of (parents and case 7's partitions), as src/store/postgres/team/legal.ts wrote them; then what schema 10 adds: cross-case discovery (the tables clew_case_selectors, clew_notifications and clew_discovery_budget, the function clew_discover), as src/store/postgres/discovery.ts wrote them; then what schema 11 adds (step legal filters on calls and events): the legal filters' functions again (the locations of an account or a window, the calls and events of an account, a conversation or a window), and row-level security again on calls, events and locations (parents and case 7's partitions), as src/store/postgres/team/legal.ts wrote them; then what schema 12 adds (step attachment capture time): attachments.taken_at, written by hand; then what schema 13 adds (step legal filters computed only when there are some): the legal filters' functions again, those returning rows in PL/pgSQL, as src/store/postgres/team/legal.ts wrote them
CREATE TABLE clew_meta (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
CREATE TABLE clew_cases (
  id serial PRIMARY KEY,
  name text COLLATE "C" NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  schema_version integer NOT NULL
);
CREATE SEQUENCE clew_persons_id;
CREATE SEQUENCE clew_identity_decisions_id;
CREATE TABLE meta (
  case_id integer NOT NULL,
  key text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  PRIMARY KEY (case_id, key)
) PARTITION BY LIST (case_id);
CREATE TABLE sources (
  case_id integer NOT NULL,
  id bigint NOT NULL,
  sha256 text COLLATE "C" NOT NULL,
  path text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  size bigint NOT NULL,
  format text COLLATE "C" NOT NULL,
  options text COLLATE "C" NOT NULL,
  started_at bigint NOT NULL,
  finished_at bigint,
  status text COLLATE "C" NOT NULL CHECK (status IN ('partial', 'complete')),
  resume_offset bigint,
  resume_line bigint,
  items_done bigint NOT NULL DEFAULT 0,
  records bigint NOT NULL DEFAULT 0,
  rejected bigint NOT NULL DEFAULT 0,
  duplicates bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (case_id, id),
  UNIQUE (case_id, sha256)
) PARTITION BY LIST (case_id);
CREATE TABLE accounts (
  case_id integer NOT NULL,
  id bigint NOT NULL,
  ref text COLLATE "C" NOT NULL,
  platform text COLLATE "C" NOT NULL,
  handle text COLLATE "C" NOT NULL,
  kind text COLLATE "C",
  display_name text COLLATE "C",
  PRIMARY KEY (case_id, id),
  UNIQUE (case_id, ref)
) PARTITION BY LIST (case_id);
CREATE TABLE contacts (
  case_id integer NOT NULL,
  owner bigint NOT NULL,
  contact bigint NOT NULL,
  name text COLLATE "C" NOT NULL,
  source_id bigint NOT NULL,
  loc text COLLATE "C" NOT NULL,
  PRIMARY KEY (case_id, owner, contact, name)
) PARTITION BY LIST (case_id);
CREATE TABLE devices (
  case_id integer NOT NULL,
  account_id bigint NOT NULL,
  key text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  source_id bigint NOT NULL,
  loc text COLLATE "C" NOT NULL,
  PRIMARY KEY (case_id, account_id, key, value)
) PARTITION BY LIST (case_id);
CREATE TABLE conversations (
  case_id integer NOT NULL,
  id bigint NOT NULL,
  source_id bigint NOT NULL,
  ref text COLLATE "C" NOT NULL,
  title text COLLATE "C",
  PRIMARY KEY (case_id, id),
  UNIQUE (case_id, source_id, ref)
) PARTITION BY LIST (case_id);
CREATE TABLE conversation_members (
  case_id integer NOT NULL,
  conversation_id bigint NOT NULL,
  account_id bigint NOT NULL,
  PRIMARY KEY (case_id, conversation_id, account_id)
) PARTITION BY LIST (case_id);
CREATE TABLE messages (
  case_id integer NOT NULL,
  id bigint NOT NULL,
  source_id bigint NOT NULL,
  loc text COLLATE "C" NOT NULL,
  sender bigint NOT NULL,
  conversation_id bigint,
  channel text COLLATE "C" NOT NULL,
  ts bigint NOT NULL,
  tz_offset integer,
  ts_local text COLLATE "C",
  body text COLLATE "C" NOT NULL,
  subject text COLLATE "C",
  native_id text COLLATE "C",
  reply_to text COLLATE "C",
  forwarded_from text COLLATE "C",
  flags integer NOT NULL DEFAULT 0,
  dup_of bigint,
  lang text COLLATE "C",
  lang_conf double precision,
  fts tsvector,
  PRIMARY KEY (case_id, id)
) PARTITION BY LIST (case_id);
CREATE TABLE message_recipients (
  case_id integer NOT NULL,
  message_id bigint NOT NULL,
  account_id bigint NOT NULL,
  PRIMARY KEY (case_id, message_id, account_id)
) PARTITION BY LIST (case_id);
CREATE TABLE calls (
  case_id integer NOT NULL,
  id bigint NOT NULL,
  source_id bigint NOT NULL,
  loc text COLLATE "C" NOT NULL,
  caller bigint NOT NULL,
  callee bigint NOT NULL,
  channel text COLLATE "C" NOT NULL,
  ts bigint NOT NULL,
  tz_offset integer,
  ts_local text COLLATE "C",
  duration double precision NOT NULL,
  lat double precision,
  lon double precision,
  native_id text COLLATE "C",
  dup_of bigint,
  PRIMARY KEY (case_id, id)
) PARTITION BY LIST (case_id);
CREATE TABLE attachments (
  case_id integer NOT NULL,
  id bigint NOT NULL,
  source_id bigint NOT NULL,
  loc text COLLATE "C" NOT NULL,
  native_id text COLLATE "C" NOT NULL,
  message_native_id text COLLATE "C",
  filename text COLLATE "C" NOT NULL,
  mime text COLLATE "C",
  size bigint,
  sha256 text COLLATE "C",
  taken_at text COLLATE "C",
  PRIMARY KEY (case_id, id)
) PARTITION BY LIST (case_id);
CREATE TABLE blobs (
  case_id integer NOT NULL,
  sha256 text COLLATE "C" NOT NULL,
  size bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (case_id, sha256)
) PARTITION BY LIST (case_id);
CREATE TABLE events (
  case_id integer NOT NULL,
  id bigint NOT NULL,
  source_id bigint NOT NULL,
  loc text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  ts bigint NOT NULL,
  tz_offset integer,
  ts_local text COLLATE "C",
  actor bigint,
  subject bigint,
  conversation_id bigint,
  text text COLLATE "C" NOT NULL,
  PRIMARY KEY (case_id, id)
) PARTITION BY LIST (case_id);
CREATE TABLE locations (
  case_id integer NOT NULL,
  id bigint NOT NULL,
  source_id bigint NOT NULL,
  loc text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  ts bigint,
  account_id bigint,
  message_native_id text COLLATE "C",
  attachment_native_id text COLLATE "C",
  label text COLLATE "C",
  PRIMARY KEY (case_id, id)
) PARTITION BY LIST (case_id);
CREATE TABLE edges (
  case_id integer NOT NULL,
  src bigint NOT NULL,
  dst bigint NOT NULL,
  channel text COLLATE "C" NOT NULL,
  count bigint NOT NULL,
  first bigint NOT NULL,
  last bigint NOT NULL,
  PRIMARY KEY (case_id, src, dst, channel)
) PARTITION BY LIST (case_id);
CREATE TABLE edge_deltas (
  case_id integer NOT NULL,
  source_id bigint NOT NULL,
  src bigint NOT NULL,
  dst bigint NOT NULL,
  channel text COLLATE "C" NOT NULL,
  count bigint NOT NULL,
  first bigint NOT NULL,
  last bigint NOT NULL
) PARTITION BY LIST (case_id);
CREATE TABLE mentions (
  case_id integer NOT NULL,
  message_id bigint NOT NULL,
  type text COLLATE "C" NOT NULL,
  start integer NOT NULL,
  "end" integer NOT NULL,
  raw text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  confidence double precision NOT NULL,
  attrs text COLLATE "C"
) PARTITION BY LIST (case_id);
CREATE TABLE lexicon (
  case_id integer NOT NULL,
  term text COLLATE "C" NOT NULL,
  means text COLLATE "C" NOT NULL,
  type text COLLATE "C",
  added_at bigint NOT NULL,
  PRIMARY KEY (case_id, term)
) PARTITION BY LIST (case_id);
CREATE TABLE quarantine (
  case_id integer NOT NULL,
  id bigint NOT NULL,
  source_id bigint NOT NULL,
  loc text COLLATE "C" NOT NULL,
  line bigint,
  code text COLLATE "C" NOT NULL,
  message text COLLATE "C" NOT NULL,
  excerpt text COLLATE "C",
  PRIMARY KEY (case_id, id)
) PARTITION BY LIST (case_id);
CREATE TABLE persons (
  case_id integer NOT NULL,
  id bigint NOT NULL DEFAULT nextval('clew_persons_id'),
  name text COLLATE "C" NOT NULL,
  created_at bigint NOT NULL,
  created_by text COLLATE "C" NOT NULL,
  merged_into bigint,
  PRIMARY KEY (case_id, id)
) PARTITION BY LIST (case_id);
CREATE TABLE person_members (
  case_id integer NOT NULL,
  account_id bigint NOT NULL,
  person_id bigint NOT NULL,
  decision_id bigint NOT NULL,
  PRIMARY KEY (case_id, account_id)
) PARTITION BY LIST (case_id);
CREATE TABLE identity_decisions (
  case_id integer NOT NULL,
  id bigint NOT NULL DEFAULT nextval('clew_identity_decisions_id'),
  action text COLLATE "C" NOT NULL CHECK (action IN ('merge', 'split', 'reject', 'unreject')),
  accounts text COLLATE "C" NOT NULL,
  person_id bigint,
  by text COLLATE "C" NOT NULL,
  at bigint NOT NULL,
  why text COLLATE "C",
  score double precision,
  evidence text COLLATE "C",
  PRIMARY KEY (case_id, id)
) PARTITION BY LIST (case_id);
CREATE TABLE identity_rejections (
  case_id integer NOT NULL,
  a bigint NOT NULL,
  b bigint NOT NULL,
  decision_id bigint NOT NULL,
  PRIMARY KEY (case_id, a, b)
) PARTITION BY LIST (case_id);
CREATE TABLE watchlists (
  case_id integer NOT NULL,
  name text COLLATE "C" NOT NULL,
  added_at bigint NOT NULL,
  added_by text COLLATE "C" NOT NULL,
  selector_count bigint NOT NULL,
  selectors text COLLATE "C" NOT NULL,
  PRIMARY KEY (case_id, name)
) PARTITION BY LIST (case_id);
CREATE TABLE saved_searches (
  case_id integer NOT NULL,
  name text COLLATE "C" NOT NULL,
  query text COLLATE "C" NOT NULL,
  mode text COLLATE "C" NOT NULL,
  scope text COLLATE "C",
  created_at bigint NOT NULL,
  created_by text COLLATE "C" NOT NULL,
  runs bigint NOT NULL DEFAULT 0,
  last_run_at bigint,
  error_code text COLLATE "C",
  error text COLLATE "C",
  new_hits bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (case_id, name)
) PARTITION BY LIST (case_id);
CREATE TABLE saved_search_hits (
  case_id integer NOT NULL,
  search text COLLATE "C" NOT NULL,
  message_id bigint NOT NULL,
  run bigint NOT NULL,
  PRIMARY KEY (case_id, search, message_id)
) PARTITION BY LIST (case_id);
CREATE TABLE annotation_events (
  case_id integer NOT NULL,
  id bigint NOT NULL,
  item_type text COLLATE "C" NOT NULL,
  item_key text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('tag', 'note', 'star')),
  action text COLLATE "C" NOT NULL CHECK (action IN ('add', 'remove')),
  key text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  words text COLLATE "C" NOT NULL,
  by text COLLATE "C" NOT NULL,
  at bigint NOT NULL,
  undoes bigint,
  PRIMARY KEY (case_id, id)
) PARTITION BY LIST (case_id);
CREATE TABLE annotations (
  case_id integer NOT NULL,
  item_type text COLLATE "C" NOT NULL,
  item_key text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  words text COLLATE "C" NOT NULL,
  by text COLLATE "C" NOT NULL,
  at bigint NOT NULL,
  event_id bigint NOT NULL,
  PRIMARY KEY (case_id, item_type, item_key, kind, key)
) PARTITION BY LIST (case_id);
CREATE TABLE translations (
  case_id integer NOT NULL,
  message_id bigint NOT NULL,
  target text COLLATE "C" NOT NULL,
  engine text COLLATE "C" NOT NULL,
  pair text COLLATE "C" NOT NULL,
  version text COLLATE "C" NOT NULL,
  engine_version text COLLATE "C" NOT NULL,
  source_lang text COLLATE "C" NOT NULL,
  text text COLLATE "C" NOT NULL,
  failure text COLLATE "C",
  failed text COLLATE "C",
  at bigint NOT NULL,
  PRIMARY KEY (case_id, message_id, target, engine, pair, version)
) PARTITION BY LIST (case_id);
INSERT INTO clew_meta (key, value) VALUES ('schema_version', '13');
CREATE TABLE meta_c7 PARTITION OF meta FOR VALUES IN (7);
CREATE TABLE sources_c7 PARTITION OF sources FOR VALUES IN (7);
CREATE TABLE accounts_c7 PARTITION OF accounts FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS accounts_c7_handle ON accounts_c7 (case_id, lower(handle));
CREATE INDEX IF NOT EXISTS accounts_c7_display ON accounts_c7 (case_id, lower(display_name));
CREATE TABLE contacts_c7 PARTITION OF contacts FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS contacts_c7_contact ON contacts_c7 (case_id, contact);
CREATE TABLE devices_c7 PARTITION OF devices FOR VALUES IN (7);
CREATE TABLE conversations_c7 PARTITION OF conversations FOR VALUES IN (7);
CREATE TABLE conversation_members_c7 PARTITION OF conversation_members FOR VALUES IN (7);
CREATE TABLE messages_c7 PARTITION OF messages FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS messages_c7_dup_of ON messages_c7 (case_id, dup_of) WHERE dup_of IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_c7_sender ON messages_c7 (case_id, sender, id);
CREATE INDEX IF NOT EXISTS messages_c7_conversation ON messages_c7 (case_id, conversation_id, id) WHERE conversation_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_c7_native ON messages_c7 (case_id, source_id, native_id) WHERE native_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_c7_source ON messages_c7 (case_id, source_id, id);
CREATE INDEX IF NOT EXISTS messages_c7_fts ON messages_c7 USING gin (fts);
CREATE TABLE message_recipients_c7 PARTITION OF message_recipients FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS message_recipients_c7_account ON message_recipients_c7 (case_id, account_id, message_id);
CREATE TABLE calls_c7 PARTITION OF calls FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS calls_c7_ts ON calls_c7 (case_id, ts);
CREATE INDEX IF NOT EXISTS calls_c7_caller ON calls_c7 (case_id, caller, ts);
CREATE INDEX IF NOT EXISTS calls_c7_callee ON calls_c7 (case_id, callee, ts);
CREATE INDEX IF NOT EXISTS calls_c7_source ON calls_c7 (case_id, source_id);
CREATE TABLE attachments_c7 PARTITION OF attachments FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS attachments_c7_message ON attachments_c7 (case_id, source_id, message_native_id);
CREATE TABLE blobs_c7 PARTITION OF blobs FOR VALUES IN (7);
CREATE TABLE events_c7 PARTITION OF events FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS events_c7_ts ON events_c7 (case_id, ts);
CREATE TABLE locations_c7 PARTITION OF locations FOR VALUES IN (7);
CREATE TABLE edges_c7 PARTITION OF edges FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS edges_c7_dst ON edges_c7 (case_id, dst);
CREATE TABLE edge_deltas_c7 PARTITION OF edge_deltas FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS edge_deltas_c7_source ON edge_deltas_c7 (case_id, source_id);
CREATE TABLE mentions_c7 PARTITION OF mentions FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS mentions_c7_message ON mentions_c7 (case_id, message_id);
CREATE INDEX IF NOT EXISTS mentions_c7_value ON mentions_c7 (case_id, type, value, message_id);
CREATE TABLE lexicon_c7 PARTITION OF lexicon FOR VALUES IN (7);
CREATE TABLE quarantine_c7 PARTITION OF quarantine FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS quarantine_c7_source ON quarantine_c7 (case_id, source_id, line);
CREATE TABLE persons_c7 PARTITION OF persons FOR VALUES IN (7);
CREATE TABLE person_members_c7 PARTITION OF person_members FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS person_members_c7_person ON person_members_c7 (case_id, person_id);
CREATE TABLE identity_decisions_c7 PARTITION OF identity_decisions FOR VALUES IN (7);
CREATE TABLE identity_rejections_c7 PARTITION OF identity_rejections FOR VALUES IN (7);
CREATE TABLE watchlists_c7 PARTITION OF watchlists FOR VALUES IN (7);
CREATE TABLE saved_searches_c7 PARTITION OF saved_searches FOR VALUES IN (7);
CREATE TABLE saved_search_hits_c7 PARTITION OF saved_search_hits FOR VALUES IN (7);
CREATE TABLE IF NOT EXISTS annotation_events_c7 PARTITION OF annotation_events FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS annotation_events_c7_item ON annotation_events_c7 (case_id, item_type, item_key, id);
CREATE INDEX IF NOT EXISTS annotation_events_c7_undoes ON annotation_events_c7 (case_id, undoes) WHERE undoes IS NOT NULL;
CREATE TABLE IF NOT EXISTS annotations_c7 PARTITION OF annotations FOR VALUES IN (7);
CREATE INDEX IF NOT EXISTS annotations_c7_key ON annotations_c7 (case_id, kind, key, item_type, item_key);
CREATE TABLE translations_c7 PARTITION OF translations FOR VALUES IN (7);
-- schema 6
CREATE TABLE IF NOT EXISTS clew_users (
  id serial PRIMARY KEY,
  name text COLLATE "C" NOT NULL UNIQUE,
  agency text COLLATE "C",
  password_hash text COLLATE "C" NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS clew_grants (
  user_id integer NOT NULL REFERENCES clew_users (id) ON DELETE CASCADE,
  case_id integer NOT NULL REFERENCES clew_cases (id) ON DELETE CASCADE,
  role text COLLATE "C" NOT NULL CHECK (role IN ('owner', 'analyst', 'reader', 'auditor')),
  granted_at bigint NOT NULL,
  PRIMARY KEY (user_id, case_id)
);
CREATE INDEX IF NOT EXISTS clew_grants_case ON clew_grants (case_id);
CREATE TABLE IF NOT EXISTS clew_sessions (
  id_sha256 bytea PRIMARY KEY CHECK (length(id_sha256) = 32),
  user_id integer NOT NULL REFERENCES clew_users (id) ON DELETE CASCADE,
  csrf text COLLATE "C" NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  revoked_at bigint
);
CREATE INDEX IF NOT EXISTS clew_sessions_user ON clew_sessions (user_id);
CREATE OR REPLACE FUNCTION clew_current_user() RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS $f$
  SELECT CASE WHEN current_setting('clew.user', true) ~ '^[0-9]{1,9}$' THEN current_setting('clew.user', true)::integer END
$f$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_team_cases(roles text[]) RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
      SELECT coalesce(array_agg(g.case_id ORDER BY g.case_id), '{}') FROM clew_grants g JOIN clew_users u ON u.id = g.user_id
      WHERE u.id = clew_current_user() AND NOT u.disabled AND g.role = ANY (roles)
    $b$$f$, current_schema());
END $do$;
REVOKE ALL ON FUNCTION clew_team_cases(text[]) FROM PUBLIC;
DO $lp$ BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF;
  END IF;
END $lp$;
ALTER TABLE clew_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE clew_cases FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON clew_cases;
CREATE POLICY clew_admin ON clew_cases TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON clew_cases;
CREATE POLICY clew_read ON clew_cases FOR SELECT USING (id = ANY ((SELECT clew_team_cases('{owner,analyst,reader,auditor}'))::integer[]));
ALTER TABLE clew_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE clew_grants FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON clew_grants;
CREATE POLICY clew_admin ON clew_grants TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON clew_grants;
CREATE POLICY clew_read ON clew_grants FOR SELECT USING (user_id = clew_current_user() OR case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]));
DROP POLICY IF EXISTS clew_owner ON clew_grants;
CREATE POLICY clew_owner ON clew_grants FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]));
ALTER TABLE meta ENABLE ROW LEVEL SECURITY;
ALTER TABLE meta FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON meta;
CREATE POLICY clew_admin ON meta TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON meta;
CREATE POLICY clew_read ON meta FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON meta;
CREATE POLICY clew_write ON meta FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND key = 'generation') WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND key = 'generation');
ALTER TABLE sources ENABLE ROW LEVEL SECURITY;
ALTER TABLE sources FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON sources;
CREATE POLICY clew_admin ON sources TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON sources;
CREATE POLICY clew_read ON sources FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON sources;
CREATE POLICY clew_write ON sources FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON accounts;
CREATE POLICY clew_admin ON accounts TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON accounts;
CREATE POLICY clew_read ON accounts FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON accounts;
CREATE POLICY clew_write ON accounts FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
ALTER TABLE contacts FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON contacts;
CREATE POLICY clew_admin ON contacts TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON contacts;
CREATE POLICY clew_read ON contacts FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON contacts;
CREATE POLICY clew_write ON contacts FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE devices ENABLE ROW LEVEL SECURITY;
ALTER TABLE devices FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON devices;
CREATE POLICY clew_admin ON devices TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON devices;
CREATE POLICY clew_read ON devices FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON devices;
CREATE POLICY clew_write ON devices FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON conversations;
CREATE POLICY clew_admin ON conversations TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON conversations;
CREATE POLICY clew_read ON conversations FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON conversations;
CREATE POLICY clew_write ON conversations FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE conversation_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_members FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON conversation_members;
CREATE POLICY clew_admin ON conversation_members TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON conversation_members;
CREATE POLICY clew_read ON conversation_members FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON conversation_members;
CREATE POLICY clew_write ON conversation_members FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON messages;
CREATE POLICY clew_admin ON messages TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON messages;
CREATE POLICY clew_read ON messages FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON messages;
CREATE POLICY clew_write ON messages FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE message_recipients ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_recipients FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON message_recipients;
CREATE POLICY clew_admin ON message_recipients TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON message_recipients;
CREATE POLICY clew_read ON message_recipients FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON message_recipients;
CREATE POLICY clew_write ON message_recipients FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE calls ENABLE ROW LEVEL SECURITY;
ALTER TABLE calls FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON calls;
CREATE POLICY clew_admin ON calls TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON calls;
CREATE POLICY clew_read ON calls FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON calls;
CREATE POLICY clew_write ON calls FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON attachments;
CREATE POLICY clew_admin ON attachments TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON attachments;
CREATE POLICY clew_read ON attachments FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON attachments;
CREATE POLICY clew_write ON attachments FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE blobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE blobs FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON blobs;
CREATE POLICY clew_admin ON blobs TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON blobs;
CREATE POLICY clew_read ON blobs FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON blobs;
CREATE POLICY clew_write ON blobs FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON events;
CREATE POLICY clew_admin ON events TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON events;
CREATE POLICY clew_read ON events FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON events;
CREATE POLICY clew_write ON events FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE locations ENABLE ROW LEVEL SECURITY;
ALTER TABLE locations FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON locations;
CREATE POLICY clew_admin ON locations TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON locations;
CREATE POLICY clew_read ON locations FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON locations;
CREATE POLICY clew_write ON locations FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE edges ENABLE ROW LEVEL SECURITY;
ALTER TABLE edges FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON edges;
CREATE POLICY clew_admin ON edges TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON edges;
CREATE POLICY clew_read ON edges FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON edges;
CREATE POLICY clew_write ON edges FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE edge_deltas ENABLE ROW LEVEL SECURITY;
ALTER TABLE edge_deltas FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON edge_deltas;
CREATE POLICY clew_admin ON edge_deltas TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON edge_deltas;
CREATE POLICY clew_read ON edge_deltas FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON edge_deltas;
CREATE POLICY clew_write ON edge_deltas FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE mentions ENABLE ROW LEVEL SECURITY;
ALTER TABLE mentions FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON mentions;
CREATE POLICY clew_admin ON mentions TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON mentions;
CREATE POLICY clew_read ON mentions FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON mentions;
CREATE POLICY clew_write ON mentions FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE lexicon ENABLE ROW LEVEL SECURITY;
ALTER TABLE lexicon FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON lexicon;
CREATE POLICY clew_admin ON lexicon TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON lexicon;
CREATE POLICY clew_read ON lexicon FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON lexicon;
CREATE POLICY clew_write ON lexicon FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE quarantine ENABLE ROW LEVEL SECURITY;
ALTER TABLE quarantine FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON quarantine;
CREATE POLICY clew_admin ON quarantine TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON quarantine;
CREATE POLICY clew_read ON quarantine FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON quarantine;
CREATE POLICY clew_write ON quarantine FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE persons ENABLE ROW LEVEL SECURITY;
ALTER TABLE persons FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON persons;
CREATE POLICY clew_admin ON persons TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON persons;
CREATE POLICY clew_read ON persons FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON persons;
CREATE POLICY clew_write ON persons FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE person_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_members FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON person_members;
CREATE POLICY clew_admin ON person_members TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON person_members;
CREATE POLICY clew_read ON person_members FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON person_members;
CREATE POLICY clew_write ON person_members FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE identity_decisions ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_decisions FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON identity_decisions;
CREATE POLICY clew_admin ON identity_decisions TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON identity_decisions;
CREATE POLICY clew_read ON identity_decisions FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON identity_decisions;
CREATE POLICY clew_write ON identity_decisions FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE identity_rejections ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_rejections FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON identity_rejections;
CREATE POLICY clew_admin ON identity_rejections TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON identity_rejections;
CREATE POLICY clew_read ON identity_rejections FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON identity_rejections;
CREATE POLICY clew_write ON identity_rejections FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE watchlists ENABLE ROW LEVEL SECURITY;
ALTER TABLE watchlists FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON watchlists;
CREATE POLICY clew_admin ON watchlists TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON watchlists;
CREATE POLICY clew_read ON watchlists FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON watchlists;
CREATE POLICY clew_write ON watchlists FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE saved_searches ENABLE ROW LEVEL SECURITY;
ALTER TABLE saved_searches FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON saved_searches;
CREATE POLICY clew_admin ON saved_searches TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON saved_searches;
CREATE POLICY clew_read ON saved_searches FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON saved_searches;
CREATE POLICY clew_write ON saved_searches FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE saved_search_hits ENABLE ROW LEVEL SECURITY;
ALTER TABLE saved_search_hits FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON saved_search_hits;
CREATE POLICY clew_admin ON saved_search_hits TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON saved_search_hits;
CREATE POLICY clew_read ON saved_search_hits FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON saved_search_hits;
CREATE POLICY clew_write ON saved_search_hits FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE annotation_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotation_events FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON annotation_events;
CREATE POLICY clew_admin ON annotation_events TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON annotation_events;
CREATE POLICY clew_read ON annotation_events FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON annotation_events;
CREATE POLICY clew_write ON annotation_events FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE annotations ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotations FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON annotations;
CREATE POLICY clew_admin ON annotations TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON annotations;
CREATE POLICY clew_read ON annotations FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON annotations;
CREATE POLICY clew_write ON annotations FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE translations ENABLE ROW LEVEL SECURITY;
ALTER TABLE translations FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON translations;
CREATE POLICY clew_admin ON translations TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON translations;
CREATE POLICY clew_read ON translations FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON translations;
CREATE POLICY clew_write ON translations FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE meta_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE meta_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON meta_c7;
CREATE POLICY clew_admin ON meta_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON meta_c7;
CREATE POLICY clew_read ON meta_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON meta_c7;
CREATE POLICY clew_write ON meta_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND key = 'generation') WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND key = 'generation');
ALTER TABLE sources_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE sources_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON sources_c7;
CREATE POLICY clew_admin ON sources_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON sources_c7;
CREATE POLICY clew_read ON sources_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON sources_c7;
CREATE POLICY clew_write ON sources_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE accounts_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON accounts_c7;
CREATE POLICY clew_admin ON accounts_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON accounts_c7;
CREATE POLICY clew_read ON accounts_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON accounts_c7;
CREATE POLICY clew_write ON accounts_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE contacts_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE contacts_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON contacts_c7;
CREATE POLICY clew_admin ON contacts_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON contacts_c7;
CREATE POLICY clew_read ON contacts_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON contacts_c7;
CREATE POLICY clew_write ON contacts_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE devices_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE devices_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON devices_c7;
CREATE POLICY clew_admin ON devices_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON devices_c7;
CREATE POLICY clew_read ON devices_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON devices_c7;
CREATE POLICY clew_write ON devices_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE conversations_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON conversations_c7;
CREATE POLICY clew_admin ON conversations_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON conversations_c7;
CREATE POLICY clew_read ON conversations_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON conversations_c7;
CREATE POLICY clew_write ON conversations_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE conversation_members_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_members_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON conversation_members_c7;
CREATE POLICY clew_admin ON conversation_members_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON conversation_members_c7;
CREATE POLICY clew_read ON conversation_members_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON conversation_members_c7;
CREATE POLICY clew_write ON conversation_members_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE messages_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON messages_c7;
CREATE POLICY clew_admin ON messages_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON messages_c7;
CREATE POLICY clew_read ON messages_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON messages_c7;
CREATE POLICY clew_write ON messages_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE message_recipients_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_recipients_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON message_recipients_c7;
CREATE POLICY clew_admin ON message_recipients_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON message_recipients_c7;
CREATE POLICY clew_read ON message_recipients_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON message_recipients_c7;
CREATE POLICY clew_write ON message_recipients_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE calls_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE calls_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON calls_c7;
CREATE POLICY clew_admin ON calls_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON calls_c7;
CREATE POLICY clew_read ON calls_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON calls_c7;
CREATE POLICY clew_write ON calls_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE attachments_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON attachments_c7;
CREATE POLICY clew_admin ON attachments_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON attachments_c7;
CREATE POLICY clew_read ON attachments_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON attachments_c7;
CREATE POLICY clew_write ON attachments_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE blobs_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE blobs_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON blobs_c7;
CREATE POLICY clew_admin ON blobs_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON blobs_c7;
CREATE POLICY clew_read ON blobs_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON blobs_c7;
CREATE POLICY clew_write ON blobs_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE events_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE events_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON events_c7;
CREATE POLICY clew_admin ON events_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON events_c7;
CREATE POLICY clew_read ON events_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON events_c7;
CREATE POLICY clew_write ON events_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE locations_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE locations_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON locations_c7;
CREATE POLICY clew_admin ON locations_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON locations_c7;
CREATE POLICY clew_read ON locations_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON locations_c7;
CREATE POLICY clew_write ON locations_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE edges_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE edges_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON edges_c7;
CREATE POLICY clew_admin ON edges_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON edges_c7;
CREATE POLICY clew_read ON edges_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON edges_c7;
CREATE POLICY clew_write ON edges_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE edge_deltas_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE edge_deltas_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON edge_deltas_c7;
CREATE POLICY clew_admin ON edge_deltas_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON edge_deltas_c7;
CREATE POLICY clew_read ON edge_deltas_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON edge_deltas_c7;
CREATE POLICY clew_write ON edge_deltas_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE mentions_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE mentions_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON mentions_c7;
CREATE POLICY clew_admin ON mentions_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON mentions_c7;
CREATE POLICY clew_read ON mentions_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON mentions_c7;
CREATE POLICY clew_write ON mentions_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE lexicon_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE lexicon_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON lexicon_c7;
CREATE POLICY clew_admin ON lexicon_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON lexicon_c7;
CREATE POLICY clew_read ON lexicon_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON lexicon_c7;
CREATE POLICY clew_write ON lexicon_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE quarantine_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE quarantine_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON quarantine_c7;
CREATE POLICY clew_admin ON quarantine_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON quarantine_c7;
CREATE POLICY clew_read ON quarantine_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON quarantine_c7;
CREATE POLICY clew_write ON quarantine_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE persons_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE persons_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON persons_c7;
CREATE POLICY clew_admin ON persons_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON persons_c7;
CREATE POLICY clew_read ON persons_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON persons_c7;
CREATE POLICY clew_write ON persons_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE person_members_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_members_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON person_members_c7;
CREATE POLICY clew_admin ON person_members_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON person_members_c7;
CREATE POLICY clew_read ON person_members_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON person_members_c7;
CREATE POLICY clew_write ON person_members_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE identity_decisions_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_decisions_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON identity_decisions_c7;
CREATE POLICY clew_admin ON identity_decisions_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON identity_decisions_c7;
CREATE POLICY clew_read ON identity_decisions_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON identity_decisions_c7;
CREATE POLICY clew_write ON identity_decisions_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE identity_rejections_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_rejections_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON identity_rejections_c7;
CREATE POLICY clew_admin ON identity_rejections_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON identity_rejections_c7;
CREATE POLICY clew_read ON identity_rejections_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON identity_rejections_c7;
CREATE POLICY clew_write ON identity_rejections_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE watchlists_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE watchlists_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON watchlists_c7;
CREATE POLICY clew_admin ON watchlists_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON watchlists_c7;
CREATE POLICY clew_read ON watchlists_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON watchlists_c7;
CREATE POLICY clew_write ON watchlists_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE saved_searches_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE saved_searches_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON saved_searches_c7;
CREATE POLICY clew_admin ON saved_searches_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON saved_searches_c7;
CREATE POLICY clew_read ON saved_searches_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON saved_searches_c7;
CREATE POLICY clew_write ON saved_searches_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE saved_search_hits_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE saved_search_hits_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON saved_search_hits_c7;
CREATE POLICY clew_admin ON saved_search_hits_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON saved_search_hits_c7;
CREATE POLICY clew_read ON saved_search_hits_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON saved_search_hits_c7;
CREATE POLICY clew_write ON saved_search_hits_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE annotation_events_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotation_events_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON annotation_events_c7;
CREATE POLICY clew_admin ON annotation_events_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON annotation_events_c7;
CREATE POLICY clew_read ON annotation_events_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON annotation_events_c7;
CREATE POLICY clew_write ON annotation_events_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE annotations_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotations_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON annotations_c7;
CREATE POLICY clew_admin ON annotations_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON annotations_c7;
CREATE POLICY clew_read ON annotations_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON annotations_c7;
CREATE POLICY clew_write ON annotations_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
ALTER TABLE translations_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE translations_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON translations_c7;
CREATE POLICY clew_admin ON translations_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON translations_c7;
CREATE POLICY clew_read ON translations_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON translations_c7;
CREATE POLICY clew_write ON translations_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]));
-- schema 7
ALTER TABLE translations ADD COLUMN lexicon text COLLATE "C";
ALTER TABLE translations ADD COLUMN fts tsvector;
CREATE TABLE ocr_texts (
  case_id integer NOT NULL,
  attachment_id bigint NOT NULL,
  engine text COLLATE "C" NOT NULL,
  engine_version text COLLATE "C" NOT NULL,
  languages text COLLATE "C" NOT NULL,
  data_versions text COLLATE "C" NOT NULL,
  text text COLLATE "C" NOT NULL,
  words text COLLATE "C" NOT NULL,
  confidence double precision,
  orientation integer,
  failure text COLLATE "C",
  failed text COLLATE "C",
  at bigint NOT NULL,
  PRIMARY KEY (case_id, attachment_id)
) PARTITION BY LIST (case_id);
CREATE INDEX IF NOT EXISTS translations_c7_fts ON translations_c7 USING gin (fts);
CREATE TABLE ocr_texts_c7 PARTITION OF ocr_texts FOR VALUES IN (7);
ALTER TABLE ocr_texts ENABLE ROW LEVEL SECURITY;
ALTER TABLE ocr_texts FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON ocr_texts;
CREATE POLICY clew_admin ON ocr_texts TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON ocr_texts;
CREATE POLICY clew_read ON ocr_texts FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON ocr_texts;
CREATE POLICY clew_write ON ocr_texts FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE ocr_texts_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE ocr_texts_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON ocr_texts_c7;
CREATE POLICY clew_admin ON ocr_texts_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON ocr_texts_c7;
CREATE POLICY clew_read ON ocr_texts_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_write ON ocr_texts_c7;
CREATE POLICY clew_write ON ocr_texts_c7 FOR ALL USING (false) WITH CHECK (false);
-- schema 8
CREATE TABLE audit_entries (
  idx bigint PRIMARY KEY CHECK (idx >= 0),
  at timestamptz NOT NULL,
  user_name text COLLATE "C" NOT NULL,
  agency text COLLATE "C",
  case_name text COLLATE "C",
  action text COLLATE "C" NOT NULL,
  leaf bytea NOT NULL,
  leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32)
);
CREATE INDEX audit_entries_user ON audit_entries (user_name, idx);
CREATE INDEX audit_entries_case ON audit_entries (case_name, idx);
CREATE INDEX audit_entries_at ON audit_entries (at);
CREATE TABLE audit_heads (
  size bigint PRIMARY KEY CHECK (size > 0),
  root bytea NOT NULL CHECK (length(root) = 32),
  signed_at bigint NOT NULL,
  signature bytea NOT NULL,
  public_key bytea NOT NULL
);
CREATE FUNCTION clew_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'the clew audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION clew_audit_refuse();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION clew_audit_refuse();
CREATE TRIGGER audit_heads_append_only BEFORE UPDATE OR DELETE ON audit_heads FOR EACH ROW EXECUTE FUNCTION clew_audit_refuse();
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads FOR EACH STATEMENT EXECUTE FUNCTION clew_audit_refuse();
ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_append_only;
ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_no_truncate;
ALTER TABLE audit_heads ENABLE ALWAYS TRIGGER audit_heads_append_only;
ALTER TABLE audit_heads ENABLE ALWAYS TRIGGER audit_heads_no_truncate;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, audit_heads FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, audit_heads FROM CURRENT_USER;
CREATE OR REPLACE FUNCTION clew_legal_ids(j jsonb) RETURNS bigint[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT coalesce(array_agg(x::bigint), '{}') FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(j) = 'array' THEN j END) AS x
$f$;
CREATE OR REPLACE FUNCTION clew_legal_selection_ok(s jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT jsonb_typeof(s) = 'object' AND (SELECT count(*) FROM jsonb_object_keys(s)) = 1 AND CASE
    WHEN s ? 'accounts' THEN jsonb_typeof(s->'accounts') = 'array' AND jsonb_array_length(s->'accounts') BETWEEN 1 AND 10000
      AND NOT jsonb_path_exists(s, '$.accounts[*] ? (@.type() != "number")')
    WHEN s ? 'threads' THEN jsonb_typeof(s->'threads') = 'array' AND jsonb_array_length(s->'threads') BETWEEN 1 AND 10000
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
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_filter_rows() RETURNS TABLE (id integer, case_id integer, selection jsonb) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT f.id, f.case_id, f.selection FROM legal_filters f
  WHERE f.case_id = ANY (clew_team_cases('{owner,analyst,reader}'))
    AND NOT EXISTS (SELECT 1 FROM legal_filter_grants g WHERE g.filter_id = f.id AND g.user_id = clew_current_user())
$b$$f$, current_schema());
END $do$;
REVOKE ALL ON FUNCTION clew_legal_hidden_filter_rows() FROM PUBLIC;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_owned_filters() RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT coalesce(array_agg(f.id), '{}') FROM legal_filters f WHERE f.case_id = ANY (clew_team_cases('{owner}'))
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_granted_filters() RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT coalesce(array_agg(g.filter_id), '{}') FROM legal_filter_grants g WHERE g.user_id = clew_current_user()
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_filtered_cases() RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT coalesce(array_agg(DISTINCT f.case_id), '{}') FROM clew_legal_hidden_filter_rows() f
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_filters(c integer) RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT coalesce(array_agg(f.id ORDER BY f.id), '{}') FROM clew_legal_hidden_filter_rows() f WHERE f.case_id = c
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_threads() RETURNS TABLE (case_id integer, conversation_id bigint) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT DISTINCT c2.case_id, c2.id FROM clew_legal_hidden_filter_rows() f
  JOIN conversations c1 ON c1.case_id = f.case_id AND c1.id = ANY (clew_legal_ids(f.selection->'threads'))
  JOIN conversations c2 ON c2.case_id = c1.case_id AND c2.ref = c1.ref
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden() RETURNS TABLE (case_id integer, message_id bigint) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
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
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_attachments() RETURNS TABLE (case_id integer, attachment_id bigint, source_id bigint, native_id text, sha256 text) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT a.case_id, a.id, a.source_id, a.native_id, a.sha256 FROM (
    SELECT DISTINCT m.case_id, m.source_id, m.native_id FROM clew_legal_hidden() h JOIN messages m ON m.case_id = h.case_id AND m.id = h.message_id
    WHERE m.native_id IS NOT NULL) n
  JOIN attachments a ON a.case_id = n.case_id AND a.source_id = n.source_id AND a.message_native_id = n.native_id
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_blobs() RETURNS TABLE (case_id integer, sha256 text) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT DISTINCT h.case_id, h.sha256 FROM clew_legal_hidden_attachments() h
  WHERE h.sha256 IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM attachments a WHERE a.case_id = h.case_id AND a.sha256 = h.sha256
      AND (a.case_id, a.id) NOT IN (SELECT x.case_id, x.attachment_id FROM clew_legal_hidden_attachments() x))
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_locations() RETURNS TABLE (case_id integer, location_id bigint) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  WITH n AS MATERIALIZED (SELECT DISTINCT m.case_id, m.source_id, m.native_id FROM clew_legal_hidden() h JOIN messages m ON m.case_id = h.case_id AND m.id = h.message_id
                          WHERE m.native_id IS NOT NULL),
  a AS MATERIALIZED (SELECT case_id, source_id, native_id FROM clew_legal_hidden_attachments())
  SELECT l.case_id, l.id FROM n JOIN locations l ON l.case_id = n.case_id AND l.source_id = n.source_id AND l.message_native_id = n.native_id
  UNION SELECT l.case_id, l.id FROM a JOIN locations l ON l.case_id = a.case_id AND l.source_id = a.source_id AND l.attachment_native_id = a.native_id
$b$$f$, current_schema());
END $do$;

REVOKE ALL ON FUNCTION clew_legal_owned_filters() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_granted_filters() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_filtered_cases() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_filters(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_attachments() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_blobs() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_locations() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_threads() FROM PUBLIC;
ALTER TABLE legal_filters ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_filters FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON legal_filters;
CREATE POLICY clew_admin ON legal_filters TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON legal_filters;
CREATE POLICY clew_read ON legal_filters FOR SELECT USING (id = ANY ((SELECT clew_legal_granted_filters())::integer[])
  AND case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_owner ON legal_filters;
CREATE POLICY clew_owner ON legal_filters FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]));
ALTER TABLE legal_filter_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_filter_grants FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON legal_filter_grants;
CREATE POLICY clew_admin ON legal_filter_grants TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON legal_filter_grants;
CREATE POLICY clew_read ON legal_filter_grants FOR SELECT USING (user_id = clew_current_user());
DROP POLICY IF EXISTS clew_owner ON legal_filter_grants;
CREATE POLICY clew_owner ON legal_filter_grants FOR ALL USING (filter_id = ANY ((SELECT clew_legal_owned_filters())::integer[])) WITH CHECK (filter_id = ANY ((SELECT clew_legal_owned_filters())::integer[]));
ALTER TABLE legal_hidden ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_hidden FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON legal_hidden;
CREATE POLICY clew_admin ON legal_hidden TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_owner ON legal_hidden;
CREATE POLICY clew_owner ON legal_hidden FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]))
  WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]) AND filter_id = ANY ((SELECT clew_legal_owned_filters())::integer[]));
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON messages;
CREATE POLICY clew_admin ON messages TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON messages;
CREATE POLICY clew_read ON messages FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
DROP POLICY IF EXISTS clew_write ON messages;
CREATE POLICY clew_write ON messages FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE messages_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON messages_c7;
CREATE POLICY clew_admin ON messages_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON messages_c7;
CREATE POLICY clew_read ON messages_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
DROP POLICY IF EXISTS clew_write ON messages_c7;
CREATE POLICY clew_write ON messages_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE message_recipients ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_recipients FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON message_recipients;
CREATE POLICY clew_admin ON message_recipients TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON message_recipients;
CREATE POLICY clew_read ON message_recipients FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
DROP POLICY IF EXISTS clew_write ON message_recipients;
CREATE POLICY clew_write ON message_recipients FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE message_recipients_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_recipients_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON message_recipients_c7;
CREATE POLICY clew_admin ON message_recipients_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON message_recipients_c7;
CREATE POLICY clew_read ON message_recipients_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
DROP POLICY IF EXISTS clew_write ON message_recipients_c7;
CREATE POLICY clew_write ON message_recipients_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE mentions ENABLE ROW LEVEL SECURITY;
ALTER TABLE mentions FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON mentions;
CREATE POLICY clew_admin ON mentions TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON mentions;
CREATE POLICY clew_read ON mentions FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
DROP POLICY IF EXISTS clew_write ON mentions;
CREATE POLICY clew_write ON mentions FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h)) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
ALTER TABLE mentions_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE mentions_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON mentions_c7;
CREATE POLICY clew_admin ON mentions_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON mentions_c7;
CREATE POLICY clew_read ON mentions_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
DROP POLICY IF EXISTS clew_write ON mentions_c7;
CREATE POLICY clew_write ON mentions_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h)) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
ALTER TABLE translations ENABLE ROW LEVEL SECURITY;
ALTER TABLE translations FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON translations;
CREATE POLICY clew_admin ON translations TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON translations;
CREATE POLICY clew_read ON translations FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
DROP POLICY IF EXISTS clew_write ON translations;
CREATE POLICY clew_write ON translations FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h)) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
ALTER TABLE translations_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE translations_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON translations_c7;
CREATE POLICY clew_admin ON translations_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON translations_c7;
CREATE POLICY clew_read ON translations_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
DROP POLICY IF EXISTS clew_write ON translations_c7;
CREATE POLICY clew_write ON translations_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h)) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
ALTER TABLE saved_search_hits ENABLE ROW LEVEL SECURITY;
ALTER TABLE saved_search_hits FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON saved_search_hits;
CREATE POLICY clew_admin ON saved_search_hits TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON saved_search_hits;
CREATE POLICY clew_read ON saved_search_hits FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
DROP POLICY IF EXISTS clew_write ON saved_search_hits;
CREATE POLICY clew_write ON saved_search_hits FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h)) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
ALTER TABLE saved_search_hits_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE saved_search_hits_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON saved_search_hits_c7;
CREATE POLICY clew_admin ON saved_search_hits_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON saved_search_hits_c7;
CREATE POLICY clew_read ON saved_search_hits_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
DROP POLICY IF EXISTS clew_write ON saved_search_hits_c7;
CREATE POLICY clew_write ON saved_search_hits_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h)) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (case_id, message_id) NOT IN (SELECT h.case_id, h.message_id FROM clew_legal_hidden() h));
ALTER TABLE annotations ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotations FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON annotations;
CREATE POLICY clew_admin ON annotations TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON annotations;
CREATE POLICY clew_read ON annotations FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h)));
DROP POLICY IF EXISTS clew_write ON annotations;
CREATE POLICY clew_write ON annotations FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h))) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h)));
ALTER TABLE annotations_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotations_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON annotations_c7;
CREATE POLICY clew_admin ON annotations_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON annotations_c7;
CREATE POLICY clew_read ON annotations_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h)));
DROP POLICY IF EXISTS clew_write ON annotations_c7;
CREATE POLICY clew_write ON annotations_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h))) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h)));
ALTER TABLE annotation_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotation_events FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON annotation_events;
CREATE POLICY clew_admin ON annotation_events TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON annotation_events;
CREATE POLICY clew_read ON annotation_events FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h)));
DROP POLICY IF EXISTS clew_write ON annotation_events;
CREATE POLICY clew_write ON annotation_events FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h))) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h)));
ALTER TABLE annotation_events_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotation_events_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON annotation_events_c7;
CREATE POLICY clew_admin ON annotation_events_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON annotation_events_c7;
CREATE POLICY clew_read ON annotation_events_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h)));
DROP POLICY IF EXISTS clew_write ON annotation_events_c7;
CREATE POLICY clew_write ON annotation_events_c7 FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h))) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner,analyst}'))::integer[]) AND (item_type <> 'message' OR (case_id, item_key) NOT IN (SELECT h.case_id, h.message_id::text FROM clew_legal_hidden() h)));
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON attachments;
CREATE POLICY clew_admin ON attachments TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON attachments;
CREATE POLICY clew_read ON attachments FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.attachment_id FROM clew_legal_hidden_attachments() h));
DROP POLICY IF EXISTS clew_write ON attachments;
CREATE POLICY clew_write ON attachments FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE attachments_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON attachments_c7;
CREATE POLICY clew_admin ON attachments_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON attachments_c7;
CREATE POLICY clew_read ON attachments_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.attachment_id FROM clew_legal_hidden_attachments() h));
DROP POLICY IF EXISTS clew_write ON attachments_c7;
CREATE POLICY clew_write ON attachments_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE ocr_texts ENABLE ROW LEVEL SECURITY;
ALTER TABLE ocr_texts FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON ocr_texts;
CREATE POLICY clew_admin ON ocr_texts TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON ocr_texts;
CREATE POLICY clew_read ON ocr_texts FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, attachment_id) NOT IN (SELECT h.case_id, h.attachment_id FROM clew_legal_hidden_attachments() h));
DROP POLICY IF EXISTS clew_write ON ocr_texts;
CREATE POLICY clew_write ON ocr_texts FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE ocr_texts_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE ocr_texts_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON ocr_texts_c7;
CREATE POLICY clew_admin ON ocr_texts_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON ocr_texts_c7;
CREATE POLICY clew_read ON ocr_texts_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, attachment_id) NOT IN (SELECT h.case_id, h.attachment_id FROM clew_legal_hidden_attachments() h));
DROP POLICY IF EXISTS clew_write ON ocr_texts_c7;
CREATE POLICY clew_write ON ocr_texts_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE blobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE blobs FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON blobs;
CREATE POLICY clew_admin ON blobs TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON blobs;
CREATE POLICY clew_read ON blobs FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, sha256) NOT IN (SELECT h.case_id, h.sha256 FROM clew_legal_hidden_blobs() h));
DROP POLICY IF EXISTS clew_write ON blobs;
CREATE POLICY clew_write ON blobs FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE blobs_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE blobs_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON blobs_c7;
CREATE POLICY clew_admin ON blobs_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON blobs_c7;
CREATE POLICY clew_read ON blobs_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, sha256) NOT IN (SELECT h.case_id, h.sha256 FROM clew_legal_hidden_blobs() h));
DROP POLICY IF EXISTS clew_write ON blobs_c7;
CREATE POLICY clew_write ON blobs_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE locations ENABLE ROW LEVEL SECURITY;
ALTER TABLE locations FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON locations;
CREATE POLICY clew_admin ON locations TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON locations;
CREATE POLICY clew_read ON locations FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.location_id FROM clew_legal_hidden_locations() h));
DROP POLICY IF EXISTS clew_write ON locations;
CREATE POLICY clew_write ON locations FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE locations_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE locations_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON locations_c7;
CREATE POLICY clew_admin ON locations_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON locations_c7;
CREATE POLICY clew_read ON locations_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.location_id FROM clew_legal_hidden_locations() h));
DROP POLICY IF EXISTS clew_write ON locations_c7;
CREATE POLICY clew_write ON locations_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON conversations;
CREATE POLICY clew_admin ON conversations TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON conversations;
CREATE POLICY clew_read ON conversations FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.conversation_id FROM clew_legal_hidden_threads() h));
DROP POLICY IF EXISTS clew_write ON conversations;
CREATE POLICY clew_write ON conversations FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE conversations_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON conversations_c7;
CREATE POLICY clew_admin ON conversations_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON conversations_c7;
CREATE POLICY clew_read ON conversations_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.conversation_id FROM clew_legal_hidden_threads() h));
DROP POLICY IF EXISTS clew_write ON conversations_c7;
CREATE POLICY clew_write ON conversations_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE conversation_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_members FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON conversation_members;
CREATE POLICY clew_admin ON conversation_members TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON conversation_members;
CREATE POLICY clew_read ON conversation_members FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, conversation_id) NOT IN (SELECT h.case_id, h.conversation_id FROM clew_legal_hidden_threads() h));
DROP POLICY IF EXISTS clew_write ON conversation_members;
CREATE POLICY clew_write ON conversation_members FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE conversation_members_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_members_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON conversation_members_c7;
CREATE POLICY clew_admin ON conversation_members_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON conversation_members_c7;
CREATE POLICY clew_read ON conversation_members_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, conversation_id) NOT IN (SELECT h.case_id, h.conversation_id FROM clew_legal_hidden_threads() h));
DROP POLICY IF EXISTS clew_write ON conversation_members_c7;
CREATE POLICY clew_write ON conversation_members_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE edges ENABLE ROW LEVEL SECURITY;
ALTER TABLE edges FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON edges;
CREATE POLICY clew_admin ON edges TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON edges;
CREATE POLICY clew_read ON edges FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND case_id <> ALL ((SELECT clew_legal_filtered_cases())::integer[]));
DROP POLICY IF EXISTS clew_write ON edges;
CREATE POLICY clew_write ON edges FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE edges_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE edges_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON edges_c7;
CREATE POLICY clew_admin ON edges_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON edges_c7;
CREATE POLICY clew_read ON edges_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND case_id <> ALL ((SELECT clew_legal_filtered_cases())::integer[]));
DROP POLICY IF EXISTS clew_write ON edges_c7;
CREATE POLICY clew_write ON edges_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE edge_deltas ENABLE ROW LEVEL SECURITY;
ALTER TABLE edge_deltas FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON edge_deltas;
CREATE POLICY clew_admin ON edge_deltas TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON edge_deltas;
CREATE POLICY clew_read ON edge_deltas FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND case_id <> ALL ((SELECT clew_legal_filtered_cases())::integer[]));
DROP POLICY IF EXISTS clew_write ON edge_deltas;
CREATE POLICY clew_write ON edge_deltas FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE edge_deltas_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE edge_deltas_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON edge_deltas_c7;
CREATE POLICY clew_admin ON edge_deltas_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON edge_deltas_c7;
CREATE POLICY clew_read ON edge_deltas_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND case_id <> ALL ((SELECT clew_legal_filtered_cases())::integer[]));
DROP POLICY IF EXISTS clew_write ON edge_deltas_c7;
CREATE POLICY clew_write ON edge_deltas_c7 FOR ALL USING (false) WITH CHECK (false);
CREATE TABLE IF NOT EXISTS clew_case_selectors (
  key_sha256 bytea NOT NULL CHECK (length(key_sha256) = 32),
  case_id integer NOT NULL REFERENCES clew_cases (id) ON DELETE CASCADE,
  PRIMARY KEY (key_sha256, case_id)
);
CREATE INDEX IF NOT EXISTS clew_case_selectors_case ON clew_case_selectors (case_id);
CREATE TABLE IF NOT EXISTS clew_notifications (
  id bigserial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES clew_users (id) ON DELETE CASCADE,
  at bigint NOT NULL,
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('discovery')),
  looker_name text COLLATE "C" NOT NULL,
  looker_agency text COLLATE "C",
  from_case text COLLATE "C",
  case_name text COLLATE "C" NOT NULL,
  selector text COLLATE "C" NOT NULL,
  seen_at bigint
);
CREATE INDEX IF NOT EXISTS clew_notifications_user ON clew_notifications (user_id, id);
CREATE TABLE IF NOT EXISTS clew_discovery_budget (
  user_id integer PRIMARY KEY REFERENCES clew_users (id) ON DELETE CASCADE,
  hour bigint NOT NULL,
  used integer NOT NULL
);
ALTER TABLE clew_case_selectors ENABLE ROW LEVEL SECURITY;
ALTER TABLE clew_case_selectors FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON clew_case_selectors;
CREATE POLICY clew_admin ON clew_case_selectors TO CURRENT_USER USING (true) WITH CHECK (true);
ALTER TABLE clew_discovery_budget ENABLE ROW LEVEL SECURITY;
ALTER TABLE clew_discovery_budget FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON clew_discovery_budget;
CREATE POLICY clew_admin ON clew_discovery_budget TO CURRENT_USER USING (true) WITH CHECK (true);
ALTER TABLE clew_notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE clew_notifications FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON clew_notifications;
CREATE POLICY clew_admin ON clew_notifications TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON clew_notifications;
CREATE POLICY clew_read ON clew_notifications FOR SELECT USING (user_id = clew_current_user());
DROP POLICY IF EXISTS clew_seen ON clew_notifications;
CREATE POLICY clew_seen ON clew_notifications FOR UPDATE USING (user_id = clew_current_user()) WITH CHECK (user_id = clew_current_user());
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_discover(keys text[], from_case text)
    RETURNS TABLE (selector text, case_name text, owner_name text, owner_agency text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = %I, pg_temp AS $b$
    #variable_conflict use_column
    DECLARE
      me integer := clew_current_user();
      my_name text;
      my_agency text;
      readable integer[];
      spent integer;
      now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    BEGIN
      SELECT u.name, u.agency INTO my_name, my_agency FROM clew_users u WHERE u.id = me AND NOT u.disabled;
      IF my_name IS NULL OR keys IS NULL OR cardinality(keys) = 0 THEN RETURN; END IF;
      IF cardinality(keys) > 500 THEN
        RAISE EXCEPTION 'at most 500 selectors at a time' USING ERRCODE = 'CL400';
      END IF;
      IF EXISTS (SELECT 1 FROM unnest(keys) k WHERE k IS NULL OR length(k) > 530 OR k !~ '^(phone|email|iban|crypto|handle):.{3,}$') THEN
        RAISE EXCEPTION 'a selector is type:value of a type compared across cases' USING ERRCODE = 'CL400';
      END IF;
      readable := clew_team_cases('{owner,analyst,reader}');
      IF clew_discover.from_case IS NOT NULL AND NOT EXISTS (SELECT 1 FROM clew_cases c WHERE c.name = clew_discover.from_case AND c.id = ANY (readable)) THEN
        RAISE EXCEPTION 'not a case you may read' USING ERRCODE = 'CL400';
      END IF;
      INSERT INTO clew_discovery_budget AS b (user_id, hour, used) VALUES (me, now_ms / 3600000, cardinality(keys))
      ON CONFLICT (user_id) DO UPDATE SET used = CASE WHEN b.hour = excluded.hour THEN b.used + excluded.used ELSE excluded.used END, hour = excluded.hour
      RETURNING b.used INTO spent;
      IF spent > 5000 THEN
        RAISE EXCEPTION 'more than 5000 selectors looked up in an hour' USING ERRCODE = 'CL429';
      END IF;
      RETURN QUERY
      WITH hits AS (
        SELECT k.key AS selector, c.name AS case_name, o.id AS owner_id, o.name AS owner_name, o.agency AS owner_agency
        FROM (SELECT DISTINCT key FROM unnest(keys) AS key) k
        JOIN clew_case_selectors s ON s.key_sha256 = sha256(convert_to(k.key, 'UTF8'))
        JOIN clew_cases c ON c.id = s.case_id
        LEFT JOIN LATERAL (
          SELECT u.id, u.name, u.agency FROM clew_grants g JOIN clew_users u ON u.id = g.user_id
          WHERE g.case_id = c.id AND g.role = 'owner' AND NOT u.disabled
        ) o ON true
        WHERE s.case_id <> ALL (readable)
      ), told AS (
        INSERT INTO clew_notifications (user_id, at, kind, looker_name, looker_agency, from_case, case_name, selector)
        SELECT h.owner_id, now_ms, 'discovery', my_name, my_agency, clew_discover.from_case, h.case_name, h.selector FROM hits h
        WHERE h.owner_id IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM clew_notifications n WHERE n.user_id = h.owner_id AND n.selector = h.selector AND n.case_name = h.case_name
            AND n.looker_name = my_name AND n.from_case IS NOT DISTINCT FROM clew_discover.from_case AND n.at > now_ms - 86400000)
        RETURNING 1
      )
      SELECT h.selector, h.case_name, h.owner_name, h.owner_agency FROM hits h ORDER BY 1, 2, 3;
    END
    $b$$f$, current_schema());
END $do$;
REVOKE ALL ON FUNCTION clew_discover(text[], text) FROM PUBLIC;
CREATE OR REPLACE FUNCTION clew_legal_ids(j jsonb) RETURNS bigint[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT coalesce(array_agg(x::bigint), '{}') FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(j) = 'array' THEN j END) AS x
$f$;
CREATE OR REPLACE FUNCTION clew_legal_selection_ok(s jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT jsonb_typeof(s) = 'object' AND (SELECT count(*) FROM jsonb_object_keys(s)) = 1 AND CASE
    WHEN s ? 'accounts' THEN jsonb_typeof(s->'accounts') = 'array' AND jsonb_array_length(s->'accounts') BETWEEN 1 AND 10000
      AND NOT jsonb_path_exists(s, '$.accounts[*] ? (@.type() != "number")')
    WHEN s ? 'threads' THEN jsonb_typeof(s->'threads') = 'array' AND jsonb_array_length(s->'threads') BETWEEN 1 AND 10000
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
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_filter_rows() RETURNS TABLE (id integer, case_id integer, selection jsonb) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT f.id, f.case_id, f.selection FROM legal_filters f
  WHERE f.case_id = ANY (clew_team_cases('{owner,analyst,reader}'))
    AND NOT EXISTS (SELECT 1 FROM legal_filter_grants g WHERE g.filter_id = f.id AND g.user_id = clew_current_user())
$b$$f$, current_schema());
END $do$;
REVOKE ALL ON FUNCTION clew_legal_hidden_filter_rows() FROM PUBLIC;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_owned_filters() RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT coalesce(array_agg(f.id), '{}') FROM legal_filters f WHERE f.case_id = ANY (clew_team_cases('{owner}'))
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_granted_filters() RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT coalesce(array_agg(g.filter_id), '{}') FROM legal_filter_grants g WHERE g.user_id = clew_current_user()
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_filtered_cases() RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT coalesce(array_agg(DISTINCT f.case_id), '{}') FROM clew_legal_hidden_filter_rows() f
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_filters(c integer) RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT coalesce(array_agg(f.id ORDER BY f.id), '{}') FROM clew_legal_hidden_filter_rows() f WHERE f.case_id = c
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_threads() RETURNS TABLE (case_id integer, conversation_id bigint) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT DISTINCT c2.case_id, c2.id FROM clew_legal_hidden_filter_rows() f
  JOIN conversations c1 ON c1.case_id = f.case_id AND c1.id = ANY (clew_legal_ids(f.selection->'threads'))
  JOIN conversations c2 ON c2.case_id = c1.case_id AND c2.ref = c1.ref
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden() RETURNS TABLE (case_id integer, message_id bigint) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
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
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_attachments() RETURNS TABLE (case_id integer, attachment_id bigint, source_id bigint, native_id text, sha256 text) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT a.case_id, a.id, a.source_id, a.native_id, a.sha256 FROM (
    SELECT DISTINCT m.case_id, m.source_id, m.native_id FROM clew_legal_hidden() h JOIN messages m ON m.case_id = h.case_id AND m.id = h.message_id
    WHERE m.native_id IS NOT NULL) n
  JOIN attachments a ON a.case_id = n.case_id AND a.source_id = n.source_id AND a.message_native_id = n.native_id
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_blobs() RETURNS TABLE (case_id integer, sha256 text) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT DISTINCT h.case_id, h.sha256 FROM clew_legal_hidden_attachments() h
  WHERE h.sha256 IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM attachments a WHERE a.case_id = h.case_id AND a.sha256 = h.sha256
      AND (a.case_id, a.id) NOT IN (SELECT x.case_id, x.attachment_id FROM clew_legal_hidden_attachments() x))
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_locations() RETURNS TABLE (case_id integer, location_id bigint) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  WITH f AS MATERIALIZED (SELECT * FROM clew_legal_hidden_filter_rows()),
  n AS MATERIALIZED (SELECT DISTINCT m.case_id, m.source_id, m.native_id FROM clew_legal_hidden() h JOIN messages m ON m.case_id = h.case_id AND m.id = h.message_id
                          WHERE m.native_id IS NOT NULL),
  a AS MATERIALIZED (SELECT case_id, source_id, native_id FROM clew_legal_hidden_attachments())
  SELECT l.case_id, l.id FROM n JOIN locations l ON l.case_id = n.case_id AND l.source_id = n.source_id AND l.message_native_id = n.native_id
  UNION SELECT l.case_id, l.id FROM a JOIN locations l ON l.case_id = a.case_id AND l.source_id = a.source_id AND l.attachment_native_id = a.native_id
  UNION SELECT l.case_id, l.id FROM f JOIN locations l ON l.case_id = f.case_id AND l.account_id = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT l.case_id, l.id FROM f JOIN locations l ON l.case_id = f.case_id AND l.ts >= (f.selection->'window'->>'from')::bigint AND l.ts < (f.selection->'window'->>'to')::bigint
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_calls() RETURNS TABLE (case_id integer, call_id bigint) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  WITH f AS MATERIALIZED (SELECT * FROM clew_legal_hidden_filter_rows())
  SELECT c.case_id, c.id FROM f JOIN calls c ON c.case_id = f.case_id AND c.caller = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT c.case_id, c.id FROM f JOIN calls c ON c.case_id = f.case_id AND c.callee = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT c.case_id, c.id FROM f JOIN calls c ON c.case_id = f.case_id AND c.ts >= (f.selection->'window'->>'from')::bigint AND c.ts < (f.selection->'window'->>'to')::bigint
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_events() RETURNS TABLE (case_id integer, event_id bigint) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  WITH f AS MATERIALIZED (SELECT * FROM clew_legal_hidden_filter_rows())
  SELECT e.case_id, e.id FROM f JOIN events e ON e.case_id = f.case_id AND e.actor = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT e.case_id, e.id FROM f JOIN events e ON e.case_id = f.case_id AND e.subject = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT e.case_id, e.id FROM clew_legal_hidden_threads() t JOIN events e ON e.case_id = t.case_id AND e.conversation_id = t.conversation_id
  UNION SELECT e.case_id, e.id FROM f JOIN events e ON e.case_id = f.case_id AND e.ts >= (f.selection->'window'->>'from')::bigint AND e.ts < (f.selection->'window'->>'to')::bigint
$b$$f$, current_schema());
END $do$;

REVOKE ALL ON FUNCTION clew_legal_owned_filters() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_granted_filters() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_filtered_cases() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_filters(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_attachments() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_blobs() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_locations() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_threads() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_calls() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_events() FROM PUBLIC;
ALTER TABLE legal_filters ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_filters FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON legal_filters;
CREATE POLICY clew_admin ON legal_filters TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON legal_filters;
CREATE POLICY clew_read ON legal_filters FOR SELECT USING (id = ANY ((SELECT clew_legal_granted_filters())::integer[])
  AND case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_owner ON legal_filters;
CREATE POLICY clew_owner ON legal_filters FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]));
ALTER TABLE legal_filter_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_filter_grants FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON legal_filter_grants;
CREATE POLICY clew_admin ON legal_filter_grants TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON legal_filter_grants;
CREATE POLICY clew_read ON legal_filter_grants FOR SELECT USING (user_id = clew_current_user());
DROP POLICY IF EXISTS clew_owner ON legal_filter_grants;
CREATE POLICY clew_owner ON legal_filter_grants FOR ALL USING (filter_id = ANY ((SELECT clew_legal_owned_filters())::integer[])) WITH CHECK (filter_id = ANY ((SELECT clew_legal_owned_filters())::integer[]));
ALTER TABLE legal_hidden ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_hidden FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON legal_hidden;
CREATE POLICY clew_admin ON legal_hidden TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_owner ON legal_hidden;
CREATE POLICY clew_owner ON legal_hidden FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]))
  WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]) AND filter_id = ANY ((SELECT clew_legal_owned_filters())::integer[]));
ALTER TABLE calls ENABLE ROW LEVEL SECURITY;
ALTER TABLE calls FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON calls;
CREATE POLICY clew_admin ON calls TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON calls;
CREATE POLICY clew_read ON calls FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.call_id FROM clew_legal_hidden_calls() h));
DROP POLICY IF EXISTS clew_write ON calls;
CREATE POLICY clew_write ON calls FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE calls_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE calls_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON calls_c7;
CREATE POLICY clew_admin ON calls_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON calls_c7;
CREATE POLICY clew_read ON calls_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.call_id FROM clew_legal_hidden_calls() h));
DROP POLICY IF EXISTS clew_write ON calls_c7;
CREATE POLICY clew_write ON calls_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON events;
CREATE POLICY clew_admin ON events TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON events;
CREATE POLICY clew_read ON events FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.event_id FROM clew_legal_hidden_events() h));
DROP POLICY IF EXISTS clew_write ON events;
CREATE POLICY clew_write ON events FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE events_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE events_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON events_c7;
CREATE POLICY clew_admin ON events_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON events_c7;
CREATE POLICY clew_read ON events_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.event_id FROM clew_legal_hidden_events() h));
DROP POLICY IF EXISTS clew_write ON events_c7;
CREATE POLICY clew_write ON events_c7 FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE locations ENABLE ROW LEVEL SECURITY;
ALTER TABLE locations FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON locations;
CREATE POLICY clew_admin ON locations TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON locations;
CREATE POLICY clew_read ON locations FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.location_id FROM clew_legal_hidden_locations() h));
DROP POLICY IF EXISTS clew_write ON locations;
CREATE POLICY clew_write ON locations FOR ALL USING (false) WITH CHECK (false);
ALTER TABLE locations_c7 ENABLE ROW LEVEL SECURITY;
ALTER TABLE locations_c7 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON locations_c7;
CREATE POLICY clew_admin ON locations_c7 TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON locations_c7;
CREATE POLICY clew_read ON locations_c7 FOR SELECT USING (case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]) AND (case_id, id) NOT IN (SELECT h.case_id, h.location_id FROM clew_legal_hidden_locations() h));
DROP POLICY IF EXISTS clew_write ON locations_c7;
CREATE POLICY clew_write ON locations_c7 FOR ALL USING (false) WITH CHECK (false);
CREATE OR REPLACE FUNCTION clew_legal_ids(j jsonb) RETURNS bigint[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT coalesce(array_agg(x::bigint), '{}') FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(j) = 'array' THEN j END) AS x
$f$;
CREATE OR REPLACE FUNCTION clew_legal_selection_ok(s jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT jsonb_typeof(s) = 'object' AND (SELECT count(*) FROM jsonb_object_keys(s)) = 1 AND CASE
    WHEN s ? 'accounts' THEN jsonb_typeof(s->'accounts') = 'array' AND jsonb_array_length(s->'accounts') BETWEEN 1 AND 10000
      AND NOT jsonb_path_exists(s, '$.accounts[*] ? (@.type() != "number")')
    WHEN s ? 'threads' THEN jsonb_typeof(s->'threads') = 'array' AND jsonb_array_length(s->'threads') BETWEEN 1 AND 10000
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
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_filter_rows() RETURNS TABLE (id integer, case_id integer, selection jsonb) LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT f.id, f.case_id, f.selection FROM legal_filters f
  WHERE f.case_id = ANY (clew_team_cases('{owner,analyst,reader}'))
    AND NOT EXISTS (SELECT 1 FROM legal_filter_grants g WHERE g.filter_id = f.id AND g.user_id = clew_current_user())
$b$$f$, current_schema());
END $do$;
REVOKE ALL ON FUNCTION clew_legal_hidden_filter_rows() FROM PUBLIC;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_owned_filters() RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT coalesce(array_agg(f.id), '{}') FROM legal_filters f WHERE f.case_id = ANY (clew_team_cases('{owner}'))
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_granted_filters() RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT coalesce(array_agg(g.filter_id), '{}') FROM legal_filter_grants g WHERE g.user_id = clew_current_user()
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_filtered_cases() RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT coalesce(array_agg(DISTINCT f.case_id), '{}') FROM clew_legal_hidden_filter_rows() f
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_filters(c integer) RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
  SELECT coalesce(array_agg(f.id ORDER BY f.id), '{}') FROM clew_legal_hidden_filter_rows() f WHERE f.case_id = c
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_threads() RETURNS TABLE (case_id integer, conversation_id bigint) LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
#variable_conflict use_column
BEGIN
  IF NOT EXISTS (SELECT 1 FROM clew_legal_hidden_filter_rows()) THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT DISTINCT c2.case_id, c2.id FROM clew_legal_hidden_filter_rows() f
  JOIN conversations c1 ON c1.case_id = f.case_id AND c1.id = ANY (clew_legal_ids(f.selection->'threads'))
  JOIN conversations c2 ON c2.case_id = c1.case_id AND c2.ref = c1.ref;
END
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden() RETURNS TABLE (case_id integer, message_id bigint) LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
#variable_conflict use_column
BEGIN
  IF NOT EXISTS (SELECT 1 FROM clew_legal_hidden_filter_rows()) THEN
    RETURN;
  END IF;
  RETURN QUERY WITH f AS MATERIALIZED (SELECT * FROM clew_legal_hidden_filter_rows()),
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
  UNION SELECT m.case_id, m.id FROM o JOIN messages m ON m.case_id = o.case_id AND m.dup_of = o.id;
END
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_attachments() RETURNS TABLE (case_id integer, attachment_id bigint, source_id bigint, native_id text, sha256 text) LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
#variable_conflict use_column
BEGIN
  IF NOT EXISTS (SELECT 1 FROM clew_legal_hidden_filter_rows()) THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT a.case_id, a.id, a.source_id, a.native_id, a.sha256 FROM (
    SELECT DISTINCT m.case_id, m.source_id, m.native_id FROM clew_legal_hidden() h JOIN messages m ON m.case_id = h.case_id AND m.id = h.message_id
    WHERE m.native_id IS NOT NULL) n
  JOIN attachments a ON a.case_id = n.case_id AND a.source_id = n.source_id AND a.message_native_id = n.native_id;
END
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_blobs() RETURNS TABLE (case_id integer, sha256 text) LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
#variable_conflict use_column
BEGIN
  IF NOT EXISTS (SELECT 1 FROM clew_legal_hidden_filter_rows()) THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT DISTINCT h.case_id, h.sha256 FROM clew_legal_hidden_attachments() h
  WHERE h.sha256 IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM attachments a WHERE a.case_id = h.case_id AND a.sha256 = h.sha256
      AND (a.case_id, a.id) NOT IN (SELECT x.case_id, x.attachment_id FROM clew_legal_hidden_attachments() x));
END
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_locations() RETURNS TABLE (case_id integer, location_id bigint) LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
#variable_conflict use_column
BEGIN
  IF NOT EXISTS (SELECT 1 FROM clew_legal_hidden_filter_rows()) THEN
    RETURN;
  END IF;
  RETURN QUERY WITH f AS MATERIALIZED (SELECT * FROM clew_legal_hidden_filter_rows()),
  n AS MATERIALIZED (SELECT DISTINCT m.case_id, m.source_id, m.native_id FROM clew_legal_hidden() h JOIN messages m ON m.case_id = h.case_id AND m.id = h.message_id
                          WHERE m.native_id IS NOT NULL),
  a AS MATERIALIZED (SELECT case_id, source_id, native_id FROM clew_legal_hidden_attachments())
  SELECT l.case_id, l.id FROM n JOIN locations l ON l.case_id = n.case_id AND l.source_id = n.source_id AND l.message_native_id = n.native_id
  UNION SELECT l.case_id, l.id FROM a JOIN locations l ON l.case_id = a.case_id AND l.source_id = a.source_id AND l.attachment_native_id = a.native_id
  UNION SELECT l.case_id, l.id FROM f JOIN locations l ON l.case_id = f.case_id AND l.account_id = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT l.case_id, l.id FROM f JOIN locations l ON l.case_id = f.case_id AND l.ts >= (f.selection->'window'->>'from')::bigint AND l.ts < (f.selection->'window'->>'to')::bigint;
END
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_calls() RETURNS TABLE (case_id integer, call_id bigint) LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
#variable_conflict use_column
BEGIN
  IF NOT EXISTS (SELECT 1 FROM clew_legal_hidden_filter_rows()) THEN
    RETURN;
  END IF;
  RETURN QUERY WITH f AS MATERIALIZED (SELECT * FROM clew_legal_hidden_filter_rows())
  SELECT c.case_id, c.id FROM f JOIN calls c ON c.case_id = f.case_id AND c.caller = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT c.case_id, c.id FROM f JOIN calls c ON c.case_id = f.case_id AND c.callee = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT c.case_id, c.id FROM f JOIN calls c ON c.case_id = f.case_id AND c.ts >= (f.selection->'window'->>'from')::bigint AND c.ts < (f.selection->'window'->>'to')::bigint;
END
$b$$f$, current_schema());
END $do$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_legal_hidden_events() RETURNS TABLE (case_id integer, event_id bigint) LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
#variable_conflict use_column
BEGIN
  IF NOT EXISTS (SELECT 1 FROM clew_legal_hidden_filter_rows()) THEN
    RETURN;
  END IF;
  RETURN QUERY WITH f AS MATERIALIZED (SELECT * FROM clew_legal_hidden_filter_rows())
  SELECT e.case_id, e.id FROM f JOIN events e ON e.case_id = f.case_id AND e.actor = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT e.case_id, e.id FROM f JOIN events e ON e.case_id = f.case_id AND e.subject = ANY (clew_legal_ids(f.selection->'accounts'))
  UNION SELECT e.case_id, e.id FROM clew_legal_hidden_threads() t JOIN events e ON e.case_id = t.case_id AND e.conversation_id = t.conversation_id
  UNION SELECT e.case_id, e.id FROM f JOIN events e ON e.case_id = f.case_id AND e.ts >= (f.selection->'window'->>'from')::bigint AND e.ts < (f.selection->'window'->>'to')::bigint;
END
$b$$f$, current_schema());
END $do$;

REVOKE ALL ON FUNCTION clew_legal_owned_filters() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_granted_filters() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_filtered_cases() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_filters(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_attachments() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_blobs() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_locations() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_threads() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_calls() FROM PUBLIC;
REVOKE ALL ON FUNCTION clew_legal_hidden_events() FROM PUBLIC;
ALTER TABLE legal_filters ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_filters FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON legal_filters;
CREATE POLICY clew_admin ON legal_filters TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON legal_filters;
CREATE POLICY clew_read ON legal_filters FOR SELECT USING (id = ANY ((SELECT clew_legal_granted_filters())::integer[])
  AND case_id = ANY ((SELECT clew_team_cases('{owner,analyst,reader}'))::integer[]));
DROP POLICY IF EXISTS clew_owner ON legal_filters;
CREATE POLICY clew_owner ON legal_filters FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]));
ALTER TABLE legal_filter_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_filter_grants FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON legal_filter_grants;
CREATE POLICY clew_admin ON legal_filter_grants TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON legal_filter_grants;
CREATE POLICY clew_read ON legal_filter_grants FOR SELECT USING (user_id = clew_current_user());
DROP POLICY IF EXISTS clew_owner ON legal_filter_grants;
CREATE POLICY clew_owner ON legal_filter_grants FOR ALL USING (filter_id = ANY ((SELECT clew_legal_owned_filters())::integer[])) WITH CHECK (filter_id = ANY ((SELECT clew_legal_owned_filters())::integer[]));
ALTER TABLE legal_hidden ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_hidden FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON legal_hidden;
CREATE POLICY clew_admin ON legal_hidden TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_owner ON legal_hidden;
CREATE POLICY clew_owner ON legal_hidden FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]))
  WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]) AND filter_id = ANY ((SELECT clew_legal_owned_filters())::integer[]));
