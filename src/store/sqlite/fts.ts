/**
 * Compile a parsed query to an FTS5 MATCH expression. Every token is emitted as a quoted
 * string (with `"` doubled), so nothing the user typed can act as FTS5 syntax: operators exist
 * only where the parser put them.
 */
import type Database from 'better-sqlite3';
import { pruneAlternatives } from '../../text/query/alternatives.js';
import type { TextNode } from '../../text/query/ast.js';

function quote(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

/**
 * `dropNegatives`: leave out NOT branches (used when a later exact check applies them, since
 * excluding on folded text would also exclude texts that differ in case or accents).
 */
export function toFts(node: TextNode, dropNegatives = false): string {
  switch (node.kind) {
    case 'term': {
      // the word, or its stem token in a case language / its spelling in another script (parse.ts)
      const alts = [node.tokens[0]!, ...(node.alternatives ?? [])].map((t) => (node.prefix ? `${quote(t)}*` : quote(t)));
      return alts.length === 1 ? alts[0]! : `(${alts.join(' OR ')})`;
    }
    case 'phrase': {
      const all = [node.tokens, ...(node.stemPhrases ?? [])].map((p) => quote(p.join(' ')));
      return all.length === 1 ? all[0]! : `(${all.join(' OR ')})`;
    }
    case 'or':
      return `(${node.children.map((c) => toFts(c, dropNegatives)).join(' OR ')})`;
    case 'not':
      // only reachable inside an AND (the parser rejects queries that only exclude)
      return toFts(node.child, dropNegatives);
    case 'and': {
      const pos = node.children.filter((c) => c.kind !== 'not');
      const neg = node.children.filter((c): c is Extract<TextNode, { kind: 'not' }> => c.kind === 'not');
      let s = `(${pos.map((c) => toFts(c, dropNegatives)).join(' AND ')})`;
      if (!dropNegatives) for (const n of neg) s = `(${s} NOT ${toFts(n.child)})`;
      return s;
    }
  }
}

/** Evaluate a query against a text's tokens (for the exact mode's check of each candidate). */
export function matchesTokens(node: TextNode, tokens: string[]): boolean {
  switch (node.kind) {
    case 'term':
      return node.prefix ? tokens.some((t) => t.startsWith(node.tokens[0]!)) : tokens.includes(node.tokens[0]!);
    case 'phrase': {
      const p = node.tokens;
      outer: for (let i = 0; i + p.length <= tokens.length; i++) {
        for (let j = 0; j < p.length; j++) if (tokens[i + j] !== p[j]) continue outer;
        return true;
      }
      return false;
    }
    case 'or':
      return node.children.some((c) => matchesTokens(c, tokens));
    case 'and':
      return node.children.every((c) => matchesTokens(c, tokens));
    case 'not':
      return !matchesTokens(node.child, tokens);
  }
}

/**
 * Tokens the vocabulary look-up may judge: those FTS5's unicode61 tokenizer keeps as one token, as it is
 * (folded Latin letters and digits, Arabic letters, stem tokens' U+E000). Any other token is taken as
 * present (left in the query), so a difference between the tokenizer's idea of a letter and ours can
 * never drop a match.
 */
const VOCAB_SAFE = /^[a-z0-9\uE000\u0621-\u064a]+$/;
const MAX_KNOWN = 100_000;

/**
 * Which tokens the full-text index holds (pruneAlternatives' `present`), one index seek per distinct token:
 * a word is probed with the query FTS5 would run for it alone (MATCH '"token"' LIMIT 1: the first matching
 * row), a prefix with an fts5vocab table of type `instance` on messages_fts (in the connection's temp
 * schema, so no case file changes): the first term from the prefix on. (A prefix MATCH would merge the
 * documents of every term with that prefix; an fts5vocab table of type `row` would count every document of
 * the term: 90 ms for a word in 200k messages.) Answers are kept until the case file changes (PRAGMA
 * data_version for other connections' commits, total_changes() for this connection's).
 */
export class FtsVocabulary {
  private readonly firstRow: Database.Statement;
  private readonly firstTerm: Database.Statement;
  private readonly dataVersion: Database.Statement;
  private readonly changes: Database.Statement;
  /**
   * The answers so far, words and prefixes apart, keyed by the token itself: the parser hands the same
   * string objects again for a word it has seen (parse.ts remembers a word's alternatives), so a look-up
   * here hashes nothing new; a stemmed word in a case of many languages has 30 and more alternatives.
   */
  private readonly knownWords = new Map<string, boolean>();
  private readonly knownPrefixes = new Map<string, boolean>();
  private stamp = '';

  constructor(db: Database.Database) {
    db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.clew_fts_vocab USING fts5vocab(main, messages_fts, instance)');
    this.firstRow = db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? LIMIT 1').pluck();
    this.firstTerm = db.prepare('SELECT term FROM temp.clew_fts_vocab WHERE term >= ? LIMIT 1').pluck();
    this.dataVersion = db.prepare('PRAGMA main.data_version').pluck();
    this.changes = db.prepare('SELECT total_changes()').pluck();
  }

  /** `node` without the alternatives the index does not hold (pruneAlternatives). */
  prune(node: TextNode): TextNode {
    const stamp = `${this.dataVersion.get() as number}:${this.changes.get() as number}`;
    if (stamp !== this.stamp || this.knownWords.size + this.knownPrefixes.size > MAX_KNOWN) {
      this.forget();
      this.stamp = stamp;
    }
    return pruneAlternatives(node, (token, prefix) => this.present(token, prefix));
  }

  /** Forget every answer kept (the bench measures a query whose look-ups start cold). */
  forget(): void {
    this.knownWords.clear();
    this.knownPrefixes.clear();
  }

  private present(token: string, prefix: boolean): boolean {
    const known = prefix ? this.knownPrefixes : this.knownWords;
    let has = known.get(token);
    if (has === undefined) {
      if (!VOCAB_SAFE.test(token)) has = true;
      else if (prefix) {
        const term = this.firstTerm.get(token) as string | undefined;
        has = term !== undefined && term.startsWith(token);
      } else has = this.firstRow.get(quote(token)) !== undefined;
      known.set(token, has);
    }
    return has;
  }
}
