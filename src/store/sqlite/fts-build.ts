/**
 * Building a source's full-text rows. A completing source is indexed in one statement
 * (ftsRowsSql). On the first load into a case, the threaded writer has it built in a side file
 * by a second thread while it builds the read-side indexes itself (SQLite has one writer per
 * file, and the two are the largest costs of completing a source, about 2 s each per 1M
 * messages), then copies the side index into the case's still empty one, in the transaction
 * that completes the source (adoptSideFts).
 *
 * The copy is of FTS5's own tables (messages_fts_data, _idx, _docsize, _config): the side
 * index is made by the same SQLite from the case's own table definition, so its rows are
 * exactly those an in-place build writes (fts-build.test.ts compares them). It needs
 * better-sqlite3's unsafe mode, since FTS5 guards those tables, and a connection that has not
 * read the case's index before (FTS5 caches its structure per connection).
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { indexText } from '../../text/query/parse.js';
import { STEMMED_LANGUAGES } from '../../text/stem/stem.js';

/**
 * The SQL function the full-text rows use for everything that is not plain ASCII in a language
 * without a stemmer: the message's index tokens (parse.ts indexText: folded words, and in a
 * language with a stemmer the stem tokens in place of its words), joined by spaces.
 */
export function registerFtsText(db: Database.Database): void {
  db.function('clew_fts_text', { deterministic: true }, (subject: unknown, body: unknown, lang: unknown) =>
    indexText(typeof subject === 'string' && subject !== '' ? `${subject}\n${String(body)}` : String(body), typeof lang === 'string' ? lang : null),
  );
}

/** The stemmed languages as an SQL list (our own two-letter codes, checked). */
const STEMMED_SQL = STEMMED_LANGUAGES.map((l) => {
  if (!/^[a-z]{2,3}$/.test(l)) throw new Error(`bad language code ${l}`);
  return `'${l}'`;
}).join(',');

/** The expression of a message row's full-text text (columns subject, body, lang). */
export const FTS_TEXT_SQL = `CASE WHEN subject IS NULL AND length(body) = octet_length(body) AND (lang IS NULL OR lang NOT IN (${STEMMED_SQL}))
            THEN body ELSE clew_fts_text(subject, body, lang) END`;

/**
 * One source's full-text rows (its first copies), into `target`. An ASCII body (as many bytes
 * as characters) of a message whose language has no stemmer is indexed as it is: the
 * tokenizer's own case folding then gives the tokens normalise would (fts.test.ts), without a
 * call into JavaScript.
 */
export function ftsRowsSql(target: string): string {
  return `INSERT INTO ${target} (rowid, text)
          SELECT id, ${FTS_TEXT_SQL}
          FROM main.messages WHERE source_id = ? AND dup_of IS NULL`;
}

/** Where a source's side index is built: next to the case, removed once adopted. */
export function sideFtsPath(casePath: string, sourceId: number): string {
  return `${casePath}.fts-${sourceId}.tmp`;
}

/**
 * Build the source's full-text rows into a fresh side file, reading the case through its own
 * connection (a WAL reader: the writer goes on meanwhile). Returns false, building nothing,
 * when the case's index already holds rows (then the side index could not be adopted).
 */
export function buildSideFts(casePath: string, sourceId: number, sidePath: string): boolean {
  rmSync(sidePath, { force: true });
  // not fileMustExist: its open flags would be the attached side file's too, which must be created
  const db = new Database(casePath);
  try {
    db.pragma('busy_timeout = 10000');
    db.pragma('cache_size = -16384'); // it reads the messages once, in order: a small cache does
    if (db.prepare('SELECT 1 FROM messages_fts_docsize LIMIT 1').get() !== undefined) return false;
    const sql = db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'messages_fts'`).pluck().get() as string;
    db.prepare('ATTACH ? AS fts_side').run(sidePath);
    // a scratch file: it is rebuilt from scratch if anything stops before it is adopted
    db.pragma('fts_side.journal_mode = OFF');
    db.pragma('fts_side.synchronous = OFF');
    db.exec(sql.replace(/^CREATE VIRTUAL TABLE messages_fts\b/, 'CREATE VIRTUAL TABLE fts_side.messages_fts'));
    registerFtsText(db);
    db.prepare(ftsRowsSql('fts_side.messages_fts')).run(sourceId);
    return true;
  } finally {
    db.close();
  }
}

/**
 * Inside a write transaction on a connection with the side file attached as fts_side and
 * unsafe mode on: replace the case's empty index by the side one. Returns false, changing
 * nothing, when the case's index is not empty (another source completed meanwhile).
 */
export function adoptSideFts(db: Database.Database): boolean {
  if (db.prepare('SELECT 1 FROM main.messages_fts_docsize LIMIT 1').get() !== undefined) return false;
  const tables = db
    .prepare(`SELECT name FROM fts_side.sqlite_schema WHERE type = 'table' AND name LIKE 'messages\\_fts\\_%' ESCAPE '\\' ORDER BY name`)
    .pluck()
    .all() as string[];
  for (const t of tables) {
    db.exec(`DELETE FROM main."${t}"`);
    db.exec(`INSERT INTO main."${t}" SELECT * FROM fts_side."${t}"`);
  }
  return true;
}
