/**
 * Dossiers: what a case holds about an account (and, once identity resolution links accounts
 * into people, about a person). The CLI (`clew dossier`) and the server (GET /api/dossier/:ref)
 * both call this.
 */
import { ClewError } from '../model/errors.js';
import { filterTerm } from '../text/query/quote.js';
import { resolveSubject, resolveSubjects, type RefSubject } from './resolve.js';
import { labelTalkers, withLabels } from './thread.js';
import { expectOne } from '../identity/resolve-ref.js';
import { KEPT, kept, KEPT_DOSSIERS } from './kept.js';
import type { AccountView, DossierData, DossierOptions, DossierPort, IdentityPort, MessagePort, PersonView, SearchPort } from '../store/types.js';

export type { DossierData, DossierOptions };

/**
 * Whose dossier: an account by reference (or a handle / display name naming exactly one
 * account), or a person of identity resolution (id or name): all the person's accounts.
 */
export type DossierSubject = { account: string } | { person: string };

export interface DossierResult extends DossierData {
  /**
   * `label`: the best name (an account's display name, else the name most phones saved it under,
   * else its handle; a person's name); `savedAs` has every saved name with its phones.
   * `matched`: how the term named the subject (e.g. `saved as "Kum" by 2 phones`).
   */
  subject: { kind: 'account' | 'person'; ref: string; label: string; matched: string[] };
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

/** The accounts a subject names, through the one resolver (src/api/resolve.ts): NOT_FOUND, or AMBIGUOUS_REF with the candidates. */
export async function resolveSubjectAccounts(store: IdentityPort, subject: DossierSubject): Promise<AccountView[]> {
  const s = await resolveSubject(store, termOf(subject));
  return s.kind === 'person' ? s.person.accounts : [s.account];
}

function termOf(subject: DossierSubject): string {
  const t = ('person' in subject ? subject.person : subject.account).trim();
  if (t === '' || t.length > MAX_REF_CHARS) throw new ClewError('INVALID_ARGUMENT', `a name or reference has 1 to ${MAX_REF_CHARS} characters`);
  return 'person' in subject ? `person:${t}` : t;
}

/** A person (identity resolution) by id (`12`, `#12`) or by name naming exactly one; NOT_FOUND otherwise. */
export async function resolvePerson(store: IdentityPort, term: string): Promise<PersonView> {
  const t = term.trim();
  if (t === '' || t.length > MAX_REF_CHARS) throw new ClewError('INVALID_ARGUMENT', `a person is named by its id or a name of 1 to ${MAX_REF_CHARS} characters`);
  const found = await resolveSubjects(store, `person:${t}`);
  if (found.length === 0) throw new ClewError('NOT_FOUND', `no person "${t}" in this case (identity resolution: clew identity merge)`, { person: t });
  const s = expectOne(t, found);
  return (s as Extract<RefSubject, { kind: 'person' }>).person as PersonView;
}

/**
 * The store's dossier of the accounts `ids`: a server keeps it in the case's state (api/kept.ts),
 * one per accounts and options, until the case changes; its counts are read from the case again only then.
 */
function keptDossier(store: DossierPort, ids: number[], opts: DossierOptions): Promise<DossierData> {
  return kept(store, KEPT.dossier, () => store.dossier(ids, opts), { key: [ids, opts], keep: KEPT_DOSSIERS });
}

export async function dossier(store: DossierPort & SearchPort & IdentityPort, subject: DossierSubject, opts: DossierOptions = {}): Promise<DossierResult> {
  const t0 = performance.now();
  const s = await resolveSubject(store, termOf(subject));
  if (s.kind === 'person') {
    const person = s.person as PersonView;
    const data = await keptDossier(
      store,
      person.accounts.map((a) => a.id),
      opts,
    );
    const handles: NonNullable<DossierResult['handles']> = [];
    for (const a of person.accounts) {
      const one = await keptDossier(store, [a.id], { contacts: 1, conversations: 1, entitiesPerType: 1, names: 1, places: 1 });
      handles.push({ account: a, first: one.activity.first, last: one.activity.last, sent: one.activity.sent, received: one.activity.received });
    }
    handles.sort((x, y) => (x.first ?? Infinity) - (y.first ?? Infinity));
    return {
      subject: { kind: 'person', ref: `person:${person.id}`, label: person.name, matched: s.how },
      from: data.accounts.map((a) => filterTerm('from', a.ref)).join(' '),
      ...data,
      handles,
      elapsedMs: performance.now() - t0,
    };
  }
  const data = await keptDossier(store, [s.account.id], opts);
  const first = data.accounts[0]!;
  return {
    subject: { kind: 'account', ref: first.ref, label: s.label, matched: s.how },
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
export async function findAccounts(store: SearchPort & MessagePort & IdentityPort, term: string, top = 25): Promise<AccountSearchResult> {
  const t = term.trim();
  if (t.length > MAX_REF_CHARS) throw new ClewError('INVALID_ARGUMENT', `a search term has at most ${MAX_REF_CHARS} characters`);
  const matches = t ? (await resolveSubjects(store, t)).flatMap((x) => (x.kind === 'person' ? x.person.accounts : [x.account])) : [];
  // every account by its best name (display name, else the name most phones saved, else the handle)
  return { matches: await withLabels(store, matches.slice(0, 200) as AccountView[]), top: await labelTalkers(store, (await store.stats({ top })).topTalkers) };
}
