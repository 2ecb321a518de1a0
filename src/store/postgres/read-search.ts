/**
 * Search in a PostgreSQL case, hit for hit as the SQLite case answers (src/store/sqlite/store.ts
 * search): the folded query runs on messages.fts (see fts.ts) newest first by the time-ordered
 * message id, every filter is a condition on the message, exact mode takes the folded
 * candidates and keeps those whose exact tokens match, paging is by id cursor, and the total is
 * counted up to a cap. Only first copies are searched (duplicates are left out), and a source's
 * words are searchable once it is complete (as schema.ts searchableSql says); a filter-only search reads every
 * stored message, as SQLite's does.
 */
import { ClewError } from '../../model/errors.js';
import type { SearchQuery } from '../../text/query/ast.js';
import { indexTokens } from '../../text/query/parse.js';
import { matchesTokens } from '../sqlite/fts.js';
import type { AccountView, LanguageCount, SearchHit, SearchOptions, SearchPage } from '../types.js';
import { refold } from '../../text/query/refold.js';
import { pruneAlternatives } from '../../text/query/alternatives.js';
import { documentText, toTsquery } from './fts.js';
import { ocrTextCondition } from '../ocr-rows.js';
import { listPersons } from './identity.js';
import { type AccountDbRow, type Param, type PgReadCase, all, idBound, one, pgCode, scalar, toAccount } from './read-util.js';
import { poolIdentity } from './team/scoped.js';

/**
 * Accounts named by a term: exact reference, else handle, else display name, case-insensitive for
 * ASCII letters only (SQLite's NOCASE): lower() under COLLATE "C" folds exactly those, and the
 * schema's indexes on lower(handle) and lower(display_name) answer it.
 */
export async function resolveAccounts(db: PgReadCase, term: string): Promise<AccountView[]> {
  const cols = 'id, ref, platform, handle, kind, display_name';
  for (const cond of ['ref = $2', 'lower(handle) = lower($2::text COLLATE "C")', 'lower(display_name) = lower($2::text COLLATE "C")']) {
    const rows = await all<AccountDbRow>(db.pool, `SELECT ${cols} FROM accounts WHERE case_id = $1 AND ${cond} ORDER BY id LIMIT 1000`, [db.caseId, term]);
    if (rows.length > 0) return rows.map(toAccount);
  }
  return [];
}

/** The member accounts of the persons `person:` terms name: a person id (`12`, `#12`, `person:12`), else a person name (case-insensitive). */
async function personAccountIds(db: PgReadCase, terms: string[], notes: string[]): Promise<number[]> {
  const persons = await listPersons(db);
  return terms.flatMap((t) => {
    const m = /^(?:#|person:)?(\d{1,15})$/.exec(t.trim());
    const low = t.trim().toLowerCase();
    const found = persons.filter((p) => (m ? p.id === Number(m[1]) : p.name.toLowerCase() === low));
    if (found.length === 0) notes.push(`person:${t} matches no person`);
    return found.flatMap((p) => p.accounts.map((a) => a.id));
  });
}

interface HitRow {
  id: number;
  ts: number;
  sender: number;
  conversation_id: number | null;
  body: string;
  subject: string | null;
  lang: string | null;
}

const EXACT_SCAN_CAP = 50_000;
/** The newest messages a page of words reads first, at least (see search). */
const RECENT_WINDOW = 5_000;

/**
 * The languages' answer per database pool and case (team mode opens a store per request, as its
 * user: the cache is kept per shared pool, see poolIdentity). The stamp is read as the caller, so a
 * caller who may not read the case never matches another's stamp; the counts are kept per set of legal
 * filters hiding messages from the caller (`hidden`), so users under different filters never share them.
 */
const languageCache = new WeakMap<object, Map<string, { stamp: string; rows: LanguageCount[] }>>();

/**
 * The case's languages with their message counts (first copies), as SQLite's store.languages answers.
 * `hidden`: the legal filters hiding messages from the caller (team mode), part of the cache's key.
 */
export async function languages(db: PgReadCase, hidden: readonly number[] = []): Promise<LanguageCount[]> {
  // the messages' languages change only as sources are written: their progress is the cache's key
  const stamp = JSON.stringify(
    await all(db.pool, `SELECT count(*), coalesce(sum(records), 0), coalesce(sum(items_done), 0), max(finished_at), string_agg(status, ',' ORDER BY id) FROM sources WHERE case_id = $1`, [
      db.caseId,
    ]),
  );
  const owner = poolIdentity(db.pool);
  let perCase = languageCache.get(owner);
  if (!perCase) languageCache.set(owner, (perCase = new Map()));
  const key = `${db.caseId}:${hidden.join(',')}`;
  const cached = perCase.get(key);
  if (cached?.stamp === stamp) return cached.rows;
  const rows = await all<LanguageCount>(
    db.pool,
    `SELECT lang, count(*) AS messages FROM messages WHERE case_id = $1 AND dup_of IS NULL GROUP BY lang ORDER BY lang IS NULL, count(*) DESC, lang COLLATE "C"`,
    [db.caseId],
  );
  perCase.set(key, { stamp, rows });
  return rows;
}

export async function search(db: PgReadCase, query: SearchQuery, opts: SearchOptions): Promise<SearchPage> {
  const notes: string[] = [];
  const args: Param[] = [db.caseId];
  const arg = (v: Param) => {
    args.push(v);
    return `$${args.length}`;
  };
  const where: string[] = ['m.case_id = $1', 'm.dup_of IS NULL'];
  const resolveAll = async (terms: string[], kind: string): Promise<number[] | null> => {
    if (terms.length === 0) return null;
    const ids: number[] = [];
    for (const t of terms) {
      const found = await resolveAccounts(db, t);
      if (found.length === 0) notes.push(`${kind}:${t} matches no account`);
      ids.push(...found.map((a) => a.id));
    }
    return ids;
  };
  const fromTerms = await resolveAll(query.from, 'from');
  const personAccounts = query.persons?.length ? await personAccountIds(db, query.persons, notes) : null;
  const from = fromTerms || personAccounts ? [...(fromTerms ?? []), ...(personAccounts ?? [])] : null;
  const to = await resolveAll(query.to, 'to');
  if ((from && from.length === 0) || (to && to.length === 0)) return { hits: [], nextCursor: null, notes };
  const exact = query.mode === 'exact' && query.text !== null;
  // the word's alternatives once, a prefix covered by a shorter one left out (SQLite also drops those its index does not hold)
  const tsq = query.text ? toTsquery(pruneAlternatives(exact ? refold(query.text, query.stemLangs) : query.text), exact) : null;
  // words: the full-text vectors of complete sources only (SQLite indexes a source when it completes).
  // The partial sources are read first and given as a value (usually none: no condition), so the
  // planner weighs the words' own frequency: a subquery's unknown list made it expect one hit
  // whatever the words, and plan every search as all matches sorted (seconds for a common word
  // at millions of messages) instead of the newest messages read until the page is full.
  // with translations (folded mode): the same conditions, the words on the messages' stored translations (translations.fts)
  let trCond: string | null = null;
  let tsqParam = '';
  let hasOcr = false;
  if (tsq !== null) {
    const q = arg(tsq);
    tsqParam = q;
    where.push(`m.fts @@ ${q}::tsquery`);
    if (query.translated && exact) notes.push('translations are searched in folded mode only: exact mode searched the originals');
    else if (query.translated) trCond = `m.id IN (SELECT t.message_id FROM translations t WHERE t.case_id = $1 AND t.fts @@ ${q}::tsquery)`;
    // with whether any image's text was read (the condition on it below): one round trip
    const pre = (await one<{ partial: number[]; ocr: boolean }>(
      db.pool,
      `SELECT (SELECT coalesce(json_agg(id), '[]'::json) FROM sources WHERE case_id = $1 AND status = 'partial') AS partial,
              EXISTS (SELECT 1 FROM ocr_texts WHERE case_id = $1 AND words <> '') AS ocr`,
      [db.caseId],
    ))!;
    hasOcr = pre.ocr;
    if (pre.partial.length > 0) where.push(`m.source_id <> ALL(${arg(pre.partial)}::bigint[])`);
  }
  if (from) where.push(`m.sender = ANY(${arg(from)}::bigint[])`);
  if (to)
    where.push(`EXISTS (SELECT 1 FROM message_recipients r WHERE r.case_id = m.case_id AND r.message_id = m.id AND r.account_id = ANY(${arg(to)}::bigint[]))`);
  if (query.after !== undefined) where.push(`m.id >= ${arg(idBound(query.after))}`);
  if (query.before !== undefined) where.push(`m.id < ${arg(idBound(query.before))}`);
  if (query.langs.length > 0) where.push(`m.lang = ANY(${arg(query.langs)}::text[])`);
  for (const e of query.entities) {
    if (e.value === undefined)
      where.push(`EXISTS (SELECT 1 FROM mentions x WHERE x.case_id = m.case_id AND x.message_id = m.id AND x.type = ${arg(e.type)})`);
    else {
      const v = arg(e.value);
      const own = `x.type = ${arg(e.type)} AND (x.value = ${v} OR x.raw = ${v})`;
      // also the code words whose meaning is the value (text/query/codewords.ts)
      const cond = e.codewords?.length ? `((${own}) OR (x.type = 'codeword' AND x.value = ANY(${arg(e.codewords)}::text[])))` : own;
      where.push(`EXISTS (SELECT 1 FROM mentions x WHERE x.case_id = m.case_id AND x.message_id = m.id AND ${cond})`);
    }
  }
  if (query.channels.length > 0) where.push(`m.channel = ANY(${arg(query.channels)}::text[])`);
  // tag: and note: (annotations.ts): the annotated messages, through the annotations' key index
  for (const t of query.tags ?? [])
    where.push(`m.id IN (SELECT a.item_key::bigint FROM annotations a WHERE a.case_id = m.case_id AND a.kind = 'tag' AND a.key = ${arg(t)} AND a.item_type = 'message')`);
  for (const w of query.noteWords ?? [])
    where.push(`m.id IN (SELECT a.item_key::bigint FROM annotations a WHERE a.case_id = m.case_id AND a.kind = 'note' AND a.item_type = 'message' AND strpos(' ' || a.words || ' ', ${arg(` ${w} `)}) > 0)`);
  // ocr: (ocr.ts): the messages with an image attachment whose recognised text holds the word
  for (const w of query.ocrWords ?? [])
    where.push(`EXISTS (SELECT 1 FROM attachments a JOIN ocr_texts o ON o.case_id = a.case_id AND o.attachment_id = a.id
      WHERE a.case_id = m.case_id AND a.source_id = m.source_id AND a.message_native_id = m.native_id AND strpos(' ' || o.words || ' ', ${arg(` ${w} `)}) > 0)`);
  // and the messages whose images' recognised text holds the words (folded mode; ocr-rows.ts ocrTextCondition)
  // its words are bound after the other queries' parameters (`at`: the first one's number), so no query holds a parameter it does not use
  const needles: string[] = [];
  let ocrCondAt: ((at: number) => string) | null = null;
  if (tsq !== null && !exact && query.text !== null && hasOcr) {
    const text = query.text;
    ocrTextCondition(text, (needle) => String(needles.push(needle)));
    ocrCondAt = (at) => {
      let i = at;
      const words = ocrTextCondition(text, () => `strpos(' ' || o.words || ' ', $${i++}::text) > 0`);
      // (the words' tsquery, bound for the originals' condition, is named so that its type is known)
      return `${tsqParam}::tsquery IS NOT NULL AND m.id IN (SELECT mm.id FROM ocr_texts o JOIN attachments a ON a.case_id = o.case_id AND a.id = o.attachment_id
      JOIN messages mm ON mm.case_id = a.case_id AND mm.source_id = a.source_id AND mm.native_id = a.message_native_id WHERE o.case_id = $1 AND o.words <> '' AND ${words})`;
    };
  }
  const pageSize = exact ? Math.max(opts.limit * 4, 200) : opts.limit + 1;
  const n = args.length;
  // A page, newest first. PostgreSQL either reads the newest messages until the page is full or
  // fetches every match and sorts; it picks by its estimate of the matches, which assumes words
  // spread evenly over time and independent of each other: a word used only in some weeks made
  // it read most of the case (450 ms for a word of 982 matches in 1M messages, against 36 ms for
  // fetching them), two words that go together made it fetch and sort 17,707 matches it expected
  // to be 294. So a page of words is read in two bounded steps: the words among the newest
  // messages (a window of them below the cursor); a full page there is the page (every message
  // outside it is older); else the matches are fetched and sorted, the order written so that no
  // index gives it (m.id + 0): fewer matches than the window suggests for the rest of the case.
  const cond = where.join(' AND ');
  const trWhere = trCond === null ? null : where.map((w) => (w.startsWith('m.fts @@ ') ? trCond! : w)).join(' AND ');
  const ocrWhereAt = ocrCondAt === null ? null : (at: number) => where.map((w) => (w.startsWith('m.fts @@ ') ? ocrCondAt!(at) : w)).join(' AND ');
  // each with the parameters it adds after the page's cursor and limit (or the count's cap)
  const extras: { where: (at: number) => string; params: Param[]; translation: boolean }[] = [
    ...(trWhere === null ? [] : [{ where: () => trWhere, params: [], translation: true }]),
    ...(ocrWhereAt === null ? [] : [{ where: ocrWhereAt, params: needles, translation: false }]),
  ];
  const cols = 'm.id, m.ts, m.sender, m.conversation_id, m.body, m.subject, m.lang';
  const window = Math.max(RECENT_WINDOW, pageSize * 25);
  const recentSql = `SELECT ${cols} FROM (SELECT * FROM messages m WHERE m.case_id = $1 AND m.id < $${n + 1} ORDER BY m.id DESC LIMIT ${window}) m
               WHERE ${cond} ORDER BY m.id DESC LIMIT $${n + 2}`;
  const sortedSql = `SELECT ${cols} FROM messages m WHERE ${cond} AND m.id < $${n + 1} ORDER BY ${tsq !== null ? '(m.id + 0)' : 'm.id'} DESC LIMIT $${n + 2}`;
  // Exact mode reads candidate pages until it has its hits: each fetch-and-sort reads every match
  // below the cursor, so a page at a time would read a common folded word's matches once per page
  // (seconds); the pages are fetched ahead instead, twice as many each time (their rows, their
  // order and where the loop stops are those of one page at a time).
  let ahead: HitRow[] = [];
  let aheadPages = 1;
  const readPage = async (before: number): Promise<HitRow[]> => {
    if (ahead.length > 0) return ahead.splice(0, pageSize);
    if (tsq !== null) {
      const recent = await all<HitRow>(db.pool, recentSql, [...args, before, pageSize]);
      if (recent.length === pageSize) return recent;
    }
    if (!exact) return all<HitRow>(db.pool, sortedSql, [...args, before, pageSize]);
    const pages = Math.min(aheadPages, Math.max(1, Math.ceil((EXACT_SCAN_CAP - scanned) / pageSize)));
    aheadPages *= 2;
    ahead = await all<HitRow>(db.pool, sortedSql, [...args, before, pages * pageSize]);
    return ahead.splice(0, pageSize);
  };
  const hits: HitRow[] = [];
  const viaTranslation = new Set<number>();
  let cursor = opts.cursor ?? Number.MAX_SAFE_INTEGER;
  let scanned = 0;
  let more = false;
  try {
    for (;;) {
      const rows = await readPage(cursor);
      for (const r of rows) {
        if (exact && !matchesTokens(query.text!, indexTokens(documentText(r.subject, r.body), 'exact'))) continue;
        hits.push(r);
      }
      scanned += rows.length;
      if (rows.length > 0) cursor = rows[rows.length - 1]!.id;
      if (!exact) {
        more = hits.length > opts.limit;
        break;
      }
      if (hits.length > opts.limit) {
        more = true;
        break;
      }
      if (rows.length < pageSize) break;
      if (scanned >= EXACT_SCAN_CAP) {
        more = true;
        notes.push('exact mode checked 50,000 candidates for this page; ask for the next page to continue');
        break;
      }
    }
    for (const x of extras) {
      // the translations' (images') page below the same cursor, merged with the originals' newest first (an id in both is the original's)
      const own = new Set(hits.map((h) => h.id));
      const extra = (
        await all<HitRow>(db.pool, `SELECT ${cols} FROM messages m WHERE ${x.where(n + 3)} AND m.id < $${n + 1} ORDER BY (m.id + 0) DESC LIMIT $${n + 2}`, [
          ...args,
          opts.cursor ?? Number.MAX_SAFE_INTEGER,
          opts.limit + 1,
          ...x.params,
        ])
      ).filter((r) => !own.has(r.id));
      if (x.translation) for (const r of extra) viaTranslation.add(r.id);
      hits.push(...extra);
      hits.sort((a, b) => b.id - a.id);
      more = hits.length > opts.limit;
    }
  } catch (e) {
    // 42601 syntax_error, 22023 invalid_parameter_value (tsquery): the query itself cannot run
    if (pgCode(e) === '42601' || pgCode(e) === '22023') throw new ClewError('QUERY_SYNTAX', 'the search index could not run this query', {}, { cause: e });
    throw e;
  }
  const page = hits.slice(0, opts.limit);
  // the hits' senders and conversation titles, in one round trip
  const accounts = new Map<number, AccountView>();
  const titles = new Map<number, string | null>();
  if (page.length > 0) {
    const convIds = [...new Set(page.map((h) => h.conversation_id).filter((c): c is number => c !== null))];
    const r = (await one<{ accounts: AccountDbRow[]; titles: { id: number; title: string | null }[] }>(
      db.pool,
      `SELECT (SELECT coalesce(json_agg(a), '[]'::json) FROM (SELECT id, ref, platform, handle, kind, display_name FROM accounts WHERE case_id = $1 AND id = ANY($2::bigint[])) a) AS accounts,
              (SELECT coalesce(json_agg(c), '[]'::json) FROM (SELECT id, title FROM conversations WHERE case_id = $1 AND id = ANY($3::bigint[])) c) AS titles`,
      [db.caseId, [...new Set(page.map((h) => h.sender))], convIds],
    ))!;
    for (const a of r.accounts) accounts.set(a.id, toAccount(a));
    for (const c of r.titles) titles.set(c.id, c.title);
  }
  const out: SearchHit[] = page.map((h) => ({
    id: h.id,
    ts: h.ts,
    sender: accounts.get(h.sender)!,
    conversationId: h.conversation_id,
    conversationTitle: h.conversation_id === null ? null : (titles.get(h.conversation_id) ?? null),
    body: h.body,
    lang: h.lang,
    ...(viaTranslation.has(h.id) ? { viaTranslation: true } : {}),
  }));
  const nextCursor = more ? (exact && hits.length <= opts.limit ? cursor : page[page.length - 1]!.id) : null;
  // the total, counted up to a cap, on the first page only (exact mode checks each hit: no count)
  let total: SearchPage['total'];
  if (opts.count !== undefined && opts.cursor === undefined && !exact) {
    const cap = Math.max(1, Math.floor(opts.count));
    if (nextCursor === null) total = { count: Math.min(page.length, cap), capped: page.length > cap };
    else {
      let at = n + 2;
      const extraWhere = extras.map((x) => {
        const w = x.where(at);
        at += x.params.length;
        return w;
      });
      const inner =
        extras.length === 0
          ? `SELECT 1 FROM messages m WHERE ${cond} LIMIT $${n + 1}`
          : `${[cond, ...extraWhere].map((c) => `SELECT m.id FROM messages m WHERE ${c}`).join(' UNION ')} LIMIT $${n + 1}`;
      const counted = (await scalar<number>(db.pool, `SELECT count(*) FROM (${inner}) t`, [...args, cap + 1, ...extras.flatMap((x) => x.params)])) ?? 0;
      total = { count: Math.min(counted, cap), capped: counted > cap };
    }
  }
  return { hits: out, nextCursor, notes, ...(total ? { total } : {}) };
}
