/**
 * Identity routes: merge suggestions with their evidence, the side-by-side review of a pair, the
 * confirmed persons, and the analyst's decisions. The server's case handle is read-only; a
 * decision goes through a short-lived writable one (api/identity.ts `decide`), which moves the
 * case's change counter, so every answer the case's state keeps (case-state.ts) refreshes.
 */
import { decide, defaultUser, identityList, type IdentityAction, type IdentitySuggestResult, reviewPair } from '../../api/identity.js';
import type { CaseStore } from '../../api/types.js';
import { ClewError } from '../../model/errors.js';
import { caseState } from '../case-state.js';
import * as api from '../contract/views.js';
import { Reply } from '../jobs.js';
import { defineRoute, type Route } from '../route.js';
import { caseLocatorOf } from './jobs.js';

export const DEFAULT_MIN_SCORE = 0.5;

/** How long GET /api/identity/suggestions waits for the suggestions before answering 202 with the job. */
export const SUGGEST_BUDGET_MS = 1500;

/**
 * Suggestions at a threshold, computed as a job (suggesting takes seconds on a big case) and kept
 * for the generation (CaseState.viaJob); a Reply 202 with the job while it still computes after `budgetMs`.
 */
export function suggestionsViaJob(store: CaseStore, threshold: number, budgetMs = SUGGEST_BUDGET_MS): Promise<IdentitySuggestResult | Reply> {
  return caseState(store).viaJob<IdentitySuggestResult>(
    'identity:suggest',
    threshold,
    { kind: 'identity', label: 'identity suggestions', task: (caseLocator) => ({ kind: 'identity', caseLocator, threshold }), failure: 'suggesting failed' },
    budgetMs,
    store,
  );
}

/** Who the decision log names for a decision taken in the workspace. */
export function workspaceUser(): string {
  return `${defaultUser()} (workspace)`;
}

export const IDENTITY_ROUTES: Route[] = [
  defineRoute(api.identitySuggestions, async ({ store, query: q }) => {
    const threshold = q.minScore ?? DEFAULT_MIN_SCORE;
    // 202 + the job while it computes in a worker thread (the client polls, then asks again)
    const r = await suggestionsViaJob(store, threshold);
    if (r instanceof Reply) return r;
    const offset = q.offset ?? 0;
    return {
      suggestions: r.suggestions.slice(offset, offset + (q.limit ?? 50)),
      total: r.suggestions.length,
      offset,
      threshold: r.threshold,
      pairsScored: r.pairsScored,
      allPairs: r.allPairs,
      handles: r.handles,
      blocking: r.blocking,
      seconds: Math.round(r.seconds * 1000) / 1000,
      generation: caseState(store).generation,
    };
  }),
  defineRoute(api.identityReview, async ({ store, query: q }) => {
    const r = await reviewPair(store, q.a, q.b);
    const of = new Set(r.a.contacts.map((c) => c.account.id));
    return { ...r, shared: r.b.contacts.map((c) => c.account.id).filter((id) => of.has(id)) };
  }),
  defineRoute(api.identityPersons, ({ store, query: q }) => identityList(store, { decisions: q.decisions ?? 50 })),
  defineRoute(api.identityDecide, async ({ store, body: d }) => {
    let act: IdentityAction;
    if (d.action === 'split') act = { action: 'split', account: d.a };
    else if (d.b === undefined) throw new ClewError('INVALID_ARGUMENT', 'b: is required', { parameter: 'b' });
    else if (d.action === 'merge') act = { action: 'merge', a: d.a, b: d.b, name: d.person };
    else act = { action: d.action, a: d.a, b: d.b };
    const result = await decide(caseLocatorOf(store), act, { by: workspaceUser(), why: d.why || undefined });
    // the decision moved the case's change counter: the kept answers (suggestions, person-level network) go
    return { result, generation: await caseState(store).sync() };
  }),
];
