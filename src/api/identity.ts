/**
 * Identity resolution for the CLI and the server: suggestions with their evidence, the analyst's
 * decisions (merge, split, reject, unreject — each logged with who, when and why) and the review
 * detail of a pair. Decisions open the case writable for the decision only (`decide`), so the
 * server can keep its long-lived read-only handle.
 */
import { userInfo } from 'node:os';
import { STATEMENT_PHRASES, THIRD_PARTY_PHRASES } from '../identity/signal-statements.js';
import { suggest, type SuggestOptions } from '../identity/suggest.js';
import type { Evidence } from '../identity/types.js';
import { ClewError } from '../model/errors.js';
import { expectOne } from '../identity/resolve-ref.js';
import { resolveSubjects } from './resolve.js';
import type { AccountView, IdentityDecision, IdentityPort, NetworkPort, PersonView, SearchPort } from '../store/types.js';
import { withCase } from './case.js';

export type { Evidence, PersonView, IdentityDecision };

export interface SuggestionView {
  a: AccountView;
  b: AccountView;
  score: number;
  logOdds: number;
  evidence: Evidence[];
}

export interface IdentitySuggestResult {
  /** The best `limit` suggestions. */
  suggestions: SuggestionView[];
  /** How many pairs scored at least the threshold, shown or not. */
  total: number;
  /** Candidate pairs scored (blocking), out of `allPairs`. */
  pairsScored: number;
  allPairs: number;
  handles: number;
  threshold: number;
  blocking: { contacts: number; names: number; identifiers: number; statements: number };
  seconds: number;
}

export interface IdentitySuggestOptions extends SuggestOptions {
  /** At most this many suggestions (best first); default 100. */
  limit?: number;
}

export const MAX_SUGGESTIONS = 100_000;

export async function identitySuggest(store: IdentityPort & NetworkPort, opts: IdentitySuggestOptions = {}): Promise<IdentitySuggestResult> {
  const t0 = performance.now();
  const data = await store.identity().data([...STATEMENT_PHRASES, ...THIRD_PARTY_PHRASES]);
  const r = suggest(data, opts);
  const limit = Math.min(opts.limit ?? 100, MAX_SUGGESTIONS);
  const byId = new Map(data.handles.map((h) => [h.id, h]));
  const view = (id: number): AccountView => {
    const h = byId.get(id);
    if (!h) throw new ClewError('NOT_FOUND', `no account ${id}`, { id });
    return { id: h.id, ref: h.ref, platform: h.ref.split(':')[0] ?? '', handle: h.handle, kind: null, displayName: h.displayName };
  };
  const accounts = new Map<number, AccountView>();
  for await (const chunk of store.accounts()) for (const a of chunk) if (byId.has(a.id)) accounts.set(a.id, a);
  return {
    suggestions: r.suggestions.slice(0, limit).map((s) => ({ a: accounts.get(s.a) ?? view(s.a), b: accounts.get(s.b) ?? view(s.b), score: s.score, logOdds: s.logOdds, evidence: s.evidence })),
    total: r.suggestions.length,
    pairsScored: r.pairsScored,
    allPairs: (r.handles * (r.handles - 1)) / 2,
    handles: r.handles,
    threshold: r.threshold,
    blocking: r.blocking,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** One account named by reference, handle, display name or `#id`; NOT_FOUND / AMBIGUOUS otherwise. */
export async function resolveOne(store: SearchPort & NetworkPort & IdentityPort, term: string): Promise<AccountView> {
  const m = /^#(\d+)$/.exec(term);
  if (m) {
    const a = (await store.accountsByIds([Number(m[1])])).get(Number(m[1]));
    if (a) return a;
    throw new ClewError('NOT_FOUND', `no account ${term}`, { term });
  }
  // the one resolver; a decision is about accounts, so a person stands for its accounts here
  const subjects = await resolveSubjects(store, term);
  const found = subjects.flatMap((x) => (x.kind === 'person' ? x.person.accounts.map((a) => ({ kind: 'account' as const, account: a, label: a.displayName ?? a.handle, how: x.how })) : [x]));
  const one = expectOne(term, found);
  return (one.kind === 'account' ? one.account : one.person.accounts[0]!) as AccountView;
}

export type IdentityAction =
  | { action: 'merge'; a: string; b: string; name?: string }
  | { action: 'split'; account: string }
  | { action: 'reject'; a: string; b: string }
  | { action: 'unreject'; a: string; b: string }
  /** Undo the latest merge or rejection of the pair: a merge by splitting `b` out, a rejection by lifting it. */
  | { action: 'undo'; a: string; b: string };

export interface DecideOptions {
  /** Who decides; default: the OS user. */
  by?: string;
  why?: string;
  score?: number;
  evidence?: unknown;
}

export type DecideResult =
  | { action: 'merge'; person: PersonView }
  | { action: 'split'; account: AccountView; person: number; remaining: number }
  | { action: 'reject'; a: AccountView; b: AccountView; decision: number }
  | { action: 'unreject'; a: AccountView; b: AccountView; removed: boolean };

export function defaultUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** Apply a decision to an open, writable case. */
export async function decideIn(store: IdentityPort & SearchPort & NetworkPort, act: IdentityAction, opts: DecideOptions = {}): Promise<DecideResult> {
  const d = { by: opts.by ?? defaultUser(), why: opts.why, score: opts.score, evidence: opts.evidence };
  const id = store.identity();
  switch (act.action) {
    case 'merge': {
      const a = await resolveOne(store, act.a);
      const b = await resolveOne(store, act.b);
      return { action: 'merge', person: await id.merge(a.id, b.id, { ...d, name: act.name }) };
    }
    case 'split': {
      const a = await resolveOne(store, act.account);
      return { action: 'split', account: a, ...(await id.split(a.id, d)) };
    }
    case 'reject': {
      const a = await resolveOne(store, act.a);
      const b = await resolveOne(store, act.b);
      return { action: 'reject', a, b, decision: await id.reject(a.id, b.id, d) };
    }
    case 'unreject': {
      const a = await resolveOne(store, act.a);
      const b = await resolveOne(store, act.b);
      return { action: 'unreject', a, b, removed: await id.unreject(a.id, b.id, d) };
    }
    case 'undo': {
      const a = await resolveOne(store, act.a);
      const b = await resolveOne(store, act.b);
      const last = (await id.decisions(UNDO_LOOKBACK)).find((x) => (x.action === 'merge' || x.action === 'reject' || x.action === 'unreject' || x.action === 'split') && x.accounts.includes(b.id) && (x.action === 'split' || x.accounts.includes(a.id)));
      if (last?.action === 'reject') return { action: 'unreject', a, b, removed: await id.unreject(a.id, b.id, d) };
      const members = await id.members();
      if (last?.action === 'merge' && members.get(a.id) && members.get(a.id)?.person === members.get(b.id)?.person) return { action: 'split', account: b, ...(await id.split(b.id, d)) };
      throw new ClewError('NOT_FOUND', `nothing to undo for ${a.ref} / ${b.ref}: their latest decision is not a standing merge or rejection`, { a: a.id, b: b.id });
    }
  }
}

/** How many recent decisions `undo` looks through for the pair's latest one. */
const UNDO_LOOKBACK = 10_000;

/** Apply a decision through a short-lived writable handle on the case file (for the read-only server). */
export function decide(casePath: string, act: IdentityAction, opts: DecideOptions = {}): Promise<DecideResult> {
  return withCase(casePath, { threadedWriter: false }, (store) => decideIn(store, act, opts));
}

export interface IdentityListResult {
  persons: PersonView[];
  decisions: IdentityDecision[];
}

export async function identityList(store: IdentityPort, opts: { decisions?: number } = {}): Promise<IdentityListResult> {
  const id = store.identity();
  return { persons: await id.persons(), decisions: await id.decisions(Math.min(opts.decisions ?? 50, 10_000)) };
}

export interface HandleReview {
  account: AccountView;
  person: { id: number; name: string } | null;
  /** Names others saved for the handle (most frequent first) and its display name. */
  names: { name: string; count: number }[];
  /** Partners, most messages first. */
  contacts: { account: AccountView; count: number }[];
  hours: number[];
  first: number | null;
  last: number | null;
  messages: number;
}

/** The side-by-side detail of two handles for the review view. */
export async function reviewPair(store: IdentityPort & SearchPort & NetworkPort, a: string, b: string): Promise<{ a: HandleReview; b: HandleReview }> {
  const accA = await resolveOne(store, a);
  const accB = await resolveOne(store, b);
  // only these two accounts' activity, names and links: quick on a big case
  const data = await store.identity().dataFor([accA.id, accB.id]);
  const members = await store.identity().members();
  const accounts = await store.accountsByIds(data.links.flatMap((l) => [l.a, l.b]));
  const one = (acc: AccountView): HandleReview => {
    const h = data.handles.find((x) => x.id === acc.id)!;
    const names = new Map<string, number>();
    if (h.displayName) names.set(h.displayName, 1);
    for (const c of data.contacts) if (c.contact === acc.id) names.set(c.name, (names.get(c.name) ?? 0) + 1);
    const partners = new Map<number, number>();
    for (const l of data.links) {
      if (l.a === acc.id) partners.set(l.b, (partners.get(l.b) ?? 0) + l.count);
      if (l.b === acc.id) partners.set(l.a, (partners.get(l.a) ?? 0) + l.count);
    }
    const m = members.get(acc.id);
    return {
      account: acc,
      person: m ? { id: m.person, name: m.name } : null,
      names: [...names.entries()].map(([name, count]) => ({ name, count })).sort((x, y) => y.count - x.count).slice(0, 50),
      contacts: [...partners.entries()].sort((x, y) => y[1] - x[1]).slice(0, 50).map(([id, count]) => ({ account: accounts.get(id)!, count })),
      hours: h.hours,
      first: h.first,
      last: h.last,
      messages: h.messages,
    };
  };
  return { a: one(accA), b: one(accB) };
}
