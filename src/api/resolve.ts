/**
 * The one name resolver, over an open case: the store supplies the candidates (its accounts,
 * saved names, device phone numbers and persons), src/identity/resolve-ref.ts applies the rule.
 * Every API that takes a person or an account resolves through here.
 */
import { type BestName, bestNames, expectOne, type RefSubject, resolveRef } from '../identity/resolve-ref.js';
import type { AccountView, IdentityPort, NameDirectory, PersonView } from '../store/types.js';

export { accountsOf, choiceOf, refOf, type RefSubject } from '../identity/resolve-ref.js';

/** The candidates of one case, read once for several terms. */
export interface RefIndex {
  dir: NameDirectory;
  persons: PersonView[];
}

export async function refIndex(store: IdentityPort): Promise<RefIndex> {
  const id = store.identity();
  const [dir, persons] = await Promise.all([id.names(), id.persons()]);
  return { dir, persons };
}

/** Every subject a term names (none, one or several). */
export async function resolveSubjects(store: IdentityPort, term: string, index?: RefIndex): Promise<RefSubject[]> {
  const ix = index ?? (await refIndex(store));
  return resolveRef(term, ix.dir, ix.persons);
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
