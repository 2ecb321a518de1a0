-- the PostgreSQL schema (version 5) and the partitions of case 7: schema 4 as src/store/postgres/schema.ts declared it before the tables were declared once (src/store/schema/tables.ts), with the annotation tables as the annotations branch wrote them by hand; then the translations table of schema 5, written by hand
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
INSERT INTO clew_meta (key, value) VALUES ('schema_version', '6');
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
