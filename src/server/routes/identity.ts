/**
 * Identity routes: merge suggestions with their evidence, the side-by-side review of a pair, the
 * confirmed persons, and the analyst's decisions. The server's case handle is read-only; a
 * decision goes through a short-lived writable one (api/identity.ts `decide`), which moves the
 * case's change counter, so every answer the case's state keeps (case-state.ts) refreshes.
 */
import { z } from 'zod';
import { decide, defaultUser, identityList, type IdentityAction, type IdentitySuggestResult, MAX_SUGGESTIONS, reviewPair } from '../../api/identity.js';
import type { CaseStore } from '../../api/types.js';
import { ClewError } from '../../model/errors.js';
import { caseState } from '../case-state.js';
import { Reply } from '../jobs.js';
import { caseLocatorOf } from './jobs.js';
import type { Route } from '../route.js';
import { parseInput, queryObject, wholeNumber } from '../validate.js';
import type { IdentityDecideResponse, IdentityPersonsResponse, IdentityReviewResponse, IdentitySuggestionsResponse } from '../wire/identity.js';

export const DEFAULT_MIN_SCORE = 0.5;
const MAX_PAGE = 500;
const REF_CHARS = 300;

const score = z
  .string()
  .regex(/^(0(\.[0-9]{1,4})?|1(\.0{1,4})?)$/, { message: 'must be a number in [0, 1] (at most 4 decimals)' })
  .transform(Number);
const ref = z.string().trim().min(1, { message: 'is empty' }).max(REF_CHARS, { message: `is longer than ${REF_CHARS} characters` });
const text = (max: number) => z.string().trim().max(max, { message: `is longer than ${max} characters` });

const suggestionsQuery = z.strictObject({ limit: wholeNumber(1, MAX_PAGE).optional(), offset: wholeNumber(0, MAX_SUGGESTIONS).optional(), minScore: score.optional() });
const reviewQuery = z.strictObject({ a: ref, b: ref });
const personsQuery = z.strictObject({ decisions: wholeNumber(1, 1000).optional() });
const decideBody = z
  .strictObject({
    action: z.enum(['merge', 'reject', 'split', 'undo']),
    a: ref,
    b: ref.optional(),
    person: text(200).min(1, { message: 'is empty' }).optional(),
    why: text(2000).optional(),
  })
  .refine((d) => d.action === 'split' || d.b !== undefined, { message: 'merge, reject and undo need both accounts a and b', path: ['b'] })
  .refine((d) => d.action !== 'merge' || d.a !== d.b, { message: 'a and b are the same account', path: ['b'] });

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
  );
}

/** Who the decision log names for a decision taken in the workspace. */
export function workspaceUser(): string {
  return `${defaultUser()} (workspace)`;
}

export const IDENTITY_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/identity\/suggestions$/,
    async handle({ store, query }): Promise<IdentitySuggestionsResponse | Reply> {
      const q = parseInput(suggestionsQuery, queryObject(query));
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
    },
  },
  {
    method: 'GET',
    pattern: /^\/identity\/review$/,
    async handle({ store, query }): Promise<IdentityReviewResponse> {
      const q = parseInput(reviewQuery, queryObject(query));
      const r = await reviewPair(store, q.a, q.b);
      const of = new Set(r.a.contacts.map((c) => c.account.id));
      return { ...r, shared: r.b.contacts.map((c) => c.account.id).filter((id) => of.has(id)) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/identity\/persons$/,
    async handle({ store, query }): Promise<IdentityPersonsResponse> {
      const q = parseInput(personsQuery, queryObject(query));
      return identityList(store, { decisions: q.decisions ?? 50 });
    },
  },
  {
    method: 'POST',
    pattern: /^\/identity\/decide$/,
    async handle({ store, body }): Promise<IdentityDecideResponse> {
      const d = parseInput(decideBody, body ?? {});
      let act: IdentityAction;
      if (d.action === 'split') act = { action: 'split', account: d.a };
      else if (d.b === undefined) throw new ClewError('INVALID_ARGUMENT', 'b: is required', { parameter: 'b' });
      else if (d.action === 'merge') act = { action: 'merge', a: d.a, b: d.b, name: d.person };
      else act = { action: d.action, a: d.a, b: d.b };
      const result = await decide(caseLocatorOf(store), act, { by: workspaceUser(), why: d.why || undefined });
      // the decision moved the case's change counter: the kept answers (suggestions, person-level network) go
      return { result, generation: await caseState(store).sync() };
    },
  },
];
