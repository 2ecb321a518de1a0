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
import { lexiconCandidates } from '../../text/query/codewords.js';
import { phraseVariants } from '../../text/query/refold.js';

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
    case 'term': {
      // one token, as the parser makes it (SQLite's toFts reads the first), or one of its alternatives
      if (node.tokens.length === 0) return NEVER;
      const alts = [node.tokens[0]!, ...(node.alternatives ?? [])].map((t) => (node.prefix ? `${lexeme(t)}:*` : lexeme(t)));
      return alts.length === 1 ? alts[0]! : `(${alts.join(' | ')})`;
    }
    case 'phrase': {
      // no token (an exact-mode word of marks only, folded away): FTS5's "" matches nothing
      if (node.tokens.length === 0) return NEVER;
      const all = [node.tokens, ...(node.stemPhrases ?? [])].map(phraseTsquery);
      return all.length === 1 ? all[0]! : `(${all.join(' | ')})`;
    }
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

function phraseTsquery(tokens: readonly string[]): string {
  return tokens.length === 1 ? lexeme(tokens[0]!) : `(${tokens.map(lexeme).join(' <-> ')})`;
}

/**
 * The tsquery of phrases any of which may match (identity resolution's statement prefilter): each as
 * a message of any language holds it (its stem tokens in a stemmed language: refold.ts phraseVariants).
 */
export function anyPhraseTsquery(phrases: readonly string[]): string | null {
  const parts = phrases.flatMap((p) => phraseVariants(p));
  if (parts.length === 0) return null;
  return parts.map(phraseTsquery).join(' | ');
}

/** A code word's candidate query (text/query/codewords.ts lexiconCandidates: kafa → kaf*, or its stem tokens), as SQLite's addLexiconEntry runs it. */
export function lexiconTsquery(term: string): string | null {
  const tokens = lexiconCandidates(term);
  if (tokens.length === 0) return null;
  return tokens.map((alts) => `(${alts.map((a) => (a.prefix ? `${lexeme(a.text)}:*` : lexeme(a.text))).join(' | ')})`).join(' & ');
}
