/** Entities found in a case, and the analyst's code-word lexicon. */
import type { EntityPort, EntityRow, LexiconEntry } from '../store/types.js';
import { ClewError } from '../model/errors.js';

export type { EntityRow, LexiconEntry };

export const ENTITY_TYPES = [
  'phone', 'email', 'iban', 'bic', 'crypto', 'coordinate', 'container', 'imo', 'vessel', 'money', 'drug_quantity',
  'drug', 'weapon', 'explosive', 'watch', 'vehicle', 'place', 'country', 'codeword',
] as const;

export async function listEntities(store: EntityPort, opts: { type?: string; limit?: number; offset?: number } = {}): Promise<EntityRow[]> {
  if (opts.type !== undefined && !(ENTITY_TYPES as readonly string[]).includes(opts.type))
    throw new ClewError('INVALID_ARGUMENT', `unknown entity type "${opts.type}"; known: ${ENTITY_TYPES.join(', ')}`);
  return store.entities({ type: opts.type, limit: Math.min(Math.max(opts.limit ?? 50, 1), 10_000), offset: Math.max(0, Math.floor(opts.offset ?? 0)) });
}

export async function addCodeword(store: EntityPort, term: string, means: string, type?: string): Promise<{ mentions: number; messages: number }> {
  if (term.trim() === '' || means.trim() === '') throw new ClewError('INVALID_ARGUMENT', 'a code word needs a term and a meaning (--means)');
  return store.addLexiconEntry({ term: term.trim(), means: means.trim(), type });
}

export async function removeCodeword(store: EntityPort, term: string): Promise<void> {
  if (!(await store.removeLexiconEntry(term.trim()))) throw new ClewError('NOT_FOUND', `"${term}" is not in the lexicon`);
}

export async function lexicon(store: EntityPort): Promise<LexiconEntry[]> {
  return store.lexicon();
}
