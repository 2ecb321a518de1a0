/**
 * Full-text search in PostgreSQL with the semantics of the SQLite case's FTS5 index
 * (src/store/sqlite/fts.ts): the same folded tokens (clew's own `indexTokens`, never a
 * PostgreSQL dictionary), the same query structure.
 *
 * - A message's document is a tsvector of its folded tokens WITH their positions (subject, a
 *   line break, then the body, as SQLite indexes it), so that phrases (`<->`, followed-by)
 *   work: `array_to_tsvector` would drop the positions, and PostgreSQL never matches `<->`
 *   on a vector without them.
 * - A query is compiled to tsquery text in which every lexeme is a quoted literal (quotes and
 *   backslashes escaped), and passed as a bound parameter cast with `::tsquery`, which takes
 *   lexemes as they are (no parser, no dictionary): operators exist only where clew's query
 *   parser put them, so nothing a user types can act as tsquery syntax or reach the SQL.
 *
 * Limits of the PostgreSQL types (no effect on ordinary messages): a lexeme is at most 2,047
 * bytes (a longer "word" is left out of the document and cannot be searched), positions go up
 * to 16,383 (later tokens share that position, so a phrase past it may match loosely), and a
 * document holds at most 1 MB of distinct lexemes (later new words are left out).
 */
import { ClewError } from '../../model/errors.js';
import type { TextNode } from '../../text/query/ast.js';
import { indexTokens } from '../../text/query/parse.js';

/** PostgreSQL's limits on a tsvector (tsearch/ts_type.h): lexeme bytes, position, total lexeme bytes. */
const MAX_LEXEME_BYTES = 2047;
const MAX_POSITION = 16383;
const MAX_DOCUMENT_BYTES = 1024 * 1024 - 1024;
const MAX_POSITIONS_PER_LEXEME = 255;

/** A lexeme as a tsvector / tsquery literal: single-quoted, `'` doubled, `\` escaped. */
export function quoteLexeme(token: string): string {
  return `'${token.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

function lexemeBytes(token: string): number {
  return Buffer.byteLength(token, 'utf8');
}

/** The text a message is indexed by, as SQLite's full-text rows hold it. */
export function documentText(subject: string | null | undefined, body: string): string {
  return subject !== undefined && subject !== null && subject !== '' ? `${subject}\n${body}` : body;
}

/**
 * The tsvector literal of a message (pass it as a parameter cast `::tsvector`): every folded
 * token with its 1-based positions. Null when the text has no token.
 */
export function documentVector(subject: string | null | undefined, body: string): string | null {
  const tokens = indexTokens(documentText(subject, body), 'folded');
  if (tokens.length === 0) return null;
  const positions = new Map<string, number[]>();
  let bytes = 0;
  tokens.forEach((t, i) => {
    let list = positions.get(t);
    if (!list) {
      const n = lexemeBytes(t);
      if (n > MAX_LEXEME_BYTES || bytes + n > MAX_DOCUMENT_BYTES) return;
      bytes += n;
      positions.set(t, (list = []));
    }
    const p = Math.min(i + 1, MAX_POSITION);
    if (list.length < MAX_POSITIONS_PER_LEXEME && list[list.length - 1] !== p) list.push(p);
  });
  if (positions.size === 0) return null;
  return [...positions].map(([t, ps]) => `${quoteLexeme(t)}:${ps.join(',')}`).join(' ');
}

function noSearch(): ClewError {
  return new ClewError('QUERY_SYNTAX', 'the search index could not run this query');
}

/** A lexeme no document holds (a space is in no token): what matches nothing, as FTS5's empty phrase "" does. */
const NEVER = quoteLexeme(' ');

function lexeme(token: string): string {
  // a token the document leaves out (see documentVector) matches nothing
  if (lexemeBytes(token) > MAX_LEXEME_BYTES) return NEVER;
  return quoteLexeme(token);
}

/**
 * Compile a parsed query to tsquery text, node for node as toFts compiles it to FTS5:
 * `dropNegatives` leaves out the NOT branches (exact mode applies them in its own check), a NOT
 * reached outside an AND stands for its child (as in FTS5), and an AND with nothing but
 * exclusions cannot run (FTS5 rejects it: QUERY_SYNTAX).
 */
export function toTsquery(node: TextNode, dropNegatives = false): string {
  switch (node.kind) {
    case 'term':
      // one token, as the parser makes it (SQLite's toFts reads the first)
      if (node.tokens.length === 0) return NEVER;
      return node.prefix ? `${lexeme(node.tokens[0]!)}:*` : lexeme(node.tokens[0]!);
    case 'phrase':
      // no token (an exact-mode word of marks only, folded away): FTS5's "" matches nothing
      if (node.tokens.length === 0) return NEVER;
      return node.tokens.length === 1 ? lexeme(node.tokens[0]!) : `(${node.tokens.map(lexeme).join(' <-> ')})`;
    case 'or':
      return `(${node.children.map((c) => toTsquery(c, dropNegatives)).join(' | ')})`;
    case 'not':
      return toTsquery(node.child, dropNegatives);
    case 'and': {
      const pos = node.children.filter((c) => c.kind !== 'not');
      const neg = node.children.filter((c): c is Extract<TextNode, { kind: 'not' }> => c.kind === 'not');
      if (pos.length === 0) throw noSearch();
      let s = `(${pos.map((c) => toTsquery(c, dropNegatives)).join(' & ')})`;
      if (!dropNegatives) for (const n of neg) s = `(${s} & !${toTsquery(n.child)})`;
      return s;
    }
  }
}

/** The tsquery of phrases any of which may match (identity resolution's statement prefilter). */
export function anyPhraseTsquery(phrases: readonly string[]): string | null {
  const parts = phrases.map((p) => indexTokens(p, 'folded')).filter((t) => t.length > 0);
  if (parts.length === 0) return null;
  return parts.map((t) => (t.length === 1 ? lexeme(t[0]!) : `(${t.map(lexeme).join(' <-> ')})`)).join(' | ');
}

/** The folded-index form of an exact-mode query (same structure, folded tokens), as the SQLite store builds it. */
export function refold(node: TextNode): TextNode {
  switch (node.kind) {
    case 'term':
    case 'phrase': {
      const tokens = indexTokens(node.raw, 'folded');
      return node.kind === 'term' && tokens.length === 1 ? { ...node, tokens } : { kind: 'phrase', raw: node.raw, tokens };
    }
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map(refold) };
    case 'not':
      return { kind: 'not', child: refold(node.child) };
  }
}

/** A code word's candidate query: each token as a prefix of its stem (kafa → kaf*), all of them (see addLexiconEntry). */
export function lexiconTsquery(term: string): string | null {
  const tokens = indexTokens(term, 'folded');
  if (tokens.length === 0) return null;
  return tokens.map((t) => (t.length > 3 ? `${lexeme(t.slice(0, Math.max(3, t.length - 2)))}:*` : lexeme(t))).join(' & ');
}
