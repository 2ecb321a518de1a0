/**
 * The one name resolver, over an open case: the store supplies the candidates (its accounts,
 * saved names, device phone numbers and persons), src/identity/resolve-ref.ts applies the rule.
 * Every API that takes a person or an account resolves through here.
 */
import { type BestName, bestNames, expectOne, rankSubjects, type RefSubject, resolveRef } from '../identity/resolve-ref.js';
import type { AccountView, IdentityPort, NameDirectory, NetworkPort, PersonView } from '../store/types.js';
import { KEPT, kept } from './kept.js';

export { accountsOf, choiceOf, refOf, type RefSubject } from '../identity/resolve-ref.js';

/** The candidates of one case, read once for several terms. */
export interface RefIndex {
  dir: NameDirectory;
  persons: PersonView[];
  /**
   * Messages and calls per account (sent and received), read on first need (only to rank the
   * candidates of an ambiguous name) and then kept with the index.
   */
  activity?: () => Promise<Map<number, number>>;
}

/** The index of a case: kept while the case does not change (kept.ts), else read now. */
export function refIndex(store: IdentityPort): Promise<RefIndex> {
  return kept(store, KEPT.refIndex, () => loadRefIndex(store));
}

/** Read the case's accounts, saved names, device numbers and persons. */
export async function loadRefIndex(store: IdentityPort): Promise<RefIndex> {
  const id = store.identity();
  const [dir, persons] = await Promise.all([id.names(), id.persons()]);
  const edges = (store as Partial<NetworkPort>).edges?.bind(store);
  let activity: Promise<Map<number, number>> | null = null;
  return { dir, persons, ...(edges ? { activity: () => (activity ??= accountActivity(edges)) } : {}) };
}

async function accountActivity(edges: NetworkPort['edges']): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for await (const chunk of edges())
    for (const e of chunk) {
      out.set(e.src, (out.get(e.src) ?? 0) + e.count);
      if (e.dst !== e.src) out.set(e.dst, (out.get(e.dst) ?? 0) + e.count);
    }
  return out;
}

/** Every subject a term names (none, one or several), likeliest first (activity breaks ties among several). */
export async function resolveSubjects(store: IdentityPort, term: string, index?: RefIndex): Promise<RefSubject[]> {
  const ix = index ?? (await refIndex(store));
  const found = resolveRef(term, ix.dir, ix.persons);
  return found.length > 1 && ix.activity ? rankSubjects(found, await ix.activity()) : found;
}

/** Exactly one subject: NOT_FOUND for none, AMBIGUOUS_REF with the candidates for several. */
export async function resolveSubject(store: IdentityPort, term: string, index?: RefIndex): Promise<RefSubject> {
  return expectOne(term, await resolveSubjects(store, term, index));
}

/** The accounts exactly one subject stands for. */
export async function resolveSubjectAccountsOf(store: IdentityPort, term: string, index?: RefIndex): Promise<AccountView[]> {
  const s = await resolveSubject(store, term, index);
  return s.kind === 'person' ? s.person.accounts : [s.account];
}

/** The label (best name) of every account, with the names others saved it under. */
export async function accountLabels(store: IdentityPort): Promise<Map<number, BestName>> {
  return bestNames(await store.identity().names());
}
