-- the SQLite case schema (version 8): schema 5 as src/store/sqlite/schema.ts declared it before the tables were declared once (src/store/schema/tables.ts), with the annotation tables as the annotations branch wrote them by hand; then the translations table of schema 6, written by hand; then schema 7: translations.lexicon, the translations' full-text table and ocr_texts, written by hand; then schema 8: attachments.taken_at, written by hand
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  format TEXT NOT NULL,
  options TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  status TEXT NOT NULL CHECK (status IN ('partial', 'complete')),
  resume_offset INTEGER,
  resume_line INTEGER,
  items_done INTEGER NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  platform TEXT NOT NULL,
  handle TEXT NOT NULL,
  kind TEXT,
  display_name TEXT
);
CREATE INDEX accounts_handle ON accounts(handle COLLATE NOCASE);
CREATE INDEX accounts_display ON accounts(display_name COLLATE NOCASE);

CREATE TABLE contacts (
  owner INTEGER NOT NULL,
  contact INTEGER NOT NULL,
  name TEXT NOT NULL,
  source_id INTEGER NOT NULL,
  loc TEXT NOT NULL,
  PRIMARY KEY (owner, contact, name)
) WITHOUT ROWID;
CREATE INDEX contacts_contact ON contacts(contact);

CREATE TABLE devices (
  account_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  source_id INTEGER NOT NULL,
  loc TEXT NOT NULL,
  PRIMARY KEY (account_id, key, value)
) WITHOUT ROWID;

CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  ref TEXT NOT NULL,
  title TEXT,
  UNIQUE (source_id, ref)
);
CREATE TABLE conversation_members (
  conversation_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, account_id)
) WITHOUT ROWID;

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  loc TEXT NOT NULL,
  sender INTEGER NOT NULL,
  conversation_id INTEGER,
  channel TEXT NOT NULL,
  ts INTEGER NOT NULL,
  tz_offset INTEGER,
  ts_local TEXT,
  body TEXT NOT NULL,
  subject TEXT,
  native_id TEXT,
  reply_to TEXT,
  forwarded_from TEXT,
  flags INTEGER NOT NULL DEFAULT 0,
  dup_of INTEGER,
  lang TEXT,
  lang_conf REAL
);
CREATE INDEX messages_dup_of ON messages(dup_of) WHERE dup_of IS NOT NULL;

CREATE TABLE message_recipients (
  message_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  PRIMARY KEY (message_id, account_id)
) WITHOUT ROWID;

CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  loc TEXT NOT NULL,
  caller INTEGER NOT NULL,
  callee INTEGER NOT NULL,
  channel TEXT NOT NULL,
  ts INTEGER NOT NULL,
  tz_offset INTEGER,
  ts_local TEXT,
  duration REAL NOT NULL,
  lat REAL,
  lon REAL,
  native_id TEXT,
  dup_of INTEGER
);

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  loc TEXT NOT NULL,
  native_id TEXT NOT NULL,
  message_native_id TEXT,
  filename TEXT NOT NULL,
  mime TEXT,
  size INTEGER,
  sha256 TEXT,
  taken_at TEXT
);
CREATE INDEX attachments_message ON attachments(source_id, message_native_id);

CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  loc TEXT NOT NULL,
  kind TEXT NOT NULL,
  ts INTEGER NOT NULL,
  tz_offset INTEGER,
  ts_local TEXT,
  actor INTEGER,
  subject INTEGER,
  conversation_id INTEGER,
  text TEXT NOT NULL
);
CREATE INDEX events_ts ON events(ts);

CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  loc TEXT NOT NULL,
  kind TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  ts INTEGER,
  account_id INTEGER,
  message_native_id TEXT,
  attachment_native_id TEXT,
  label TEXT
);

CREATE TABLE edges (
  src INTEGER NOT NULL,
  dst INTEGER NOT NULL,
  channel TEXT NOT NULL,
  count INTEGER NOT NULL,
  first INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (src, dst, channel)
) WITHOUT ROWID;
CREATE INDEX edges_dst ON edges(dst);

CREATE INDEX IF NOT EXISTS calls_ts ON calls(ts);
CREATE TABLE IF NOT EXISTS edge_deltas (
  source_id INTEGER NOT NULL,
  src INTEGER NOT NULL,
  dst INTEGER NOT NULL,
  channel TEXT NOT NULL,
  count INTEGER NOT NULL,
  first INTEGER NOT NULL,
  last INTEGER NOT NULL
);


-- entity mentions in message text; spans are UTF-16 offsets into the original body
CREATE TABLE mentions (
  message_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  raw TEXT NOT NULL,
  value TEXT NOT NULL,
  confidence REAL NOT NULL,
  attrs TEXT
);

-- the analyst's code words (clew lexicon)
CREATE TABLE lexicon (
  term TEXT PRIMARY KEY,
  means TEXT NOT NULL,
  type TEXT,
  added_at INTEGER NOT NULL
);

CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  loc TEXT NOT NULL,
  line INTEGER,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  excerpt TEXT
);
CREATE INDEX quarantine_source ON quarantine(source_id, line);

CREATE VIRTUAL TABLE messages_fts USING fts5(
  text,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);
CREATE INDEX IF NOT EXISTS messages_sender ON messages(sender, id);
CREATE INDEX IF NOT EXISTS messages_conversation ON messages(conversation_id, id) WHERE conversation_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_native ON messages(source_id, native_id) WHERE native_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS message_recipients_account ON message_recipients(account_id, message_id);
CREATE INDEX IF NOT EXISTS calls_caller ON calls(caller, ts);
CREATE INDEX IF NOT EXISTS calls_callee ON calls(callee, ts);
CREATE INDEX IF NOT EXISTS mentions_message ON mentions(message_id);
CREATE INDEX IF NOT EXISTS mentions_value ON mentions(type, value, message_id);

CREATE TABLE IF NOT EXISTS persons (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  merged_into INTEGER
);
CREATE TABLE IF NOT EXISTS person_members (
  account_id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  decision_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS person_members_person ON person_members(person_id);
CREATE TABLE IF NOT EXISTS identity_decisions (
  id INTEGER PRIMARY KEY,
  action TEXT NOT NULL CHECK (action IN ('merge', 'split', 'reject', 'unreject')),
  accounts TEXT NOT NULL,
  person_id INTEGER,
  by TEXT NOT NULL,
  at INTEGER NOT NULL,
  why TEXT,
  score REAL,
  evidence TEXT
);
CREATE TABLE IF NOT EXISTS identity_rejections (
  a INTEGER NOT NULL,
  b INTEGER NOT NULL,
  decision_id INTEGER NOT NULL,
  PRIMARY KEY (a, b)
) WITHOUT ROWID;


CREATE TABLE IF NOT EXISTS watchlists (
  name TEXT PRIMARY KEY,
  added_at INTEGER NOT NULL,
  added_by TEXT NOT NULL,
  selector_count INTEGER NOT NULL,
  selectors TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS saved_searches (
  name TEXT PRIMARY KEY,
  query TEXT NOT NULL,
  mode TEXT NOT NULL,
  scope TEXT,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  runs INTEGER NOT NULL DEFAULT 0,
  last_run_at INTEGER,
  error_code TEXT,
  error TEXT,
  new_hits INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS saved_search_hits (
  search TEXT NOT NULL,
  message_id INTEGER NOT NULL,
  run INTEGER NOT NULL,
  PRIMARY KEY (search, message_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS annotation_events (
  id INTEGER PRIMARY KEY,
  item_type TEXT NOT NULL,
  item_key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('tag', 'note', 'star')),
  action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  words TEXT NOT NULL,
  by TEXT NOT NULL,
  at INTEGER NOT NULL,
  undoes INTEGER
);
CREATE INDEX IF NOT EXISTS annotation_events_item ON annotation_events(item_type, item_key, id);
CREATE INDEX IF NOT EXISTS annotation_events_undoes ON annotation_events(undoes) WHERE undoes IS NOT NULL;
CREATE TABLE IF NOT EXISTS annotations (
  item_type TEXT NOT NULL,
  item_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  words TEXT NOT NULL,
  by TEXT NOT NULL,
  at INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  PRIMARY KEY (item_type, item_key, kind, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS annotations_key ON annotations(kind, key, item_type, item_key);
CREATE TABLE IF NOT EXISTS translations (
  message_id INTEGER NOT NULL,
  target TEXT NOT NULL,
  engine TEXT NOT NULL,
  pair TEXT NOT NULL,
  version TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  source_lang TEXT NOT NULL,
  text TEXT NOT NULL,
  failure TEXT,
  failed TEXT,
  at INTEGER NOT NULL,
  lexicon TEXT,
  PRIMARY KEY (message_id, target, engine, pair, version)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE translations_fts USING fts5(
  text,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TABLE ocr_texts (
  attachment_id INTEGER PRIMARY KEY,
  engine TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  languages TEXT NOT NULL,
  data_versions TEXT NOT NULL,
  text TEXT NOT NULL,
  words TEXT NOT NULL,
  confidence REAL,
  orientation INTEGER,
  failure TEXT,
  failed TEXT,
  at INTEGER NOT NULL
);
