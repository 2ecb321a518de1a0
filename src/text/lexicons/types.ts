/**
 * Lexicon data format (shared by drugs, weapons, explosives, watches, vehicles).
 *
 * Each group has a canonical value and surface terms per language. Terms are written in their
 * usual spelling; matching folds them with the normaliser (case, diacritics, Cyrillic → Latin),
 * so a Cyrillic spelling is only needed when its transliteration differs from the Latin one.
 *
 * Markers on a term string:
 *   `~term`  slang: an everyday word too (snow, white, grass); matched only in drug context
 *            (a number, a quantity unit or another drug term within a few tokens).
 *   `=term`  strict: the original text must contain the term without folding (case-insensitive),
 *            e.g. `=gun` must not match Turkish "gün".
 *   `term!`  never inflected (exact tokens only). Other terms accept case endings (kokain → kokaina).
 *   `^term`  capitalised: the first letter must be upper-case in the original (Mercedes, Tesla).
 */
export type LexLang = 'sr' | 'hr' | 'bs' | 'nl' | 'fr' | 'es' | 'pt' | 'ar' | 'sq' | 'tr' | 'en' | 'de' | 'it' | 'any';

export interface LexGroup {
  canonical: string;
  terms: Partial<Record<LexLang, string[]>>;
  /** Extra attributes copied to every mention of this group (make, model, brand, …). */
  attrs?: Record<string, string>;
}
