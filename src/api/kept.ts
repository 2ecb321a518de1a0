/**
 * Answers read from a case that change only when the case does (the index of its names, its
 * languages, its lexicon, the dossiers read): a server keeps them in the state of each case it has open, dropped when
 * the case's change counter moves (src/server/case-state.ts, which registers itself here). Without a
 * keeper (the CLI) every call reads the case.
 */
export type AnswerKeeper = (store: object, family: string, load: () => Promise<unknown>, by?: KeptBy) => Promise<unknown>;

/** Several answers of a family, one per `key` (what they depend on), the `keep` most recently used kept. */
export interface KeptBy {
  key: unknown;
  keep: number;
}

let keeper: AnswerKeeper | null = null;

export function keepCaseAnswersWith(k: AnswerKeeper | null): void {
  keeper = k;
}

/** `load()`'s answer for `store`'s case, kept under `family` (see above; `by`: one per key), else read now. */
export function kept<T>(store: object, family: string, load: () => Promise<T>, by?: KeptBy): Promise<T> {
  return keeper ? (keeper(store, family, load, by) as Promise<T>) : load();
}

/** The families kept (one answer each per case and change; dossiers one per subject and options: KEPT_DOSSIERS). */
export const KEPT = { refIndex: 'ref-index', languages: 'languages', lexicon: 'lexicon', dossier: 'dossier' } as const;

/** How many dossiers a case keeps (the most recently read). */
export const KEPT_DOSSIERS = 256;
