// Wire types of the identity endpoints (see ../wire.ts). The server assigns the results of
// src/api/identity.ts to them, so the compiler keeps both in step. Names, handles and contact
// nicknames come from seized phones: render them as text only.
import type { DecideResult, HandleReview, IdentityDecision, PersonView, SuggestionView } from '../../api/identity.js';

export type { DecideResult as WireDecideResult, HandleReview as WireHandleReview, IdentityDecision as WireIdentityDecision, PersonView as WirePerson, SuggestionView as WireSuggestion };

/**
 * GET /api/identity/suggestions?limit=&offset=&minScore= : merge suggestions, best first, each
 * with its evidence (signal, weight, value, contribution). Rejected and already merged pairs are
 * never in it. Computed once per case generation (a decision starts a new one).
 */
export interface IdentitySuggestionsResponse {
  suggestions: SuggestionView[];
  /** Suggestions at or above `threshold` in all (the page is `offset`…`offset+limit`). */
  total: number;
  offset: number;
  threshold: number;
  /** Candidate pairs scored by blocking, out of `allPairs`. */
  pairsScored: number;
  allPairs: number;
  handles: number;
  blocking: { contacts: number; names: number; identifiers: number; statements: number };
  /** How long computing the suggestions took (seconds; the answer may come from the cache). */
  seconds: number;
  generation: number;
}

/** GET /api/identity/review?a=&b= : the two handles side by side (names, contacts, hours, first/last). */
export interface IdentityReviewResponse {
  a: HandleReview;
  b: HandleReview;
  /** Account ids both handles talk to. */
  shared: number[];
}

/** GET /api/identity/persons : confirmed persons with their accounts, and the latest decisions. */
export interface IdentityPersonsResponse {
  persons: PersonView[];
  decisions: IdentityDecision[];
}

/**
 * POST /api/identity/decide {action, a, b?, person?, why?}: `merge` a and b (as person `person`),
 * `reject` the pair (never suggested again), `split` a out of its person, `undo` the pair's latest
 * merge or rejection. Accounts by reference or `#id`. Logged with who (the workspace's OS user), when, why.
 */
export interface IdentityDecideRequest {
  action: 'merge' | 'reject' | 'split' | 'undo';
  a: string;
  b?: string;
  person?: string;
  why?: string;
}

export interface IdentityDecideResponse {
  result: DecideResult;
  /** The case generation after the decision (caches keyed by it refresh). */
  generation: number;
}
