/**
 * Entities found in the text and the analyst's code words in a PostgreSQL case, as the SQLite
 * case keeps them: a code word added applies to every message already in the case (candidates
 * from the full-text index, then the compiled matcher decides) and its mentions go when it is
 * removed. Text is ordered byte-wise (COLLATE "C"), as SQLite orders it.
 */
import { ClewError } from '../../model/errors.js';
import { compileLexicon } from '../../text/extract/codewords.js';
import type { EntityListOptions, EntityRow, LexiconEntry } from '../types.js';
import { lexiconTsquery } from './fts.js';
import { searchableSql } from './schema.js';
import { type PgReadCase, accountsByIds, all, transaction } from './read-util.js';

export async function entities(db: PgReadCase, opts: EntityListOptions): Promise<EntityRow[]> {
  const args: (string | number)[] = [db.caseId, opts.limit, opts.offset ?? 0];
  if (opts.type) args.push(opts.type);
  const rows = await all<Omit<EntityRow, 'accounts' | 'raw'>>(
    db.pool,
    `SELECT x.type, x.value, count(*) AS mentions, count(DISTINCT x.message_id) AS messages, min(m.ts) AS first, max(m.ts) AS last
     FROM mentions x JOIN messages m ON m.case_id = x.case_id AND m.id = x.message_id
     WHERE x.case_id = $1 ${opts.type ? 'AND x.type = $4' : ''}
     GROUP BY x.type, x.value ORDER BY mentions DESC, x.type COLLATE "C", x.value COLLATE "C" LIMIT $2 OFFSET $3`,
    args,
  );
  if (rows.length === 0) return [];
  // the spellings and the accounts of every listed entity, each in one query (not one per entity)
  const types = rows.map((r) => r.type);
  const values = rows.map((r) => r.value);
  const raws = await all<{ type: string; value: string; raw: string }>(
    db.pool,
    `SELECT type, value, raw FROM (
       SELECT x.type, x.value, x.raw, row_number() OVER (PARTITION BY x.type, x.value ORDER BY count(*) DESC, x.raw) AS rn
       FROM mentions x JOIN unnest($2::text[], $3::text[]) AS e(type, value) ON x.type = e.type AND x.value = e.value
       WHERE x.case_id = $1 GROUP BY x.type, x.value, x.raw) r
     WHERE rn <= 5 ORDER BY type, value, rn`,
    [db.caseId, types, values],
  );
  const accs = await all<{ type: string; value: string; id: number; n: number }>(
    db.pool,
    `SELECT type, value, id, n FROM (
       SELECT x.type, x.value, m.sender AS id, count(*) AS n, row_number() OVER (PARTITION BY x.type, x.value ORDER BY count(*) DESC, m.sender) AS rn
       FROM mentions x JOIN unnest($2::text[], $3::text[]) AS e(type, value) ON x.type = e.type AND x.value = e.value
       JOIN messages m ON m.case_id = x.case_id AND m.id = x.message_id
       WHERE x.case_id = $1 GROUP BY x.type, x.value, m.sender) r
     WHERE rn <= $4 ORDER BY type, value, rn`,
    [db.caseId, types, values, opts.accounts ?? 5],
  );
  const views = await accountsByIds(db, accs.map((a) => a.id));
  const key = (t: string, v: string) => `${t}\u0000${v}`;
  const rawBy = new Map<string, string[]>();
  for (const r of raws) (rawBy.get(key(r.type, r.value)) ?? rawBy.set(key(r.type, r.value), []).get(key(r.type, r.value))!).push(r.raw);
  const accBy = new Map<string, EntityRow['accounts']>();
  for (const a of accs)
    (accBy.get(key(a.type, a.value)) ?? accBy.set(key(a.type, a.value), []).get(key(a.type, a.value))!).push({ account: views.get(a.id)!, mentions: a.n });
  return rows.map((r) => ({ ...r, raw: rawBy.get(key(r.type, r.value)) ?? [], accounts: accBy.get(key(r.type, r.value)) ?? [] }));
}

export async function lexicon(db: PgReadCase): Promise<LexiconEntry[]> {
  const rows = await all<{ term: string; means: string; type: string | null; added_at: number }>(
    db.pool,
    'SELECT term, means, type, added_at FROM lexicon WHERE case_id = $1 ORDER BY term COLLATE "C"',
    [db.caseId],
  );
  return rows.map((r) => ({ term: r.term, means: r.means, type: r.type, addedAt: r.added_at }));
}

const CANDIDATES_PER_PAGE = 5000;

/**
 * Add or replace a code word and apply it to every message already in the case: candidates come
 * from the full-text index (the term's folded tokens, as a prefix of their stem for inflected
 * forms), then the compiled matcher decides. Returns how many mentions were stored.
 */
export async function addLexiconEntry(db: PgReadCase, entry: { term: string; means: string; type?: string }): Promise<{ mentions: number; messages: number }> {
  const matcher = compileLexicon([{ term: entry.term, means: entry.means, type: entry.type }]);
  const tsq = lexiconTsquery(entry.term);
  if (tsq === null) throw new ClewError('INVALID_ARGUMENT', 'a code word needs letters or digits');
  return transaction(
    db,
    async (c) => {
      await c.query(`DELETE FROM mentions WHERE case_id = $1 AND type = 'codeword' AND value = $2`, [db.caseId, entry.term]);
      await c.query(
        `INSERT INTO lexicon (case_id, term, means, type, added_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (case_id, term) DO UPDATE SET means = excluded.means, type = excluded.type`,
        [db.caseId, entry.term, entry.means, entry.type ?? null, Date.now()],
      );
      let mentions = 0;
      let messages = 0;
      for (let cursor = Number.MAX_SAFE_INTEGER; ; ) {
        const page = await all<{ id: number; body: string }>(
          c,
          `SELECT m.id, m.body FROM messages m WHERE m.case_id = $1 AND m.fts @@ $2::tsquery AND ${searchableSql('m', '$1')} AND m.dup_of IS NULL AND m.id < $3 ORDER BY m.id DESC LIMIT $4`,
          [db.caseId, tsq, cursor, CANDIDATES_PER_PAGE],
        );
        const cols: { id: number[]; type: string[]; start: number[]; end: number[]; raw: string[]; value: string[]; confidence: number[]; attrs: (string | null)[] } = {
          id: [], type: [], start: [], end: [], raw: [], value: [], confidence: [], attrs: [],
        };
        for (const row of page) {
          const found = matcher.extract(row.body);
          if (found.length > 0) messages++;
          for (const m of found) {
            cols.id.push(row.id);
            cols.type.push(m.type);
            cols.start.push(m.start);
            cols.end.push(m.end);
            cols.raw.push(m.raw);
            cols.value.push(m.value);
            cols.confidence.push(m.confidence);
            cols.attrs.push(m.attrs ? JSON.stringify(m.attrs) : null);
            mentions++;
          }
        }
        if (cols.id.length > 0)
          await c.query(
            `INSERT INTO mentions (case_id, message_id, type, start, "end", raw, value, confidence, attrs)
             SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::float8[], $9::text[])`,
            [db.caseId, cols.id, cols.type, cols.start, cols.end, cols.raw, cols.value, cols.confidence, cols.attrs],
          );
        if (page.length < CANDIDATES_PER_PAGE) break;
        cursor = page[page.length - 1]!.id;
      }
      return { mentions, messages };
    },
    'lexicon',
  );
}

export async function removeLexiconEntry(db: PgReadCase, term: string): Promise<boolean> {
  return transaction(
    db,
    async (c) => {
      await c.query(`DELETE FROM mentions WHERE case_id = $1 AND type = 'codeword' AND value = $2`, [db.caseId, term]);
      const r = await c.query('DELETE FROM lexicon WHERE case_id = $1 AND term = $2', [db.caseId, term]);
      return (r.rowCount ?? 0) > 0;
    },
    'lexicon',
  );
}
