/**
 * Answers read from a case that change only when the case does (the index of its names, its
 * languages, its lexicon): a server keeps them in the state of each case it has open, dropped when
 * the case's change counter moves (src/server/case-state.ts, which registers itself here). Without a
 * keeper (the CLI) every call reads the case.
 */
export type AnswerKeeper = (store: object, family: string, load: () => Promise<unknown>) => Promise<unknown>;

let keeper: AnswerKeeper | null = null;

export function keepCaseAnswersWith(k: AnswerKeeper | null): void {
  keeper = k;
}

/** `load()`'s answer for `store`'s case, kept under `family` (see above), else read now. */
export function kept<T>(store: object, family: string, load: () => Promise<T>): Promise<T> {
  return keeper ? (keeper(store, family, load) as Promise<T>) : load();
}

/** The families kept (one answer each per case and change). */
export const KEPT = { refIndex: 'ref-index', languages: 'languages', lexicon: 'lexicon' } as const;
