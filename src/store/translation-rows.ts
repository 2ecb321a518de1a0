/**
 * Machine translations as the translations table holds them (schema/tables.ts), shared by the SQLite
 * and PostgreSQL implementations of TranslationPort: the row, its mapping and the checks a row must pass.
 */
import { ClewError } from '../model/errors.js';
import { indexText } from '../text/query/parse.js';
import type { StoredTranslation } from './types.js';

export interface TranslationDbRow {
  message_id: number | string;
  target: string;
  engine: string;
  pair: string;
  version: string;
  engine_version: string;
  source_lang: string;
  text: string;
  failure: string | null;
  failed: string | null;
  at: number | string;
  lexicon: string | null;
}

export function toStoredTranslation(r: TranslationDbRow): StoredTranslation {
  return {
    messageId: Number(r.message_id),
    target: r.target,
    engine: r.engine,
    pair: r.pair,
    version: r.version,
    engineVersion: r.engine_version,
    sourceLang: r.source_lang,
    text: r.text,
    failure: r.failure,
    failed: r.failed,
    at: Number(r.at),
    lexicon: parseLexicon(r.lexicon),
  };
}

/** The row's values in the table's column order (message_id … at). */
export function translationValues(t: StoredTranslation): (string | number | null)[] {
  return [t.messageId, t.target, t.engine, t.pair, t.version, t.engineVersion, t.sourceLang, t.text, t.failure, t.failed, t.at, lexiconJson(t.lexicon)];
}

/** The lexicon column: the code words as a JSON array (sorted, distinct), NULL when not recorded. */
export function lexiconJson(words: readonly string[] | null): string | null {
  return words === null ? null : JSON.stringify([...new Set(words)].sort());
}

function parseLexicon(s: string | null): string[] | null {
  if (s === null) return null;
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
  } catch {
    return null;
  }
}

/**
 * What a message's translations are indexed by for a search that includes them (SQLite translations_fts,
 * PostgreSQL translations.fts): each translation that did not fail, as index tokens of its target language
 * (a word of an English translation by its English stem too), one translation per line.
 */
export function translationIndexText(rows: readonly { text: string; target: string; failure: string | null }[]): string {
  return rows
    .filter((r) => r.failure === null && r.text !== '')
    .map((r) => indexText(r.text, r.target))
    .join('\n');
}

/** INVALID_ARGUMENT for a row that cannot be stored (no id, an empty key part). */
export function checkTranslation(t: StoredTranslation): void {
  if (!Number.isSafeInteger(t.messageId) || t.messageId < 1) throw new ClewError('INVALID_ARGUMENT', `not a message id: ${t.messageId}`);
  for (const k of ['target', 'engine', 'pair', 'version'] as const)
    if (typeof t[k] !== 'string' || t[k] === '') throw new ClewError('INVALID_ARGUMENT', `a stored translation needs its ${k}`, { message: t.messageId });
  if (!Number.isSafeInteger(t.at)) throw new ClewError('INVALID_ARGUMENT', `a stored translation needs its time`, { message: t.messageId });
  if (t.lexicon !== null && (!Array.isArray(t.lexicon) || t.lexicon.some((w) => typeof w !== 'string')))
    throw new ClewError('INVALID_ARGUMENT', 'a stored translation\'s lexicon is a list of words', { message: t.messageId });
}

export function messagesNotInCase(ids: readonly number[]): ClewError {
  return new ClewError('NOT_FOUND', `no message ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''} in this case`, { messages: ids.slice(0, 20).join(',') });
}
