/**
 * Full-text search in PostgreSQL with the semantics of the SQLite case's FTS5 index
 * (src/store/sqlite/fts.ts): the same folded tokens (clew's own `indexTokens`, never a
 * PostgreSQL dictionary), the same query structure.
 *
 * - A message's document (writer.ts ftsVector) is a tsvector of its folded tokens WITH their
 *   positions (subject, a line break, then the body, as SQLite indexes it), so that phrases
 *   (`<->`, followed-by) work: PostgreSQL never matches `<->` on a vector without positions.
 * - A query is compiled to tsquery text in which every lexeme is a quoted literal (quotes and
 *   backslashes escaped), and passed as a bound parameter cast with `::tsquery`, which takes
 *   lexemes as they are (no parser, no dictionary): operators exist only where clew's query
 *   parser put them, so nothing a user types can act as tsquery syntax or reach the SQL.
 *
 * Limits of the PostgreSQL types (no effect on ordinary messages; FTS5 has none of them): a
 * lexeme is at most 2,047 bytes (a longer "word" is left out of the document and a query for
 * it matches nothing), positions go up to 16,383 (later tokens share that position, so a phrase
 * past it may match loosely), and a document holds at most 1 MB of distinct lexemes.
 */
import { ClewError } from '../../model/errors.js';
import type { TextNode } from '../../text/query/ast.js';
import { indexTokens } from '../../text/query/parse.js';

/** PostgreSQL's limit on a lexeme's bytes (tsearch/ts_type.h); the writer (writer.ts ftsVector) leaves longer tokens out. */
const MAX_LEXEME_BYTES = 2047;

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

function noSearch(): ClewError {
  return new ClewError('QUERY_SYNTAX', 'the search index could not run this query');
}

/** A lexeme no document holds (a space is in no token): what matches nothing, as FTS5's empty phrase "" does. */
const NEVER = quoteLexeme(' ');

function lexeme(token: string): string {
  // a token the document leaves out (writer.ts ftsVector) matches nothing
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
