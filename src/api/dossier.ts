/**
 * Dossiers: what a case holds about an account (and, once identity resolution links accounts
 * into people, about a person). The CLI (`clew dossier`) and the server (GET /api/dossier/:ref)
 * both call this.
 */
import { ClewError } from '../model/errors.js';
import { filterTerm } from '../text/query/quote.js';
import type { AccountView, DossierData, DossierOptions, DossierPort, IdentityPort, MessagePort, PersonView, SearchPort } from '../store/types.js';

export type { DossierData, DossierOptions };

/**
 * Whose dossier: an account by reference (or a handle / display name naming exactly one
 * account), or a person of identity resolution (id or name): all the person's accounts.
 */
export type DossierSubject = { account: string } | { person: string };

export interface DossierResult extends DossierData {
  subject: { kind: 'account' | 'person'; ref: string; label: string };
  /** A person's dossier: each of its handles (accounts) with its own first and last activity and messages sent. */
  handles?: { account: AccountView; first: number | null; last: number | null; sent: number; received: number }[];
  /**
   * The search filter that selects the subject's messages (`from:REF`, one per account): add
   * `entity:TYPE=VALUE`, `to:REF` … to it for the messages behind any figure of the dossier.
   */
  from: string;
  elapsedMs: number;
}

export const MAX_REF_CHARS = 300;

function label(a: AccountView): string {
  return a.displayName ?? a.handle;
}

/** The accounts an account term names: exact reference first, else a handle or display name naming exactly one. */
export async function resolveSubjectAccounts(store: SearchPort & IdentityPort, subject: DossierSubject): Promise<AccountView[]> {
  if ('person' in subject) return (await resolvePerson(store, subject.person)).accounts;
  const ref = subject.account.trim();
  if (ref === '' || ref.length > MAX_REF_CHARS) throw new ClewError('INVALID_ARGUMENT', `an account reference has 1 to ${MAX_REF_CHARS} characters`);
  const found = await store.resolveAccounts(ref);
  if (found.length === 0) throw new ClewError('NOT_FOUND', `no account "${ref}" in this case`, { ref });
  const exact = found.filter((a) => a.ref === ref);
  if (exact.length === 1) return exact;
  if (found.length > 1)
    throw new ClewError('INVALID_ARGUMENT', `"${ref}" names ${found.length} accounts; use one of their references (${found.slice(0, 5).map((a) => a.ref).join(', ')})`, {
      ref,
      matches: found.length,
    });
  return found;
}

/** A person (identity resolution) by id (`12`, `#12`) or by name naming exactly one; NOT_FOUND otherwise. */
export async function resolvePerson(store: IdentityPort, term: string): Promise<PersonView> {
  const t = term.trim();
  if (t === '' || t.length > MAX_REF_CHARS) throw new ClewError('INVALID_ARGUMENT', `a person is named by its id or a name of 1 to ${MAX_REF_CHARS} characters`);
  const persons = await store.identity().persons();
  const m = /^#?(\d{1,15})$/.exec(t);
  const found = m ? persons.filter((p) => p.id === Number(m[1])) : persons.filter((p) => p.name.toLowerCase() === t.toLowerCase());
  if (found.length === 0) throw new ClewError('NOT_FOUND', `no person "${t}" in this case (identity resolution: clew identity merge)`, { person: t });
  if (found.length > 1) throw new ClewError('INVALID_ARGUMENT', `"${t}" names ${found.length} persons; use the id (${found.map((p) => p.id).join(', ')})`, { person: t, matches: found.length });
  return found[0]!;
}

export async function dossier(store: DossierPort & SearchPort & IdentityPort, subject: DossierSubject, opts: DossierOptions = {}): Promise<DossierResult> {
  const t0 = performance.now();
  if ('person' in subject) {
    const person = await resolvePerson(store, subject.person);
    const data = await store.dossier(
      person.accounts.map((a) => a.id),
      opts,
    );
    const handles: NonNullable<DossierResult['handles']> = [];
    for (const a of person.accounts) {
      const one = await store.dossier([a.id], { contacts: 1, conversations: 1, entitiesPerType: 1, names: 1, places: 1 });
      handles.push({ account: a, first: one.activity.first, last: one.activity.last, sent: one.activity.sent, received: one.activity.received });
    }
    handles.sort((x, y) => (x.first ?? Infinity) - (y.first ?? Infinity));
    return {
      subject: { kind: 'person', ref: `person:${person.id}`, label: person.name },
      from: data.accounts.map((a) => filterTerm('from', a.ref)).join(' '),
      ...data,
      handles,
      elapsedMs: performance.now() - t0,
    };
  }
  const accounts = await resolveSubjectAccounts(store, subject);
  const data = await store.dossier(
    accounts.map((a) => a.id),
    opts,
  );
  const first = data.accounts[0]!;
  return {
    subject: { kind: 'account', ref: first.ref, label: label(first) },
    from: data.accounts.map((a) => filterTerm('from', a.ref)).join(' '),
    ...data,
    elapsedMs: performance.now() - t0,
  };
}

export interface AccountSearchResult {
  /** Accounts the term names (reference, handle or display name; case-insensitive). */
  matches: AccountView[];
  /** The most active accounts (messages and calls both ways). */
  top: { account: AccountView; sent: number; received: number; contacts: number }[];
}

/** The dossier index: accounts named by a term, and the most active accounts. */
export async function findAccounts(store: SearchPort & MessagePort, term: string, top = 25): Promise<AccountSearchResult> {
  const t = term.trim();
  if (t.length > MAX_REF_CHARS) throw new ClewError('INVALID_ARGUMENT', `a search term has at most ${MAX_REF_CHARS} characters`);
  return { matches: t ? (await store.resolveAccounts(t)).slice(0, 200) : [], top: (await store.stats({ top })).topTalkers };
}
